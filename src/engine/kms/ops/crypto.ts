// Symmetric and RSA encryption, decryption, re-encryption, data keys, data key pairs and random bytes.
import crypto from 'node:crypto';
import { randomBytes } from '../../random.js';
import { AwsError } from '../../types.js';
import { BlobKind, openBlob, parseBlob, sealBlob } from '../blob.js';
import type { Keystore, Operation } from '../keystore.js';
import type { Ctx, KeyRecord, Output } from '../model.js';
import {
  CURVES, DATA_KEY_PAIR_SPECS, DATA_KEY_SPECS, ENCRYPTION_ALGORITHMS, RSA_BITS, encryptionAlgorithmsFor, rsaOaepMaxPlaintext,
  type EncryptionAlgorithm, type GrantOperation, type KeySpec,
} from '../specs.js';
import { Input, validation } from '../wire.js';

/** Recorded: AWS sends InvalidCiphertextException with an empty message. */
const invalidCiphertext = () => new AwsError('InvalidCiphertextException', '');

/** Recorded IncorrectKeyException message (Decrypt and ReEncrypt with a key of another usage). */
const CANNOT_PERFORM = 'The key ID in the request does not identify a CMK that can perform this operation.';

/** Recorded for every RSA key spec and OAEP algorithm ("... RSA_2048 cannot encrypt data larger than 190 bytes."). */
const rsaTooLarge = (algorithm: EncryptionAlgorithm, spec: KeySpec, max: number) =>
  validation(`Algorithm ${algorithm} and key spec ${spec} cannot encrypt data larger than ${max} bytes.`);

export const cryptoOperations: Record<string, Operation> = {
  Encrypt: encrypt,
  Decrypt: decrypt,
  ReEncrypt: reEncrypt,
  GenerateDataKey: generateDataKey,
  GenerateDataKeyWithoutPlaintext: generateDataKeyWithoutPlaintext,
  GenerateDataKeyPair: generateDataKeyPair,
  GenerateDataKeyPairWithoutPlaintext: generateDataKeyPairWithoutPlaintext,
  GenerateRandom: generateRandom,
};

