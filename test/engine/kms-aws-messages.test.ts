// Issue 18, classes 2 to 5: validation AWS does, which check comes first, fields AWS returns, and AWS's exact
// messages. Every expected code and message here is one AWS gave, as recorded against AWS in LocalStack's
// tests/aws/services/kms/test_kms.snapshot.json; each case names the recorded test it follows.
import crypto from 'node:crypto';
import {
  CreateKeyCommand, DecryptCommand, DescribeKeyCommand, DisableKeyCommand, EncryptCommand, GenerateMacCommand,
  GenerateRandomCommand, GetKeyRotationStatusCommand, KMSClient, ReEncryptCommand, ReplicateKeyCommand,
  RotateKeyOnDemandCommand, SignCommand, VerifyCommand, VerifyMacCommand,
} from '@aws-sdk/client-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKmsEngine, type KmsEngine } from '../../src/engine/index.js';
import { expectAwsError, utf8 } from './kms-helpers.js';

let engine: KmsEngine;
let kms: KMSClient;

beforeAll(() => {
  engine = createKmsEngine();
  kms = engine.kmsClient();
});

/**
 * What the JS SDK shows for an AWS error with an empty message: it substitutes "UnknownError" (as it does for the
 * same answer from AWS), so the empty message itself is checked at the core, where the wire body is made.
 */
const NO_MESSAGE = 'UnknownError';
const wireMessage = (operation: string, input: Record<string, unknown>): string | undefined => {
  try {
    engine.kms.call(operation, input, { region: 'us-east-1', accountId: '111122223333' });
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
};

/** Sends a request whose members the SDK's types would refuse (wrong enum values, missing required members). */
const loose = <T>(input: Record<string, unknown>) => input as T;

describe('class 2: validation AWS does', () => {
  it('KeySpec HMAC_* (or any asymmetric spec) without KeyUsage is ValidationException (test_hmac_create_key_invalid_operations)', async () => {
    for (const KeySpec of ['HMAC_256', 'RSA_2048', 'ECC_NIST_P256'] as const) {
      const err = await expectAwsError(kms.send(new CreateKeyCommand({ KeySpec })), 'ValidationException');
      expect(err.message).toBe('You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
    }
    // SYMMETRIC_DEFAULT needs none.
    expect((await kms.send(new CreateKeyCommand({ KeySpec: 'SYMMETRIC_DEFAULT' }))).KeyMetadata?.KeyUsage).toBe('ENCRYPT_DECRYPT');
  });

  it('enum values are listed in AWS\'s own order (test_hmac_create_key_invalid_operations, test_invalid_generate_mac[HMAC_256-INVALID])', async () => {
    const spec = await expectAwsError(kms.send(new CreateKeyCommand(loose({ KeySpec: 'HMAC_random', KeyUsage: 'GENERATE_VERIFY_MAC' }))), 'ValidationException');
    expect(spec.message).toBe("1 validation error detected: Value 'HMAC_random' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [RSA_2048, ECC_NIST_P384, ECC_NIST_P256, ECC_NIST_P521, HMAC_384, RSA_3072, ECC_SECG_P256K1, RSA_4096, SYMMETRIC_DEFAULT, HMAC_256, HMAC_224, HMAC_512]");
    const usage = await expectAwsError(kms.send(new CreateKeyCommand(loose({ KeySpec: 'HMAC_256', KeyUsage: 'RANDOM' }))), 'ValidationException');
    expect(usage.message).toBe("1 validation error detected: Value 'RANDOM' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: [ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC]");
    const { keyId } = engine.createKey({ keySpec: 'HMAC_256' });
    const mac = await expectAwsError(kms.send(new GenerateMacCommand(loose({ KeyId: keyId, Message: utf8('m'), MacAlgorithm: 'INVALID' }))), 'ValidationException');
    expect(mac.message).toBe("1 validation error detected: Value 'INVALID' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]");
  });

  it('a KeyUsage the spec does not support is ValidationException in AWS\'s words, no full stop (test_derive_shared_secret)', async () => {
    const err = await expectAwsError(kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'KEY_AGREEMENT' })), 'ValidationException');
    expect(err.message).toBe('KeyUsage KEY_AGREEMENT is not compatible with KeySpec RSA_2048');
  });

  it('a sensitive member over its limit is named without its value; GenerateRandom without NumberOfBytes (test_plaintext_size_for_encrypt, test_generate_random_invalid_number_of_bytes)', async () => {
    const { keyId } = engine.createKey();
    const big = await expectAwsError(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(4097) })), 'ValidationException');
    expect(big.message).toBe("1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096");
    const none = await expectAwsError(kms.send(new GenerateRandomCommand({})), 'ValidationException');
    expect(none.message).toBe('NumberOfBytes is required.');
    const zero = await expectAwsError(kms.send(new GenerateRandomCommand({ NumberOfBytes: 0 })), 'ValidationException');
    expect(zero.message).toBe("1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1");
    const over = await expectAwsError(kms.send(new GenerateRandomCommand({ NumberOfBytes: 1025 })), 'ValidationException');
    expect(over.message).toBe("1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024");
  });
});

