// Signatures over a message (MessageType RAW) and over a digest the caller already computed
// (MessageType DIGEST). API_Sign: with DIGEST, KMS signs the digest as given and does not hash it again.
// node:crypto always hashes its input (crypto.sign(null, ...) still applies SHA-256 for RSA/EC keys), so
// DIGEST uses the raw primitives: RSA private/public operations with PKCS#1 v1.5 or PSS encoding done here
// (RFC 8017 §9.1, §9.2) on node:crypto's RSA primitive, and ECDSA through @noble/curves. The tests check
// both paths against node:crypto's own verification of the RAW message.
import crypto from 'node:crypto';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';

export type HashName = 'sha256' | 'sha384' | 'sha512';

const DIGEST_INFO_PREFIX: Record<HashName, Buffer> = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};
const HASH_BYTES: Record<HashName, number> = { sha256: 32, sha384: 48, sha512: 64 };

export interface SignParams {
  scheme: 'PKCS1' | 'PSS' | 'ECDSA';
  hash: HashName;
}

export function signRaw(key: crypto.KeyObject, message: Buffer, p: SignParams): Buffer {
  return crypto.sign(p.hash, message, nodeKeyOptions(key, p));
}

export function verifyRaw(key: crypto.KeyObject, message: Buffer, signature: Buffer, p: SignParams): boolean {
  try {
    return crypto.verify(p.hash, message, nodeKeyOptions(key, p) as crypto.VerifyKeyObjectInput, signature);
  } catch {
    return false; // malformed signature encodings are a failed verification, not a crash
  }
}

function nodeKeyOptions(key: crypto.KeyObject, p: SignParams): crypto.SignKeyObjectInput {
  if (p.scheme === 'PSS') {
    // KMS's RSASSA_PSS_* use MGF1 with the same hash and a salt as long as the digest.
    return { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_BYTES[p.hash] };
  }
  if (p.scheme === 'PKCS1') return { key, padding: crypto.constants.RSA_PKCS1_PADDING };
  return { key, dsaEncoding: 'der' };
}

export function signDigest(privateKey: crypto.KeyObject, digest: Buffer, p: SignParams): Buffer {
  if (p.scheme === 'PKCS1') {
    return crypto.privateEncrypt({ key: privateKey, padding: crypto.constants.RSA_PKCS1_PADDING },
      Buffer.concat([DIGEST_INFO_PREFIX[p.hash], digest]));
  }
  if (p.scheme === 'PSS') {
    const modBits = rsaModulusBits(privateKey);
    const em = pssEncode(digest, modBits - 1, p.hash);
    return crypto.privateEncrypt({ key: privateKey, padding: crypto.constants.RSA_NO_PADDING },
      leftPad(em, Math.ceil(modBits / 8)));
  }
  return ecdsaSignDigest(privateKey, digest);
}

export function verifyDigest(publicKey: crypto.KeyObject, digest: Buffer, signature: Buffer, p: SignParams): boolean {
  try {
    if (p.scheme === 'ECDSA') return ecdsaVerifyDigest(publicKey, digest, signature);
    const modBits = rsaModulusBits(publicKey);
    if (signature.length !== Math.ceil(modBits / 8)) return false;
    if (p.scheme === 'PKCS1') {
      const recovered = crypto.publicDecrypt({ key: publicKey, padding: crypto.constants.RSA_PKCS1_PADDING }, signature);
      const expected = Buffer.concat([DIGEST_INFO_PREFIX[p.hash], digest]);
      return recovered.length === expected.length && crypto.timingSafeEqual(recovered, expected);
    }
    const em = crypto.publicDecrypt({ key: publicKey, padding: crypto.constants.RSA_NO_PADDING }, signature);
    return pssVerify(digest, em, modBits - 1, p.hash);
  } catch {
    return false;
  }
}

function rsaModulusBits(key: crypto.KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (!bits) throw new Error('not an RSA key');
  return bits;
}

function leftPad(b: Buffer, len: number): Buffer {
  return b.length >= len ? b : Buffer.concat([Buffer.alloc(len - b.length), b]);
}

