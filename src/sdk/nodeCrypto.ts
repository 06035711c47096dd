// Recognises node:crypto functions (createCipheriv, createDecipheriv, randomBytes, ...) by import tracking,
// and by the declaring file (@types/node crypto module) when types are available. Never by bare name alone.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { constInitOf, originOfExpression, staticPropertyName, variableOf } from './bindings.js';
import { evaluateString } from './constant.js';
import { unwrapTs } from './ast.js';
import { declarationFile, getTypeInfo, symbolAt } from './typeInfo.js';

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

/** The algorithm argument, when it is a known AES-GCM name; null when it is another cipher or unknown. */
export function gcmAlgorithmOf(context: Context, node: TSESTree.Node | undefined): string | null {
  if (!node || node.type === 'SpreadElement') return null;
  const name = evaluateString(context, node);
  return name && isGcmAlgorithmName(name) ? name : null;
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
