import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  awsPackageOfFile,
  fileMayUseAws,
  declarationFile,
  getTypeInfo,
  operations,
  outputFieldOf,
  outputSourceOf,
  patternKeyOf,
  sdkCallOfResult,
  staticPropertyName,
  typeAt,
  variableOf,
  type OperationSpec,
  type SdkCall,
} from '../sdk/index.js';
import {
  createPathRecorder,
  frameRootOf,
  nestedFunctionIn,
  solveForward,
  type FlowEvent,
  type PathFrame,
  type PathRecorder,
  type Segment,
} from '../sdk/flow.js';
import { createRule } from '../util/createRule.js';
import { isFunctionNode, isLoopNode, unwrapTs as unwrapExpr } from '../sdk/ast.js';

export type Options = [{ zeroizers: string[]; decrypt: 'key-material' | 'always' }];
export type MessageId = 'notZeroized' | 'notZeroizedOnThrow' | 'copyNotZeroized' | 'stringCopy' | 'wrapInTryFinally';

type Context = Readonly<TSESLint.RuleContext<MessageId, Options>>;
type Var = TSESLint.Scope.Variable;

/** Output field names that hold key material, from the operations table. */
const plaintextFields = new Set(operations.flatMap((op) => op.plaintextOutputs ?? []));

/** Node crypto / WebCrypto calls that take key material, and the argument that is the key. */
const keyMaterialArgs = new Map<string, number>([
  ['createCipheriv', 1],
  ['createDecipheriv', 1],
  ['createHmac', 1],
  ['createSecretKey', 0],
  ['createPrivateKey', 0],
  ['importKey', 1],
]);
/** Methods that keep their argument (a collection, an emitter, a promise's resolution): the key escapes with it. */
const storingMethods = new Set(['set', 'push', 'unshift', 'add', 'put', 'setItem', 'enqueue', 'splice', 'emit', 'postMessage', 'assign', 'resolve', 'next']);
/** Continuations by naming convention: handing the key to one hands over the responsibility for it. */
const continuationNames = new Set(['callback', 'cb', 'done', 'next', 'resolve', 'resolver']);
/** Presence assertions (`assert(key)`, `invariant(key)`): they throw only when the key is missing. */
const assertionNames = new Set(['assert', 'ok', 'invariant', 'assertDefined', 'assertExists']);
/** Constructors that copy the bytes they are given. */
const byteArrayClasses = new Set(['Uint8Array', 'Buffer', 'Uint8ClampedArray', 'Int8Array', 'DataView']);

const LIVE = 1;
const USED = 2;

type Timing = 'enter' | 'exit';
type EventKind = 'acquire' | 'use' | 'zeroize' | 'escape' | 'absent' | 'zeroizeAfterThrow';

interface KeyEvent {
  node: TSESTree.Node;
  at: Timing;
  kind: EventKind;
}

/** One buffer of key material that some function must overwrite: a KMS plaintext or a copy of one. */
interface Key {
  spec: OperationSpec;
  field: string;
  /** Buffer (v2, `Buffer.from`) rather than Uint8Array (v3): decides whether `.slice()` copies. */
  buffer: boolean;
  copyOf: Key | null;
  /** Where the report goes; also the acquisition point. */
  reportNode: TSESTree.Node;
  acquire: KeyEvent;
  root: TSESTree.Node;
  events: KeyEvent[];
  /** Variables holding these bytes (aliases and views), for zeroize checks. */
  byteVars: Set<Var>;
  /** Variables holding the whole response; `holder.<field>` are these bytes. */
  holderVars: Set<Var>;
  keyMaterial: boolean;
  copies: Key[];
  strings: TSESTree.Node[];
  /** Error parameter of a v2 callback: its branch runs without a key. */
  errorVar: Var | null;
  /** The variable the suggestion zeroizes, as text (`dataKey`, `dk.Plaintext`). */
  keyText: string | null;
  /** Calls that only make a view or a copy of the key: allocation, not a step that can fail midway. */
  quiet: Set<TSESTree.Node>;
}

function childrenOf(node: TSESTree.Node): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  for (const [name, value] of Object.entries(node)) {
    if (name === 'parent') continue;
    if (Array.isArray(value)) {
      for (const child of value) if (child && typeof (child as TSESTree.Node).type === 'string') out.push(child as TSESTree.Node);
    } else if (value && typeof value === 'object' && typeof (value as TSESTree.Node).type === 'string') {
      out.push(value as TSESTree.Node);
    }
  }
  return out;
}

function calleeName(callee: TSESTree.Node): string | null {
  const c = unwrapExpr(callee);
  if (c.type === 'Identifier') return c.name;
  if (c.type === 'MemberExpression') return staticPropertyName(c);
  return null;
}

function isZeroLiteral(node: TSESTree.Node | undefined): boolean {
  return !!node && node.type === 'Literal' && node.value === 0;
}

export default createRule<Options, MessageId>({
  name: 'require-data-key-zeroization',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require plaintext data keys from KMS to be zeroized on every path out of the function that holds them',
      recommended: 'recommended',
      severity: 'error',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      notZeroized:
        'The plaintext data key from KMS {{operation}} ({{field}}) is not overwritten on every path out of this function ({{path}}): it stays readable in memory (heap snapshots, core dumps, swap). Overwrite it with `.fill(0)` in a `finally` block.',
      notZeroizedOnThrow:
        'The plaintext data key from KMS {{operation}} ({{field}}) is overwritten only when nothing throws: an exception from the {{what}} on line {{line}} leaves the function with the key still in memory. Overwrite it in a `finally` block instead.',
      copyNotZeroized:
        'This {{how}} copies the plaintext data key from KMS {{operation}} ({{field}}) into new memory that is not overwritten on every path: zeroizing the original does not clear the copy. Use the original (or a view such as `subarray`) or zeroize the copy in a `finally` block.',
      stringCopy:
        'Converting the plaintext data key from KMS {{operation}} ({{field}}) to a string makes a copy that can never be zeroized (JavaScript strings are immutable). Keep key material in a Buffer or Uint8Array.',
      wrapInTryFinally: 'Wrap the uses in `try { … } finally { {{key}}.fill(0); }`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          zeroizers: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Functions that zeroize the buffer passed to them, besides `.fill(0)`: a name (`zeroize`) or a dotted callee (`sodium.memzero`).',
          },
          decrypt: {
            type: 'string',
            enum: ['key-material', 'always'],
            description:
              "Which Decrypt plaintexts must be zeroized: 'key-material' (default) when used as a key (createCipheriv, createDecipheriv, createHmac, createSecretKey, subtle.importKey), 'always' for every Decrypt plaintext.",
          },
        },
      },
    ],
    defaultOptions: [{ zeroizers: [], decrypt: 'key-material' }],
  },
  // RuleCreator 8.74 still types a top-level `defaultOptions`; it holds the same value as meta.defaultOptions.
  defaultOptions: [{ zeroizers: [], decrypt: 'key-material' }],
  create(context, [options]) {
    // A key comes from the SDK, named in the file or (typed) handed over by a project module.
    if (!fileMayUseAws(context)) return {};
    const sourceCode = context.sourceCode;
    // Acquisition needs only syntax, scopes and types, all ready before the traversal: find the file's data keys
    // first, and record code paths (a listener on every node) only in the files that hold one.
    let keys: Key[] = [];
    try {
      keys = acquireKeys(context, candidatesOf(sourceCode));
    } catch {
      keys = [];
    }
    if (keys.length === 0) return {};
    const zeroizerNames = new Set(options.zeroizers);
    const recorder = createPathRecorder((rec) => {
      try {
        analyse(context, rec, keys, zeroizerNames, options.decrypt, sourceCode);
      } catch {
        // A rule that cannot decide stays silent rather than breaking the lint run.
      }
    });
    return recorder.listeners as TSESLint.RuleListener;
  },
});