function mgf1(seed: Buffer, len: number, hash: HashName): Buffer {
  const out: Buffer[] = [];
  let total = 0;
  for (let counter = 0; total < len; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const block = crypto.createHash(hash).update(seed).update(c).digest();
    out.push(block);
    total += block.length;
  }
  return Buffer.concat(out).subarray(0, len);
}

/** EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with sLen = hLen. */
function pssEncode(mHash: Buffer, emBits: number, hash: HashName): Buffer {
  const hLen = HASH_BYTES[hash];
  const emLen = Math.ceil(emBits / 8);
  const salt = crypto.randomBytes(hLen);
  const h = crypto.createHash(hash).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  const db = Buffer.concat([Buffer.alloc(emLen - 2 * hLen - 2), Buffer.from([1]), salt]);
  const mask = mgf1(h, emLen - hLen - 1, hash);
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
  db[0] &= 0xff >> (8 * emLen - emBits);
  return Buffer.concat([db, h, Buffer.from([0xbc])]);
}

/** EMSA-PSS-VERIFY (RFC 8017 §9.1.2) with sLen = hLen. */
function pssVerify(mHash: Buffer, decrypted: Buffer, emBits: number, hash: HashName): boolean {
  const hLen = HASH_BYTES[hash];
  const emLen = Math.ceil(emBits / 8);
  // The RSA output is k bytes; EM is its last emLen bytes (k == emLen unless modBits - 1 is a multiple of 8).
  const em = decrypted.subarray(decrypted.length - emLen);
  if (decrypted.subarray(0, decrypted.length - emLen).some((b) => b !== 0)) return false;
  if (em.length < 2 * hLen + 2 || em[em.length - 1] !== 0xbc) return false;
  const masked = Buffer.from(em.subarray(0, emLen - hLen - 1));
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const topMask = 0xff >> (8 * emLen - emBits);
  if ((masked[0] & ~topMask) !== 0) return false;
  const mask = mgf1(h, masked.length, hash);
  for (let i = 0; i < masked.length; i++) masked[i] ^= mask[i];
  masked[0] &= topMask;
  const psLen = emLen - 2 * hLen - 2;
  if (masked.subarray(0, psLen).some((b) => b !== 0) || masked[psLen] !== 1) return false;
  const salt = masked.subarray(psLen + 1);
  const h2 = crypto.createHash(hash).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  return crypto.timingSafeEqual(h, h2);
}

// ---- ECDSA over a digest (SEC 1 v2 §4.1.3 / §4.1.4). node:crypto has no pre-hashed ECDSA, so the curve
// arithmetic comes from @noble/curves (audited, maintained), never from code of our own.
const NOBLE_CURVES = { 'P-256': p256, 'P-384': p384, 'P-521': p521, secp256k1 } as const;

function nobleCurveOf(key: crypto.KeyObject) {
  const jwk = key.export({ format: 'jwk' });
  const curve = NOBLE_CURVES[(jwk.crv ?? '') as keyof typeof NOBLE_CURVES];
  if (!curve) throw new Error(`unsupported curve ${jwk.crv}`);
  return { curve, jwk };
}

function ecdsaSignDigest(privateKey: crypto.KeyObject, digest: Buffer): Buffer {
  const { curve, jwk } = nobleCurveOf(privateKey);
  const d = Buffer.from(jwk.d ?? '', 'base64url');
  // KMS signs exactly the digest given (MessageType DIGEST): no prehash; DER like KMS's ECDSA signatures.
  // lowS: false keeps the signature distribution of a standard ECDSA signer (as OpenSSL produces).
  return Buffer.from(curve.sign(digest, d, { prehash: false, format: 'der', lowS: false }));
}

function ecdsaVerifyDigest(publicKey: crypto.KeyObject, digest: Buffer, signature: Buffer): boolean {
  const { curve, jwk } = nobleCurveOf(publicKey);
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x ?? '', 'base64url'), Buffer.from(jwk.y ?? '', 'base64url')]);
  try {
    return curve.verify(signature, digest, point, { prehash: false, format: 'der', lowS: false });
  } catch {
    return false; // malformed DER is a failed verification
  }
}
