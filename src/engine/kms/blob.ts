// The engine's symmetric ciphertext blob. Real KMS's format is opaque (the only documented facts: it
// carries metadata identifying the key, and CiphertextBlob is at most 6,144 bytes), so this one is ours:
//
//   version(1) ‖ kind(1) ‖ keyIdLength(1) ‖ keyId ‖ materialVersion(4, BE) ‖ iv(12) ‖ ciphertext ‖ tag(16)
//
// AES-256-GCM. The AAD is the whole header (everything before the IV, the IV included) followed by a
// length-prefixed encoding of the encryption context with pairs sorted by the UTF-8 bytes of the key.
// Lengths make {ab:"c"} and {a:"bc"} different AAD (local-kms, LocalStack and moto concatenate and
// confuse them); sorting makes pair order irrelevant, as KMS documents. Every header byte is authenticated,
// so flipping any byte of a blob fails the GCM tag check.
import crypto from 'node:crypto';
import { randomBytes } from '../random.js';

export const BLOB_VERSION = 1;
/** What the plaintext is, so Decrypt can tell data keys (which callers must zeroize) from other secrets. */
export const enum BlobKind { Encrypt = 0, DataKey = 1, DataKeyPairPrivateKey = 2 }

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface ParsedBlob {
  kind: BlobKind;
  keyId: string;
  materialVersion: number;
  header: Buffer;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export function encodeEncryptionContext(ec: Record<string, string>): Buffer {
  const pairs = Object.entries(ec).map(([k, v]) => [Buffer.from(k, 'utf8'), Buffer.from(v, 'utf8')] as const);
  pairs.sort((a, b) => Buffer.compare(a[0], b[0]));
  const parts: Buffer[] = [u32(pairs.length)];
  for (const [k, v] of pairs) parts.push(u32(k.length), k, u32(v.length), v);
  return Buffer.concat(parts);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

export function sealBlob(args: {
  kind: BlobKind; keyId: string; materialVersion: number; material: Buffer;
  plaintext: Buffer; encryptionContext: Record<string, string>;
}): Buffer {
  const id = Buffer.from(args.keyId, 'utf8');
  const iv = randomBytes(IV_BYTES);
  const header = Buffer.concat([Buffer.from([BLOB_VERSION, args.kind, id.length]), id, u32(args.materialVersion), iv]);
  const cipher = crypto.createCipheriv('aes-256-gcm', args.material, iv);
  cipher.setAAD(Buffer.concat([header, encodeEncryptionContext(args.encryptionContext)]));
  const ct = Buffer.concat([cipher.update(args.plaintext), cipher.final()]);
  return Buffer.concat([header, ct, cipher.getAuthTag()]);
}

/** Parses the header; undefined when the bytes cannot be one of our blobs. Nothing is authenticated yet. */
export function parseBlob(blob: Buffer): ParsedBlob | undefined {
  if (blob.length < 3 || blob[0] !== BLOB_VERSION || blob[1] > BlobKind.DataKeyPairPrivateKey) return undefined;
  const idLen = blob[2];
  const headerLen = 3 + idLen + 4 + IV_BYTES;
  if (idLen === 0 || blob.length < headerLen + TAG_BYTES) return undefined;
  const keyId = blob.subarray(3, 3 + idLen).toString('utf8');
  if (!/^(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.test(keyId)) return undefined;
  return {
    kind: blob[1] as BlobKind,
    keyId,
    materialVersion: blob.readUInt32BE(3 + idLen),
    header: blob.subarray(0, headerLen),
    iv: blob.subarray(headerLen - IV_BYTES, headerLen),
    ciphertext: blob.subarray(headerLen, blob.length - TAG_BYTES),
    tag: blob.subarray(blob.length - TAG_BYTES),
  };
}

/** Opens a parsed blob; undefined when the tag does not verify (wrong context, tampered bytes). */
export function openBlob(parsed: ParsedBlob, material: Buffer, encryptionContext: Record<string, string>): Buffer | undefined {
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', material, parsed.iv);
    decipher.setAAD(Buffer.concat([parsed.header, encodeEncryptionContext(encryptionContext)]));
    decipher.setAuthTag(parsed.tag);
    return Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}
