// Signatures (Sign, Verify, GetPublicKey) and MACs (GenerateMac, VerifyMac).
import crypto from 'node:crypto';
import { AwsError } from '../../types.js';
import type { Keystore, Operation } from '../keystore.js';
import type { Ctx, KeyRecord, Output } from '../model.js';
import { signDigest, signRaw, verifyDigest, verifyRaw, type SignParams } from '../signing.js';
import {
  AWS_ENUM_LISTS, MAC_ALGORITHMS, MESSAGE_TYPES, SIGNING_ALGORITHMS, encryptionAlgorithmsFor, hashOf, macAlgorithmsFor, signingAlgorithmsFor,
  type MacAlgorithm, type SigningAlgorithm,
} from '../specs.js';
import { Input, validation } from '../wire.js';

export const signingOperations: Record<string, Operation> = {
  Sign: sign,
  Verify: verify,
  GetPublicKey: getPublicKey,
  GenerateMac: generateMac,
  VerifyMac: verifyMac,
};

function signingInput(ks: Keystore, input: Input, ctx: Ctx, op: 'Sign' | 'Verify'): { key: KeyRecord; message: Buffer; digest: boolean; algorithm: SigningAlgorithm; params: SignParams } {
  const keyId = ks.keyIdMember(input);
  const message = input.blob('Message', { required: true, max: 4096 });
  const messageType = input.enumValue('MessageType', MESSAGE_TYPES) ?? 'RAW';
  const algorithm = input.enumValue('SigningAlgorithm', SIGNING_ALGORITHMS, true);
  ks.readTokens(input, ctx);
  ctx.entry.plaintextBytes = message.length;
  const key = ks.resolve(keyId, ctx);
  ks.authorize(key, op, ctx);
  ks.requireUsable(key);
  ks.requireUsage(key, 'SIGN_VERIFY', op);
  const allowed = signingAlgorithmsFor(key.spec, key.usage) ?? [];
  if (!allowed.includes(algorithm)) {
    throw new AwsError('InvalidKeyUsageException', `${key.arn} (${key.spec}) does not support SigningAlgorithm ${algorithm}; supported: ${allowed.join(', ')}.`);
  }
  if (messageType === 'EXTERNAL_MU') throw validation('MessageType EXTERNAL_MU is supported only with ML_DSA keys.');
  const hash = hashOf(algorithm);
  // API_Sign: "When the value of MessageType is DIGEST, the length of the Message value must match the
  // length of hashing algorithm specified in SigningAlgorithm."
  if (messageType === 'DIGEST' && message.length !== hash.bytes) {
    throw validation(`Digest is invalid length for algorithm ${algorithm}.`); // recorded wording
  }
  const scheme = algorithm.startsWith('RSASSA_PSS') ? 'PSS' : algorithm.startsWith('RSASSA_PKCS1') ? 'PKCS1' : 'ECDSA';
  return { key, message, digest: messageType === 'DIGEST', algorithm, params: { scheme, hash: hash.name as SignParams['hash'] } };
}

function sign(ks: Keystore, input: Input, ctx: Ctx): Output {
  const s = signingInput(ks, input, ctx, 'Sign');
  ks.dryRun(input);
  const priv = s.key.material.privateKey!;
  const signature = s.digest ? signDigest(priv, s.message, s.params) : signRaw(priv, s.message, s.params);
  return { KeyId: s.key.arn, Signature: signature.toString('base64'), SigningAlgorithm: s.algorithm };
}

/** API_Verify: a signature that does not verify is KMSInvalidSignatureException, never SignatureValid false. */
function verify(ks: Keystore, input: Input, ctx: Ctx): Output {
  const signature = input.blob('Signature', { required: true, max: 6144 });
  const s = signingInput(ks, input, ctx, 'Verify');
  ks.dryRun(input);
  const pub = s.key.material.publicKey!;
  const ok = s.digest ? verifyDigest(pub, s.message, signature, s.params) : verifyRaw(pub, s.message, signature, s.params);
  if (!ok) throw new AwsError('KMSInvalidSignatureException', ''); // recorded: no message
  return { KeyId: s.key.arn, SignatureValid: true, SigningAlgorithm: s.algorithm };
}

/** API_GetPublicKey: DER-encoded SubjectPublicKeyInfo; symmetric and HMAC keys have none. */
function getPublicKey(ks: Keystore, input: Input, ctx: Ctx): Output {
  const key = ks.resolve(ks.keyIdMember(input), ctx);
  ks.readTokens(input, ctx);
  ks.authorize(key, 'GetPublicKey', ctx);
  ks.requireUsable(key);
  if (!key.material.publicKey) {
    throw new AwsError('UnsupportedOperationException', `${key.arn} is a ${key.spec} key; GetPublicKey supports only asymmetric KMS keys.`);
  }
  const out: Record<string, unknown> = {
    KeyId: key.arn, PublicKey: key.material.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    CustomerMasterKeySpec: key.spec, KeySpec: key.spec, KeyUsage: key.usage,
  };
  const enc = encryptionAlgorithmsFor(key.spec, key.usage);
  if (enc) out.EncryptionAlgorithms = enc;
  const sig = signingAlgorithmsFor(key.spec, key.usage);
  if (sig) out.SigningAlgorithms = sig;
  if (key.usage === 'KEY_AGREEMENT') out.KeyAgreementAlgorithms = ['ECDH'];
  return out;
}

function macInput(ks: Keystore, input: Input, ctx: Ctx, op: 'GenerateMac' | 'VerifyMac'): { key: KeyRecord; mac: Buffer; algorithm: MacAlgorithm } {
  const keyId = ks.keyIdMember(input);
  const message = input.blob('Message', { required: true, max: 4096 });
  const algorithm = input.enumValue('MacAlgorithm', MAC_ALGORITHMS, true, AWS_ENUM_LISTS.macAlgorithm);
  ks.readTokens(input, ctx);
  ctx.entry.plaintextBytes = message.length;
  const key = ks.resolve(keyId, ctx);
  ks.authorize(key, op, ctx);
  ks.requireUsable(key);
  ks.requireUsage(key, 'GENERATE_VERIFY_MAC', op);
  if (!(macAlgorithmsFor(key.spec) ?? []).includes(algorithm)) {
    throw new AwsError('InvalidKeyUsageException', `Algorithm ${algorithm} is incompatible with key spec ${key.spec}.`); // recorded
  }
  ks.dryRun(input);
  const mac = crypto.createHmac(hashOf(algorithm).name, key.material.hmacKey!).update(message).digest();
  return { key, mac, algorithm };
}

function generateMac(ks: Keystore, input: Input, ctx: Ctx): Output {
  const m = macInput(ks, input, ctx, 'GenerateMac');
  return { KeyId: m.key.arn, Mac: m.mac.toString('base64'), MacAlgorithm: m.algorithm };
}

/** API_VerifyMac: a MAC that does not verify is KMSInvalidMacException. */
function verifyMac(ks: Keystore, input: Input, ctx: Ctx): Output {
  const given = input.blob('Mac', { required: true, max: 6144 });
  const m = macInput(ks, input, ctx, 'VerifyMac');
  if (given.length !== m.mac.length || !crypto.timingSafeEqual(given, m.mac)) {
    throw new AwsError('KMSInvalidMacException', ''); // recorded: no message
  }
  return { KeyId: m.key.arn, MacValid: true, MacAlgorithm: m.algorithm };
}
