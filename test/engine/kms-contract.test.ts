// Per-operation contract tests through the real KMSClient and the engine's requestHandler: happy paths and
// each error with AWS's name, in the check order of kms-contract.md.
import crypto from 'node:crypto';
import {
  CancelKeyDeletionCommand, CreateAliasCommand, CreateKeyCommand, DecryptCommand, DeleteAliasCommand, DescribeKeyCommand,
  DisableKeyCommand, DisableKeyRotationCommand, DisabledException, EnableKeyCommand, EnableKeyRotationCommand, EncryptCommand,
  GenerateDataKeyCommand, GenerateDataKeyPairCommand, GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateDataKeyWithoutPlaintextCommand, GenerateMacCommand, GenerateRandomCommand, GetKeyRotationStatusCommand,
  GetPublicKeyCommand, IncorrectKeyException, InvalidCiphertextException, KMSClient, ListAliasesCommand, ListKeysCommand,
  ReEncryptCommand, ReplicateKeyCommand, RotateKeyOnDemandCommand, ScheduleKeyDeletionCommand, SignCommand,
  UpdateAliasCommand, VerifyCommand, VerifyMacCommand,
} from '@aws-sdk/client-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKmsEngine, type KmsEngine } from '../../src/engine/index.js';
import { expectAwsError, text, utf8 } from './kms-helpers.js';

let engine: KmsEngine;
let kms: KMSClient;
let rsa2048Enc: string;
let rsa2048Sign: string;

