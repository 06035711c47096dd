// Tags and key policies through the real KMSClient. Expected codes and messages are AWS's own, as recorded against
// AWS in LocalStack's tests/aws/services/kms/test_kms.snapshot.json (test names given per case); limits from the
// API reference (TagResource, ListResourceTags, GetKeyPolicy, PutKeyPolicy, ListKeyPolicies).
import {
  CreateKeyCommand, DescribeKeyCommand, GetKeyPolicyCommand, KMSClient, ListKeyPoliciesCommand, ListResourceTagsCommand, PutKeyPolicyCommand,
  ReplicateKeyCommand, ScheduleKeyDeletionCommand, TagResourceCommand, UntagResourceCommand,
} from '@aws-sdk/client-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKmsEngine, type KmsEngine } from '../../src/engine/index.js';
import { expectAwsError } from './kms-helpers.js';

let engine: KmsEngine;
let kms: KMSClient;

beforeAll(() => {
  engine = createKmsEngine();
  kms = engine.kmsClient();
});

const tags = (n: number, prefix = 'key') => Array.from({ length: n }, (_, i) => ({ TagKey: `${prefix}${i}`, TagValue: `value${i}` }));
const listTags = async (KeyId: string) => (await kms.send(new ListResourceTagsCommand({ KeyId }))).Tags;

