// Imported key material (GetParametersForImport, ImportKeyMaterial, DeleteImportedKeyMaterial; Origin EXTERNAL keys in
// PendingImport) and key agreement (DeriveSharedSecret), through the real KMSClient. The client wraps key material
// with node:crypto itself, as an application would. Expected answers: the API reference and AWS's recordings in
// LocalStack's test_kms.snapshot.json (test names given per case).
import crypto from 'node:crypto';
import {
  CreateKeyCommand, DecryptCommand, DeleteImportedKeyMaterialCommand, DeriveSharedSecretCommand, DescribeKeyCommand,
  EncryptCommand, GenerateMacCommand, GetParametersForImportCommand, GetPublicKeyCommand, ImportKeyMaterialCommand, KMSClient,
  RotateKeyOnDemandCommand, SignCommand, VerifyCommand,
} from '@aws-sdk/client-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKmsEngine, type KmsEngine } from '../../src/engine/index.js';
import { expectAwsError, text, utf8 } from './kms-helpers.js';

let engine: KmsEngine;
let kms: KMSClient;
let now = Date.parse('2026-01-01T00:00:00Z');

beforeAll(() => {
  engine = createKmsEngine({ clock: () => now });
  kms = engine.kmsClient();
});

const external = async (KeySpec: 'SYMMETRIC_DEFAULT' | 'HMAC_256' | 'ECC_NIST_P256' = 'SYMMETRIC_DEFAULT', KeyUsage?: 'ENCRYPT_DECRYPT' | 'GENERATE_VERIFY_MAC' | 'SIGN_VERIFY') =>
  (await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL', KeySpec, KeyUsage }))).KeyMetadata!;

type Wrapping = 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256' | 'RSA_AES_KEY_WRAP_SHA_1' | 'RSA_AES_KEY_WRAP_SHA_256';

/** Wraps `material` the way the developer guide describes for each algorithm (OAEP directly, or AES-KWP under OAEP). */
function wrap(publicKeyDer: Uint8Array, algorithm: Wrapping, material: Buffer): Buffer {
  const key = crypto.createPublicKey({ key: Buffer.from(publicKeyDer), format: 'der', type: 'spki' });
  const oaepHash = algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256';
  const oaep = (b: Buffer) => crypto.publicEncrypt({ key, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, b);
  if (algorithm.startsWith('RSAES')) return oaep(material);
  const aes = crypto.randomBytes(32);
  const cipher = crypto.createCipheriv('id-aes256-wrap-pad', aes, Buffer.from('a65959a6', 'hex'));
  return Buffer.concat([oaep(aes), cipher.update(material), cipher.final()]);
}

async function importInto(KeyId: string, material: Buffer, extra: Partial<ImportKeyMaterialCommand['input']> = { ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }, algorithm: Wrapping = 'RSAES_OAEP_SHA_256') {
  const p = await kms.send(new GetParametersForImportCommand({ KeyId, WrappingAlgorithm: algorithm, WrappingKeySpec: 'RSA_2048' }));
  return kms.send(new ImportKeyMaterialCommand({ KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: wrap(p.PublicKey!, algorithm, material), ...extra }));
}

describe('imported key material', () => {
  it('an EXTERNAL key waits in PendingImport, works once imported, and returns to PendingImport when its material is deleted (test_import_key_symmetric)', async () => {
    const md = await external();
    expect(md).toMatchObject({ Origin: 'EXTERNAL', KeyState: 'PendingImport', Enabled: false });
    expect(md).not.toHaveProperty('CurrentKeyMaterialId');
    const pending = await expectAwsError(kms.send(new EncryptCommand({ KeyId: md.KeyId, Plaintext: utf8('x') })), 'KMSInvalidStateException');
    expect(pending.message).toBe(`${md.Arn} is pending import.`);

    const params = await kms.send(new GetParametersForImportCommand({ KeyId: md.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
    expect(params.KeyId).toBe(md.Arn);
    expect(params.ParametersValidTo?.getTime()).toBe(now + 86_400_000);
    expect(crypto.createPublicKey({ key: Buffer.from(params.PublicKey!), format: 'der', type: 'spki' }).asymmetricKeyDetails?.modulusLength).toBe(2048);
    const material = crypto.randomBytes(32);
    const wrapped = wrap(params.PublicKey!, 'RSAES_OAEP_SHA_256', material);
    // ExpirationModel defaults to KEY_MATERIAL_EXPIRES, which needs ValidTo.
    const noValidTo = await expectAwsError(kms.send(new ImportKeyMaterialCommand({ KeyId: md.KeyId, ImportToken: params.ImportToken, EncryptedKeyMaterial: wrapped })), 'ValidationException');
    expect(noValidTo.message).toBe('A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES');
    const imported = await kms.send(new ImportKeyMaterialCommand({ KeyId: md.KeyId, ImportToken: params.ImportToken, EncryptedKeyMaterial: wrapped, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }));
    expect(imported.KeyId).toBe(md.Arn);
    expect(imported.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    const after = (await kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }))).KeyMetadata!;
    expect(after).toMatchObject({ KeyState: 'Enabled', Enabled: true, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE', CurrentKeyMaterialId: imported.KeyMaterialId });

    const blob = (await kms.send(new EncryptCommand({ KeyId: md.KeyId, Plaintext: utf8('test content 123 !#') }))).CiphertextBlob;
    expect(text((await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: md.KeyId }))).Plaintext)).toBe('test content 123 !#');

    await kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: md.KeyId }));
    const deleted = (await kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }))).KeyMetadata!;
    expect(deleted).toMatchObject({ KeyState: 'PendingImport', Enabled: false, CurrentKeyMaterialId: imported.KeyMaterialId });
    expect(deleted).not.toHaveProperty('ExpirationModel');
    await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: blob })), 'KMSInvalidStateException');

    // Reimporting the same material (any wrapping) brings the old ciphertext back; other material is refused.
    await expectAwsError(importInto(md.KeyId!, crypto.randomBytes(32)), 'IncorrectKeyMaterialException');
    await importInto(md.KeyId!, material, { ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }, 'RSA_AES_KEY_WRAP_SHA_1');
    expect(text((await kms.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext)).toBe('test content 123 !#');
  });

  it('GetParametersForImport refuses keys whose origin is not EXTERNAL (test_get_parameters_for_import_raises_for_non_external_kms_keys)', async () => {
    const { keyId, arn } = engine.createKey();
    const err = await expectAwsError(kms.send(new GetParametersForImportCommand({ KeyId: keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' })), 'UnsupportedOperationException');
    expect(err.message).toBe(`${arn} origin is AWS_KMS which is not valid for this operation.`);
  });

  it('an import token serves only its key, for 24 hours; material that does not unwrap is InvalidCiphertextException', async () => {
    const a = await external();
    const b = await external();
    const p = await kms.send(new GetParametersForImportCommand({ KeyId: a.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_1', WrappingKeySpec: 'RSA_2048' }));
    const wrapped = wrap(p.PublicKey!, 'RSAES_OAEP_SHA_1', crypto.randomBytes(32));
    const send = (KeyId: string, EncryptedKeyMaterial: Uint8Array) => kms.send(new ImportKeyMaterialCommand({ KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }));
    await expectAwsError(send(b.KeyId!, wrapped), 'InvalidImportTokenException');
    await expectAwsError(send(a.KeyId!, wrap(p.PublicKey!, 'RSAES_OAEP_SHA_256', crypto.randomBytes(32))), 'InvalidCiphertextException');
    now += 86_400_000;
    try {
      await expectAwsError(send(a.KeyId!, wrapped), 'ExpiredImportTokenException');
    } finally {
      now -= 86_400_000;
    }
    await send(a.KeyId!, wrapped);
  });

  it('material with ValidTo expires: the key returns to PendingImport; ValidTo is at most 365 days ahead', async () => {
    const md = await external();
    await expectAwsError(importInto(md.KeyId!, crypto.randomBytes(32), { ValidTo: new Date(now + 366 * 86_400_000) }), 'ValidationException');
    await expectAwsError(importInto(md.KeyId!, crypto.randomBytes(32), { ValidTo: new Date(now - 1000) }), 'ValidationException');
    await importInto(md.KeyId!, crypto.randomBytes(32), { ValidTo: new Date(now + 3_600_000), ExpirationModel: 'KEY_MATERIAL_EXPIRES' });
    const live = (await kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }))).KeyMetadata!;
    expect(live).toMatchObject({ KeyState: 'Enabled', ExpirationModel: 'KEY_MATERIAL_EXPIRES' });
    expect(live.ValidTo?.getTime()).toBe(now + 3_600_000);
    now += 3_600_000;
    try {
      expect((await kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }))).KeyMetadata?.KeyState).toBe('PendingImport');
    } finally {
      now -= 3_600_000;
    }
  });

  it('new material for a symmetric key waits for RotateKeyOnDemand, one at a time (test_import_key_material_raises_if_there_is_already_key_material_pending, test_rotate_key_on_demand_raises_for_no_pending_key_material, test_rotate_key_on_demand_for_external_keys_decrypts_with_previous_material)', async () => {
    const md = await external();
    const first = await importInto(md.KeyId!, crypto.randomBytes(32));
    const noPending = await expectAwsError(kms.send(new RotateKeyOnDemandCommand({ KeyId: md.KeyId })), 'KMSInvalidStateException');
    expect(noPending.message).toBe(`No available key material pending rotation for the key: ${md.Arn}.`);
    const old = (await kms.send(new EncryptCommand({ KeyId: md.KeyId, Plaintext: utf8('old') }))).CiphertextBlob;
    const second = await importInto(md.KeyId!, crypto.randomBytes(32), { ImportType: 'NEW_KEY_MATERIAL', ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' });
    expect(second.KeyMaterialId).not.toBe(first.KeyMaterialId);
    const third = await expectAwsError(importInto(md.KeyId!, crypto.randomBytes(32), { ImportType: 'NEW_KEY_MATERIAL', ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }), 'KMSInvalidStateException');
    expect(third.message).toMatch(new RegExp(`^New key material \\(id: [0-9a-f]{64}\\) cannot be imported into KMS key ${md.KeyId}, because another key material \\(id: ${second.KeyMaterialId}\\) is pending rotation\\.$`));
    // Still the first material until the rotation.
    expect((await kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }))).KeyMetadata?.CurrentKeyMaterialId).toBe(first.KeyMaterialId);
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: md.KeyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }))).KeyMetadata?.CurrentKeyMaterialId).toBe(second.KeyMaterialId);
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: old }));
    expect(text(dec.Plaintext)).toBe('old');
    expect(dec.KeyMaterialId).toBe(first.KeyMaterialId);
  });

  it('HMAC and ECC keys take imported material, and compute with it (test_import_key_hmac_keys, test_import_key_ecc_keys)', async () => {
    const hmac = await external('HMAC_256', 'GENERATE_VERIFY_MAC');
    await expectAwsError(importInto(hmac.KeyId!, crypto.randomBytes(31)), 'IncorrectKeyMaterialException');
    const secret = crypto.randomBytes(32);
    await importInto(hmac.KeyId!, secret);
    const mac = await kms.send(new GenerateMacCommand({ KeyId: hmac.KeyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256' }));
    expect(Buffer.from(mac.Mac!).equals(crypto.createHmac('sha256', secret).update('m').digest())).toBe(true);

    const ecc = await external('ECC_NIST_P256', 'SIGN_VERIFY');
    const pair = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const wrongCurve = crypto.generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ format: 'der', type: 'pkcs8' });
    await expectAwsError(importInto(ecc.KeyId!, wrongCurve, { ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }, 'RSA_AES_KEY_WRAP_SHA_256'), 'IncorrectKeyMaterialException');
    await importInto(ecc.KeyId!, pair.privateKey.export({ format: 'der', type: 'pkcs8' }), { ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }, 'RSA_AES_KEY_WRAP_SHA_256');
    const sig = await kms.send(new SignCommand({ KeyId: ecc.KeyId, Message: utf8('hello'), SigningAlgorithm: 'ECDSA_SHA_256' }));
    expect(crypto.verify('sha256', Buffer.from('hello'), pair.publicKey, Buffer.from(sig.Signature!))).toBe(true);
    expect((await kms.send(new VerifyCommand({ KeyId: ecc.KeyId, Message: utf8('hello'), Signature: sig.Signature, SigningAlgorithm: 'ECDSA_SHA_256' }))).SignatureValid).toBe(true);
    const pub = await kms.send(new GetPublicKeyCommand({ KeyId: ecc.KeyId }));
    expect(Buffer.from(pub.PublicKey!).equals(pair.publicKey.export({ format: 'der', type: 'spki' }))).toBe(true);
  });
});