beforeAll(() => {
  engine = createKmsEngine();
  kms = engine.kmsClient();
  rsa2048Enc = engine.createKey({ keySpec: 'RSA_2048', keyUsage: 'ENCRYPT_DECRYPT' }).arn;
  rsa2048Sign = engine.createKey({ keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY', alias: 'alias/rsa-signer' }).arn;
});

const newKey = () => engine.createKey().keyId;

describe('CreateKey / DescribeKey / ListKeys', () => {
  it('creates a symmetric key by default, with the ARN, state and algorithms DescribeKey reports', async () => {
    const out = await kms.send(new CreateKeyCommand({ Description: 'orders' }));
    const md = out.KeyMetadata!;
    expect(md.KeyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(md.Arn).toBe(`arn:aws:kms:us-east-1:111122223333:key/${md.KeyId}`);
    expect(md).toMatchObject({ KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled', Enabled: true,
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'], Origin: 'AWS_KMS', KeyManager: 'CUSTOMER', MultiRegion: false, Description: 'orders' });
    expect(md.CreationDate).toBeInstanceOf(Date);
    const described = await kms.send(new DescribeKeyCommand({ KeyId: md.Arn }));
    expect(described.KeyMetadata?.KeyId).toBe(md.KeyId);
  });

  it.each([
    ['ECC_NIST_P256', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_256'] }],
    ['ECC_NIST_P384', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_384'] }],
    ['ECC_NIST_P521', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_512'] }],
    ['ECC_SECG_P256K1', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_256'] }],
    ['HMAC_256', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_256'] }],
    ['HMAC_512', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_512'] }],
  ] as const)('creates %s keys for %s', async (KeySpec, KeyUsage, algorithms) => {
    const md = (await kms.send(new CreateKeyCommand({ KeySpec, KeyUsage }))).KeyMetadata!;
    expect(md).toMatchObject({ KeySpec, KeyUsage, ...algorithms });
  });

  it('rejects key usages the key spec does not support (ValidationException)', async () => {
    await expectAwsError(kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'ENCRYPT_DECRYPT' })), 'ValidationException');
    await expectAwsError(kms.send(new CreateKeyCommand({ KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'SIGN_VERIFY' })), 'ValidationException');
    await expectAwsError(kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'ENCRYPT_DECRYPT' })), 'ValidationException');
  });

  it('rejects an unknown KeySpec with ValidationException (enum constraint)', async () => {
    await expectAwsError(kms.send(new CreateKeyCommand({ KeySpec: 'AES_256' as never })), 'ValidationException');
  });

  it('multi-Region keys get an mrk- id and a PRIMARY configuration', async () => {
    const md = (await kms.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
    expect(md.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(md.MultiRegionConfiguration).toMatchObject({ MultiRegionKeyType: 'PRIMARY', PrimaryKey: { Region: 'us-east-1' }, ReplicaKeys: [] });
  });

  it('DescribeKey resolves key id, key ARN, alias name and alias ARN; unknown keys are NotFoundException', async () => {
    const { keyId, arn } = engine.createKey({ alias: 'alias/describe-me' });
    for (const id of [keyId, arn, 'alias/describe-me', 'arn:aws:kms:us-east-1:111122223333:alias/describe-me']) {
      expect((await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata?.Arn).toBe(arn);
    }
    await expectAwsError(kms.send(new DescribeKeyCommand({ KeyId: crypto.randomUUID() })), 'NotFoundException');
    await expectAwsError(kms.send(new DescribeKeyCommand({ KeyId: 'alias/nope' })), 'NotFoundException');
    // An ARN of another Region does not resolve at this Region's endpoint.
    await expectAwsError(kms.send(new DescribeKeyCommand({ KeyId: arn.replace('us-east-1', 'eu-west-1') })), 'NotFoundException');
  });

  it('ListKeys pages with Limit and Marker; a forged marker is InvalidMarkerException', async () => {
    const e = createKmsEngine();
    const c = e.kmsClient();
    const ids = [e.createKey().keyId, e.createKey().keyId, e.createKey().keyId];
    const first = await c.send(new ListKeysCommand({ Limit: 2 }));
    expect(first.Keys).toHaveLength(2);
    expect(first.Truncated).toBe(true);
    const second = await c.send(new ListKeysCommand({ Limit: 2, Marker: first.NextMarker }));
    expect(second.Truncated).toBe(false);
    expect([...first.Keys!, ...second.Keys!].map((k) => k.KeyId).sort()).toEqual([...ids].sort());
    await expectAwsError(c.send(new ListKeysCommand({ Marker: 'garbage' })), 'InvalidMarkerException');
    await expectAwsError(c.send(new ListKeysCommand({ Limit: 0 })), 'ValidationException');
  });
});

describe('Encrypt / Decrypt', () => {
  it('round-trips with the encryption context; Decrypt returns the key ARN without KeyId', async () => {
    const { keyId, arn } = engine.createKey();
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('secret'), EncryptionContext: { tenant: 'a' } }));
    expect(enc.KeyId).toBe(arn);
    expect(enc.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { tenant: 'a' } }));
    expect(text(dec.Plaintext)).toBe('secret');
    expect(dec.KeyId).toBe(arn);
  });

  it('Plaintext is 1..4096 bytes (ValidationException beyond)', async () => {
    const keyId = newKey();
    await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(4096) }));
    await expectAwsError(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(4097) })), 'ValidationException');
    await expectAwsError(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(0) })), 'ValidationException');
  });

  it('checks constraints before resolving the key (ValidationException wins over NotFoundException)', async () => {
    await expectAwsError(kms.send(new EncryptCommand({ KeyId: crypto.randomUUID(), Plaintext: new Uint8Array(5000) })), 'ValidationException');
  });

  it('CiphertextBlob is at most 6144 bytes', async () => {
    await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: new Uint8Array(6145) })), 'ValidationException');
  });

  it('garbage ciphertext is InvalidCiphertextException, as the modeled exception class', async () => {
    const err = await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: crypto.randomBytes(200) })), 'InvalidCiphertextException');
    expect(err).toBeInstanceOf(InvalidCiphertextException);
  });

  it('Decrypt with a KeyId that is not the encrypting key is IncorrectKeyException (not InvalidCiphertext)', async () => {
    const a = newKey();
    const b = newKey();
    const enc = await kms.send(new EncryptCommand({ KeyId: a, Plaintext: utf8('x') }));
    const err = await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: b })), 'IncorrectKeyException');
    expect(err).toBeInstanceOf(IncorrectKeyException);
    const ok = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: a }));
    expect(text(ok.Plaintext)).toBe('x');
  });

  it('disabled keys raise DisabledException; pending-deletion keys KMSInvalidStateException; both recover', async () => {
    const keyId = newKey();
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x') }));
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    const err = await expectAwsError(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x') })), 'DisabledException');
    expect(err).toBeInstanceOf(DisabledException);
    await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })), 'DisabledException');
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    const sched = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    expect(sched).toMatchObject({ KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })), 'KMSInvalidStateException');
    await expectAwsError(kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' })), 'KMSInvalidStateException');
    await expectAwsError(kms.send(new EnableKeyCommand({ KeyId: keyId })), 'KMSInvalidStateException');
    await kms.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState).toBe('Disabled');
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    expect(text((await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }))).Plaintext)).toBe('x');
  });

  it('encryption context is not allowed with asymmetric keys (ValidationException)', async () => {
    await expectAwsError(kms.send(new EncryptCommand({ KeyId: rsa2048Enc, Plaintext: utf8('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256', EncryptionContext: { a: 'b' } })), 'ValidationException');
  });

  it('a signing key cannot encrypt (InvalidKeyUsageException); an HMAC key neither', async () => {
    await expectAwsError(kms.send(new EncryptCommand({ KeyId: rsa2048Sign, Plaintext: utf8('x') })), 'InvalidKeyUsageException');
    const hmac = engine.createKey({ keySpec: 'HMAC_256' }).keyId;
    await expectAwsError(kms.send(new EncryptCommand({ KeyId: hmac, Plaintext: utf8('x') })), 'InvalidKeyUsageException');
  });

  it('RSA_2048 OAEP limits: 214 bytes with SHA-1, 190 with SHA-256; Decrypt needs KeyId and the algorithm', async () => {
    for (const [alg, max] of [['RSAES_OAEP_SHA_1', 214], ['RSAES_OAEP_SHA_256', 190]] as const) {
      const enc = await kms.send(new EncryptCommand({ KeyId: rsa2048Enc, Plaintext: new Uint8Array(max).fill(7), EncryptionAlgorithm: alg }));
      expect(enc.CiphertextBlob).toHaveLength(256);
      const dec = await kms.send(new DecryptCommand({ KeyId: rsa2048Enc, CiphertextBlob: enc.CiphertextBlob, EncryptionAlgorithm: alg }));
      expect(dec.Plaintext).toEqual(new Uint8Array(max).fill(7));
      await expectAwsError(kms.send(new EncryptCommand({ KeyId: rsa2048Enc, Plaintext: new Uint8Array(max + 1), EncryptionAlgorithm: alg })), 'ValidationException');
    }
    await expectAwsError(kms.send(new EncryptCommand({ KeyId: rsa2048Enc, Plaintext: utf8('x') })), 'InvalidKeyUsageException');
  });

  it('RSA ciphertext is also decryptable offline with the public key from GetPublicKey (and vice versa)', async () => {
    const pub = await kms.send(new GetPublicKeyCommand({ KeyId: rsa2048Enc }));
    expect(pub.EncryptionAlgorithms).toEqual(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']);
    const key = crypto.createPublicKey({ key: Buffer.from(pub.PublicKey!), format: 'der', type: 'spki' });
    const ct = crypto.publicEncrypt({ key, oaepHash: 'sha256', padding: crypto.constants.RSA_PKCS1_OAEP_PADDING }, utf8('offline'));
    const dec = await kms.send(new DecryptCommand({ KeyId: rsa2048Enc, CiphertextBlob: ct, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
    expect(text(dec.Plaintext)).toBe('offline');
  });

  it('DryRun answers DryRunOperationException after every check passes', async () => {
    await expectAwsError(kms.send(new EncryptCommand({ KeyId: newKey(), Plaintext: utf8('x'), DryRun: true })), 'DryRunOperationException');
  });
});

describe('ReEncrypt', () => {
  it('moves ciphertext to another key and context without exposing the plaintext', async () => {
    const a = newKey();
    const b = engine.createKey();
    const enc = await kms.send(new EncryptCommand({ KeyId: a, Plaintext: utf8('move me'), EncryptionContext: { v: '1' } }));
    const re = await kms.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, SourceEncryptionContext: { v: '1' },
      DestinationKeyId: b.keyId, DestinationEncryptionContext: { v: '2' } }));
    expect(re.KeyId).toBe(b.arn);
    expect(re.SourceKeyId).toMatch(a);
    expect(text((await kms.send(new DecryptCommand({ CiphertextBlob: re.CiphertextBlob, EncryptionContext: { v: '2' } }))).Plaintext)).toBe('move me');
    await expectAwsError(kms.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, SourceEncryptionContext: { v: '2' }, DestinationKeyId: b.keyId })), 'InvalidCiphertextException');
    await expectAwsError(kms.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, SourceKeyId: b.keyId, SourceEncryptionContext: { v: '1' }, DestinationKeyId: b.keyId })), 'IncorrectKeyException');
    await expectAwsError(kms.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, DestinationKeyId: undefined as never })), 'ValidationException');
  });
});

