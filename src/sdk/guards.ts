// Size guards: "is this value's size bounded at this point of the program?"
//
// A guard is a check that runs on every path to a point, in the same function, and leaves only small values
// through: `if (Buffer.byteLength(s) > 4096) throw …` (or return/continue/break/process.exit), an `else` or
// `&&` branch taken only when the size is small, `assert(buf.length <= 4096)`. Dominance is decided on the
// syntax tree, conservatively: a guard counts when it is an earlier statement of a block that contains the
// point (so it has run, and did not exit, on every path reaching the point), or the test of an if/ternary/&&
// whose taken branch contains the point. Guards in other functions, in earlier `case`s, inside nested blocks
// or after the point never count, and a guard on a variable that is ever reassigned (or a property ever
// written) proves nothing.
//
// Sizes are tracked in two measures: UTF-8 bytes (Buffer.byteLength, a byte array's length) and UTF-16 code
// units (a string's `.length`). One code unit is at most 3 UTF-8 bytes (BMP characters up to 3 bytes, a
// surrogate pair of 2 units is 4 bytes, a lone surrogate becomes U+FFFD, 3 bytes), so a units bound U
// bounds the bytes by 3U only.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { constInitOf, originOfExpression, staticPropertyName, variableOf } from './bindings.js';
import { byteSize, evaluate } from './constant.js';
import { getTypeInfo, typeAt } from './typeInfo.js';
import { isFunctionNode, unwrapAwait as unwrap } from './ast.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type Variable = TSESLint.Scope.Variable;

/** UTF-8 bytes a single UTF-16 code unit can take at most. */
export const MAX_UTF8_BYTES_PER_UTF16_UNIT = 3;

const MAX_DEPTH = 10;

function isUnshadowedGlobal(context: Context, node: TSESTree.Node, name: string): boolean {
  if (node.type !== 'Identifier' || node.name !== name) return false;
  const variable = variableOf(context, node);
  return !variable || variable.defs.length === 0;
}

// ---------------------------------------------------------------------------------------------------------
// What kind of value: bytes, a string, or unknown.

export type ValueKind = 'bytes' | 'string' | 'unknown';

const byteArrayTypeNames = new Set([
  'Buffer',
  'NonSharedBuffer',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int8Array',
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
]);

function kindOfTypeAnnotation(node: TSESTree.Node | undefined): ValueKind {
  if (!node) return 'unknown';
  if (node.type === 'TSStringKeyword') return 'string';
  if (node.type === 'TSLiteralType' && node.literal.type === 'Literal' && typeof node.literal.value === 'string') return 'string';
  if (node.type === 'TSTypeReference' && node.typeName.type === 'Identifier' && byteArrayTypeNames.has(node.typeName.name)) return 'bytes';
  return 'unknown';
}

function kindOfConstruction(context: Context, node: TSESTree.Node): ValueKind {
  const n = unwrap(node);
  if (n.type === 'Literal' && typeof n.value === 'string') return 'string';
  if (n.type === 'TemplateLiteral') return 'string';
  if (n.type === 'NewExpression' && n.callee.type === 'Identifier' && byteArrayTypeNames.has(n.callee.name)) return 'bytes';
  if (n.type === 'CallExpression') {
    const callee = unwrap(n.callee);
    if (callee.type === 'Identifier' && callee.name === 'String' && isUnshadowedGlobal(context, callee, 'String')) return 'string';
    if (callee.type === 'MemberExpression') {
      const method = staticPropertyName(callee);
      const obj = unwrap(callee.object);
      if (obj.type === 'Identifier' && (obj.name === 'Buffer' || obj.name === 'Uint8Array') && isUnshadowedGlobal(context, obj, obj.name)) {
        if (method === 'from' || method === 'alloc' || method === 'allocUnsafe' || method === 'concat' || method === 'of') return 'bytes';
      }
      if (obj.type === 'Identifier' && obj.name === 'JSON' && method === 'stringify') return 'string';
      if (method === 'encode' && isTextEncoder(context, obj)) return 'bytes';
      if (method === 'toString' || method === 'join' || method === 'trim' || method === 'toUpperCase' || method === 'toLowerCase') {
        return 'string';
      }
      if (method === 'randomBytes') return 'bytes';
    }
    // fs.readFileSync(path) without an encoding gives a Buffer; with one, a string.
    const origin = originOfExpression(context, callee);
    if (origin?.kind === 'export' && /^(node:)?fs(\/promises)?$/.test(origin.module) && /^readFile(Sync)?$/.test(origin.name)) {
      const options = n.arguments[1];
      if (!options) return 'bytes';
      const v = evaluate(context, options);
      if (v?.kind === 'string' || (v?.kind === 'object' && typeof v.value.encoding === 'string')) return 'string';
      if (v?.kind === 'object' && v.value.encoding === undefined) return 'bytes';
    }
  }
  const v = evaluate(context, n);
  if (v?.kind === 'string') return 'string';
  if (v?.kind === 'bytes') return 'bytes';
  return 'unknown';
}