/**
 * Where a data key may be acquired: declarators with an initialiser, `x = …` assignments to a name, and callbacks
 * passed to a call (`.then(({ Plaintext }) => …)`, v2 `(err, data) => …`), in source order. Read off the scope
 * manager's definitions and references, which the parser has already built, instead of walking every node.
 */
function candidatesOf(sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node[] {
  const found = new Set<TSESTree.Node>();
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    const block = scope.block as TSESTree.Node;
    if (scope.type === 'function' && isFunctionNode(block) && block.params.length > 0 && block.parent?.type === 'CallExpression') {
      found.add(block);
    }
    for (const variable of scope.variables) {
      for (const def of variable.defs) if (def.type === 'Variable' && def.node.init) found.add(def.node);
    }
    for (const ref of scope.references) {
      const parent = ref.identifier.parent;
      if (ref.isWrite() && parent?.type === 'AssignmentExpression' && parent.operator === '=' && parent.left === ref.identifier) found.add(parent);
    }
  }
  return [...found].sort((a, b) => a.range[0] - b.range[0]);
}

/** The data keys the file acquires (a Plaintext or PrivateKeyPlaintext of a KMS response), before any flow analysis. */
function acquireKeys(context: Context, candidates: readonly TSESTree.Node[]): Key[] {
  const typeInfo = getTypeInfo(context);
  const keys: Key[] = [];
  const newKey = (spec: OperationSpec, field: string, call: SdkCall | null, reportNode: TSESTree.Node, acquire: KeyEvent, root: TSESTree.Node): Key => ({
    spec,
    field,
    buffer: call?.style === 'v2',
    copyOf: null,
    reportNode,
    acquire,
    root,
    events: [acquire],
    byteVars: new Set(),
    holderVars: new Set(),
    keyMaterial: false,
    copies: [],
    strings: [],
    errorVar: null,
    keyText: null,
    quiet: new Set(),
  });

  /** `await newDataKey()` typed `Promise<GenerateDataKeyCommandOutput>`: the response's spec from the awaited type. */
  const specOfAwaitedType = (init: TSESTree.Node): { spec: OperationSpec; call: null } | null => {
    if (!typeInfo || init.type !== 'AwaitExpression') return null;
    const type = typeAt(typeInfo, init);
    const symbol = type && (type.aliasSymbol ?? type.getSymbol());
    if (!symbol) return null;
    const pkg = awsPackageOfFile(declarationFile(symbol));
    if (pkg !== '@aws-sdk/client-kms' && pkg !== 'aws-sdk') return null;
    const m = /^(\w+?)(?:Command)?(?:Output|Response)$/.exec(symbol.getName());
    const spec = m ? operations.find((op) => op.service === 'kms' && op.operation === m[1]) : undefined;
    return spec ? { spec, call: null } : null;
  };

  const isResponseExpr = (init: TSESTree.Node): boolean => {
    const n = unwrapExpr(init.type === 'AwaitExpression' ? init.argument : init);
    return n.type === 'CallExpression' || n.type === 'AwaitExpression';
  };

  for (const candidate of candidates) {
    if (candidate.type === 'VariableDeclarator' && candidate.init) {
      const init = candidate.init;
      const root = frameRootOf(candidate);
      if (candidate.id.type === 'ObjectPattern') {
        // const { Plaintext: key, CiphertextBlob } = await kms.send(new GenerateDataKeyCommand(…))
        if (!isResponseExpr(init)) continue;
        for (const prop of candidate.id.properties) {
          if (prop.type !== 'Property') continue;
          const name = staticPropertyName(prop);
          if (!name || !plaintextFields.has(name)) continue;
          const value = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
          if (value.type !== 'Identifier') continue;
          const field = outputFieldOf(context, value);
          if (!field || !field.spec.plaintextOutputs?.includes(field.field)) continue;
          const key = newKey(field.spec, field.field, field.call, value, { node: candidate, at: 'exit', kind: 'acquire' }, root);
          const variable = variableOf(context, value);
          if (!variable) continue;
          key.byteVars.add(variable);
          key.keyText = value.name;
          keys.push(key);
        }
      } else if (candidate.id.type === 'Identifier') {
        const initExpr = unwrapExpr(init.type === 'AwaitExpression' ? init.argument : init);
        if (initExpr.type === 'MemberExpression') {
          // const key = (await kms.send(…)).Plaintext
          const name = staticPropertyName(initExpr);
          if (!name || !plaintextFields.has(name) || !isResponseExpr(initExpr.object)) continue;
          const field = outputFieldOf(context, initExpr);
          if (!field || !field.spec.plaintextOutputs?.includes(field.field)) continue;
          const variable = variableOf(context, candidate.id);
          if (!variable) continue;
          const key = newKey(field.spec, field.field, field.call, candidate.id, { node: candidate, at: 'exit', kind: 'acquire' }, root);
          key.byteVars.add(variable);
          key.keyText = candidate.id.name;
          keys.push(key);
        } else if (isResponseExpr(init)) {
          // const dk = await kms.send(new GenerateDataKeyCommand(…)); … dk.Plaintext
          const source = outputSourceOf(context, init) ?? specOfAwaitedType(init);
          if (!source?.spec.plaintextOutputs) continue;
          const variable = variableOf(context, candidate.id);
          if (!variable) continue;
          for (const field of source.spec.plaintextOutputs) {
            const key = newKey(source.spec, field, source.call, candidate.id, { node: candidate, at: 'exit', kind: 'acquire' }, root);
            key.holderVars.add(variable);
            key.keyText = `${candidate.id.name}.${field}`;
            keys.push(key);
          }
        }
      }
    } else if (candidate.type === 'AssignmentExpression' && candidate.left.type === 'Identifier') {
      // let dk; … dk = await kms.send(…)
      if (!isResponseExpr(candidate.right)) continue;
      const call = sdkCallOfResult(context, candidate.right);
      if (!call?.spec.plaintextOutputs) continue;
      const variable = variableOf(context, candidate.left);
      if (!variable) continue;
      for (const field of call.spec.plaintextOutputs) {
        const key = newKey(call.spec, field, call, candidate.left, { node: candidate, at: 'exit', kind: 'acquire' }, frameRootOf(candidate));
        key.holderVars.add(variable);
        key.keyText = `${candidate.left.name}.${field}`;
        keys.push(key);
      }
    } else if (isFunctionNode(candidate)) {
      // .then(({ Plaintext }) => …), .then((dk) => …), kms.generateDataKey(params, (err, data) => …)
      const fn = candidate;
      fn.params.forEach((param, index) => {
        if (param.type === 'ObjectPattern' && index === 0) {
          for (const prop of param.properties) {
            if (prop.type !== 'Property') continue;
            const name = staticPropertyName(prop);
            const value = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
            if (!name || !plaintextFields.has(name) || value.type !== 'Identifier') continue;
            const field = outputFieldOf(context, value);
            if (!field?.call || !field.spec.plaintextOutputs?.includes(field.field)) continue;
            const variable = variableOf(context, value);
            if (!variable) continue;
            const key = newKey(field.spec, field.field, field.call, value, { node: fn, at: 'enter', kind: 'acquire' }, fn);
            key.byteVars.add(variable);
            key.keyText = value.name;
            keys.push(key);
          }
        } else if (param.type === 'Identifier' && index <= 1) {
          const source = outputSourceOf(context, param);
          // Only callbacks of an SDK call in this file: a parameter typed as a response belongs to the caller.
          if (!source?.call || !source.spec.plaintextOutputs) return;
          const variable = variableOf(context, param);
          if (!variable) return;
          for (const field of source.spec.plaintextOutputs) {
            const key = newKey(source.spec, field, source.call, param, { node: fn, at: 'enter', kind: 'acquire' }, fn);
            key.holderVars.add(variable);
            key.keyText = `${param.name}.${field}`;
            if (index === 1 && fn.params[0]?.type === 'Identifier') key.errorVar = variableOf(context, fn.params[0]);
            keys.push(key);
          }
        }
      });
    }
  }
  return keys;
}