describe('GenerateDataKey family', () => {
  it('AES_256 gives 32 bytes, AES_128 16, NumberOfBytes n; the blob decrypts to the same key', async () => {
    const keyId = newKey();
    for (const [input, len] of [[{ KeySpec: 'AES_256' }, 32], [{ KeySpec: 'AES_128' }, 16], [{ NumberOfBytes: 1 }, 1], [{ NumberOfBytes: 1024 }, 1024]] as const) {
      const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, EncryptionContext: { f: 'x' }, ...input }));
      expect(dk.Plaintext).toHaveLength(len);
      const dec = await kms.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob, EncryptionContext: { f: 'x' } }));
      expect(dec.Plaintext).toEqual(dk.Plaintext);
      dk.Plaintext!.fill(0);
      dec.Plaintext!.fill(0);
    }
  });

  it('needs exactly one of KeySpec and NumberOfBytes; NumberOfBytes is 1..1024', async () => {
    const keyId = newKey();
    await expectAwsError(kms.send(new GenerateDataKeyCommand({ KeyId: keyId })), 'ValidationException');
    await expectAwsError(kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', NumberOfBytes: 32 })), 'ValidationException');
    await expectAwsError(kms.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 1025 })), 'ValidationException');
    await expectAwsError(kms.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 0 })), 'ValidationException');
  });

  it('asymmetric and HMAC keys cannot generate data keys (InvalidKeyUsageException)', async () => {
    await expectAwsError(kms.send(new GenerateDataKeyCommand({ KeyId: rsa2048Enc, KeySpec: 'AES_256' })), 'InvalidKeyUsageException');
    await expectAwsError(kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: engine.createKey({ keySpec: 'HMAC_256' }).keyId, KeySpec: 'AES_256' })), 'InvalidKeyUsageException');
  });

  it('WithoutPlaintext returns no Plaintext; the blob still decrypts', async () => {
    const keyId = newKey();
    const out = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    expect(out).not.toHaveProperty('Plaintext');
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob }));
    expect(dec.Plaintext).toHaveLength(32);
    dec.Plaintext!.fill(0);
  });

  it('GenerateDataKeyPair: the private key (PKCS#8) matches the SPKI public key; the blob decrypts to it', async () => {
    const keyId = newKey();
    const pair = await kms.send(new GenerateDataKeyPairCommand({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' }));
    const priv = crypto.createPrivateKey({ key: Buffer.from(pair.PrivateKeyPlaintext!), format: 'der', type: 'pkcs8' });
    const pub = crypto.createPublicKey({ key: Buffer.from(pair.PublicKey!), format: 'der', type: 'spki' });
    expect(crypto.verify('sha256', utf8('m'), pub, crypto.sign('sha256', utf8('m'), priv))).toBe(true);
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: pair.PrivateKeyCiphertextBlob }));
    expect(dec.Plaintext).toEqual(pair.PrivateKeyPlaintext);
    pair.PrivateKeyPlaintext!.fill(0);
    dec.Plaintext!.fill(0);
    const without = await kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P384' }));
    expect(without).not.toHaveProperty('PrivateKeyPlaintext');
    expect(without.KeyPairSpec).toBe('ECC_NIST_P384');
  });

  it('GenerateRandom: 1..1024 bytes', async () => {
    expect((await kms.send(new GenerateRandomCommand({ NumberOfBytes: 1024 }))).Plaintext).toHaveLength(1024);
    await expectAwsError(kms.send(new GenerateRandomCommand({ NumberOfBytes: 1025 })), 'ValidationException');
    await expectAwsError(kms.send(new GenerateRandomCommand({})), 'ValidationException');
  });
});