describe('class 3: which check comes first', () => {
  it('RotateKeyOnDemand on a disabled asymmetric key: key state before capability (test_rotate_key_on_demand_raises_error_given_key_is_disabled)', async () => {
    const { keyId, arn } = engine.createKey({ keySpec: 'RSA_2048', keyUsage: 'ENCRYPT_DECRYPT' });
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    const err = await expectAwsError(kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId })), 'DisabledException');
    expect(err.message).toBe(`${arn} is disabled.`);
    // Enabled, the same key is refused for what it is, with no message (test_rotate_key_on_demand_raises_error_given_non_symmetric_key).
    const { keyId: other } = engine.createKey({ keySpec: 'RSA_2048', keyUsage: 'ENCRYPT_DECRYPT' });
    const unsupported = await expectAwsError(kms.send(new RotateKeyOnDemandCommand({ KeyId: other })), 'UnsupportedOperationException');
    expect(unsupported.message).toBe(NO_MESSAGE);
    expect(wireMessage('RotateKeyOnDemand', { KeyId: other })).toBe('');
  });

  it('Decrypt with the KeyId of a key of another usage is IncorrectKeyException (test_error_messaging_for_invalid_keys); so is ReEncrypt\'s SourceKeyId (test_re_encrypt_incorrect_source_key)', async () => {
    const { keyId } = engine.createKey();
    const hmac = engine.createKey({ keySpec: 'HMAC_224' }).keyId;
    const blob = (await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('test message 123!@#') }))).CiphertextBlob;
    const dec = await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: hmac })), 'IncorrectKeyException');
    expect(dec.message).toBe('The key ID in the request does not identify a CMK that can perform this operation.');
    const re = await expectAwsError(kms.send(new ReEncryptCommand({ CiphertextBlob: blob, SourceKeyId: hmac, DestinationKeyId: hmac })), 'IncorrectKeyException');
    expect(re.message).toBe('The key ID in the request does not identify a CMK that can perform this operation.');
  });
});

