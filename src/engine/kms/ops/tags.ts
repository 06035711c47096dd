// Tags on customer managed keys: TagResource, UntagResource, ListResourceTags, and the Tags member of CreateKey and
// ReplicateKey. Sources: the API reference (Tag: TagKey 1..128, TagValue 0..256 characters; "you cannot tag an AWS
// managed key"), and AWS's recorded answers in LocalStack's test_kms.snapshot.json: a key or value over its length is
// ValidationException at 'tags.N.member.tagKey' (N counted from 1); TagException "Tags beginning with aws: are
// reserved" (any case: "aws:" and "AWS:" both), "Duplicate tag keys", and "Too many tags" past 50 tags on a key.
import { AwsError } from '../../types.js';
import type { Keystore, Operation } from '../keystore.js';
import { page, type Ctx, type KeyRecord, type Output } from '../model.js';
import { Input, validation } from '../wire.js';

/** Tags per KMS key (developer guide, "Tagging keys"; recorded: 51 tags on CreateKey is "Too many tags"). */
export const MAX_TAGS_PER_KEY = 50;

export const tagOperations: Record<string, Operation> = {
  TagResource: tagResource,
  UntagResource: untagResource,
  ListResourceTags: listResourceTags,
};

const tagException = (message: string) => new AwsError('TagException', message);

/**
 * Reads a TagList member: the model's constraints first (ValidationException), then KMS's own rules (TagException).
 * Undefined when the member is absent.
 */
export function readTags(input: Input, name = 'Tags'): Map<string, string> | undefined {
  const raw = input.raw(name);
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw new AwsError('SerializationException', `${typeof raw} can not be converted to a List (member ${name})`);
  const pairs: [string, string][] = raw.map((item, i) => {
    const tag = new Input(item);
    const at = `${name.charAt(0).toLowerCase()}${name.slice(1)}.${i + 1}.member`;
    const key = memberString(tag, 'TagKey', at, 1, 128);
    const value = memberString(tag, 'TagValue', at, 0, 256);
    return [key, value];
  });
  if (pairs.some(([k]) => k.toLowerCase().startsWith('aws:'))) throw tagException('Tags beginning with aws: are reserved');
  const tags = new Map<string, string>();
  for (const [k, v] of pairs) {
    if (tags.has(k)) throw tagException('Duplicate tag keys');
    tags.set(k, v);
  }
  return tags;
}

/** A required string of a list item, with the item's path in the message ("tags.1.member.tagKey"). */
function memberString(item: Input, member: 'TagKey' | 'TagValue', at: string, min: number, max: number): string {
  const raw = item.raw(member);
  const where = `${at}.${member.charAt(0).toLowerCase()}${member.slice(1)}`;
  if (raw === undefined || raw === null) throw validation(`1 validation error detected: Value null at '${where}' failed to satisfy constraint: Member must not be null`);
  if (typeof raw !== 'string') throw new AwsError('SerializationException', `${typeof raw} can not be converted to a String (member ${member})`);
  if (raw.length < min) throw validation(`1 validation error detected: Value '${raw}' at '${where}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`);
  if (raw.length > max) throw validation(`1 validation error detected: Value '${raw}' at '${where}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
  return raw;
}

/** The tag count after adding `added` to `existing` (a key already present is replaced, not added). */
export function checkTagCount(existing: Map<string, string>, added: Map<string, string>): void {
  let count = existing.size;
  for (const k of added.keys()) if (!existing.has(k)) count++;
  if (count > MAX_TAGS_PER_KEY) throw tagException('Too many tags');
}

/** The key of a tagging request: key ID or key ARN only; customer managed; not pending deletion. */
function taggableKey(ks: Keystore, input: Input, ctx: Ctx): KeyRecord {
  const key = ks.resolve(ks.keyIdMember(input), ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  ks.requireNotPendingDeletion(key);
  // "you cannot tag an AWS managed key" (API_TagResource); the error's wording is not recorded.
  if (key.keyManager === 'AWS') throw new AwsError('UnsupportedOperationException', `${key.arn} is an AWS managed key; its tags cannot be changed.`);
  return key;
}

/** API_TagResource: adds tags, replacing the value of a key already present. */
function tagResource(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const tags = readTags(input);
  if (tags === undefined) throw validation("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
  const key = taggableKey(ks, new Input({ KeyId: keyId }), ctx);
  checkTagCount(key.tags, tags);
  for (const [k, v] of tags) key.tags.set(k, v);
  return {};
}

/** API_UntagResource: "if the specified tag key isn't found on the KMS key, it doesn't throw an exception". */
function untagResource(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const keys = input.stringList('TagKeys', { max: Number.MAX_SAFE_INTEGER, itemMax: 128, required: true }) ?? [];
  const key = taggableKey(ks, new Input({ KeyId: keyId }), ctx);
  for (const k of keys) key.tags.delete(k);
  return {};
}

/** API_ListResourceTags: Limit 1..50, default 50 (the API reference's text; the model allows up to 1000). */
function listResourceTags(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const limit = input.int('Limit', { min: 1, max: 1000 }) ?? 50;
  const marker = input.string('Marker', { max: 1024, pattern: /^[\u0020-\u00FF]*$/ });
  const key = ks.resolve(keyId, ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  const tags = [...key.tags].map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
  return page(tags, Math.min(limit, 50), marker, 'Tags');
}