function isTextEncoder(context: Context, node: TSESTree.Node): boolean {
  let enc = unwrap(node);
  if (enc.type === 'Identifier') enc = unwrap(constInitOf(variableOf(context, enc)) ?? enc);
  return enc.type === 'NewExpression' && enc.callee.type === 'Identifier' && enc.callee.name === 'TextEncoder';
}

/**
 * Is this value a byte array or a string? From the checker's type when there is one, else from how the
 * value was built (`Buffer.from`, `new Uint8Array`, a literal) or its type annotation. Never throws.
 */
export function valueKind(context: Context, node: TSESTree.Node, depth = 0): ValueKind {
  if (depth > MAX_DEPTH) return 'unknown';
  try {
    const n = unwrap(node);
    const built = kindOfConstruction(context, n);
    if (built !== 'unknown') return built;
    if (n.type === 'Identifier') {
      const variable = variableOf(context, n);
      const init = constInitOf(variable);
      if (init) {
        const viaInit = valueKind(context, init, depth + 1);
        if (viaInit !== 'unknown') return viaInit;
      }
      const name = variable?.defs[0]?.name;
      const annotated = name && 'typeAnnotation' in name ? kindOfTypeAnnotation(name.typeAnnotation?.typeAnnotation) : 'unknown';
      if (annotated !== 'unknown') return annotated;
    }
    return kindOfType(context, n);
  } catch {
    return 'unknown';
  }
}

function kindOfType(context: Context, node: TSESTree.Node): ValueKind {
  const info = getTypeInfo(context);
  if (!info) return 'unknown';
  const type = typeAt(info, node);
  if (!type) return 'unknown';
  const f = info.ts.TypeFlags;
  const parts = (type.isUnion() ? type.types : [type]).filter((t) => !(t.flags & (f.Undefined | f.Null | f.Void)));
  if (parts.length === 0) return 'unknown';
  if (parts.every((t) => t.flags & f.StringLike)) return 'string';
  const isBytes = (t: typeof type): boolean => {
    const symbol = t.getSymbol() ?? t.aliasSymbol;
    return !!symbol && byteArrayTypeNames.has(symbol.getName());
  };
  if (parts.every(isBytes)) return 'bytes';
  return 'unknown';
}

// ---------------------------------------------------------------------------------------------------------
// Subjects: a variable, or a property path on a variable (`event.body`), stable between guard and use.

interface Subject {
  variable: Variable;
  path: string[];
}

let nextSubjectId = 1;

function subjectKey(s: Subject, ids: WeakMap<Variable, number>): string {
  let id = ids.get(s.variable);
  if (id === undefined) {
    id = nextSubjectId++;
    ids.set(s.variable, id);
  }
  return `${id}:${s.path.join('.')}`;
}

function subjectOf(context: Context, node: TSESTree.Node, depth = 0): Subject | null {
  if (depth > MAX_DEPTH) return null;
  const n = unwrap(node);
  if (n.type === 'Identifier') {
    const variable = variableOf(context, n);
    return variable && variable.defs.length === 1 && isStable(variable, []) ? { variable, path: [] } : null;
  }
  if (n.type === 'MemberExpression' && !(n.computed && n.property.type !== 'Literal')) {
    const name = staticPropertyName(n);
    if (name === null) return null;
    const base = subjectOf(context, n.object, depth + 1);
    if (!base) return null;
    const path = [...base.path, name];
    return isStable(base.variable, path) ? { variable: base.variable, path } : null;
  }
  return null;
}

/**
 * Never reassigned after its declaration, and (for a property path) no write to that path or a prefix of
 * it through the variable, and the object is not handed to other code that could change it.
 */