/** API_Encrypt: Plaintext 1..4096 bytes; RSA keys take at most the OAEP limit for the modulus and hash. */
function encrypt(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const plaintext = input.blob('Plaintext', { required: true, max: 4096 });
  const ec = ks.ec(input);
  const algorithm = input.enumValue('EncryptionAlgorithm', ENCRYPTION_ALGORITHMS) ?? 'SYMMETRIC_DEFAULT';
  ks.readTokens(input, ctx);
  ctx.entry.encryptionContext = ec;
  ctx.entry.plaintextBytes = plaintext.length;
  const key = ks.resolve(keyId, ctx);
  ks.authorize(key, 'Encrypt', ctx, ec);
  ks.requireUsable(key);
  ks.requireUsage(key, 'ENCRYPT_DECRYPT', 'Encrypt');
  checkEncryptionAlgorithm(key, algorithm);
  ks.noContextForAsymmetric(key, ec);
  ks.dryRun(input);
  let blob: Buffer;
  if (key.spec === 'SYMMETRIC_DEFAULT') {
    blob = seal(key, BlobKind.Encrypt, plaintext, ec);
  } else {
    const max = rsaOaepMaxPlaintext(key.spec, algorithm);
    if (plaintext.length > max) {
      throw rsaTooLarge(algorithm, key.spec, max);
    }
    blob = crypto.publicEncrypt({ key: key.material.publicKey!, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING,
      oaepHash: algorithm === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256' }, plaintext);
  }
  ctx.entry.ciphertextBytes = blob.length;
  return { CiphertextBlob: blob.toString('base64'), KeyId: key.arn, EncryptionAlgorithm: algorithm };
}

function checkEncryptionAlgorithm(key: KeyRecord, algorithm: EncryptionAlgorithm): void {
  const allowed = encryptionAlgorithmsFor(key.spec, key.usage) ?? [];
  if (!allowed.includes(algorithm)) {
    throw new AwsError('InvalidKeyUsageException', `${key.arn} (${key.spec}) does not support EncryptionAlgorithm ${algorithm}; supported: ${allowed.join(', ')}.`);
  }
}

function seal(key: KeyRecord, kind: BlobKind, plaintext: Buffer, ec: Record<string, string>): Buffer {
  const version = key.material.versions.length - 1;
  return sealBlob({ kind, keyId: key.keyId, materialVersion: version, material: key.material.versions[version], plaintext, encryptionContext: ec });
}

/**
 * Shared by Decrypt and ReEncrypt's source side. The key comes from KeyId when given, else from the blob
 * header. A header naming no key in this Region is an invalid ciphertext (it cannot be ours); a header
 * naming another existing key than KeyId is IncorrectKeyException, as real KMS answers.
 */
function openCiphertext(ks: Keystore, blob: Buffer, keyIdIn: string | undefined, ec: Record<string, string>, algorithm: EncryptionAlgorithm,
  ctx: Ctx, grantOp: GrantOperation): { key: KeyRecord; plaintext: Buffer; kind: BlobKind; materialId?: string } {
  const parsed = parseBlob(blob);
  let key: KeyRecord;
  if (keyIdIn !== undefined) {
    key = ks.resolve(keyIdIn, ctx);
  } else {
    if (algorithm !== 'SYMMETRIC_DEFAULT') throw validation(`KeyId is required to decrypt with ${algorithm}.`);
    if (!parsed) throw invalidCiphertext();
    key = lookupBlobKey(ks, parsed.keyId, ctx);
  }
  ks.authorize(key, grantOp, ctx, ec);
  ks.requireUsable(key);
  // Recorded (Decrypt with an HMAC key's KeyId; ReEncrypt with an HMAC SourceKeyId): a key that cannot decrypt is
  // IncorrectKeyException with this message, not InvalidKeyUsageException.
  if (key.usage !== 'ENCRYPT_DECRYPT') throw new AwsError('IncorrectKeyException', CANNOT_PERFORM);
  checkEncryptionAlgorithm(key, algorithm);
  ks.noContextForAsymmetric(key, ec);
  if (key.spec !== 'SYMMETRIC_DEFAULT') {
    try {
      const plaintext = crypto.privateDecrypt({ key: key.material.privateKey!, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: algorithm === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256' }, blob);
      return { key, plaintext, kind: BlobKind.Encrypt };
    } catch {
      throw invalidCiphertext();
    }
  }
  if (!parsed) throw invalidCiphertext();
  if (parsed.keyId !== key.keyId) {
    const other = ks.store(key.accountId, key.region).keys.get(parsed.keyId);
    if (other) throw new AwsError('IncorrectKeyException', `The key ID in the request does not identify the KMS key that was used to encrypt the ciphertext.`);
    throw invalidCiphertext();
  }
  const material = key.material.versions[parsed.materialVersion];
  const plaintext = material && openBlob(parsed, material, ec);
  if (!plaintext) throw invalidCiphertext();
  return { key, plaintext, kind: parsed.kind, materialId: key.material.ids[parsed.materialVersion] };
}

function lookupBlobKey(ks: Keystore, keyId: string, ctx: Ctx): KeyRecord {
  const k = ks.store(ctx.caller.accountId, ctx.caller.region).keys.get(keyId);
  const live = k && ks.tick(k);
  if (!live) throw invalidCiphertext();
  ctx.entry.keyArn = live.arn;
  return live;
}

/** API_Decrypt: CiphertextBlob 1..6144; the response KeyId is the key ARN. */
function decrypt(ks: Keystore, input: Input, ctx: Ctx): Output {
  const blob = input.blob('CiphertextBlob', { required: true, max: 6144 });
  const ec = ks.ec(input);
  const keyId = input.string('KeyId', { max: 2048 });
  const algorithm = input.enumValue('EncryptionAlgorithm', ENCRYPTION_ALGORITHMS) ?? 'SYMMETRIC_DEFAULT';
  if (input.has('Recipient')) throw new AwsError('UnsupportedOperationException', 'Recipient (Nitro Enclaves attestation) is not supported by this engine.');
  ks.readTokens(input, ctx);
  ctx.entry.encryptionContext = ec;
  ctx.entry.ciphertextBytes = blob.length;
  const { key, plaintext, kind, materialId } = openCiphertext(ks, blob, keyId, ec, algorithm, ctx, 'Decrypt');
  ks.dryRun(input);
  ctx.entry.plaintextBytes = plaintext.length;
  ctx.entry.dataKey = kind !== BlobKind.Encrypt;
  const out: Output = { KeyId: key.arn, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: algorithm };
  // Recorded Decrypt responses carry the ID of the key material that decrypted (symmetric keys).
  if (materialId !== undefined) out.KeyMaterialId = materialId;
  return out;
}

/** API_ReEncrypt: the caller needs ReEncryptFrom on the source key and ReEncryptTo on the destination. */
function reEncrypt(ks: Keystore, input: Input, ctx: Ctx): Output {
  const blob = input.blob('CiphertextBlob', { required: true, max: 6144 });
  const sourceEc = ks.ec(input, 'SourceEncryptionContext');
  const sourceKeyId = input.string('SourceKeyId', { max: 2048 });
  const destKeyId = ks.keyIdMember(input, 'DestinationKeyId');
  const destEc = ks.ec(input, 'DestinationEncryptionContext');
  const sourceAlg = input.enumValue('SourceEncryptionAlgorithm', ENCRYPTION_ALGORITHMS) ?? 'SYMMETRIC_DEFAULT';
  const destAlg = input.enumValue('DestinationEncryptionAlgorithm', ENCRYPTION_ALGORITHMS) ?? 'SYMMETRIC_DEFAULT';
  ks.readTokens(input, ctx);
  ctx.entry.encryptionContext = destEc;
  ctx.entry.ciphertextBytes = blob.length;
  const src = openCiphertext(ks, blob, sourceKeyId, sourceEc, sourceAlg, ctx, 'ReEncryptFrom');
  const dest = ks.resolve(destKeyId, ctx);
  ks.authorize(dest, 'ReEncryptTo', ctx, destEc);
  ks.requireUsable(dest);
  ks.requireUsage(dest, 'ENCRYPT_DECRYPT', 'ReEncrypt');
  checkEncryptionAlgorithm(dest, destAlg);
  ks.noContextForAsymmetric(dest, destEc);
  ks.dryRun(input);
  let out: Buffer;
  if (dest.spec === 'SYMMETRIC_DEFAULT') out = seal(dest, src.kind, src.plaintext, destEc);
  else {
    const max = rsaOaepMaxPlaintext(dest.spec, destAlg);
    if (src.plaintext.length > max) throw validation(`The plaintext is ${src.plaintext.length} bytes; ${dest.spec} with ${destAlg} encrypts at most ${max} bytes.`);
    out = crypto.publicEncrypt({ key: dest.material.publicKey!, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING,
      oaepHash: destAlg === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256' }, src.plaintext);
  }
  src.plaintext.fill(0);
  ctx.entry.keyArn = dest.arn;
  ctx.entry.dataKey = src.kind !== BlobKind.Encrypt;
  return {
    CiphertextBlob: out.toString('base64'), SourceKeyId: src.key.arn, KeyId: dest.arn,
    SourceEncryptionAlgorithm: sourceAlg, DestinationEncryptionAlgorithm: destAlg,
  };
}

// ---- data keys ---------------------------------------------------------------------------------

/** API_GenerateDataKey: exactly one of KeySpec (AES_128, AES_256) or NumberOfBytes (1..1024). */
function dataKey(ks: Keystore, input: Input, ctx: Ctx, op: 'GenerateDataKey' | 'GenerateDataKeyWithoutPlaintext'): { key: KeyRecord; plaintext: Buffer; blob: Buffer } {
  const keyId = ks.keyIdMember(input);
  const ec = ks.ec(input);
  const n = input.int('NumberOfBytes', { min: 1, max: 1024 });
  const spec = input.enumValue('KeySpec', DATA_KEY_SPECS);
  if (input.has('Recipient')) throw new AwsError('UnsupportedOperationException', 'Recipient (Nitro Enclaves attestation) is not supported by this engine.');
  ks.readTokens(input, ctx);
  if ((n === undefined) === (spec === undefined)) {
    throw validation('Please specify either number of bytes or key spec (exactly one of NumberOfBytes and KeySpec).');
  }
  ctx.entry.encryptionContext = ec;
  const key = ks.resolve(keyId, ctx);
  ks.authorize(key, op, ctx, ec);
  ks.requireUsable(key);
  ks.requireSymmetric(key, op);
  ks.dryRun(input);
  const plaintext = randomBytes(n ?? (spec === 'AES_128' ? 16 : 32));
  const blob = seal(key, BlobKind.DataKey, plaintext, ec);
  ctx.entry.plaintextBytes = plaintext.length;
  ctx.entry.ciphertextBytes = blob.length;
  return { key, plaintext, blob };
}

function generateDataKey(ks: Keystore, input: Input, ctx: Ctx): Output {
  const { key, plaintext, blob } = dataKey(ks, input, ctx, 'GenerateDataKey');
  const out = { CiphertextBlob: blob.toString('base64'), Plaintext: plaintext.toString('base64'), KeyId: key.arn };
  plaintext.fill(0);
  return out;
}

function generateDataKeyWithoutPlaintext(ks: Keystore, input: Input, ctx: Ctx): Output {
  const { key, plaintext, blob } = dataKey(ks, input, ctx, 'GenerateDataKeyWithoutPlaintext');
  plaintext.fill(0);
  return { CiphertextBlob: blob.toString('base64'), KeyId: key.arn };
}

function dataKeyPair(ks: Keystore, input: Input, ctx: Ctx, op: 'GenerateDataKeyPair' | 'GenerateDataKeyPairWithoutPlaintext'): Record<string, unknown> {
  const keyId = ks.keyIdMember(input);
  const ec = ks.ec(input);
  const pairSpec = input.enumValue('KeyPairSpec', DATA_KEY_PAIR_SPECS, true);
  if (input.has('Recipient')) throw new AwsError('UnsupportedOperationException', 'Recipient (Nitro Enclaves attestation) is not supported by this engine.');
  ks.readTokens(input, ctx);
  ctx.entry.encryptionContext = ec;
  const key = ks.resolve(keyId, ctx);
  ks.authorize(key, op, ctx, ec);
  ks.requireUsable(key);
  ks.requireSymmetric(key, op);
  if (pairSpec === 'SM2' || pairSpec === 'ECC_NIST_EDWARDS25519' || pairSpec.startsWith('ML_KEM_')) throw new AwsError('UnsupportedOperationException', `KeyPairSpec ${pairSpec} is not supported by this engine.`);
  ks.dryRun(input);
  const pair = pairSpec.startsWith('RSA_')
    ? crypto.generateKeyPairSync('rsa', { modulusLength: RSA_BITS[pairSpec as KeySpec] ?? 2048 })
    : crypto.generateKeyPairSync('ec', { namedCurve: CURVES[pairSpec as KeySpec] ?? 'prime256v1' });
  const priv = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
  const pub = pair.publicKey.export({ format: 'der', type: 'spki' });
  const blob = seal(key, BlobKind.DataKeyPairPrivateKey, priv, ec);
  ctx.entry.plaintextBytes = priv.length;
  ctx.entry.ciphertextBytes = blob.length;
  const out: Record<string, unknown> = {
    PrivateKeyCiphertextBlob: blob.toString('base64'), PublicKey: pub.toString('base64'), KeyId: key.arn, KeyPairSpec: pairSpec,
  };
  if (op === 'GenerateDataKeyPair') out.PrivateKeyPlaintext = priv.toString('base64');
  priv.fill(0);
  return out;
}

function generateDataKeyPair(ks: Keystore, input: Input, ctx: Ctx): Output {
  return dataKeyPair(ks, input, ctx, 'GenerateDataKeyPair');
}

function generateDataKeyPairWithoutPlaintext(ks: Keystore, input: Input, ctx: Ctx): Output {
  return dataKeyPair(ks, input, ctx, 'GenerateDataKeyPairWithoutPlaintext');
}

/** API_GenerateRandom: NumberOfBytes 1..1024. */
function generateRandom(_ks: Keystore, input: Input, ctx: Ctx): Output {
  const n = input.int('NumberOfBytes', { min: 1, max: 1024 });
  if (input.has('CustomKeyStoreId')) throw new AwsError('CustomKeyStoreNotFoundException', 'Custom key stores are not supported by this engine.');
  if (input.has('Recipient')) throw new AwsError('UnsupportedOperationException', 'Recipient (Nitro Enclaves attestation) is not supported by this engine.');
  if (n === undefined) throw validation('NumberOfBytes is required.'); // recorded (GenerateRandom without NumberOfBytes)
  ctx.entry.plaintextBytes = n;
  return { Plaintext: randomBytes(n).toString('base64') };
}
