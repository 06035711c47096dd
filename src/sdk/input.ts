import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { constInitOf, staticPropertyName, variableOf } from './bindings.js';
import type * as ts from 'typescript';
import { constantOfType, evaluate } from './constant.js';
import { fileMentionsAws } from './fileFacts.js';
import { getTypeInfo, typeAt, type TypeInfo } from './typeInfo.js';
import { unwrapTs as unwrap } from './ast.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** One way a field can end up: absent, or present with the expression that gives its value. */
export type FieldOption =
  | { present: false }
  | {
      present: true;
      /** The value expression; conditionals are split into their branches. */
      value: TSESTree.Node;
      /** The property that wrote it, when it is a property of an object literal. */
      property?: TSESTree.Property;
    };

/** What we know of one field of a request: every option, or nothing. */
export type FieldState = { kind: 'unknown' } | { kind: 'known'; options: FieldOption[] };

export interface ObjectEntry {
  key: string;
  keyNode: TSESTree.Node;
  value: TSESTree.Node;
  property: TSESTree.Property | null;
  /** Written only on some paths (a conditional spread or a branch). */
  conditional: boolean;
}

export interface ObjectView {
  /** The object literals behind this view (several when a conditional picks between objects). */
  literals: TSESTree.ObjectExpression[];
  field(name: string): FieldState;
  /** Every key written; `complete` is false when a spread or computed key hides some. */
  entries(): { entries: ObjectEntry[]; complete: boolean };
}

const UNKNOWN: FieldState = { kind: 'unknown' };
const MAX_DEPTH = 10;

export function isUndefinedLiteral(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  return (
    (n.type === 'Identifier' && n.name === 'undefined') ||
    (n.type === 'UnaryExpression' && n.operator === 'void')
  );
}

/** Splits `c ? a : b` into its branches and treats `undefined` as an absent field. */
function valueOptions(value: TSESTree.Node, property?: TSESTree.Property, depth = 0): FieldOption[] {
  const n = unwrap(value);
  if (depth < MAX_DEPTH && n.type === 'ConditionalExpression') {
    return [...valueOptions(n.consequent, property, depth + 1), ...valueOptions(n.alternate, property, depth + 1)];
  }
  if (isUndefinedLiteral(n)) return [{ present: false }];
  return [{ present: true, value: n, property }];
}

function dedupe(options: FieldOption[]): FieldOption[] {
  const out: FieldOption[] = [];
  let absent = false;
  for (const o of options) {
    if (!o.present) {
      if (!absent) out.push(o);
      absent = true;
    } else out.push(o);
  }
  return out;
}

/** Fields written by `params.Field = x` after the object was built; `null` when the object escapes to code that may change it. */
interface Mutations {
  written: Map<string, TSESTree.Node[]>;
  /**
   * `params.X = v;` as a statement of the block that declares `params`, before the use: it always runs
   * before the call, so it replaces what the literal said (the last such write wins).
   */
  definite: Map<string, TSESTree.Node>;
  opaque: boolean;
}

/** Is `statement` a statement of the block that declares the variable, ending before `use` starts? */
function runsBeforeUse(statement: TSESTree.Node | undefined, declaration: TSESTree.Node | undefined, use: TSESTree.Node | undefined): boolean {
  if (!statement || !declaration || !use || statement.type !== 'ExpressionStatement') return false;
  const block = declaration.parent;
  if (!block || statement.parent !== block) return false;
  if (block.type !== 'BlockStatement' && block.type !== 'Program' && block.type !== 'StaticBlock') return false;
  return statement.range[0] > declaration.range[1] && statement.range[1] <= use.range[0];
}