describe('TagResource / UntagResource / ListResourceTags', () => {
  it('tags an existing key, replaces a value in place, untags partially and fully (test_update_and_add_tags_on_tagged_key, test_untag_key_partially)', async () => {
    const { keyId } = engine.createKey();
    await kms.send(new TagResourceCommand({ KeyId: keyId, Tags: tags(3, 'tag').map((t, i) => ({ TagKey: `tag${i + 1}`, TagValue: `value${i + 1}` })) }));
    await kms.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'tag2', TagValue: 'updated_value2' }, { TagKey: 'tag4', TagValue: 'value4' }] }));
    expect(await listTags(keyId)).toEqual([
      { TagKey: 'tag1', TagValue: 'value1' }, { TagKey: 'tag2', TagValue: 'updated_value2' },
      { TagKey: 'tag3', TagValue: 'value3' }, { TagKey: 'tag4', TagValue: 'value4' },
    ]);
    await kms.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: ['tag2', 'not-there'] }));
    expect((await listTags(keyId))?.map((t) => t.TagKey)).toEqual(['tag1', 'tag3', 'tag4']);
    await kms.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: ['tag1', 'tag3', 'tag4'] }));
    expect(await listTags(keyId)).toEqual([]);
  });

  it('CreateKey takes Tags, and ListResourceTags pages them with Limit and Marker', async () => {
    const md = (await kms.send(new CreateKeyCommand({ Tags: tags(5) }))).KeyMetadata!;
    const first = await kms.send(new ListResourceTagsCommand({ KeyId: md.Arn, Limit: 3 }));
    expect(first.Tags?.map((t) => t.TagKey)).toEqual(['key0', 'key1', 'key2']);
    expect(first.Truncated).toBe(true);
    const rest = await kms.send(new ListResourceTagsCommand({ KeyId: md.KeyId, Marker: first.NextMarker }));
    expect(rest.Tags?.map((t) => t.TagKey)).toEqual(['key3', 'key4']);
    expect(rest.Truncated).toBe(false);
  });

  it.each(['aws:key1', 'AWS:key1', 'Aws:x'])('a tag key beginning with aws: in any case is TagException (test_create_key_with_invalid_tag_key): %s', async (TagKey) => {
    const err = await expectAwsError(kms.send(new CreateKeyCommand({ Tags: [{ TagKey, TagValue: 'value1' }] })), 'TagException');
    expect(err.message).toBe('Tags beginning with aws: are reserved');
    const { keyId } = engine.createKey();
    const err2 = await expectAwsError(kms.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey, TagValue: 'v' }] })), 'TagException');
    expect(err2.message).toBe('Tags beginning with aws: are reserved');
  });

  it('duplicate tag keys in one request are TagException "Duplicate tag keys" (test_tag_key_with_duplicate_tag_keys_raises_error)', async () => {
    const { keyId } = engine.createKey();
    const err = await expectAwsError(kms.send(new TagResourceCommand({ KeyId: keyId, Tags: [
      { TagKey: 'tag1', TagValue: 'value1' }, { TagKey: 'tag1', TagValue: 'another-value1' }] })), 'TagException');
    expect(err.message).toBe('Duplicate tag keys');
    expect(await listTags(keyId)).toEqual([]);
  });

  it('at most 50 tags on a key: 50 on CreateKey pass, 51 are "Too many tags" (test_create_key_with_too_many_tags_raises_error), also counted across TagResource calls', async () => {
    const md = (await kms.send(new CreateKeyCommand({ Tags: tags(50) }))).KeyMetadata!;
    const err = await expectAwsError(kms.send(new CreateKeyCommand({ Tags: tags(51) })), 'TagException');
    expect(err.message).toBe('Too many tags');
    // Replacing the value of a tag already there does not add one.
    await kms.send(new TagResourceCommand({ KeyId: md.KeyId, Tags: [{ TagKey: 'key0', TagValue: 'new' }] }));
    const err2 = await expectAwsError(kms.send(new TagResourceCommand({ KeyId: md.KeyId, Tags: [{ TagKey: 'one-more', TagValue: '' }] })), 'TagException');
    expect(err2.message).toBe('Too many tags');
    expect(await listTags(md.KeyId!)).toHaveLength(50);
  });

  it('a tag key over 128 or a value over 256 characters is ValidationException at tags.N.member (test_create_key_with_invalid_tag_key[too_long_key], test_key_with_long_tag_value_raises_error)', async () => {
    const longKey = 'a'.repeat(129);
    const err = await expectAwsError(kms.send(new CreateKeyCommand({ Tags: [{ TagKey: longKey, TagValue: 'value1' }] })), 'ValidationException');
    expect(err.message).toBe(`1 validation error detected: Value '${longKey}' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128`);
    const longValue = 'v'.repeat(257);
    const err2 = await expectAwsError(kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'ok', TagValue: 'x' }, { TagKey: 'tag1', TagValue: longValue }] })), 'ValidationException');
    expect(err2.message).toBe(`1 validation error detected: Value '${longValue}' at 'tags.2.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256`);
    // Exactly at the limits is fine, an empty value included.
    await kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'k'.repeat(128), TagValue: 'v'.repeat(256) }, { TagKey: 'empty', TagValue: '' }] }));
  });

  it('tagging a key pending deletion is KMSInvalidStateException; an unknown key is NotFoundException', async () => {
    const { keyId } = engine.createKey();
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    await expectAwsError(kms.send(new TagResourceCommand({ KeyId: keyId, Tags: tags(1) })), 'KMSInvalidStateException');
    await expectAwsError(kms.send(new ListResourceTagsCommand({ KeyId: '00000000-0000-0000-0000-000000000000' })), 'NotFoundException');
  });

  it('ReplicateKey gives the replica the Tags and Policy of its request, and an empty Description unless one is given', async () => {
    const { keyId } = engine.createKey({ multiRegion: true, description: 'primary description' });
    const out = await kms.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1', Tags: [{ TagKey: 'team', TagValue: 'a' }] }));
    expect(out.ReplicaTags).toEqual([{ TagKey: 'team', TagValue: 'a' }]);
    expect(out.ReplicaKeyMetadata?.Description).toBe('');
    // Recorded: the response shows the replica while AWS still makes it; DescribeKey then shows it ready.
    expect(out.ReplicaKeyMetadata).toMatchObject({ KeyState: 'Creating', Enabled: false });
    expect(out.ReplicaKeyMetadata).not.toHaveProperty('CurrentKeyMaterialId');
    expect(JSON.parse(out.ReplicaPolicy!)).toMatchObject({ Id: 'key-default-1' });
    const west = engine.kmsClient({ region: 'eu-west-1' });
    expect((await west.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([{ TagKey: 'team', TagValue: 'a' }]);
    expect((await west.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata).toMatchObject({ KeyState: 'Enabled', Enabled: true, Description: '' });
  });
});

describe('GetKeyPolicy / PutKeyPolicy / ListKeyPolicies', () => {
  const policy = (sid: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] });

  it('a new key has the default key policy under the one name "default"; PutKeyPolicy replaces it', async () => {
    const { keyId, arn } = engine.createKey();
    const got = await kms.send(new GetKeyPolicyCommand({ KeyId: keyId }));
    expect(got.PolicyName).toBe('default');
    expect(JSON.parse(got.Policy!)).toEqual({ Version: '2012-10-17', Id: 'key-default-1', Statement: [{
      Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] });
    expect((await kms.send(new ListKeyPoliciesCommand({ KeyId: arn }))).PolicyNames).toEqual(['default']);
    await kms.send(new PutKeyPolicyCommand({ KeyId: arn, PolicyName: 'default', Policy: policy('mine') }));
    expect((await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))).Policy).toBe(policy('mine'));
  });

  it('CreateKey keeps the Policy it is given', async () => {
    const md = (await kms.send(new CreateKeyCommand({ Policy: policy('at-creation') }))).KeyMetadata!;
    expect((await kms.send(new GetKeyPolicyCommand({ KeyId: md.KeyId }))).Policy).toBe(policy('at-creation'));
  });

  it('refuses a policy that is not JSON (MalformedPolicyDocumentException), over 32 KB (LimitExceededException) or over the model\'s 131,072 characters (ValidationException)', async () => {
    const { keyId } = engine.createKey();
    await expectAwsError(kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: '{not json' })), 'MalformedPolicyDocumentException');
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [], pad: 'x'.repeat(32_768) });
    await expectAwsError(kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: big })), 'LimitExceededException');
    await expectAwsError(kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: 'x'.repeat(131_073) })), 'ValidationException');
    await expectAwsError(kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: policy('bad name'), PolicyName: 'not-a-word' })), 'ValidationException');
    expect(JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy!)).toMatchObject({ Id: 'key-default-1' });
  });
});