describe('class 4: fields AWS returns', () => {
  it('symmetric keys carry CurrentKeyMaterialId, which changes on each rotation; Decrypt names the KeyMaterialId that decrypted (test_key_rotation_updates_current_key_material_id_for_aws_symmetric_keys, test_encrypt_decrypt_encryption_context)', async () => {
    const { keyId } = engine.createKey();
    const before = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.CurrentKeyMaterialId;
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    const old = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('old') }));
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
    const after = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.CurrentKeyMaterialId;
    expect(after).toMatch(/^[0-9a-f]{64}$/);
    expect(after).not.toBe(before);
    expect((await kms.send(new DecryptCommand({ CiphertextBlob: old.CiphertextBlob }))).KeyMaterialId).toBe(before);
    const fresh = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('new') }));
    expect((await kms.send(new DecryptCommand({ CiphertextBlob: fresh.CiphertextBlob }))).KeyMaterialId).toBe(after);
    // Asymmetric keys have none (recorded DescribeKey of an RSA key).
    const rsa = engine.createKey({ keySpec: 'RSA_2048', keyUsage: 'ENCRYPT_DECRYPT' }).keyId;
    expect((await kms.send(new DescribeKeyCommand({ KeyId: rsa }))).KeyMetadata).not.toHaveProperty('CurrentKeyMaterialId');
  });

  it('multi-Region keys share the material ID with their replicas, and it changes on rotation (test_replicate_key)', async () => {
    const { keyId } = engine.createKey({ multiRegion: true });
    await kms.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'ap-southeast-1' }));
    const replica = engine.kmsClient({ region: 'ap-southeast-1' });
    const id = async (c: KMSClient) => (await c.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.CurrentKeyMaterialId;
    expect(await id(replica)).toBe(await id(kms));
    const before = await id(kms);
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
    expect(await id(kms)).not.toBe(before);
    expect(await id(replica)).toBe(await id(kms));
  });

  it('GetKeyRotationStatus drops OnDemandRotationStartDate once the rotation has completed (test_rotate_key_on_demand_with_symmetric_key_and_automatic_rotation_disabled)', async () => {
    const { keyId, arn } = engine.createKey();
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
    const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
    expect(status.KeyId).toBe(arn);
    expect(status.KeyRotationEnabled).toBe(false);
    expect(status.OnDemandRotationStartDate).toBeUndefined();
  });
});