function mutationsOf(context: Context, id: TSESTree.Identifier, use: TSESTree.Node | undefined): Mutations {
  const result: Mutations = { written: new Map(), definite: new Map(), opaque: false };
  const variable = variableOf(context, id);
  if (!variable) return result;
  const declaration = variable.defs[0]?.parent ?? undefined;
  for (const ref of variable.references) {
    if (ref.init) continue;
    const refId = ref.identifier as TSESTree.Node;
    const parent = refId.parent;
    if (!parent) continue;
    if (parent.type === 'MemberExpression' && parent.object === refId) {
      const assign = parent.parent;
      const isWriteTarget =
        (assign?.type === 'AssignmentExpression' && assign.left === parent) ||
        (assign?.type === 'UpdateExpression') ||
        (assign?.type === 'UnaryExpression' && assign.operator === 'delete');
      // params.EncryptionContext.tenant = x, or params.X = y: the field is written.
      let top: TSESTree.Node = parent;
      while (top.parent?.type === 'MemberExpression' && top.parent.object === top) top = top.parent;
      const nestedWrite =
        top !== parent && top.parent?.type === 'AssignmentExpression' && top.parent.left === top;
      const name = staticPropertyName(parent);
      if (isWriteTarget || nestedWrite) {
        if (name === null) result.opaque = true;
        else {
          const plainWrite = isWriteTarget && assign?.type === 'AssignmentExpression' && assign.operator === '=' && !nestedWrite;
          const value = plainWrite ? assign.right : parent;
          if (plainWrite && refId !== use && runsBeforeUse(assign.parent, declaration as TSESTree.Node | undefined, use)) {
            const previous = result.definite.get(name);
            if (!previous || previous.range[0] < value.range[0]) result.definite.set(name, value);
          }
          result.written.set(name, [...(result.written.get(name) ?? []), value]);
        }
      }
      continue;
    }
    if (refId === use) continue;
    // Passed to a call, spread into Object.assign, reassigned, or stored: someone else may change it.
    if (
      parent.type === 'CallExpression' ||
      parent.type === 'NewExpression' ||
      parent.type === 'AssignmentExpression' ||
      parent.type === 'Property' ||
      parent.type === 'ArrayExpression' ||
      parent.type === 'ReturnStatement'
    ) {
      if (ref.isWrite()) result.opaque = true;
      else if (parent.type === 'CallExpression' || parent.type === 'NewExpression') {
        result.opaque = !isHarmlessCall(parent) || result.opaque;
      }
    }
  }
  return result;
}

function isHarmlessCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  // Logging, JSON.stringify and SDK constructors do not change their argument.
  const callee = call.callee;
  if (call.type === 'NewExpression') return true;
  if (callee.type === 'MemberExpression') {
    const obj = callee.object.type === 'Identifier' ? callee.object.name : '';
    const prop = staticPropertyName(callee);
    if (obj === 'console' || obj === 'JSON' || obj === 'logger' || obj === 'log') return true;
    if (prop === 'send' || prop === 'debug' || prop === 'info' || prop === 'warn' || prop === 'error' || prop === 'log') return true;
    if (obj === 'Object' && (prop === 'keys' || prop === 'entries' || prop === 'values' || prop === 'freeze')) return true;
  }
  return false;
}

interface Source {
  literal: TSESTree.ObjectExpression;
  /** Fields set by `obj.X = ...` after the literal was built. */
  mutations: Mutations | null;
}

/** Resolves an expression to the object literals it may evaluate to, or null when it cannot. */
function objectSources(context: Context, node: TSESTree.Node, use: TSESTree.Node | undefined, depth: number): Source[] | null {
  if (depth > MAX_DEPTH) return null;
  const n = unwrap(node);
  switch (n.type) {
    case 'ObjectExpression':
      return [{ literal: n, mutations: null }];
    case 'Identifier': {
      const variable = variableOf(context, n);
      const init = constInitOf(variable);
      if (!init) return null;
      const inner = objectSources(context, init, undefined, depth + 1);
      if (!inner) return null;
      const mutations = mutationsOf(context, n, use ?? n);
      if (mutations.opaque) return null;
      return inner.map((s) => ({
        literal: s.literal,
        mutations: mergeMutations(s.mutations, mutations),
      }));
    }
    case 'ConditionalExpression': {
      const a = objectSources(context, n.consequent, undefined, depth + 1);
      const b = objectSources(context, n.alternate, undefined, depth + 1);
      return a && b ? [...a, ...b] : null;
    }
    case 'CallExpression': {
      // A helper in this file that builds the params: follow its returns.
      if (n.callee.type !== 'Identifier') return null;
      const fn = functionOf(context, n.callee);
      if (!fn) return null;
      const returns = returnedExpressions(fn);
      if (!returns || returns.length === 0) return null;
      const all: Source[] = [];
      for (const r of returns) {
        const s = objectSources(context, r, undefined, depth + 1);
        if (!s) return null;
        all.push(...s);
      }
      return all;
    }
    default:
      return null;
  }
}

