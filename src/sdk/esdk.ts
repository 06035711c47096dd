// AWS Encryption SDK for JavaScript (@aws-crypto/client-node, @aws-crypto/client-browser): buildClient and
// CommitmentPolicy, recognised by import tracking and, with types, by the declaring package.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { constInitOf, originOfExpression, staticPropertyName, variableOf } from './bindings.js';
import { evaluateString } from './constant.js';
import { readObject } from './input.js';
import { awsPackageOfFile, declarationFile, getTypeInfo, symbolAt } from './typeInfo.js';
import { unwrapTs } from './nodeCrypto.js';
import { fileImportsModules, fileMentionsAws } from './fileFacts.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** The client packages whose `buildClient` takes a commitment policy. */
export const esdkClientPackages: readonly string[] = ['@aws-crypto/client-node', '@aws-crypto/client-browser'];
const esdkPackage = /^@aws-crypto\//;

/** The three values of the ESDK `CommitmentPolicy` enum (its members equal their names). */
export const commitmentPolicies = [
  'FORBID_ENCRYPT_ALLOW_DECRYPT',
  'REQUIRE_ENCRYPT_ALLOW_DECRYPT',
  'REQUIRE_ENCRYPT_REQUIRE_DECRYPT',
] as const;
export type CommitmentPolicyName = (typeof commitmentPolicies)[number];

/**
 * May this file call `buildClient`? It names an ESDK package, or imports some module while a name with
 * "client" in it (the only re-exports isEsdkBuildClient follows) appears: other files need no listener.
 */
export function fileMayBuildEsdkClient(context: Context): boolean {
  return fileMentionsAws(context) || (/client/i.test(context.sourceCode.text) && fileImportsModules(context));
}

/** Is this call `buildClient(...)` from an ESDK client package? */
export function isEsdkBuildClient(context: Context, call: TSESTree.CallExpression): boolean {
  const callee = unwrapTs(call.callee);
  const local = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : null;
  if (local === null) return false;
  const origin = originOfExpression(context, callee);
  if (origin?.kind === 'export' && !origin.module.startsWith('.')) return esdkClientPackages.includes(origin.module) && origin.name === 'buildClient';
  // Re-exports through the project's own modules are checked by type, for client-building names only.
  const relative = origin?.kind === 'export';
  if ((origin && !relative) || !/client/i.test(local)) return false;
  const info = getTypeInfo(context);
  if (!info) return false;
  const symbol = symbolAt(info, callee.type === 'MemberExpression' ? callee.property : callee);
  const pkg = awsPackageOfFile(declarationFile(symbol));
  return !!pkg && esdkClientPackages.includes(pkg) && symbol?.getName() === 'buildClient';
}

export interface PolicyOption {
  policy: CommitmentPolicyName;
  /** The expression that names it (an enum member access or a string literal), where reports go. */
  node: TSESTree.Node;
}

/**
 * The commitment policies an expression may evaluate to: `CommitmentPolicy.X` (imported from an ESDK package),
 * the string `'X'`, through consts and conditionals. Null when any branch is unknown.
 */
export function commitmentPolicyOptions(context: Context, node: TSESTree.Node, depth = 0): PolicyOption[] | null {
  if (depth > 8) return null;
  const n = unwrapTs(node);
  if (n.type === 'ConditionalExpression') {
    const a = commitmentPolicyOptions(context, n.consequent, depth + 1);
    const b = commitmentPolicyOptions(context, n.alternate, depth + 1);
    return a && b ? [...a, ...b] : null;
  }
  if (n.type === 'Identifier') {
    const init = constInitOf(variableOf(context, n));
    if (init) return commitmentPolicyOptions(context, init, depth + 1);
  }
  if (n.type === 'MemberExpression') {
    const name = staticPropertyName(n);
    const origin = originOfExpression(context, unwrapTs(n.object));
    if (origin?.kind === 'export' && esdkPackage.test(origin.module) && origin.name === 'CommitmentPolicy') {
      return name && (commitmentPolicies as readonly string[]).includes(name) ? [{ policy: name as CommitmentPolicyName, node: n }] : null;
    }
  }
  // String literals, and enum members whose literal type the checker knows.
  const value = evaluateString(context, n);
  if (value && (commitmentPolicies as readonly string[]).includes(value)) return [{ policy: value as CommitmentPolicyName, node: n }];
  return null;
}

/**
 * The policies a `buildClient(arg)` call configures: the argument itself, or its `commitmentPolicy` field.
 * `[]` means "no argument": the ESDK default (REQUIRE_ENCRYPT_REQUIRE_DECRYPT). Null when unknown.
 */
export function buildClientPolicies(context: Context, call: TSESTree.CallExpression): PolicyOption[] | null {
  const arg = call.arguments[0];
  if (!arg) return [];
  if (arg.type === 'SpreadElement') return null;
  const direct = commitmentPolicyOptions(context, arg);
  if (direct) return direct;
  const view = readObject(context, arg);
  if (!view) return null;
  const field = view.field('commitmentPolicy');
  if (field.kind === 'unknown') return null;
  const out: PolicyOption[] = [];
  for (const option of field.options) {
    if (!option.present) continue;
    const inner = commitmentPolicyOptions(context, option.value);
    if (!inner) return null;
    out.push(...inner);
  }
  return out;
}