function isStable(variable: Variable, path: string[]): boolean {
  for (const ref of variable.references) {
    if (ref.isWrite() && !ref.init) return false;
    if (path.length === 0) continue;
    let node: TSESTree.Node = ref.identifier as TSESTree.Node;
    const names: string[] = [];
    while (node.parent?.type === 'MemberExpression' && node.parent.object === node) {
      const name = staticPropertyName(node.parent);
      names.push(name ?? '*');
      node = node.parent;
    }
    const parent = node.parent;
    const written =
      (parent?.type === 'AssignmentExpression' && parent.left === node) ||
      parent?.type === 'UpdateExpression' ||
      (parent?.type === 'UnaryExpression' && parent.operator === 'delete');
    if (names.length === 0) {
      // The object itself passed to a call or stored elsewhere: someone may change the property.
      if (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') return false;
      continue;
    }
    if (written) {
      const overlap = names.every((n, i) => i >= path.length || n === '*' || n === path[i]);
      if (overlap) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Measures: `Buffer.byteLength(x)`, `x.length`, `x.byteLength`, `new TextEncoder().encode(x).length`.

/** What a size expression measures, and of which value. */
export interface Measure {
  subject: TSESTree.Node;
  /** `bytes`: UTF-8 bytes (or a byte array's length); `units`: a string's UTF-16 code units (or unknown). */
  unit: 'bytes' | 'units';
  /** The `.length` read, when the unit is `units`: where a fix would put `Buffer.byteLength(…)`. */
  lengthNode?: TSESTree.MemberExpression;
}

function isUtf8Encoding(context: Context, node: TSESTree.Node | undefined): boolean {
  if (!node) return true;
  const v = evaluate(context, node);
  return v?.kind === 'string' && /^utf-?8$/i.test(v.value);
}

/** `Buffer.from(x[, enc])` or `encoder.encode(x)`: the source and its encoding; null otherwise. */
export function encodingOf(
  context: Context,
  node: TSESTree.Node,
): { source: TSESTree.Node; encoding: string } | null {
  const n = unwrap(node);
  if (n.type !== 'CallExpression' || n.arguments.length === 0 || n.arguments[0].type === 'SpreadElement') return null;
  const callee = unwrap(n.callee);
  if (callee.type !== 'MemberExpression') return null;
  const method = staticPropertyName(callee);
  const obj = unwrap(callee.object);
  if (method === 'from' && obj.type === 'Identifier' && obj.name === 'Buffer' && isUnshadowedGlobal(context, obj, 'Buffer')) {
    if (n.arguments.length > 2) return null;
    if (!n.arguments[1]) return { source: n.arguments[0], encoding: 'utf8' };
    const enc = evaluate(context, n.arguments[1]);
    return enc?.kind === 'string' ? { source: n.arguments[0], encoding: enc.value.toLowerCase() } : null;
  }
  if (method === 'encode' && n.arguments.length === 1 && isTextEncoder(context, obj)) return { source: n.arguments[0], encoding: 'utf8' };
  return null;
}

/** Reads a size expression, following `const size = Buffer.byteLength(s)`. Null when it is not one. */
export function measureOf(context: Context, node: TSESTree.Node, depth = 0): Measure | null {
  if (depth > MAX_DEPTH) return null;
  const n = unwrap(node);
  if (n.type === 'Identifier') {
    const init = constInitOf(variableOf(context, n));
    return init ? measureOf(context, init, depth + 1) : null;
  }
  if (n.type === 'CallExpression') {
    const callee = unwrap(n.callee);
    if (
      callee.type === 'MemberExpression' &&
      staticPropertyName(callee) === 'byteLength' &&
      isUnshadowedGlobal(context, unwrap(callee.object), 'Buffer') &&
      n.arguments[0] &&
      n.arguments[0].type !== 'SpreadElement' &&
      n.arguments.length <= 2 &&
      isUtf8Encoding(context, n.arguments[1])
    ) {
      return { subject: n.arguments[0], unit: 'bytes' };
    }
    return null;
  }
  if (n.type !== 'MemberExpression') return null;
  const prop = staticPropertyName(n);
  if (prop !== 'length' && prop !== 'byteLength') return null;
  const object = unwrap(n.object);
  const kind = valueKind(context, object);
  if (prop === 'byteLength') {
    // A string has no byteLength: `s.byteLength > 4096` is `undefined > 4096`, never true.
    return kind === 'string' ? null : { subject: object, unit: 'bytes' };
  }
  if (kind === 'bytes') return { subject: object, unit: 'bytes' };
  return { subject: object, unit: 'units', lengthNode: n };
}

/**
 * The values a byte count is also the UTF-8 size of: `x` itself, and for `const x = Buffer.from(s)` or
 * `encode(s)` (UTF-8), `s` too, so a check on either bounds a plaintext built from either.
 */
function byteEquivalents(context: Context, node: TSESTree.Node, depth = 0): TSESTree.Node[] {
  const out = [node];
  if (depth > MAX_DEPTH) return out;
  let n = unwrap(node);
  if (n.type === 'Identifier') n = unwrap(constInitOf(variableOf(context, n)) ?? n);
  const enc = encodingOf(context, n);
  if (enc && enc.encoding.replace('-', '') === 'utf8') out.push(...byteEquivalents(context, enc.source, depth + 1));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Facts from conditions: `size > L` false, `size <= L` true, `a || size > L` false, `a && size <= L` true.

/** A proven upper bound on one measure of one value at some point. */
export interface SizeFact {
  measure: Measure;
  /** Inclusive upper bound. */
  max: number;
  /** The guard that proves it (an if statement, an assert call, a condition). */
  guard: TSESTree.Node;
}

const flipped: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '===': '===', '==': '==', '!==': '!==', '!=': '!=' };

/** The upper bounds a condition proves when it evaluates to `outcome`. */
export function conditionFacts(context: Context, test: TSESTree.Node, outcome: boolean, guard: TSESTree.Node, depth = 0): SizeFact[] {
  if (depth > MAX_DEPTH) return [];
  const n = unwrap(test);
  if (n.type === 'UnaryExpression' && n.operator === '!') return conditionFacts(context, n.argument, !outcome, guard, depth + 1);
  if (n.type === 'LogicalExpression') {
    // a && b true: both true; a || b false: both false.
    if ((n.operator === '&&' && outcome) || (n.operator === '||' && !outcome)) {
      return [...conditionFacts(context, n.left, outcome, guard, depth + 1), ...conditionFacts(context, n.right, outcome, guard, depth + 1)];
    }
    return [];
  }
  if (n.type !== 'BinaryExpression' || !(n.operator in flipped) || n.left.type === 'PrivateIdentifier') return [];
  let measure = measureOf(context, n.left);
  let limitNode: TSESTree.Node = n.right;
  let op = n.operator;
  if (!measure) {
    measure = measureOf(context, n.right);
    limitNode = n.left;
    op = flipped[op] as typeof op;
  }
  if (!measure) return [];
  const limit = evaluate(context, limitNode);
  if (limit?.kind !== 'number' || !Number.isFinite(limit.value)) return [];
  const L = limit.value;
  // Sizes are non-negative integers: `size < L` means `size <= ceil(L) - 1`.
  let max: number | null = null;
  if (outcome) {
    if (op === '<') max = Math.ceil(L) - 1;
    else if (op === '<=') max = Math.floor(L);
    else if (op === '===' || op === '==') max = L;
  } else {
    if (op === '>') max = Math.floor(L);
    else if (op === '>=') max = Math.ceil(L) - 1;
    else if (op === '!==' || op === '!=') max = L;
  }
  return max === null || max < 0 ? [] : [{ measure, max, guard }];
}

// ---------------------------------------------------------------------------------------------------------
// Exits and assertions.

/** Does this statement always leave the enclosing block (throw, return, continue, break, process.exit)? */
export function alwaysExits(context: Context, stmt: TSESTree.Node | null | undefined, depth = 0): boolean {
  if (!stmt || depth > MAX_DEPTH) return false;
  switch (stmt.type) {
    case 'ThrowStatement':
    case 'ReturnStatement':
    case 'ContinueStatement':
    case 'BreakStatement':
      return true;
    case 'BlockStatement':
      return stmt.body.some((s) => alwaysExits(context, s, depth + 1));
    case 'IfStatement':
      return alwaysExits(context, stmt.consequent, depth + 1) && alwaysExits(context, stmt.alternate, depth + 1);
    case 'ExpressionStatement':
      return isExitCall(context, stmt.expression);
    default:
      return false;
  }
}

function isExitCall(context: Context, expr: TSESTree.Node): boolean {
  const n = unwrap(expr);
  if (n.type !== 'CallExpression') return false;
  const callee = unwrap(n.callee);
  if (callee.type === 'MemberExpression') {
    const name = staticPropertyName(callee);
    const obj = unwrap(callee.object);
    if ((name === 'exit' || name === 'abort') && isUnshadowedGlobal(context, obj, 'process')) return true;
    if (name === 'exit' || name === 'abort') {
      const origin = originOfExpression(context, callee);
      if (origin?.kind === 'export' && /^(node:)?process$/.test(origin.module)) return true;
    }
  }
  // A function typed to return `never` (a `fail(...)` helper that throws).
  const info = getTypeInfo(context);
  if (info) {
    const type = typeAt(info, n);
    if (type && type.flags & info.ts.TypeFlags.Never) return true;
  }
  return false;
}

const assertModules = /^(node:)?assert(\/strict)?$/;

/** `assert(cond)`, `assert.ok(cond)`, `strict(cond)`, `invariant(cond)`: the condition, or null. */
export function assertedCondition(context: Context, expr: TSESTree.Node): TSESTree.Node | null {
  const n = unwrap(expr);
  if (n.type !== 'CallExpression' || !n.arguments[0] || n.arguments[0].type === 'SpreadElement') return null;
  const origin = originOfExpression(context, unwrap(n.callee));
  if (!origin) return null;
  if (origin.kind === 'module' && assertModules.test(origin.module)) return n.arguments[0];
  if (origin.kind === 'export') {
    if (assertModules.test(origin.module) && (origin.name === 'default' || origin.name === 'ok' || origin.name === 'strict')) {
      return n.arguments[0];
    }
    if ((origin.module === 'tiny-invariant' || origin.module === 'invariant') && origin.name === 'default') return n.arguments[0];
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Dominance: the facts that hold at a point.

function factsOfPrecedingStatement(context: Context, stmt: TSESTree.Node): SizeFact[] {
  if (stmt.type === 'IfStatement') {
    // The test first: deciding whether a branch exits may ask the checker (a `never` call), the test rarely does.
    const whenFalse = conditionFacts(context, stmt.test, false, stmt);
    const whenTrue = stmt.alternate ? conditionFacts(context, stmt.test, true, stmt) : [];
    if (whenFalse.length === 0 && whenTrue.length === 0) return [];
    const thenExits = alwaysExits(context, stmt.consequent);
    const elseExits = alwaysExits(context, stmt.alternate);
    if (thenExits && !elseExits) return whenFalse;
    if (elseExits && !thenExits) return whenTrue;
    return [];
  }
  if (stmt.type === 'ExpressionStatement') {
    const cond = assertedCondition(context, stmt.expression);
    return cond ? conditionFacts(context, cond, true, stmt) : [];
  }
  return [];
}

/**
 * Every size bound proven at `at` by guards of the same function: earlier statements of the blocks that
 * contain it (an `if` that exits, an assert), and the tests of the branches it sits in. Never throws.
 */
const factsCache = new WeakMap<TSESTree.Node, SizeFact[]>();

export function dominatingSizeFacts(context: Context, at: TSESTree.Node): SizeFact[] {
  const cached = factsCache.get(at);
  if (cached) return cached;
  const facts = collectDominatingFacts(context, at);
  factsCache.set(at, facts);
  return facts;
}

function collectDominatingFacts(context: Context, at: TSESTree.Node): SizeFact[] {
  const facts: SizeFact[] = [];
  try {
    let child: TSESTree.Node = at;
    let parent = at.parent;
    while (parent && !isFunctionNode(parent)) {
      const list: TSESTree.Node[] | null =
        parent.type === 'BlockStatement' || parent.type === 'Program' || parent.type === 'StaticBlock'
          ? parent.body
          : parent.type === 'SwitchCase'
            ? parent.consequent
            : null;
      if (list) {
        for (const stmt of list) {
          if (stmt === child) break;
          facts.push(...factsOfPrecedingStatement(context, stmt));
        }
      }
      if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && child !== parent.test) {
        facts.push(...conditionFacts(context, parent.test, child === parent.consequent, parent));
      }
      if (parent.type === 'LogicalExpression' && child === parent.right && (parent.operator === '&&' || parent.operator === '||')) {
        facts.push(...conditionFacts(context, parent.left, parent.operator === '&&', parent));
      }
      child = parent;
      parent = parent.parent;
    }
  } catch {
    return facts;
  }
  return facts;
}

// ---------------------------------------------------------------------------------------------------------
// Bounds: the most a value's UTF-8 size can be at a point.

export interface SizeBound {
  /** Upper bound of the UTF-8 byte size (Infinity when nothing bounds it). */
  maxBytes: number;
  /**
   * When the best bound came from a string's `.length` (UTF-16 units, up to 3 bytes each) and bytes alone
   * are not bounded as tightly: the `.length` read and its unit limit.
   */
  viaUnits?: { lengthNode: TSESTree.MemberExpression; units: number };
  /** The API contract that bounds it, from `byteSize` (a data key's Plaintext ≤ 1,024 bytes). */
  boundedBy?: string;
}

interface Bound {
  bytes: number;
  units: number;
  /** A `.length` (UTF-16 units) check that contributed, kept to explain a bound that is too loose. */
  unitsGuard?: { lengthNode: TSESTree.MemberExpression; units: number };
  boundedBy?: string;
}

const NONE: Bound = { bytes: Infinity, units: Infinity };

function bytesOf(b: Bound): number {
  return Math.min(b.bytes, b.units * MAX_UTF8_BYTES_PER_UTF16_UNIT);
}

function tighter(a: Bound, b: Bound): Bound {
  const bytes = Math.min(a.bytes, b.bytes);
  const units = Math.min(a.units, b.units);
  return {
    bytes,
    units,
    unitsGuard: a.units <= b.units ? (a.unitsGuard ?? b.unitsGuard) : (b.unitsGuard ?? a.unitsGuard),
    boundedBy: a.bytes <= b.bytes ? (a.boundedBy ?? b.boundedBy) : (b.boundedBy ?? a.boundedBy),
  };
}

function looser(a: Bound, b: Bound): Bound {
  return {
    bytes: Math.max(bytesOf(a), bytesOf(b)),
    units: Math.max(a.units, b.units),
    unitsGuard: a.unitsGuard ?? b.unitsGuard,
    boundedBy: a.boundedBy ?? b.boundedBy,
  };
}

function sum(parts: Bound[]): Bound {
  let bytes = 0;
  let units = 0;
  let unitsGuard: Bound['unitsGuard'];
  for (const p of parts) {
    bytes += bytesOf(p);
    units += p.units;
    unitsGuard ??= p.unitsGuard;
  }
  return { bytes, units, unitsGuard };
}

class FactIndex {
  private readonly ids = new WeakMap<Variable, number>();
  private readonly byKey = new Map<string, Bound>();

  constructor(
    private readonly context: Context,
    facts: SizeFact[],
  ) {
    for (const fact of facts) {
      const b: Bound =
        fact.measure.unit === 'bytes'
          ? { bytes: fact.max, units: Infinity }
          : {
              bytes: Infinity,
              units: fact.max,
              unitsGuard: fact.measure.lengthNode ? { lengthNode: fact.measure.lengthNode, units: fact.max } : undefined,
            };
      const nodes = fact.measure.unit === 'bytes' ? byteEquivalents(context, fact.measure.subject) : [fact.measure.subject];
      for (const node of nodes) {
        const subject = subjectOf(context, node);
        if (!subject) continue;
        const key = subjectKey(subject, this.ids);
        this.byKey.set(key, tighter(this.byKey.get(key) ?? NONE, b));
      }
    }
  }

  get empty(): boolean {
    return this.byKey.size === 0;
  }

  of(node: TSESTree.Node): Bound {
    if (this.byKey.size === 0) return NONE;
    const subject = subjectOf(this.context, node);
    return subject ? (this.byKey.get(subjectKey(subject, this.ids)) ?? NONE) : NONE;
  }
}

function boundOf(context: Context, node: TSESTree.Node, facts: FactIndex, depth: number): Bound {
  if (depth > MAX_DEPTH) return NONE;
  const n = unwrap(node);
  const range = byteSize(context, n);
  let best: Bound = Number.isFinite(range.max) ? { bytes: range.max, units: Infinity, boundedBy: range.boundedBy } : NONE;
  best = tighter(best, facts.of(n));
  if (n.type === 'Identifier') {
    const init = constInitOf(variableOf(context, n));
    if (init) best = tighter(best, boundOf(context, init, facts, depth + 1));
    return Number.isFinite(bytesOf(best)) ? best : tighter(best, boundOfType(context, n));
  }
  const enc = encodingOf(context, n);
  if (enc) {
    const src = boundOf(context, enc.source, facts, depth + 1);
    const e = enc.encoding.replace('-', '');
    let converted: Bound;
    if (e === 'utf8') converted = { bytes: bytesOf(src), units: Infinity, unitsGuard: src.unitsGuard, boundedBy: src.boundedBy };
    else if (e === 'latin1' || e === 'binary' || e === 'ascii') converted = { bytes: Math.min(src.units, bytesOf(src)), units: Infinity };
    // Decoding base64 or hex never yields more bytes than input characters.
    else if (e === 'base64' || e === 'base64url' || e === 'hex') converted = { bytes: Math.min(src.units, bytesOf(src)), units: Infinity };
    else if (e === 'utf16le' || e === 'ucs2') converted = { bytes: 2 * src.units, units: Infinity };
    else converted = NONE;
    // A byte array copied by Buffer.from keeps its length, whatever the encoding argument.
    if (valueKind(context, enc.source) === 'bytes') converted = { bytes: src.bytes, units: Infinity };
    return tighter(best, converted);
  }
  if (n.type === 'ConditionalExpression') {
    return tighter(best, looser(boundOf(context, n.consequent, facts, depth + 1), boundOf(context, n.alternate, facts, depth + 1)));
  }
  if (n.type === 'LogicalExpression' && (n.operator === '??' || n.operator === '||')) {
    return tighter(best, looser(boundOf(context, n.left, facts, depth + 1), boundOf(context, n.right, facts, depth + 1)));
  }
  if (n.type === 'TemplateLiteral') {
    const parts: Bound[] = n.quasis.map((q) => {
      const s = q.value.cooked ?? '';
      return { bytes: Buffer.byteLength(s, 'utf8'), units: s.length };
    });
    for (const e of n.expressions) parts.push(boundOf(context, e, facts, depth + 1));
    return tighter(best, sum(parts));
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    return tighter(best, sum([boundOf(context, n.left, facts, depth + 1), boundOf(context, n.right, facts, depth + 1)]));
  }
  if (n.type === 'CallExpression') {
    const callee = unwrap(n.callee);
    if (callee.type === 'MemberExpression') {
      const method = staticPropertyName(callee);
      const receiver = unwrap(callee.object);
      if (method === 'concat' && isUnshadowedGlobal(context, receiver, 'Buffer') && n.arguments[0]?.type === 'ArrayExpression') {
        const parts: Bound[] = [];
        for (const el of n.arguments[0].elements) {
          if (!el || el.type === 'SpreadElement') return best;
          parts.push(boundOf(context, el, facts, depth + 1));
        }
        return tighter(best, { bytes: sum(parts).bytes, units: Infinity });
      }
      // Encodings of bounded bytes: hex doubles, base64 grows by 4/3.
      if (method === 'toString' && n.arguments.length === 1 && valueKind(context, receiver) === 'bytes') {
        const enc = evaluate(context, n.arguments[0]);
        const inner = bytesOf(boundOf(context, receiver, facts, depth + 1));
        if (enc?.kind === 'string' && Number.isFinite(inner)) {
          const e = enc.value.toLowerCase();
          if (e === 'hex') return tighter(best, { bytes: 2 * inner, units: 2 * inner });
          if (e === 'base64' || e === 'base64url') return tighter(best, { bytes: 4 * Math.ceil(inner / 3), units: 4 * Math.ceil(inner / 3) });
        }
      }
      if (method === 'toISOString' && n.arguments.length === 0) {
        // '+275760-09-13T00:00:00.000Z' is the longest a Date prints.
        return tighter(best, { bytes: 27, units: 27 });
      }
      if (method === 'slice' || method === 'subarray' || method === 'substring') {
        const span = sliceSpan(context, n);
        const whole = boundOf(context, receiver, facts, depth + 1);
        if (span === null) return tighter(best, whole);
        // A slice of a byte array is that many bytes; of a string (or unknown), that many UTF-16 units.
        const sliced: Bound = valueKind(context, receiver) === 'bytes' ? { bytes: span, units: Infinity } : { bytes: Infinity, units: span };
        return tighter(best, tighter(whole, sliced));
      }
    }
  }
  return Number.isFinite(bytesOf(best)) ? best : tighter(best, boundOfType(context, n));
}

/** `crypto.randomUUID()` and values typed number or boolean print in a few bytes. */
function boundOfType(context: Context, n: TSESTree.Node): Bound {
  if (n.type === 'CallExpression' && n.arguments.length === 0) {
    const origin = originOfExpression(context, unwrap(n.callee));
    const callee = unwrap(n.callee);
    const isUuid =
      (origin?.kind === 'export' && /^(node:)?crypto$/.test(origin.module) && origin.name === 'randomUUID') ||
      (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'randomUUID' && isUnshadowedGlobal(context, unwrap(callee.object), 'crypto'));
    if (isUuid) return { bytes: 36, units: 36 };
  }
  if (n.type === 'Literal' || n.type === 'ObjectExpression' || n.type === 'ArrayExpression') return NONE;
  const info = getTypeInfo(context);
  if (!info) return NONE;
  const type = typeAt(info, n);
  if (!type) return NONE;
  const f = info.ts.TypeFlags;
  const parts = type.isUnion() ? type.types : [type];
  // '-1.7976931348623157e+308' (24) is the longest number; 'undefined' (9) the longest of the rest.
  if (parts.every((t) => t.flags & (f.NumberLike | f.BooleanLike | f.Undefined | f.Null))) return { bytes: 24, units: 24 };
  return NONE;
}

/** `x.slice(a, b)` with constant non-negative a ≤ b: at most b - a elements. */
function sliceSpan(context: Context, call: TSESTree.CallExpression): number | null {
  const [a, b] = call.arguments;
  if (!a || !b || a.type === 'SpreadElement' || b.type === 'SpreadElement') return null;
  const start = evaluate(context, a);
  const end = evaluate(context, b);
  if (start?.kind !== 'number' || end?.kind !== 'number' || start.value < 0 || end.value < 0) return null;
  return Math.max(0, Math.ceil(end.value) - Math.floor(start.value));
}

/**
 * The most UTF-8 bytes `node` can hold when control reaches `at`: constant evaluation and API contracts
 * (`byteSize`), guards that dominate `at` on the value or on what it was encoded from
 * (`Buffer.from(s)`, `new TextEncoder().encode(s)`), constant slices, and sums of bounded parts. Never throws.
 */
export function sizeBoundAt(context: Context, node: TSESTree.Node, at: TSESTree.Node): SizeBound {
  try {
    const facts = new FactIndex(context, dominatingSizeFacts(context, at));
    const b = boundOf(context, node, facts, 0);
    const maxBytes = bytesOf(b);
    const result: SizeBound = { maxBytes };
    if (b.boundedBy && b.bytes === maxBytes) result.boundedBy = b.boundedBy;
    if (b.unitsGuard && b.unitsGuard.units * MAX_UTF8_BYTES_PER_UTF16_UNIT <= maxBytes) result.viaUnits = b.unitsGuard;
    return result;
  } catch {
    return { maxBytes: Infinity };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Branches: the values an expression can take, with the condition that selects each.

export interface ValueBranch {
  node: TSESTree.Node;
  /** The innermost conditional that selects this branch, and which side. Absent for an unconditional value. */
  condition?: { test: TSESTree.Node; outcome: boolean };
}

/** Splits `c ? a : b` (also through `const x = c ? a : b`) into its branches. Never throws. */
export function valueBranches(context: Context, node: TSESTree.Node, depth = 0): ValueBranch[] {
  if (depth > MAX_DEPTH) return [{ node }];
  try {
    const n = unwrap(node);
    if (n.type === 'ConditionalExpression') {
      const side = (branch: TSESTree.Node, outcome: boolean) =>
        valueBranches(context, branch, depth + 1).map((b) => (b.condition ? b : { node: b.node, condition: { test: n.test, outcome } }));
      return [...side(n.consequent, true), ...side(n.alternate, false)];
    }
    if (n.type === 'Identifier') {
      const init = constInitOf(variableOf(context, n));
      if (init && unwrap(init).type === 'ConditionalExpression') return valueBranches(context, init, depth + 1);
      if (init && encodingOf(context, init)) {
        const inner = valueBranches(context, init, depth + 1);
        if (inner.length > 1) return inner;
      }
    }
    // `Buffer.from(c ? a : b)`: UTF-8 encoding keeps each branch's size, so the branches are the strings.
    const enc = encodingOf(context, n);
    if (enc && enc.encoding.replace('-', '') === 'utf8') {
      const inner = valueBranches(context, enc.source, depth + 1);
      if (inner.length > 1) return inner;
    }
    // The branch a conditional literal option came from (readObject splits `Plaintext: c ? a : b`).
    const parent = node.parent;
    if (parent?.type === 'ConditionalExpression' && parent.test !== node) {
      return [{ node: n, condition: { test: parent.test, outcome: parent.consequent === node } }];
    }
    return [{ node: n }];
  } catch {
    return [{ node }];
  }
}
