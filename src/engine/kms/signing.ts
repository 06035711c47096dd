// Signatures over a message (MessageType RAW) and over a digest the caller already computed
// (MessageType DIGEST). API_Sign: with DIGEST, KMS signs the digest as given and does not hash it again.
// node:crypto always hashes its input (crypto.sign(null, ...) still applies SHA-256 for RSA/EC keys), so
// DIGEST uses the raw primitives: RSA private/public operations with PKCS#1 v1.5 or PSS encoding done here
// (RFC 8017 §9.1, §9.2), and ECDSA (SEC 1 §4.1) with BigInt arithmetic. The tests check both paths
// against node:crypto's own verification of the RAW message.
import crypto from 'node:crypto';

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

// ---- ECDSA over a digest (SEC 1 v2 §4.1.3 / §4.1.4). Curve constants from `openssl ecparam -param_enc explicit`.
interface Curve { p: bigint; a: bigint; n: bigint; gx: bigint; gy: bigint; bits: number; name: string }
const h = (s: string) => BigInt('0x' + s);
const CURVE_PARAMS: Record<string, Curve> = {
  prime256v1: {
    name: 'prime256v1', bits: 256,
    p: h('ffffffff00000001000000000000000000000000ffffffffffffffffffffffff'),
    a: h('ffffffff00000001000000000000000000000000fffffffffffffffffffffffc'),
    n: h('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'),
    gx: h('6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296'),
    gy: h('4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5'),
  },
  secp384r1: {
    name: 'secp384r1', bits: 384,
    p: h('fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff'),
    a: h('fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffc'),
    n: h('ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973'),
    gx: h('aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7'),
    gy: h('3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f'),
  },
  secp521r1: {
    name: 'secp521r1', bits: 521,
    p: h('01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff'),
    a: h('01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc'),
    n: h('01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409'),
    gx: h('00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66'),
    gy: h('011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650'),
  },
  secp256k1: {
    name: 'secp256k1', bits: 256,
    p: h('fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f'),
    a: 0n,
    n: h('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141'),
    gx: h('79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'),
    gy: h('483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8'),
  },
};
const JWK_CRV: Record<string, string> = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1', secp256k1: 'secp256k1' };