function mergeMutations(a: Mutations | null, b: Mutations): Mutations {
  if (!a) return b;
  const written = new Map(a.written);
  for (const [k, v] of b.written) written.set(k, [...(written.get(k) ?? []), ...v]);
  // Writes through an outer alias run after the inner object was built: they win over the inner ones.
  const definite = new Map([...a.definite, ...b.definite]);
  return { written, definite, opaque: a.opaque || b.opaque };
}

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export function functionOf(context: Context, id: TSESTree.Identifier): FunctionNode | null {
  const variable = variableOf(context, id);
  if (!variable || variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def.type === 'FunctionName' && def.node.type === 'FunctionDeclaration') return def.node;
  const init = constInitOf(variable);
  if (init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression')) return init;
  return null;
}

/** The expressions a function returns, or null when a bare `return;` or unreachable shape makes it unclear. */
export function returnedExpressions(fn: FunctionNode): TSESTree.Node[] | null {
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  const out: TSESTree.Node[] = [];
  let ok = true;
  const visit = (node: TSESTree.Node): void => {
    if (!ok) return;
    if (node.type === 'ReturnStatement') {
      if (node.argument) out.push(node.argument);
      else ok = false;
      return;
    }
    if (
      node.type === 'FunctionDeclaration' ||
      node.type === 'FunctionExpression' ||
      node.type === 'ArrowFunctionExpression' ||
      node.type === 'ClassBody'
    ) {
      return;
    }
    for (const key of Object.keys(node) as (keyof typeof node)[]) {
      if (key === 'parent') continue;
      const child = node[key] as unknown;
      if (Array.isArray(child)) {
        for (const c of child) if (c && typeof c.type === 'string') visit(c);
      } else if (child && typeof (child as { type?: unknown }).type === 'string') {
        visit(child as TSESTree.Node);
      }
    }
  };
  visit(fn.body);
  return ok ? out : null;
}

function fieldOfLiteral(context: Context, literal: TSESTree.ObjectExpression, name: string, depth: number): FieldState {
  // Later properties override earlier ones: walk backwards until a definite write.
  const options: FieldOption[] = [];
  for (let i = literal.properties.length - 1; i >= 0; i--) {
    const prop = literal.properties[i];
    if (prop.type === 'Property') {
      const key = propertyKey(context, prop);
      if (key === null) return UNKNOWN;
      if (key !== name) continue;
      options.push(...valueOptions(prop.value, prop));
      return { kind: 'known', options: dedupe(options) };
    }
    // SpreadElement
    const spread = spreadState(context, prop.argument, name, depth);
    if (spread.kind === 'unknown') return UNKNOWN;
    const present = spread.options.filter((o) => o.present);
    options.push(...present);
    if (present.length === spread.options.length) return { kind: 'known', options: dedupe(options) };
  }
  options.push({ present: false });
  return { kind: 'known', options: dedupe(options) };
}

/** A property's key, evaluating constant computed keys (`['Key' + 'Id']`); null when unknowable. */
function propertyKey(context: Context, prop: TSESTree.Property): string | null {
  const key = staticPropertyName(prop);
  if (key !== null || !prop.computed) return key;
  const v = evaluate(context, prop.key);
  return v && (v.kind === 'string' || v.kind === 'number') ? String(v.value) : null;
}

function spreadState(context: Context, arg: TSESTree.Node, name: string, depth: number): FieldState {
  const n = unwrap(arg);
  // ...(cond && { A: 1 }), ...(cond ? {A} : {}), ...(x || {})
  if (n.type === 'LogicalExpression' && n.operator === '&&') {
    const right = spreadState(context, n.right, name, depth + 1);
    if (right.kind === 'unknown') return right;
    return { kind: 'known', options: dedupe([...right.options, { present: false }]) };
  }
  if (n.type === 'ConditionalExpression') {
    const a = spreadState(context, n.consequent, name, depth + 1);
    const b = spreadState(context, n.alternate, name, depth + 1);
    if (a.kind === 'unknown' || b.kind === 'unknown') return UNKNOWN;
    return { kind: 'known', options: dedupe([...a.options, ...b.options]) };
  }
  if (isUndefinedLiteral(n) || (n.type === 'Literal' && (n.value === null || n.value === false || n.value === ''))) {
    return { kind: 'known', options: [{ present: false }] };
  }
  const view = readObject(context, n, depth + 1);
  return view ? view.field(name) : UNKNOWN;
}

/**
 * A read-only view of an object expression: inline literal, `const` identifier (with later `obj.X = …`
 * writes), typed variables, spreads, conditional spreads, conditionals and same-file helper returns.
 * Returns null when the expression cannot be resolved to object literals at all.
 */
export function readObject(context: Context, node: TSESTree.Node | null | undefined, depth = 0): ObjectView | null {
  if (!node || depth > MAX_DEPTH) return null;
  let sources: Source[] | null;
  try {
    sources = objectSources(context, node, node, depth);
  } catch {
    sources = null;
  }
  if (!sources || sources.length === 0) {
    // A local object that escaped to code that may change it stays unknown; the type cannot see writes.
    const n = unwrap(node);
    if (n.type === 'Identifier' && constInitOf(variableOf(context, n))) return null;
    return typedObjectView(context, node);
  }
  const resolved = sources;
  return {
    literals: resolved.map((s) => s.literal),
    field(name: string): FieldState {
      try {
        const options: FieldOption[] = [];
        for (const source of resolved) {
          const written = source.mutations?.written.get(name);
          const definite = source.mutations?.definite.get(name);
          if (definite) {
            // Writes that may run later than the definite one (in a branch, after the use) stay options.
            const later = (written ?? []).filter((w) => w !== definite && w.range[0] > definite.range[0]);
            options.push(...valueOptions(definite), ...later.flatMap((w) => valueOptions(w)));
            continue;
          }
          const base = fieldOfLiteral(context, source.literal, name, depth);
          if (written && written.length > 0) {
            // A later assignment may or may not run; keep what the literal said as an option.
            options.push(...written.flatMap((w) => valueOptions(w)));
            if (base.kind === 'known') options.push(...base.options);
            continue;
          }
          if (base.kind === 'unknown') return UNKNOWN;
          options.push(...base.options);
        }
        return { kind: 'known', options: dedupe(options) };
      } catch {
        return UNKNOWN;
      }
    },
    entries() {
      const entries: ObjectEntry[] = [];
      let complete = true;
      const multi = resolved.length > 1;
      try {
        for (const source of resolved) {
          collectEntries(context, source.literal, multi, entries, depth, () => (complete = false));
          if (source.mutations) {
            for (const [key, values] of source.mutations.written) {
              for (const value of values) {
                entries.push({ key, keyNode: value, value, property: null, conditional: true });
              }
            }
          }
        }
      } catch {
        complete = false;
      }
      return { entries, complete };
    },
  };
}

function collectEntries(
  context: Context,
  literal: TSESTree.ObjectExpression,
  conditional: boolean,
  out: ObjectEntry[],
  depth: number,
  incomplete: () => void,
): void {
  for (const prop of literal.properties) {
    if (prop.type === 'Property') {
      const key = propertyKey(context, prop);
      if (key === null) {
        incomplete();
        continue;
      }
      out.push({ key, keyNode: prop.key, value: prop.value, property: prop, conditional });
      continue;
    }
    let arg = unwrap(prop.argument);
    let cond = conditional;
    if (arg.type === 'LogicalExpression' && arg.operator === '&&') {
      arg = unwrap(arg.right);
      cond = true;
    }
    const branches = arg.type === 'ConditionalExpression' ? [arg.consequent, arg.alternate] : [arg];
    for (const branch of branches) {
      const b = unwrap(branch);
      if (isUndefinedLiteral(b) || (b.type === 'Literal' && !b.value)) continue;
      const view = readObject(context, b, depth + 1);
      if (!view) {
        incomplete();
        continue;
      }
      const inner = view.entries();
      if (!inner.complete) incomplete();
      out.push(...inner.entries.map((e) => ({ ...e, conditional: e.conditional || cond || branches.length > 1 })));
    }
  }
}

/** Convenience: the options of a field, or null when unknown. */
export function fieldOptions(view: ObjectView | null, name: string): FieldOption[] | null {
  if (!view) return null;
  const state = view.field(name);
  return state.kind === 'known' ? state.options : null;
}

/**
 * Params built where the syntax cannot follow (another module, a factory): the checker still knows the
 * object-literal type they were inferred from. A property missing from every such type is absent for sure;
 * anything else stays unknown (values are not known, and declared interfaces say nothing about presence).
 */
function typedObjectView(context: Context, node: TSESTree.Node): ObjectView | null {
  const info = getTypeInfo(context);
  if (!info || !fileMentionsAws(context)) return null;
  const type = typeAt(info, node);
  if (!type) return null;
  const parts = type.isUnion() ? type.types : [type];
  const ts = info.ts;
  for (const part of parts) {
    const symbol = part.getSymbol();
    const fromLiteral = !!symbol && (symbol.flags & ts.SymbolFlags.ObjectLiteral) !== 0;
    if (!fromLiteral || !(part.flags & ts.TypeFlags.Object)) return null;
  }
  return {
    literals: [],
    field(name: string): FieldState {
      try {
        const options: FieldOption[] = [];
        for (const part of parts) {
          const property = part.getProperty(name);
          if (!property) {
            options.push({ present: false });
            continue;
          }
          const constant = constantOfTypedProperty(info, property);
          if (constant === undefined) return UNKNOWN;
          options.push({ present: true, value: syntheticLiteral(node, constant) });
        }
        return { kind: 'known', options: dedupe(options) };
      } catch {
        return UNKNOWN;
      }
    },
    entries() {
      return { entries: [], complete: false };
    },
  };
}

type Primitive = string | number | boolean;

/**
 * The value of a property of an object-literal type declared elsewhere: its literal type
 * (`'aws:kms' as const`), or the literal it was initialised with in its own module
 * (`{ ServerSideEncryption: 'aws:kms' }`, whose type widened to `string`). Undefined when unknown.
 */
function constantOfTypedProperty(info: TypeInfo, property: ts.Symbol): Primitive | undefined {
  const { ts } = info;
  const declaration = property.valueDeclaration;
  if (!declaration) return undefined;
  if (ts.isPropertyAssignment(declaration)) {
    let init: ts.Expression = declaration.initializer;
    while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
    if (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init)) return init.text;
    if (ts.isNumericLiteral(init)) return Number(init.text);
    if (init.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (init.kind === ts.SyntaxKind.FalseKeyword) return false;
  }
  const value = constantOfType(info, info.checker.getTypeOfSymbolAtLocation(property, declaration));
  return value && (value.kind === 'string' || value.kind === 'number' || value.kind === 'boolean') ? value.value : undefined;
}

const synthetic = new WeakSet<TSESTree.Node>();

/** Is this value a stand-in for a literal written in another module? Its range is the local use: never edit it. */
export function isSyntheticValue(node: TSESTree.Node): boolean {
  return synthetic.has(node);
}

/** A Literal node standing for a value the checker knows, placed where the object is used (for reports). */
function syntheticLiteral(at: TSESTree.Node, value: Primitive): TSESTree.Literal {
  const literal = {
    type: 'Literal',
    value,
    raw: JSON.stringify(value),
    range: at.range,
    loc: at.loc,
    parent: at.parent,
  } as TSESTree.Literal;
  synthetic.add(literal);
  return literal;
}