describe('Sign / Verify / GetPublicKey', () => {
  const algorithms = [
    ['RSA', 'RSASSA_PSS_SHA_256', 'sha256'], ['RSA', 'RSASSA_PSS_SHA_512', 'sha512'],
    ['RSA', 'RSASSA_PKCS1_V1_5_SHA_256', 'sha256'], ['RSA', 'RSASSA_PKCS1_V1_5_SHA_384', 'sha384'],
    ['ECC_NIST_P256', 'ECDSA_SHA_256', 'sha256'], ['ECC_NIST_P384', 'ECDSA_SHA_384', 'sha384'],
    ['ECC_NIST_P521', 'ECDSA_SHA_512', 'sha512'], ['ECC_SECG_P256K1', 'ECDSA_SHA_256', 'sha256'],
  ] as const;

  it.each(algorithms)('%s %s: RAW and DIGEST signatures both verify offline over the message (digest not hashed twice)', async (spec, alg, hash) => {
    const keyId = spec === 'RSA' ? rsa2048Sign : engine.createKey({ keySpec: spec }).keyId;
    const message = utf8('the document');
    const digest = crypto.createHash(hash).update(message).digest();
    const pub = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
    expect(pub.SigningAlgorithms).toContain(alg);
    const publicKey = crypto.createPublicKey({ key: Buffer.from(pub.PublicKey!), format: 'der', type: 'spki' });
    const verifyOptions = alg.startsWith('RSASSA_PSS')
      ? { key: publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: digest.length }
      : { key: publicKey, padding: alg.startsWith('RSA') ? crypto.constants.RSA_PKCS1_PADDING : undefined };
    for (const [MessageType, Message] of [['RAW', message], ['DIGEST', digest]] as const) {
      const sig = await kms.send(new SignCommand({ KeyId: keyId, Message, MessageType, SigningAlgorithm: alg }));
      expect(crypto.verify(hash, message, verifyOptions, Buffer.from(sig.Signature!))).toBe(true);
      // Verify accepts it in either message form.
      for (const [vt, vm] of [['RAW', message], ['DIGEST', digest]] as const) {
        const v = await kms.send(new VerifyCommand({ KeyId: keyId, Message: vm, MessageType: vt, Signature: sig.Signature, SigningAlgorithm: alg }));
        expect(v.SignatureValid).toBe(true);
      }
      await expectAwsError(kms.send(new VerifyCommand({ KeyId: keyId, Message: utf8('other'), Signature: sig.Signature, SigningAlgorithm: alg })), 'KMSInvalidSignatureException');
    }
  });

  it('a DIGEST message must have the hash length (ValidationException)', async () => {
    await expectAwsError(kms.send(new SignCommand({ KeyId: rsa2048Sign, Message: new Uint8Array(20), MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PSS_SHA_256' })), 'ValidationException');
  });

  it('Message is 1..4096 bytes', async () => {
    await expectAwsError(kms.send(new SignCommand({ KeyId: rsa2048Sign, Message: new Uint8Array(4097), SigningAlgorithm: 'RSASSA_PSS_SHA_256' })), 'ValidationException');
  });

  it('an algorithm of another key type is InvalidKeyUsageException; encrypting keys cannot sign', async () => {
    await expectAwsError(kms.send(new SignCommand({ KeyId: 'alias/rsa-signer', Message: utf8('m'), SigningAlgorithm: 'ECDSA_SHA_256' })), 'InvalidKeyUsageException');
    await expectAwsError(kms.send(new SignCommand({ KeyId: rsa2048Enc, Message: utf8('m'), SigningAlgorithm: 'RSASSA_PSS_SHA_256' })), 'InvalidKeyUsageException');
  });

  it('a corrupted signature is KMSInvalidSignatureException, never SignatureValid false', async () => {
    const sig = await kms.send(new SignCommand({ KeyId: rsa2048Sign, Message: utf8('m'), SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }));
    const bad = Uint8Array.from(sig.Signature!);
    bad[10] ^= 1;
    await expectAwsError(kms.send(new VerifyCommand({ KeyId: rsa2048Sign, Message: utf8('m'), Signature: bad, SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' })), 'KMSInvalidSignatureException');
  });

  it('GetPublicKey on a symmetric key is UnsupportedOperationException', async () => {
    await expectAwsError(kms.send(new GetPublicKeyCommand({ KeyId: newKey() })), 'UnsupportedOperationException');
  });
});

describe('GenerateMac / VerifyMac', () => {
  it('HMAC_256 MACs equal HMAC-SHA-256 under the key; a wrong MAC is KMSInvalidMacException', async () => {
    const keyId = engine.createKey({ keySpec: 'HMAC_256' }).keyId;
    const mac = await kms.send(new GenerateMacCommand({ KeyId: keyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256' }));
    expect(mac.Mac).toHaveLength(32);
    expect((await kms.send(new VerifyMacCommand({ KeyId: keyId, Message: utf8('m'), Mac: mac.Mac, MacAlgorithm: 'HMAC_SHA_256' }))).MacValid).toBe(true);
    await expectAwsError(kms.send(new VerifyMacCommand({ KeyId: keyId, Message: utf8('n'), Mac: mac.Mac, MacAlgorithm: 'HMAC_SHA_256' })), 'KMSInvalidMacException');
    await expectAwsError(kms.send(new GenerateMacCommand({ KeyId: keyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_512' })), 'InvalidKeyUsageException');
    await expectAwsError(kms.send(new GenerateMacCommand({ KeyId: newKey(), Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256' })), 'InvalidKeyUsageException');
  });
});

describe('aliases', () => {
  it('CreateAlias / UpdateAlias / DeleteAlias / ListAliases, with the name rules', async () => {
    const a = engine.createKey();
    const b = engine.createKey();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: a.keyId }));
    await expectAwsError(kms.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: b.keyId })), 'AlreadyExistsException');
    // Recorded AWS answer (LocalStack test_kms.snapshot.json, test_create_alias): ValidationException.
    await expectAwsError(kms.send(new CreateAliasCommand({ AliasName: 'app2', TargetKeyId: a.keyId })), 'ValidationException');
    await expectAwsError(kms.send(new CreateAliasCommand({ AliasName: 'alias/aws/mine', TargetKeyId: a.keyId })), 'InvalidAliasNameException');
    await expectAwsError(kms.send(new CreateAliasCommand({ AliasName: 'alias/has space', TargetKeyId: a.keyId })), 'ValidationException');
    await expectAwsError(kms.send(new CreateAliasCommand({ AliasName: `alias/${'x'.repeat(251)}`, TargetKeyId: a.keyId })), 'ValidationException');
    await expectAwsError(kms.send(new CreateAliasCommand({ AliasName: 'alias/other', TargetKeyId: crypto.randomUUID() })), 'NotFoundException');
    const listed = await kms.send(new ListAliasesCommand({ KeyId: a.keyId }));
    expect(listed.Aliases?.map((x) => x.AliasName)).toEqual(['alias/app']);
    expect(listed.Aliases?.[0].AliasArn).toBe('arn:aws:kms:us-east-1:111122223333:alias/app');
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/app', TargetKeyId: b.keyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/app' }))).KeyMetadata?.Arn).toBe(b.arn);
    // UpdateAlias: the new key must be the same type and usage.
    await expectAwsError(kms.send(new UpdateAliasCommand({ AliasName: 'alias/app', TargetKeyId: rsa2048Sign })), 'ValidationException');
    await kms.send(new DeleteAliasCommand({ AliasName: 'alias/app' }));
    await expectAwsError(kms.send(new DeleteAliasCommand({ AliasName: 'alias/app' })), 'NotFoundException');
    await expectAwsError(kms.send(new UpdateAliasCommand({ AliasName: 'alias/app', TargetKeyId: b.keyId })), 'NotFoundException');
  });

  it('operations documented to take only a key ID or ARN refuse aliases (NotFoundException)', async () => {
    engine.createKey({ alias: 'alias/no-alias-ops' });
    await expectAwsError(kms.send(new DisableKeyCommand({ KeyId: 'alias/no-alias-ops' })), 'NotFoundException');
    await expectAwsError(kms.send(new EnableKeyRotationCommand({ KeyId: 'alias/no-alias-ops' })), 'NotFoundException');
  });
});

describe('rotation', () => {
  it('RotateKeyOnDemand adds key material; ciphertext from before still decrypts, new ciphertext uses the new material', async () => {
    const keyId = newKey();
    const before = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('old') }));
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
    const after = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('new') }));
    expect(text((await kms.send(new DecryptCommand({ CiphertextBlob: before.CiphertextBlob }))).Plaintext)).toBe('old');
    expect(text((await kms.send(new DecryptCommand({ CiphertextBlob: after.CiphertextBlob }))).Plaintext)).toBe('new');
    // Recorded: OnDemandRotationStartDate is gone once the on-demand rotation has completed (here, at once).
    const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
    expect(status).not.toHaveProperty('OnDemandRotationStartDate');
  });

  it('EnableKeyRotation: RotationPeriodInDays 90..2560; symmetric keys only', async () => {
    const keyId = newKey();
    await expectAwsError(kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 89 })), 'ValidationException');
    await expectAwsError(kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 2561 })), 'ValidationException');
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 90 }));
    expect(await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 90 });
    await kms.send(new DisableKeyRotationCommand({ KeyId: keyId }));
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled).toBe(false);
    await expectAwsError(kms.send(new EnableKeyRotationCommand({ KeyId: rsa2048Sign })), 'UnsupportedOperationException');
    await expectAwsError(kms.send(new RotateKeyOnDemandCommand({ KeyId: engine.createKey({ keySpec: 'HMAC_256' }).keyId })), 'UnsupportedOperationException');
  });

  it('automatic rotation follows the engine clock and old ciphertext keeps decrypting', async () => {
    let now = Date.UTC(2026, 0, 1);
    const e = createKmsEngine({ clock: () => now });
    const c = e.kmsClient();
    const { keyId } = e.createKey();
    await c.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 90 }));
    const old = await c.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('q1') }));
    now += 91 * 86_400_000;
    const fresh = await c.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('q2') }));
    // Byte 2 is the key-id length; the 4-byte material version follows the key id.
    const version = (b: Uint8Array) => Buffer.from(b).readUInt32BE(3 + b[2]);
    expect(version(old.CiphertextBlob!)).toBe(0);
    expect(version(fresh.CiphertextBlob!)).toBe(1);
    expect(text((await c.send(new DecryptCommand({ CiphertextBlob: old.CiphertextBlob }))).Plaintext)).toBe('q1');
  });

  it('a key whose deletion window has passed is gone (NotFoundException / InvalidCiphertextException)', async () => {
    let now = Date.UTC(2026, 0, 1);
    const e = createKmsEngine({ clock: () => now });
    const c = e.kmsClient();
    const { keyId } = e.createKey();
    const enc = await c.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x') }));
    await expectAwsError(c.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 6 })), 'ValidationException');
    await expectAwsError(c.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 31 })), 'ValidationException');
    const s = await c.send(new ScheduleKeyDeletionCommand({ KeyId: keyId }));
    expect(s.PendingWindowInDays).toBe(30);
    expect(s.DeletionDate?.getTime()).toBe(now + 30 * 86_400_000);
    now += 31 * 86_400_000;
    await expectAwsError(c.send(new DescribeKeyCommand({ KeyId: keyId })), 'NotFoundException');
    await expectAwsError(c.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })), 'InvalidCiphertextException');
  });
});

