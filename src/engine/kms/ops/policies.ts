// Key policies: GetKeyPolicy, PutKeyPolicy, ListKeyPolicies (and the Policy member of CreateKey and ReplicateKey).
// API reference: PolicyName 1..128 characters of [\w]+, optional, default "default", "the only valid name is
// default"; Policy 1..131072 characters of tab, LF, CR and U+0020..U+00FF; "If the key policy exceeds the length
// constraint, KMS returns a LimitExceededException" (the 32 KB key policy document quota, developer guide "Resource
// quotas"). The engine stores and returns policies; it authorizes by key ownership and grants, not by policy.
import { AwsError } from '../../types.js';
import type { Keystore, Operation } from '../keystore.js';
import { page, type Ctx, type KeyRecord, type Output } from '../model.js';
import { Input } from '../wire.js';

/** "Key policy document size: 32 KB (32,768 bytes)" (developer guide, resource quotas). */
const MAX_POLICY_BYTES = 32_768;
const POLICY_CHARS = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/;

export const policyOperations: Record<string, Operation> = {
  GetKeyPolicy: getKeyPolicy,
  PutKeyPolicy: putKeyPolicy,
  ListKeyPolicies: listKeyPolicies,
};

/**
 * A Policy member: the model's length and character set (ValidationException), the 32 KB quota
 * (LimitExceededException), and a JSON object (else MalformedPolicyDocumentException; the wording is ours, AWS's
 * is not recorded).
 */
export function readPolicy(input: Input, required: boolean): string | undefined {
  const policy = required
    ? input.string('Policy', { required: true, max: 131_072, pattern: POLICY_CHARS })
    : input.string('Policy', { max: 131_072, pattern: POLICY_CHARS });
  if (policy === undefined) return undefined;
  if (Buffer.byteLength(policy, 'utf8') > MAX_POLICY_BYTES) {
    throw new AwsError('LimitExceededException', `The key policy is ${Buffer.byteLength(policy, 'utf8')} bytes; a key policy document may have at most ${MAX_POLICY_BYTES}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    throw new AwsError('MalformedPolicyDocumentException', 'The new key policy is not a valid JSON document.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AwsError('MalformedPolicyDocumentException', 'The new key policy must be a JSON object.');
  }
  return policy;
}

/** PolicyName: optional, "default" when absent; any other well-formed name names no policy. */
function policyName(input: Input): string {
  const name = input.string('PolicyName', { max: 128, pattern: /^\w+$/ }) ?? 'default';
  return name;
}

function policyKey(ks: Keystore, keyId: string, ctx: Ctx): KeyRecord {
  const key = ks.resolve(keyId, ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  return key;
}

function getKeyPolicy(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const name = policyName(input);
  const key = policyKey(ks, keyId, ctx);
  if (name !== 'default') throw new AwsError('NotFoundException', `No such policy exists: ${name}`);
  return { Policy: key.policy, PolicyName: 'default' };
}

function putKeyPolicy(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const name = policyName(input);
  const policy = readPolicy(input, true)!;
  input.bool('BypassPolicyLockoutSafetyCheck');
  const key = policyKey(ks, keyId, ctx);
  ks.requireNotPendingDeletion(key);
  if (key.keyManager === 'AWS') throw new AwsError('UnsupportedOperationException', `${key.arn} is an AWS managed key; its key policy cannot be changed.`);
  if (name !== 'default') throw new AwsError('NotFoundException', `No such policy exists: ${name}`);
  key.policy = policy;
  return {};
}

/** API_ListKeyPolicies: Limit 1..1000, default 100; the one name is "default". */
function listKeyPolicies(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const limit = input.int('Limit', { min: 1, max: 1000 }) ?? 100;
  const marker = input.string('Marker', { max: 1024, pattern: /^[\u0020-\u00FF]*$/ });
  policyKey(ks, keyId, ctx);
  return page(['default'], limit, marker, 'PolicyNames');
}