describe('class 5: AWS\'s messages', () => {
  it('InvalidCiphertextException, KMSInvalidSignatureException and KMSInvalidMacException carry no message (test_encrypt_decrypt_encryption_context, test_sign_verify, test_invalid_verify_mac)', async () => {
    const { keyId } = engine.createKey();
    const blob = (await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x'), EncryptionContext: { a: 'b' } }))).CiphertextBlob!;
    const ec = await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: blob })), 'InvalidCiphertextException');
    expect(ec.message).toBe(NO_MESSAGE);
    expect(wireMessage('Decrypt', { CiphertextBlob: Buffer.from(blob).toString('base64') })).toBe('');
    const signer = engine.createKey({ keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' }).keyId;
    const sig = await expectAwsError(kms.send(new VerifyCommand({ KeyId: signer, Message: utf8('m'), Signature: new Uint8Array(256), SigningAlgorithm: 'RSASSA_PSS_SHA_256' })), 'KMSInvalidSignatureException');
    expect(sig.message).toBe(NO_MESSAGE);
    const hmac = engine.createKey({ keySpec: 'HMAC_256' }).keyId;
    const mac = await expectAwsError(kms.send(new VerifyMacCommand({ KeyId: hmac, Message: utf8('m'), Mac: new Uint8Array(32), MacAlgorithm: 'HMAC_SHA_256' })), 'KMSInvalidMacException');
    expect(mac.message).toBe(NO_MESSAGE);
    expect(wireMessage('VerifyMac', { KeyId: hmac, Message: 'bQ==', Mac: Buffer.alloc(32).toString('base64'), MacAlgorithm: 'HMAC_SHA_256' })).toBe('');
  });

  it('malformed key IDs are "Invalid keyId \'X\'"; well-formed unknown ones "Key \'<ARN>\' does not exist"; ARNs of another Region "Invalid arn <Region>" (test_get_key_invalid_uuid, test_get_key_does_not_exist, test_get_key_in_different_region)', async () => {
    for (const KeyId of ['fake-key-id', '134f2428cec14b25a1ae9048164dba47', 'mrk-fake-key-id', 'key_id']) {
      const err = await expectAwsError(kms.send(new DescribeKeyCommand({ KeyId })), 'NotFoundException');
      expect(err.message).toBe(`Invalid keyId '${KeyId}'`);
    }
    const id = crypto.randomUUID();
    expect((await expectAwsError(kms.send(new DescribeKeyCommand({ KeyId: id })), 'NotFoundException')).message)
      .toBe(`Key 'arn:aws:kms:us-east-1:111122223333:key/${id}' does not exist`);
    const mrk = `mrk-${crypto.randomBytes(16).toString('hex')}`;
    expect((await expectAwsError(kms.send(new DescribeKeyCommand({ KeyId: mrk })), 'NotFoundException')).message)
      .toBe(`Key 'arn:aws:kms:us-east-1:111122223333:key/${mrk}' does not exist`);
    const west = engine.createKey({ region: 'us-west-2' });
    expect((await expectAwsError(kms.send(new DescribeKeyCommand({ KeyId: west.arn })), 'NotFoundException')).message).toBe('Invalid arn us-west-2');
    expect((await expectAwsError(kms.send(new DescribeKeyCommand({ KeyId: west.keyId })), 'NotFoundException')).message)
      .toBe(`Key 'arn:aws:kms:us-east-1:111122223333:key/${west.keyId}' does not exist`);
  });

  it.each([
    ['RSA_2048', 'RSAES_OAEP_SHA_1', 214], ['RSA_2048', 'RSAES_OAEP_SHA_256', 190], ['RSA_3072', 'RSAES_OAEP_SHA_1', 342],
    ['RSA_3072', 'RSAES_OAEP_SHA_256', 318], ['RSA_4096', 'RSAES_OAEP_SHA_1', 470], ['RSA_4096', 'RSAES_OAEP_SHA_256', 446],
  ] as const)('the RSA plaintext limit of %s with %s, %i bytes (test_encrypt_validate_plaintext_size_per_key_type)', async (spec, algorithm, max) => {
    const { keyId } = engine.createKey({ keySpec: spec, keyUsage: 'ENCRYPT_DECRYPT' });
    await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(max), EncryptionAlgorithm: algorithm }));
    const err = await expectAwsError(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(max + 1), EncryptionAlgorithm: algorithm })), 'ValidationException');
    expect(err.message).toBe(`Algorithm ${algorithm} and key spec ${spec} cannot encrypt data larger than ${max} bytes.`);
  });

  it('an incompatible MAC algorithm, a wrong usage and a digest of the wrong length, in AWS\'s words (test_invalid_generate_mac, test_error_messaging_for_invalid_keys, test_sign_verify)', async () => {
    const hmac = engine.createKey({ keySpec: 'HMAC_224' });
    const mac = await expectAwsError(kms.send(new GenerateMacCommand({ KeyId: hmac.keyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256' })), 'InvalidKeyUsageException');
    expect(mac.message).toBe('Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.');
    const sign = await expectAwsError(kms.send(new SignCommand({ KeyId: hmac.keyId, Message: utf8('m'), SigningAlgorithm: 'RSASSA_PSS_SHA_256' })), 'InvalidKeyUsageException');
    expect(sign.message).toBe(`${hmac.arn} key usage is GENERATE_VERIFY_MAC which is not valid for Sign.`);
    const ecc = engine.createKey({ keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY' });
    const digest = await expectAwsError(kms.send(new SignCommand({ KeyId: ecc.keyId, Message: new Uint8Array(31), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' })), 'ValidationException');
    expect(digest.message).toBe('Digest is invalid length for algorithm ECDSA_SHA_256.');
  });

  it('the on-demand rotation limit and replicating a replica, in AWS\'s words (test_key_rotations_limits, test_replicate_replica_key_should_fail)', async () => {
    const { keyId, arn } = engine.createKey();
    // Limit: 25 (developer guide, "Perform on-demand key rotation"); the message is the recorded one.
    for (let i = 0; i < 25; i++) await kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
    const err = await expectAwsError(kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId })), 'LimitExceededException');
    expect(err.message).toBe(`The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${arn}`);
    const mrk = engine.createKey({ multiRegion: true });
    await kms.send(new ReplicateKeyCommand({ KeyId: mrk.keyId, ReplicaRegion: 'eu-central-1' }));
    const replica = engine.kmsClient({ region: 'eu-central-1' });
    const replicaArn = mrk.arn.replace('us-east-1', 'eu-central-1');
    const again = await expectAwsError(replica.send(new ReplicateKeyCommand({ KeyId: mrk.keyId, ReplicaRegion: 'eu-west-3' })), 'UnsupportedOperationException');
    expect(again.message).toBe(`${replicaArn} is not a multi-region primary key.`);
  });
});