const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;
function inv(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [mod(a, m), m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}
const b2i = (b: Buffer) => (b.length === 0 ? 0n : BigInt('0x' + b.toString('hex')));
const i2b = (i: bigint, len: number) => Buffer.from(i.toString(16).padStart(len * 2, '0'), 'hex');

type Point = { x: bigint; y: bigint } | null;
function add(c: Curve, P: Point, Q: Point): Point {
  if (!P) return Q;
  if (!Q) return P;
  if (P.x === Q.x) {
    if (mod(P.y + Q.y, c.p) === 0n) return null;
    const l = mod((3n * P.x * P.x + c.a) * inv(2n * P.y, c.p), c.p);
    const x = mod(l * l - 2n * P.x, c.p);
    return { x, y: mod(l * (P.x - x) - P.y, c.p) };
  }
  const l = mod((Q.y - P.y) * inv(Q.x - P.x, c.p), c.p);
  const x = mod(l * l - P.x - Q.x, c.p);
  return { x, y: mod(l * (P.x - x) - P.y, c.p) };
}
function mul(c: Curve, k: bigint, P: Point): Point {
  let R: Point = null;
  let A = P;
  for (let e = k; e > 0n; e >>= 1n) {
    if (e & 1n) R = add(c, R, A);
    A = add(c, A, A);
  }
  return R;
}

function curveOf(key: crypto.KeyObject): { curve: Curve; jwk: crypto.JsonWebKey } {
  const jwk = key.export({ format: 'jwk' });
  const curve = CURVE_PARAMS[JWK_CRV[jwk.crv ?? ''] ?? ''];
  if (!curve) throw new Error(`unsupported curve ${jwk.crv}`);
  return { curve, jwk };
}

/** The digest as an integer: its leftmost bit-length(n) bits (SEC 1 §4.1.3 step 5). */
function digestInt(c: Curve, digest: Buffer): bigint {
  const e = b2i(digest);
  const excess = digest.length * 8 - c.bits;
  return excess > 0 ? e >> BigInt(excess) : e;
}

function ecdsaSignDigest(privateKey: crypto.KeyObject, digest: Buffer): Buffer {
  const { curve: c, jwk } = curveOf(privateKey);
  const d = b2i(Buffer.from(jwk.d ?? '', 'base64url'));
  const e = digestInt(c, digest);
  const nLen = Math.ceil(c.bits / 8);
  for (;;) {
    const k = mod(b2i(crypto.randomBytes(nLen + 8)), c.n - 1n) + 1n;
    // k·G through ECDH, which computes the public point for a private scalar natively.
    const ecdh = crypto.createECDH(c.name);
    ecdh.setPrivateKey(i2b(k, nLen));
    const R = ecdh.getPublicKey();
    const r = mod(b2i(R.subarray(1, 1 + (R.length - 1) / 2)), c.n);
    if (r === 0n) continue;
    const s = mod(inv(k, c.n) * (e + r * d), c.n);
    if (s === 0n) continue;
    return derSignature(r, s);
  }
}

function ecdsaVerifyDigest(publicKey: crypto.KeyObject, digest: Buffer, signature: Buffer): boolean {
  const { curve: c, jwk } = curveOf(publicKey);
  const rs = parseDerSignature(signature);
  if (!rs) return false;
  const { r, s } = rs;
  if (r <= 0n || r >= c.n || s <= 0n || s >= c.n) return false;
  const Q = { x: b2i(Buffer.from(jwk.x ?? '', 'base64url')), y: b2i(Buffer.from(jwk.y ?? '', 'base64url')) };
  const w = inv(s, c.n);
  const e = digestInt(c, digest);
  const X = add(c, mul(c, mod(e * w, c.n), { x: c.gx, y: c.gy }), mul(c, mod(r * w, c.n), Q));
  return X !== null && mod(X.x, c.n) === r;
}

function derInt(i: bigint): Buffer {
  let b = Buffer.from(i.toString(16).padStart(2, '0').replace(/^(.(..)*)$/, '0$1'), 'hex');
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return Buffer.concat([Buffer.from([0x02]), derLen(b.length), b]);
}
function derLen(n: number): Buffer {
  return n < 0x80 ? Buffer.from([n]) : Buffer.from([0x81, n]);
}
function derSignature(r: bigint, s: bigint): Buffer {
  const body = Buffer.concat([derInt(r), derInt(s)]);
  return Buffer.concat([Buffer.from([0x30]), derLen(body.length), body]);
}

/** Strict DER `SEQUENCE { INTEGER r, INTEGER s }`; anything else is not a valid signature. */
function parseDerSignature(sig: Buffer): { r: bigint; s: bigint } | undefined {
  let pos = 0;
  const readLen = (): number | undefined => {
    const first = sig[pos++];
    if (first === undefined) return undefined;
    if (first < 0x80) return first;
    if (first !== 0x81) return undefined;
    const n = sig[pos++];
    return n !== undefined && n >= 0x80 ? n : undefined;
  };
  if (sig[pos++] !== 0x30) return undefined;
  const seqLen = readLen();
  if (seqLen === undefined || pos + seqLen !== sig.length) return undefined;
  const ints: bigint[] = [];
  for (let i = 0; i < 2; i++) {
    if (sig[pos++] !== 0x02) return undefined;
    const len = readLen();
    if (len === undefined || len === 0 || pos + len > sig.length) return undefined;
    ints.push(b2i(sig.subarray(pos, pos + len)));
    pos += len;
  }
  return pos === sig.length ? { r: ints[0], s: ints[1] } : undefined;
}