describe('multi-Region keys', () => {
  it('a replica in another Region shares key id and material and decrypts the primary ciphertext', async () => {
    const e = createKmsEngine();
    const east = e.kmsClient();
    const west = e.kmsClient({ region: 'eu-west-1' });
    const primary = (await east.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
    const enc = await east.send(new EncryptCommand({ KeyId: primary.KeyId, Plaintext: utf8('global'), EncryptionContext: { r: 'x' } }));
    // Before replication, eu-west-1 has no such key.
    await expectAwsError(west.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { r: 'x' } })), 'InvalidCiphertextException');
    const rep = await east.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'eu-west-1' }));
    expect(rep.ReplicaKeyMetadata).toMatchObject({ KeyId: primary.KeyId, Arn: `arn:aws:kms:eu-west-1:111122223333:key/${primary.KeyId}`,
      MultiRegionConfiguration: { MultiRegionKeyType: 'REPLICA' } });
    const dec = await west.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { r: 'x' } }));
    expect(text(dec.Plaintext)).toBe('global');
    expect(dec.KeyId).toBe(rep.ReplicaKeyMetadata?.Arn);
    const back = await west.send(new EncryptCommand({ KeyId: primary.KeyId, Plaintext: utf8('from eu') }));
    expect(text((await east.send(new DecryptCommand({ CiphertextBlob: back.CiphertextBlob }))).Plaintext)).toBe('from eu');
    // Rotation on the primary is shared with the replica.
    await east.send(new RotateKeyOnDemandCommand({ KeyId: primary.KeyId }));
    const rotated = await east.send(new EncryptCommand({ KeyId: primary.KeyId, Plaintext: utf8('v2') }));
    expect(text((await west.send(new DecryptCommand({ CiphertextBlob: rotated.CiphertextBlob }))).Plaintext)).toBe('v2');
    // The primary's description lists the replica.
    const md = (await east.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!;
    expect(md.MultiRegionConfiguration?.ReplicaKeys).toEqual([{ Arn: rep.ReplicaKeyMetadata?.Arn, Region: 'eu-west-1' }]);
    await expectAwsError(east.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'eu-west-1' })), 'AlreadyExistsException');
    await expectAwsError(west.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'ap-south-1' })), 'UnsupportedOperationException');
    await expectAwsError(east.send(new ReplicateKeyCommand({ KeyId: e.createKey().keyId, ReplicaRegion: 'ap-south-1' })), 'UnsupportedOperationException');
    await expectAwsError(east.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'mars' })), 'ValidationException');
  });

  it('single-Region keys do not decrypt in another Region', async () => {
    const e = createKmsEngine();
    const { keyId } = e.createKey();
    const enc = await e.kmsClient().send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x') }));
    await expectAwsError(e.kmsClient({ region: 'us-west-2' }).send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })), 'InvalidCiphertextException');
  });
});

describe('multi-Region deletion', () => {
  it('a primary with replicas waits in PendingReplicaDeletion, then starts its own window once the replicas are gone', async () => {
    let now = Date.UTC(2026, 0, 1);
    const e = createKmsEngine({ clock: () => now });
    const east = e.kmsClient();
    const west = e.kmsClient({ region: 'eu-west-1' });
    const { keyId } = e.createKey({ multiRegion: true });
    await east.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1' }));
    const s = await east.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    expect(s.KeyState).toBe('PendingReplicaDeletion');
    expect(s.DeletionDate).toBeUndefined();
    await expectAwsError(east.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x') })), 'KMSInvalidStateException');
    // The replica keeps working, and reports its rotation status (managed on the primary).
    await west.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x') }));
    expect((await west.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled).toBe(false);
    await west.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    now += 8 * 86_400_000;
    await expectAwsError(west.send(new DescribeKeyCommand({ KeyId: keyId })), 'NotFoundException');
    expect((await east.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState).toBe('PendingDeletion');
    now += 8 * 86_400_000;
    await expectAwsError(east.send(new DescribeKeyCommand({ KeyId: keyId })), 'NotFoundException');
  });
});