describe('DeriveSharedSecret', () => {
  it('two KEY_AGREEMENT keys derive the same secret, equal to node:crypto\'s ECDH (test_derive_shared_secret, test_derive_shared_secret_matches_openssl)', async () => {
    for (const [KeySpec, curve] of [['ECC_NIST_P256', 'prime256v1'], ['ECC_NIST_P384', 'secp384r1'], ['ECC_NIST_P521', 'secp521r1']] as const) {
      const a = (await kms.send(new CreateKeyCommand({ KeySpec, KeyUsage: 'KEY_AGREEMENT' }))).KeyMetadata!;
      expect(a.KeyAgreementAlgorithms).toEqual(['ECDH']);
      const pubA = await kms.send(new GetPublicKeyCommand({ KeyId: a.KeyId }));
      expect(pubA.KeyAgreementAlgorithms).toEqual(['ECDH']);
      const peer = crypto.generateKeyPairSync('ec', { namedCurve: curve });
      const out = await kms.send(new DeriveSharedSecretCommand({ KeyId: a.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer.publicKey.export({ format: 'der', type: 'spki' }) }));
      expect(out).toMatchObject({ KeyId: a.Arn, KeyAgreementAlgorithm: 'ECDH', KeyOrigin: 'AWS_KMS' });
      const expected = crypto.diffieHellman({ privateKey: peer.privateKey, publicKey: crypto.createPublicKey({ key: Buffer.from(pubA.PublicKey!), format: 'der', type: 'spki' }) });
      expect(Buffer.from(out.SharedSecret!).equals(expected)).toBe(true);
    }
  });

  it('refuses keys of other usages, other algorithms and public keys it cannot use, in AWS\'s words (test_derive_shared_secret)', async () => {
    const a = (await kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' }))).KeyMetadata!;
    const peer = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'der', type: 'spki' });
    const signer = engine.createKey({ keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY' });
    const usage = await expectAwsError(kms.send(new DeriveSharedSecretCommand({ KeyId: signer.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer })), 'InvalidKeyUsageException');
    expect(usage.message).toBe(`${signer.arn} key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.`);
    const sym = engine.createKey();
    const symErr = await expectAwsError(kms.send(new DeriveSharedSecretCommand({ KeyId: sym.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer })), 'InvalidKeyUsageException');
    expect(symErr.message).toBe(`${sym.arn} key usage is ENCRYPT_DECRYPT which is not valid for DeriveSharedSecret.`);
    const algo = await expectAwsError(kms.send(new DeriveSharedSecretCommand({ KeyId: a.KeyId, KeyAgreementAlgorithm: 'INVALID' as never, PublicKey: peer })), 'ValidationException');
    expect(algo.message).toBe("1 validation error detected: Value 'INVALID' at 'keyAgreementAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [ECDH]");
    await expectAwsError(kms.send(new DeriveSharedSecretCommand({ KeyId: a.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: utf8('InvalidPublicKey') })), 'ValidationException');
    const p384 = crypto.generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({ format: 'der', type: 'spki' });
    await expectAwsError(kms.send(new DeriveSharedSecretCommand({ KeyId: a.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: p384 })), 'ValidationException');
    // secp256k1 is not a NIST curve: no KEY_AGREEMENT keys on it.
    await expectAwsError(kms.send(new CreateKeyCommand({ KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'KEY_AGREEMENT' })), 'ValidationException');
  });
});