function analyse(
  context: Context,
  rec: PathRecorder,
  keys: Key[],
  zeroizers: ReadonlySet<string>,
  decryptMode: 'key-material' | 'always',
  sourceCode: Readonly<TSESLint.SourceCode>,
): void {
  const typeInfo = getTypeInfo(context);
  const localFnCache = new Map<string, 'escape' | 'zeroize' | 'use'>();

  // ---------- classification of every reference ----------
  const typeIsBuffer = (expr: TSESTree.Node, key: Key): boolean => {
    if (typeInfo) {
      const type = typeAt(typeInfo, expr);
      if (type) {
        const nonNull = typeInfo.checker.getNonNullableType(type);
        const parts = nonNull.isUnion() ? nonNull.types : [nonNull];
        const names = parts.map((t) => (t.aliasSymbol ?? t.getSymbol())?.getName());
        if (names.length > 0 && names.every((n) => n === 'Buffer')) return true;
        if (names.length > 0 && names.every((n) => n === 'Uint8Array')) return false;
      }
    }
    return key.buffer;
  };

  const isByteHandle = (expr: TSESTree.Node, key: Key): boolean => {
    const e = unwrapExpr(expr);
    if (e.type === 'Identifier') {
      const v = variableOf(context, e);
      return !!v && key.byteVars.has(v);
    }
    if (e.type === 'MemberExpression' && staticPropertyName(e) === key.field) {
      const obj = unwrapExpr(e.object);
      if (obj.type !== 'Identifier') return false;
      const v = variableOf(context, obj);
      return !!v && key.holderVars.has(v);
    }
    return false;
  };

  const calleeText = (callee: TSESTree.Node): string => sourceCode.getText(unwrapExpr(callee)).replace(/\?\./g, '.').replace(/\s+/g, '');

  const isZeroizerCallee = (callee: TSESTree.Node): boolean => {
    if (zeroizers.size === 0) return false;
    const text = calleeText(callee);
    if (zeroizers.has(text)) return true;
    const last = calleeName(callee);
    return !!last && zeroizers.has(last) && ![...zeroizers].some((z) => z.includes('.') && z.endsWith(`.${last}`) && z !== text);
  };

  /** `k.fill(0)`, `zeroize(k)`, `k?.fill(0)`, `k && k.fill(0)`, or a same-file helper that zeroizes its parameter. */
  const isZeroizeExpr = (expr: TSESTree.Node, isHandle: (e: TSESTree.Node) => boolean, depth: number): boolean => {
    const e = unwrapExpr(expr);
    if (e.type === 'LogicalExpression' && e.operator === '&&') return isZeroizeExpr(e.right, isHandle, depth);
    if (e.type === 'UnaryExpression' && e.operator === 'void') return isZeroizeExpr(e.argument, isHandle, depth);
    if (e.type === 'AwaitExpression') return isZeroizeExpr(e.argument, isHandle, depth);
    if (e.type !== 'CallExpression') return false;
    const callee = unwrapExpr(e.callee);
    if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'fill' && isZeroLiteral(e.arguments[0]) && isHandle(callee.object)) {
      return true;
    }
    const argIndex = e.arguments.findIndex((a) => a.type !== 'SpreadElement' && isHandle(a));
    if (argIndex < 0) return false;
    if (isZeroizerCallee(e.callee)) return true;
    return localFunctionEffect(e.callee, argIndex, depth) === 'zeroize';
  };

  const isPresenceTest = (test: TSESTree.Node, isHandle: (e: TSESTree.Node) => boolean): boolean => {
    const t = unwrapExpr(test);
    if (isHandle(t)) return true;
    if (t.type === 'BinaryExpression' && (t.operator === '!==' || t.operator === '!=')) {
      const other = isHandle(t.left) ? t.right : isHandle(t.right) ? t.left : null;
      return !!other && ((other.type === 'Literal' && other.value === null) || (other.type === 'Identifier' && other.name === 'undefined'));
    }
    if (t.type === 'LogicalExpression' && t.operator === '&&') return isPresenceTest(t.left, isHandle) || isPresenceTest(t.right, isHandle);
    return false;
  };

  /** Does this statement list overwrite the key on every path through it (used for `finally` blocks)? */
  const mustZeroize = (statements: readonly TSESTree.Node[], isHandle: (e: TSESTree.Node) => boolean, depth = 0): boolean => {
    for (const statement of statements) {
      if (statement.type === 'ExpressionStatement' && isZeroizeExpr(statement.expression, isHandle, depth)) return true;
      if (statement.type === 'BlockStatement' && mustZeroize(statement.body, isHandle, depth)) return true;
      if (statement.type === 'IfStatement') {
        const consequent = mustZeroize([statement.consequent], isHandle, depth);
        const alternate = statement.alternate ? mustZeroize([statement.alternate], isHandle, depth) : false;
        if (consequent && (alternate || isPresenceTest(statement.test, isHandle))) return true;
      }
      if (statement.type === 'TryStatement' && statement.finalizer && mustZeroize(statement.finalizer.body, isHandle, depth)) return true;
      if (
        statement.type === 'ReturnStatement' ||
        statement.type === 'ThrowStatement' ||
        statement.type === 'BreakStatement' ||
        statement.type === 'ContinueStatement'
      ) {
        return false;
      }
    }
    return false;
  };

  /** What a function declared in this file does with its parameter `index`: keeps it, zeroizes it, or only uses it. */
  function localFunctionEffect(callee: TSESTree.Node, index: number, depth: number): 'escape' | 'zeroize' | 'use' {
    const c = unwrapExpr(callee);
    if (c.type !== 'Identifier' || depth > 3) return 'use';
    const variable = variableOf(context, c);
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || !def) return 'use';
    let fn: TSESTree.Node | null | undefined = null;
    if (def.type === 'FunctionName') fn = def.node;
    else if (def.type === 'Variable' && def.parent.kind === 'const') fn = def.node.init;
    if (!isFunctionNode(fn)) return 'use';
    const cacheKey = `${fn.range[0]}:${index}`;
    const cached = localFnCache.get(cacheKey);
    if (cached) return cached;
    localFnCache.set(cacheKey, 'use');
    const param = fn.params[index];
    if (param?.type !== 'Identifier') return 'use';
    const paramVar = variableOf(context, param);
    if (!paramVar) return 'use';
    const isParam = (e: TSESTree.Node): boolean => {
      const u = unwrapExpr(e);
      return u.type === 'Identifier' && variableOf(context, u) === paramVar;
    };
    let effect: 'escape' | 'zeroize' | 'use' = 'use';
    for (const ref of paramVar.references) {
      if (ref.init) continue;
      if (positionEscapes(ref.identifier as TSESTree.Node, fn, depth + 1)) {
        effect = 'escape';
        break;
      }
    }
    if (effect === 'use' && fn.body.type === 'BlockStatement' && mustZeroize(fn.body.body, isParam, depth + 1)) effect = 'zeroize';
    localFnCache.set(cacheKey, effect);
    return effect;
  }

  /** Is this reference in a position that hands the value out of `root` (returned, stored, passed to a keeper)? */
  function positionEscapes(ref: TSESTree.Node, root: TSESTree.Node, depth: number): boolean {
    let e: TSESTree.Node = ref;
    for (let guard = 0; guard < 20; guard++) {
      const p: TSESTree.Node | undefined = e.parent;
      if (!p) return false;
      switch (p.type) {
        case 'TSNonNullExpression':
        case 'TSAsExpression':
        case 'TSSatisfiesExpression':
        case 'ChainExpression':
        case 'ArrayExpression':
        case 'Property':
        case 'ObjectExpression':
        case 'SpreadElement':
        case 'AwaitExpression':
          e = p;
          continue;
        case 'ConditionalExpression':
          if (p.test === e) return false;
          e = p;
          continue;
        case 'LogicalExpression':
          e = p;
          continue;
        case 'ReturnStatement':
        case 'YieldExpression':
          return frameRootOf(p) === root;
        case 'ArrowFunctionExpression':
          return p.body === e && p === root;
        case 'AssignmentExpression': {
          if (p.right !== e) return false;
          if (p.left.type !== 'Identifier') return true;
          const v = variableOf(context, p.left);
          return !v || !isDeclaredIn(v, root);
        }
        case 'CallExpression': {
          if (p.callee === e) return false;
          const name = calleeName(p.callee);
          if (name && (storingMethods.has(name) || continuationNames.has(name))) return true;
          const index = p.arguments.indexOf(e as TSESTree.CallExpressionArgument);
          return index >= 0 && localFunctionEffect(p.callee, index, depth) === 'escape';
        }
        case 'NewExpression': {
          const name = calleeName(p.callee);
          return !name || !byteArrayClasses.has(name);
        }
        case 'ExportDefaultDeclaration':
        case 'ExportSpecifier':
          return true;
        default:
          return false;
      }
    }
    return false;
  }

  /** Is the variable local to `root`'s own frame (not an outer or module variable seen from a function)? */
  function isDeclaredIn(variable: Var, root: TSESTree.Node): boolean {
    const name = variable.defs[0]?.name as TSESTree.Node | undefined;
    return !!name && frameRootOf(name) === root;
  }

  const exportedVariable = (variable: Var): boolean => {
    const decl = variable.defs[0]?.parent;
    return decl?.parent?.type === 'ExportNamedDeclaration';
  };

  const push = (key: Key, node: TSESTree.Node, kind: EventKind, at: Timing = 'enter'): void => {
    // A reference inside a nested function happens where that function is created, as far as `key.root` knows.
    const nested = nestedFunctionIn(key.root, node);
    if (nested && nested !== node) {
      if (kind === 'zeroize' || kind === 'zeroizeAfterThrow') {
        const call = promiseCallbackCall(nested);
        if (call) {
          key.events.push({ node: call.node, at: 'exit', kind: call.settles ? 'zeroize' : 'zeroizeAfterThrow' });
          return;
        }
        kind = 'use';
      }
      if (kind === 'absent') return;
      // A closure handed straight to a call (`items.map(…)`, `setImmediate(…)`) runs around this point; one that is
      // declared, stored or exported keeps the key reachable after the function ends, like an assignment would.
      const passedToCall = (nested.parent?.type === 'CallExpression' || nested.parent?.type === 'NewExpression') && nested.parent.arguments.includes(nested as TSESTree.CallExpressionArgument);
      key.events.push({ node: nested, at: 'enter', kind: kind === 'escape' || !passedToCall ? 'escape' : 'use' });
      return;
    }
    key.events.push({ node, at, kind });
  };

  /** `.finally(fn)` (runs on both outcomes) or `.then(fn)` (success only), where fn is this nested function. */
  const promiseCallbackCall = (fn: TSESTree.Node): { node: TSESTree.CallExpression; settles: boolean } | null => {
    const call = fn.parent;
    if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return null;
    const method = staticPropertyName(call.callee);
    if (method === 'finally' && call.arguments[0] === fn) return { node: call, settles: true };
    if (method === 'then' && call.arguments[0] === fn) return { node: call, settles: false };
    return null;
  };

  /**
   * Where a zeroization is complete: `k?.fill(0)` and `k && k.fill(0)` fork on a missing key, and the path where
   * it is missing has nothing to overwrite, so the event belongs after the fork joins.
   */
  const zeroizeSite = (call: TSESTree.Node): TSESTree.Node => {
    let n = call;
    while (
      n.parent &&
      (n.parent.type === 'ChainExpression' ||
        n.parent.type === 'TSNonNullExpression' ||
        (n.parent.type === 'LogicalExpression' && n.parent.operator === '&&' && n.parent.right === n))
    ) {
      n = n.parent;
    }
    return n;
  };

  const addCopy = (parent: Key, node: TSESTree.Node, how: string, buffer: boolean, depth: number): void => {
    const root = frameRootOf(node);
    const copy: Key = {
      spec: parent.spec,
      field: parent.field,
      buffer,
      copyOf: parent,
      reportNode: node,
      acquire: { node, at: 'exit', kind: 'acquire' },
      root,
      events: [{ node, at: 'exit', kind: 'acquire' }],
      byteVars: new Set(),
      holderVars: new Set(),
      keyMaterial: false,
      copies: [],
      strings: [],
      errorVar: null,
      keyText: null,
      quiet: new Set(),
    };
    (copy as Key & { how?: string }).how = how;
    parent.copies.push(copy);
    parent.quiet.add(node);
    classifyBytes(node, copy, depth + 1);
    // const copy = Buffer.from(key): the suggestion zeroizes `copy`.
    const decl = unwrapParent(node);
    if (decl?.type === 'VariableDeclarator' && decl.id.type === 'Identifier') copy.keyText = decl.id.name;
  };

  const unwrapParent = (node: TSESTree.Node): TSESTree.Node | undefined => {
    let p = node.parent;
    while (p && (p.type === 'TSNonNullExpression' || p.type === 'TSAsExpression' || p.type === 'AwaitExpression')) p = p.parent;
    return p;
  };

  const addAlias = (key: Key, variable: Var | null, depth: number): void => {
    if (!variable || key.byteVars.has(variable)) return;
    key.byteVars.add(variable);
    for (const ref of variable.references) {
      if (ref.init) continue;
      if (ref.isWrite()) continue;
      classifyBytes(ref.identifier as TSESTree.Node, key, depth + 1);
    }
  };

  /** Record what happens to the bytes `expr` evaluates to. */
  function classifyBytes(expr: TSESTree.Node, key: Key, depth: number): void {
    if (depth > 12) return;
    let e: TSESTree.Node = expr;
    for (let guard = 0; guard < 30; guard++) {
      const p: TSESTree.Node | undefined = e.parent;
      if (!p) return;
      switch (p.type) {
        case 'TSNonNullExpression':
        case 'TSAsExpression':
        case 'TSSatisfiesExpression':
        case 'TSTypeAssertion':
        case 'ChainExpression':
          e = p;
          continue;
        case 'ConditionalExpression':
          if (p.test === e) return;
          e = p;
          continue;
        case 'LogicalExpression':
          if (p.left === e && p.operator === '&&') return;
          e = p;
          continue;
        case 'UnaryExpression':
          return;
        case 'IfStatement':
        case 'WhileStatement':
        case 'DoWhileStatement':
        case 'ExpressionStatement':
          return;
        case 'BinaryExpression':
          if (p.operator === '+') key.strings.push(p);
          push(key, expr, 'use');
          return;
        case 'TemplateLiteral':
          key.strings.push(p);
          push(key, expr, 'use');
          return;
        case 'MemberExpression': {
          if (p.object !== e) {
            push(key, expr, 'use');
            return;
          }
          const name = staticPropertyName(p);
          if (name === 'length' || name === 'byteLength' || name === 'byteOffset') return;
          let callee: TSESTree.Node = p;
          while (callee.parent?.type === 'ChainExpression' || callee.parent?.type === 'TSNonNullExpression') callee = callee.parent;
          const call = callee.parent?.type === 'CallExpression' && callee.parent.callee === callee ? callee.parent : null;
          if (name === 'buffer') {
            // Buffer.from(k.buffer, k.byteOffset, k.byteLength) and new Uint8Array(k.buffer, …) share k's memory.
            const outer = callee.parent;
            if (
              (outer?.type === 'CallExpression' || outer?.type === 'NewExpression') &&
              outer.arguments[0] === callee &&
              ['from', ...byteArrayClasses].includes(calleeName(outer.callee) ?? '')
            ) {
              push(key, expr, 'use');
              key.quiet.add(outer);
              classifyBytes(outer, key, depth + 1);
              return;
            }
            push(key, expr, 'use');
            return;
          }
          if (!call) {
            push(key, expr, 'use');
            return;
          }
          if (name === 'fill' && isZeroLiteral(call.arguments[0])) {
            push(key, zeroizeSite(call), 'zeroize', 'exit');
            return;
          }
          if (name === 'subarray' || (name === 'slice' && typeIsBuffer(e, key))) {
            // A view: zeroizing it zeroizes the key's memory, and the key's zeroization covers it.
            push(key, expr, 'use');
            key.quiet.add(call);
            classifyBytes(call, key, depth + 1);
            return;
          }
          if (name === 'slice') {
            push(key, expr, 'use');
            addCopy(key, call, '`Uint8Array.prototype.slice`', false, depth);
            return;
          }
          if (name === 'toString' || name === 'toJSON' || name === 'toLocaleString') {
            push(key, expr, 'use');
            key.strings.push(call);
            return;
          }
          push(key, expr, 'use');
          return;
        }
        case 'SpreadElement': {
          push(key, expr, 'use');
          if (p.parent?.type === 'ArrayExpression') addCopy(key, p.parent, 'spread', false, depth);
          return;
        }
        case 'CallExpression': {
          if (p.callee === e) {
            push(key, expr, 'use');
            return;
          }
          const index = p.arguments.indexOf(e as TSESTree.CallExpressionArgument);
          const name = calleeName(p.callee);
          const callee = unwrapExpr(p.callee);
          const objectName = callee.type === 'MemberExpression' ? calleeName(callee.object) : null;
          if (isZeroizerCallee(p.callee)) {
            push(key, zeroizeSite(p), 'zeroize', 'exit');
            return;
          }
          if (index === 0 && name && assertionNames.has(name)) {
            // assert(key): it throws only when there is no key, so it neither uses the key nor leaves one behind.
            key.quiet.add(p);
            return;
          }
          if (name === 'from' && index === 0 && (objectName === 'Buffer' || objectName === 'Uint8Array' || objectName === 'Array')) {
            push(key, expr, 'use');
            addCopy(key, p, `\`${objectName}.from\``, objectName === 'Buffer', depth);
            return;
          }
          if ((name === 'String' && callee.type === 'Identifier') || name === 'decode' || name === 'btoa' || name === 'fromCharCode') {
            push(key, expr, 'use');
            key.strings.push(p);
            return;
          }
          if (name && keyMaterialArgs.get(name) === index) key.keyMaterial = true;
          if (name && (storingMethods.has(name) || continuationNames.has(name))) {
            push(key, expr, 'escape');
            return;
          }
          const effect = localFunctionEffect(p.callee, index, depth);
          push(key, effect === 'zeroize' ? zeroizeSite(p) : expr, effect, effect === 'zeroize' ? 'exit' : 'enter');
          return;
        }
        case 'NewExpression': {
          const name = calleeName(p.callee);
          if (name && byteArrayClasses.has(name) && name !== 'DataView') {
            push(key, expr, 'use');
            addCopy(key, p, `\`new ${name}\``, name === 'Buffer', depth);
            return;
          }
          push(key, expr, name === 'DataView' ? 'use' : 'escape');
          return;
        }
        case 'ArrayExpression':
        case 'Property':
        case 'ObjectExpression': {
          // Inside a literal: Buffer.concat([key, …]) copies; a returned or stored object hands the key out.
          const container = p.type === 'Property' ? p.parent : p;
          if (p.type === 'Property' && p.value !== e) {
            push(key, expr, 'use');
            return;
          }
          const outer = container?.parent;
          if (container?.type === 'ArrayExpression' && outer?.type === 'CallExpression' && calleeName(outer.callee) === 'concat') {
            push(key, expr, 'use');
            addCopy(key, outer, '`Buffer.concat`', true, depth);
            return;
          }
          push(key, expr, container && containerEscapes(container, key.root, depth) ? 'escape' : 'use');
          return;
        }
        case 'ReturnStatement':
        case 'YieldExpression':
          push(key, expr, frameRootOf(p) === key.root ? 'escape' : 'use');
          return;
        case 'ArrowFunctionExpression':
          push(key, expr, p.body === e && p === key.root ? 'escape' : 'use');
          return;
        case 'AwaitExpression':
          e = p;
          continue;
        case 'VariableDeclarator': {
          if (p.init !== e) return;
          push(key, expr, 'use');
          if (p.id.type === 'Identifier') {
            const v = variableOf(context, p.id);
            if (v && exportedVariable(v)) push(key, expr, 'escape');
            else addAlias(key, v, depth);
          }
          return;
        }
        case 'AssignmentExpression': {
          if (p.right !== e) return;
          if (p.left.type === 'Identifier') {
            const v = variableOf(context, p.left);
            if (v && isDeclaredIn(v, key.root) && !exportedVariable(v)) {
              push(key, expr, 'use');
              addAlias(key, v, depth);
              return;
            }
          }
          push(key, expr, 'escape');
          return;
        }
        case 'ExportSpecifier':
        case 'ExportDefaultDeclaration':
          push(key, expr, 'escape');
          return;
        case 'SequenceExpression':
          if (p.expressions[p.expressions.length - 1] !== e) return;
          e = p;
          continue;
        default:
          push(key, expr, 'use');
          return;
      }
    }
  }

  function containerEscapes(container: TSESTree.Node, root: TSESTree.Node, depth: number): boolean {
    if (positionEscapes(container, root, depth)) return true;
    // const result = { key, wrapped }; … return result
    const parent = unwrapParent(container);
    if (parent?.type === 'VariableDeclarator' && parent.init && parent.id.type === 'Identifier') {
      const v = variableOf(context, parent.id);
      if (!v) return false;
      if (exportedVariable(v)) return true;
      return v.references.some((r) => !r.init && positionEscapes(r.identifier as TSESTree.Node, root, depth + 1));
    }
    return false;
  }

  /** References to the whole response object (`dk`): `dk.Plaintext` is the key, `return dk` hands it out. */
  function classifyHolder(variable: Var, key: Key, depth: number): void {
    for (const ref of variable.references) {
      if (ref.init || ref.isWrite()) continue;
      const id = ref.identifier as TSESTree.Node;
      let e: TSESTree.Node = id;
      while (e.parent && (e.parent.type === 'TSNonNullExpression' || e.parent.type === 'TSAsExpression')) e = e.parent;
      const p = e.parent;
      if (p?.type === 'MemberExpression' && p.object === e) {
        if (staticPropertyName(p) === key.field) classifyBytes(p, key, depth + 1);
        continue;
      }
      if (p?.type === 'VariableDeclarator' && p.init === e) {
        if (p.id.type === 'ObjectPattern') {
          for (const prop of p.id.properties) {
            if (prop.type !== 'Property' || staticPropertyName(prop) !== key.field) continue;
            const value = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
            if (value.type === 'Identifier') {
              push(key, id, 'use');
              addAlias(key, variableOf(context, value), depth);
            }
          }
          continue;
        }
        if (p.id.type === 'Identifier') {
          const alias = variableOf(context, p.id);
          if (alias && !key.holderVars.has(alias)) {
            key.holderVars.add(alias);
            classifyHolder(alias, key, depth + 1);
          }
          continue;
        }
      }
      if (p?.type === 'IfStatement' || p?.type === 'UnaryExpression' || (p?.type === 'LogicalExpression' && p.left === e)) continue;
      push(key, id, positionEscapes(id, key.root, depth) ? 'escape' : 'use');
    }
  }

  /** Branches that run only when KMS returned no key (`if (!Plaintext) throw …`, v2's `if (err) return cb(err)`). */
  const addAbsenceGuards = (key: Key): void => {
    const isHandle = (e: TSESTree.Node): boolean => {
      if (isByteHandle(e, key)) return true;
      const u = unwrapExpr(e);
      if (u.type === 'Identifier') {
        const v = variableOf(context, u);
        return !!v && (key.holderVars.has(v) || v === key.errorVar);
      }
      return false;
    };
    const isAbsenceTerm = (t: TSESTree.Node, strict: boolean): boolean => {
      const u = unwrapExpr(t);
      if (u.type === 'LogicalExpression' && u.operator === '||') return isAbsenceTerm(u.left, strict) && isAbsenceTerm(u.right, strict);
      if (u.type === 'UnaryExpression' && u.operator === '!') return !strict || isHandle(u.argument) || isHandle(unwrapLength(u.argument));
      if (u.type === 'BinaryExpression' && (u.operator === '===' || u.operator === '==')) {
        const other = [u.left, u.right].find((s) => (s.type === 'Literal' && s.value === null) || (s.type === 'Identifier' && s.name === 'undefined'));
        if (!other) return false;
        const subject = other === u.left ? u.right : u.left;
        return !strict || isHandle(subject);
      }
      // v2: if (err) …
      if (u.type === 'Identifier') {
        const v = variableOf(context, u);
        return !!v && v === key.errorVar;
      }
      return false;
    };
    const mentions = (t: TSESTree.Node): boolean => {
      const u = unwrapExpr(t);
      if (u.type === 'LogicalExpression') return mentions(u.left) || mentions(u.right);
      if (u.type === 'UnaryExpression') return isHandle(u.argument) || isHandle(unwrapLength(u.argument));
      if (u.type === 'BinaryExpression') return isHandle(u.left) || isHandle(u.right);
      return isHandle(u);
    };
    const visit = (node: TSESTree.Node): void => {
      if (node.type === 'IfStatement') {
        if (mentions(node.test) && isAbsenceTerm(node.test, false)) push(key, node.consequent, 'absent');
        else if (node.alternate && isPresenceTest(node.test, isHandle)) push(key, node.alternate, 'absent');
      }
    };
    const ifs = new Set<TSESTree.Node>();
    const collect = (id: TSESTree.Node): void => {
      for (let n: TSESTree.Node | undefined = id.parent; n && n !== key.root; n = n.parent) {
        if (n.type === 'IfStatement') {
          ifs.add(n);
          break;
        }
        if (n.type.endsWith('Statement') || n.type === 'VariableDeclarator') break;
      }
    };
    for (const v of [...key.byteVars, ...key.holderVars, ...(key.errorVar ? [key.errorVar] : [])]) {
      for (const ref of v.references) collect(ref.identifier as TSESTree.Node);
    }
    for (const n of ifs) if (frameRootOf(n) === key.root) visit(n);
  };

  const unwrapLength = (e: TSESTree.Node): TSESTree.Node => {
    const u = unwrapExpr(e);
    if (u.type === 'MemberExpression' && (staticPropertyName(u) === 'length' || staticPropertyName(u) === 'byteLength')) return u.object;
    return u;
  };

  for (const key of keys) {
    for (const v of [...key.byteVars]) {
      key.byteVars.delete(v);
      addAlias(key, v, 0);
    }
    for (const v of key.holderVars) classifyHolder(v, key, 0);
    addAbsenceGuards(key);
  }

  // ---------- which keys must be zeroized ----------
  const anyKeyMaterial = (key: Key): boolean => key.keyMaterial || key.copies.some(anyKeyMaterial);
  const checked = keys.filter((key) => {
    if (key.spec.operation !== 'Decrypt') return true;
    return decryptMode === 'always' || anyKeyMaterial(key);
  });

  const reportedStrings = new Set<TSESTree.Node>();
  const checkKey = (key: Key): void => {
    const leak = findLeak(key);
    const data = { operation: key.spec.operation, field: key.field };
    if (leak) {
      const suggest = suggestionFor(key);
      // Buffer.from(key).toString('base64'): the string is the finding; the temporary copy is part of it.
      const onlyStringified = key.copyOf && key.byteVars.size === 0 && key.strings.length > 0;
      if (onlyStringified) {
        // reported below as stringCopy
      } else if (key.copyOf) {
        context.report({
          node: key.reportNode,
          messageId: 'copyNotZeroized',
          data: { ...data, how: (key as Key & { how?: string }).how ?? 'copy' },
          suggest,
        });
      } else if (leak.kind === 'throw') {
        context.report({ node: key.reportNode, messageId: 'notZeroizedOnThrow', data: { ...data, what: leak.what, line: String(leak.line) }, suggest });
      } else {
        context.report({ node: key.reportNode, messageId: 'notZeroized', data: { ...data, path: leak.path }, suggest });
      }
    }
    for (const s of key.strings) {
      if (reportedStrings.has(s)) continue;
      reportedStrings.add(s);
      context.report({ node: s, messageId: 'stringCopy', data });
    }
    for (const copy of key.copies) checkKey(copy);
  };

  interface Leak {
    kind: 'exit' | 'throw';
    path: string;
    what: string;
    line: number;
  }

  function findLeak(key: Key): Leak | null {
    const frame = rec.frameOf(key.root);
    if (!frame) return null;
    // Events in the segments where they ran.
    const bySegment = new Map<Segment, FlowEvent<number>[]>();
    const throwPoints: { node: TSESTree.Node; event: FlowEvent<number>; segment: Segment }[] = [];
    let reacquired = false;
    const addEvent = (segment: Segment, event: FlowEvent<number>): void => {
      const list = bySegment.get(segment) ?? [];
      list.push(event);
      bySegment.set(segment, list);
    };
    const excluded = new Set<TSESTree.Node>(key.quiet);
    for (const ev of key.events) {
      if (ev.kind !== 'zeroize') continue;
      const call = unwrapExpr(ev.node.type === 'LogicalExpression' ? ev.node.right : ev.node);
      if (call.type !== 'CallExpression') continue;
      if (call.callee.type === 'MemberExpression' && staticPropertyName(call.callee) === 'finally') {
        // doWork(key).finally(() => key.fill(0)): promise chains report failures by rejecting, not by throwing here.
        markSubtree(call, excluded);
      } else {
        // The overwrite itself (`k.fill(0)`, `k?.fill(0)`, `zeroize(k)`) is not a step that leaves the key behind.
        markSubtree(ev.node, excluded);
      }
    }
    for (const ev of key.events) {
      const position = rec.positionOf(ev.node);
      if (!position || position.frame !== frame) {
        if (ev.kind === 'acquire' && ev.node === key.root) {
          // A callback's parameter: held from the function's first step.
          addEvent(frame.codePath.initialSegment, { seq: -1, apply: () => LIVE });
        }
        continue;
      }
      const seq = ev.at === 'enter' ? position.enterSeq : position.exitSeq + 0.5;
      const segments = ev.at === 'enter' ? position.enterSegments : position.exitSegments;
      for (const segment of segments) {
        switch (ev.kind) {
          case 'acquire':
            addEvent(segment, {
              seq,
              apply: (s) => {
                if (s & LIVE) reacquired = true;
                return LIVE;
              },
            });
            break;
          case 'use':
            addEvent(segment, { seq, apply: (s) => (s & LIVE ? s | USED : s) });
            break;
          case 'zeroize':
          case 'escape':
          case 'absent':
            addEvent(segment, { seq: ev.kind === 'zeroize' ? seq - 0.25 : seq, apply: () => 0 });
            break;
          case 'zeroizeAfterThrow': {
            const event: FlowEvent<number> = { seq, apply: (s) => s };
            throwPoints.push({ node: ev.node, event, segment });
            addEvent(segment, event);
            addEvent(segment, { seq: seq + 0.1, apply: () => 0 });
            break;
          }
        }
      }
    }
    // Calls, awaits, `new` and `throw` in this frame can throw (a call after its arguments, a `throw` on entry).
    for (const node of throwablesIn(frame)) {
      if (excluded.has(node) || node.type === 'BreakStatement' || node.type === 'ContinueStatement') continue;
      const position = rec.positionOf(node);
      if (!position || position.frame !== frame) continue;
      const onEntry = node.type === 'ThrowStatement';
      for (const segment of onEntry ? position.enterSegments : position.exitSegments) {
        const event: FlowEvent<number> = { seq: onEntry ? position.enterSeq : position.exitSeq, apply: (s) => s };
        throwPoints.push({ node, event, segment });
        addEvent(segment, event);
      }
    }

    const isHandle = (e: TSESTree.Node): boolean => isByteHandle(e, key);
    // ESLint's code paths send `break`/`continue` straight to the loop, past any `finally` on the way; a
    // zeroizing `finally` they cross still runs, so it counts as a zeroization at the jump.
    for (const jump of jumpsIn(frame)) {
      if (!jumpCrossesZeroizingFinally(jump, isHandle)) continue;
      const position = rec.positionOf(jump);
      if (!position || position.frame !== frame) continue;
      for (const segment of position.enterSegments) addEvent(segment, { seq: position.enterSeq, apply: () => 0 });
    }
    const injected = new Map<Segment, number>();
    let escaping: TSESTree.Node | null = null;
    let solution = solveForward<number>({
      frame,
      initial: 0,
      bottom: 0,
      join: (a, b) => a | b,
      equal: (a, b) => a === b,
      eventsOf: (segment) => bySegment.get(segment) ?? [],
      injected: (segment) => injected.get(segment),
    });
    for (let round = 0; round < 8; round++) {
      let changed = false;
      for (const point of throwPoints) {
        const state = solution.before(point.segment, point.event);
        if ((state & (LIVE | USED)) !== (LIVE | USED)) continue;
        const target = exceptionTarget(point.node, frame.root, isHandle);
        if (target === 'handled') continue;
        if (target === 'leaves') {
          if (!escaping || (point.node.range[0] < escaping.range[0])) escaping = point.node;
          continue;
        }
        for (const segment of target) {
          const before = injected.get(segment) ?? 0;
          if ((before | state) !== before) {
            injected.set(segment, before | state);
            changed = true;
          }
        }
      }
      if (!changed) break;
      escaping = null;
      solution = solveForward<number>({
        frame,
        initial: 0,
        bottom: 0,
        join: (a, b) => a | b,
        equal: (a, b) => a === b,
        eventsOf: (segment) => bySegment.get(segment) ?? [],
        injected: (segment) => injected.get(segment),
      });
    }
    const reachable = new Set(frame.segments);
    const returnsLive = frame.codePath.returnedSegments.some((s) => reachable.has(s) && ((solution.out.get(s) ?? 0) & LIVE) !== 0);
    if (returnsLive || reacquired) {
      return { kind: 'exit', path: reacquired && !returnsLive ? 'the next loop iteration replaces it first' : 'a return or the end of the function is reached without zeroizing it', what: '', line: 0 };
    }
    const point = escaping as TSESTree.Node | null;
    return point ? { kind: 'throw', path: '', what: describeThrowable(point), line: point.loc.start.line } : null;
  }

  function jumpsIn(frame: PathFrame): (TSESTree.BreakStatement | TSESTree.ContinueStatement)[] {
    return throwablesIn(frame).filter(
      (n): n is TSESTree.BreakStatement | TSESTree.ContinueStatement => n.type === 'BreakStatement' || n.type === 'ContinueStatement',
    );
  }

  function jumpCrossesZeroizingFinally(jump: TSESTree.BreakStatement | TSESTree.ContinueStatement, isHandle: (e: TSESTree.Node) => boolean): boolean {
    let child: TSESTree.Node = jump;
    for (let p: TSESTree.Node | undefined = jump.parent; p && !isFunctionNode(p); child = p, p = p.parent) {
      if (jump.label) {
        if (p.type === 'LabeledStatement' && p.label.name === jump.label.name) return false;
      } else if (isLoopNode(p) || (jump.type === 'BreakStatement' && p.type === 'SwitchStatement')) {
        return false;
      }
      if (p.type === 'TryStatement' && p.finalizer && child !== p.finalizer && mustZeroize(p.finalizer.body, isHandle)) return true;
    }
    return false;
  }

  const throwableCache = new Map<PathFrame, TSESTree.Node[]>();
  function throwablesIn(frame: PathFrame): TSESTree.Node[] {
    const cached = throwableCache.get(frame);
    if (cached) return cached;
    const found: TSESTree.Node[] = [];
    const walk = (node: TSESTree.Node): void => {
      if (node !== frame.root && isFunctionNode(node)) return;
      if (
        node.type === 'CallExpression' ||
        node.type === 'NewExpression' ||
        node.type === 'AwaitExpression' ||
        node.type === 'YieldExpression' ||
        node.type === 'TaggedTemplateExpression' ||
        node.type === 'ThrowStatement' ||
        node.type === 'BreakStatement' ||
        node.type === 'ContinueStatement'
      ) {
        found.push(node);
      }
      for (const child of childrenOf(node)) walk(child);
    };
    const body = isFunctionNode(frame.root) ? frame.root.body : frame.root;
    walk(body);
    throwableCache.set(frame, found);
    return found;
  }

  /** Where an exception thrown at `node` goes: a `catch` entry, absorbed by a zeroizing `finally`, or out of the function. */
  function exceptionTarget(node: TSESTree.Node, root: TSESTree.Node, isHandle: (e: TSESTree.Node) => boolean): readonly Segment[] | 'handled' | 'leaves' {
    let child: TSESTree.Node = node;
    for (let p = node.parent; p && p !== root; child = p, p = p.parent) {
      if (p.type !== 'TryStatement') continue;
      if (child === p.block && p.handler) {
        const position = rec.positionOf(p.handler);
        return position ? position.enterSegments : 'leaves';
      }
      if ((child === p.block || child === p.handler) && p.finalizer && mustZeroize(p.finalizer.body, isHandle)) return 'handled';
    }
    return 'leaves';
  }

  const describeThrowable = (node: TSESTree.Node): string => {
    if (node.type === 'AwaitExpression') return '`await`';
    if (node.type === 'ThrowStatement') return '`throw` statement';
    if (node.type === 'NewExpression') return calleeName(node.callee) ? `\`new ${calleeName(node.callee)}\`` : '`new` expression';
    if (node.type === 'CallExpression') {
      const name = calleeName(node.callee);
      return name ? `call to \`${name}\`` : 'call';
    }
    return 'expression';
  };

  function markSubtree(node: TSESTree.Node, into: Set<TSESTree.Node>): void {
    into.add(node);
    for (const child of childrenOf(node)) markSubtree(child, into);
  }

  /** `try { <statements after the acquisition> } finally { key.fill(0); }`, when the acquisition is a statement of a block. */
  function suggestionFor(key: Key): TSESLint.ReportSuggestionArray<MessageId> {
    try {
      if (!key.keyText) return [];
      let statements: TSESTree.Node[] | null = null;
      const acquisition = key.acquire.node;
      if (isFunctionNode(acquisition)) {
        if (acquisition.body.type === 'BlockStatement') statements = acquisition.body.body;
      } else {
        let statement: TSESTree.Node = acquisition;
        while (statement.parent && !(statement.parent.type === 'BlockStatement' || statement.parent.type === 'Program' || statement.parent.type === 'StaticBlock')) {
          statement = statement.parent;
          if (isFunctionNode(statement)) return [];
        }
        const block = statement.parent as TSESTree.BlockStatement | TSESTree.Program | undefined;
        if (!block) return [];
        const index = (block.body as TSESTree.Node[]).indexOf(statement);
        statements = (block.body as TSESTree.Node[]).slice(index + 1);
      }
      if (!statements || statements.length === 0) return [];
      if (statements.some((s) => s.type.startsWith('Import') || s.type.startsWith('Export'))) return [];
      const first = statements[0];
      const last = statements[statements.length - 1];
      const text = sourceCode.text;
      const lineStart = text.lastIndexOf('\n', first.range[0] - 1) + 1;
      const indent = /^[ \t]*/.exec(text.slice(lineStart, first.range[0]))?.[0] ?? '';
      const unit = indent.includes('\t') ? '\t' : '  ';
      const original = text.slice(first.range[0], last.range[1]);
      const multilineTemplate = sourceCode.ast.tokens.some(
        (t) => t.type === 'Template' && t.range[0] >= first.range[0] && t.range[1] <= last.range[1] && t.loc.start.line !== t.loc.end.line,
      );
      const body = multilineTemplate ? original : original.split('\n').map((line, i) => (i === 0 || line.trim() === '' ? line : unit + line)).join('\n');
      const optional = key.buffer || key.copyOf ? '.' : '?.';
      const zeroize = `${key.keyText}${optional}fill(0)`;
      const replacement = `try {\n${indent}${unit}${body}\n${indent}} finally {\n${indent}${unit}${zeroize};\n${indent}}`;
      return [
        {
          messageId: 'wrapInTryFinally',
          data: { key: key.buffer || key.copyOf ? key.keyText : `${key.keyText}?` },
          fix: (fixer) => fixer.replaceTextRange([first.range[0], last.range[1]], replacement),
        },
      ];
    } catch {
      return [];
    }
  }

  for (const key of checked) checkKey(key);
}
