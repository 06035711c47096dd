// Recognises node:crypto functions (createCipheriv, createDecipheriv, randomBytes, ...) by import tracking,
// and by the declaring file (@types/node crypto module) when types are available. Never by bare name alone.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { constInitOf, originOfExpression, staticPropertyName, variableOf } from './bindings.js';
import { evaluateString } from './constant.js';
import { unwrapTs } from './ast.js';
import { declarationFile, getTypeInfo, symbolAt, typeAt } from './typeInfo.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const cryptoModules = new Set(['crypto', 'node:crypto']);

export { unwrapTs };

/** The name a callee would have as a node:crypto export, before any lookup (cheap gate). */
function calleeName(callee: TSESTree.Node): string | null {
  const c = unwrapTs(callee);
  if (c.type === 'Identifier') return c.name;
  if (c.type === 'MemberExpression') return staticPropertyName(c);
  return null;
}

/**
 * Which node:crypto export this callee is (`createCipheriv`), or null. `names` is the cheap gate: only callees
 * whose local or property name is one of them are looked up, so unrelated calls cost nothing.
 */
export function cryptoFunctionOf(context: Context, callee: TSESTree.Node, names: ReadonlySet<string>): string | null {
  const c = unwrapTs(callee);
  const local = calleeName(c);
  if (local === null) return null;
  const origin = originOfExpression(context, c);
  if (origin?.kind === 'export' && cryptoModules.has(origin.module)) return names.has(origin.name) ? origin.name : null;
  // Re-exports through the project's own modules: ask the checker, but only for names that look the part
  // (the original name, or a local alias mentioning cipher/random), so unrelated calls cost no checker query.
  const relative = origin?.kind === 'export' && origin.module.startsWith('.');
  if (origin && !relative) return null;
  const candidate = names.has(local) || (relative && (names.has(origin.name) || /cipher|random/i.test(local)));
  if (!candidate) return null;
  const info = getTypeInfo(context);
  if (!info) return null;
  const target = c.type === 'MemberExpression' ? c.property : c;
  const symbol = symbolAt(info, target);
  const file = declarationFile(symbol);
  if (file && /\/@types\/node\/(?:ts[\d.]+\/)?crypto\.d\.ts$/.test(file) && names.has(symbol!.getName())) return symbol!.getName();
  return null;
}

/** AES-GCM cipher names Node accepts (`aes-256-gcm`, `id-aes256-GCM`), case-insensitively. */
export function isGcmAlgorithmName(name: string): boolean {
  return /^(?:aes-(?:128|192|256)-gcm|id-aes(?:128|192|256)-gcm)$/i.test(name);
}

/**
 * The algorithm argument, when it is a known AES-GCM name; null when it is another cipher or unknown. Besides
 * constants, a name kept on the instance (`this.algorithm`, set by the constructor or a field initialiser) and,
 * with types, a value typed as GCM names only (`crypto.CipherGCMTypes`, `'aes-256-gcm'`).
 */
export function gcmAlgorithmOf(context: Context, node: TSESTree.Node | undefined): string | null {
  if (!node || node.type === 'SpreadElement') return null;
  const name = evaluateString(context, node) ?? instanceFieldString(context, node) ?? gcmNameOfType(context, node);
  return name && isGcmAlgorithmName(name) ? name : null;
}

/** `this.x`, where the enclosing class gives `x` one constant string (a field initialiser or `this.x = '…'` in the constructor). */
function instanceFieldString(context: Context, node: TSESTree.Node): string | null {
  const n = unwrapTs(node);
  if (n.type !== 'MemberExpression' || n.object.type !== 'ThisExpression') return null;
  const field = staticPropertyName(n);
  let body: TSESTree.Node | undefined = n.parent;
  while (body && body.type !== 'ClassBody') body = body.parent;
  if (!field || !body) return null;
  const values: string[] = [];
  for (const member of body.body) {
    if (member.type === 'PropertyDefinition' && !member.computed && member.value && staticPropertyName(member as never) === field) {
      values.push(evaluateString(context, member.value) ?? '');
    }
    if (member.type === 'MethodDefinition' && member.kind === 'constructor') {
      for (const stmt of member.value.body?.body ?? []) {
        const e = stmt.type === 'ExpressionStatement' ? stmt.expression : null;
        if (e?.type === 'AssignmentExpression' && e.left.type === 'MemberExpression' && e.left.object.type === 'ThisExpression' && staticPropertyName(e.left) === field) {
          values.push(evaluateString(context, e.right) ?? '');
        }
      }
    }
  }
  return values.length > 0 && values.every((v) => v === values[0]) && values[0] !== '' ? values[0] : null;
}

/** With types: a value whose type admits only AES-GCM cipher names. One of them stands for all (they share the tag rules). */
function gcmNameOfType(context: Context, node: TSESTree.Node): string | null {
  const info = getTypeInfo(context);
  if (!info) return null;
  const type = typeAt(info, node);
  if (!type) return null;
  const names: string[] = [];
  for (const t of type.isUnion() ? type.types : [type]) {
    if (!t.isStringLiteral() || !isGcmAlgorithmName(t.value)) return null;
    names.push(t.value);
  }
  return names[0] ?? null;
}

const HASH_FUNCTIONS: ReadonlySet<string> = new Set(['createHash', 'createHmac']);

/** What a node:crypto `.digest()` call hashed. */
export interface HashChain {
  fn: 'createHash' | 'createHmac';
  /** `createHash`'s / `createHmac`'s first argument. */
  algorithm: TSESTree.Node | undefined;
  /** `createHmac`'s key argument. */
  hmacKey: TSESTree.Node | undefined;
  /** The `update(...)` arguments chained onto the hasher, in any order. */
  inputs: TSESTree.Node[];
  /** False when the hasher is a variable whose `update` calls are elsewhere: then `inputs` is not all it hashed. */
  inputsComplete: boolean;
}

/**
 * `createHash(alg).update(a).update(b).digest()`, `createHmac(alg, key).update(a).digest('hex')`, or
 * `hash.digest()` where `const hash = createHash(alg)`: the hasher behind a digest call, or null.
 */
export function hashChainOf(context: Context, digestCall: TSESTree.CallExpression): HashChain | null {
  const callee = unwrapTs(digestCall.callee);
  if (callee.type !== 'MemberExpression' || staticPropertyName(callee) !== 'digest') return null;
  const inputs: TSESTree.Node[] = [];
  let n = unwrapTs(callee.object);
  while (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && staticPropertyName(n.callee) === 'update') {
    inputs.push(...n.arguments);
    n = unwrapTs(n.callee.object);
  }
  let inputsComplete = true;
  if (n.type === 'Identifier') {
    const init = constInitOf(variableOf(context, n));
    if (!init) return null;
    n = unwrapTs(init);
    inputsComplete = false;
  }
  if (n.type !== 'CallExpression') return null;
  const fn = cryptoFunctionOf(context, n.callee, HASH_FUNCTIONS) as HashChain['fn'] | null;
  if (!fn) return null;
  return { fn, algorithm: n.arguments[0], hmacKey: fn === 'createHmac' ? n.arguments[1] : undefined, inputs, inputsComplete };
}
