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
import { randomFill } from '../random.js';

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

/**
 * The AAD's context part: pairCount(4) ‖ for each pair, sorted by the key's UTF-8 bytes: keyLength(4) ‖ key ‖
 * valueLength(4) ‖ value. `prefix` (a blob header) goes first, so that a whole AAD is one allocation.
 */
export function encodeEncryptionContext(ec: Record<string, string>, prefix?: Uint8Array): Buffer {
  const pairs = Object.entries(ec);
  if (pairs.length > 1) {
    const keyBytes = new Map(pairs.map(([k]) => [k, Buffer.from(k, 'utf8')]));
    pairs.sort((a, b) => Buffer.compare(keyBytes.get(a[0])!, keyBytes.get(b[0])!));
  }
  const prefixLength = prefix?.length ?? 0;
  let length = prefixLength + 4;
  for (const [k, v] of pairs) length += 8 + Buffer.byteLength(k, 'utf8') + Buffer.byteLength(v, 'utf8');
  // Every byte is written below, and an encryption context is not secret (CloudTrail logs it), so pooled memory will do.
  const out = Buffer.allocUnsafe(length);
  if (prefix) out.set(prefix, 0);
  let at = out.writeUInt32BE(pairs.length, prefixLength);
  for (const pair of pairs) {
    for (const text of pair) {
      const written = out.write(text, at + 4, 'utf8');
      out.writeUInt32BE(written, at);
      at += 4 + written;
    }
  }
  return out;
}

/**
 * Seals `plaintext` into one buffer: the header, the GCM ciphertext and the tag are written in place (the IV
 * straight from the CSPRNG), because every small Buffer made on the way costs measurably in a GenerateDataKey.
 */
export function sealBlob(args: {
  kind: BlobKind; keyId: string; materialVersion: number; material: Buffer;
  plaintext: Buffer; encryptionContext: Record<string, string>;
}): Buffer {
  const idLength = Buffer.byteLength(args.keyId, 'utf8');
  const headerLength = 3 + idLength + 4 + IV_BYTES;
  // Ciphertext is not secret, so the blob may live in pooled memory; every byte of it is written below.
  const blob = Buffer.allocUnsafe(headerLength + args.plaintext.length + TAG_BYTES);
  blob[0] = BLOB_VERSION;
  blob[1] = args.kind;
  blob[2] = idLength;
  blob.write(args.keyId, 3, 'utf8');
  blob.writeUInt32BE(args.materialVersion, 3 + idLength);
  randomFill(blob, headerLength - IV_BYTES, IV_BYTES);
  const header = blob.subarray(0, headerLength);
  const cipher = crypto.createCipheriv('aes-256-gcm', args.material, header.subarray(headerLength - IV_BYTES));
  cipher.setAAD(encodeEncryptionContext(args.encryptionContext, header));
  let at = headerLength + cipher.update(args.plaintext).copy(blob, headerLength);
  at += cipher.final().copy(blob, at);
  // GCM is a stream mode: the ciphertext is exactly as long as the plaintext.
  if (at + TAG_BYTES !== blob.length) throw new Error(`sealBlob: ciphertext of ${at - headerLength} bytes for ${args.plaintext.length} of plaintext`);
  cipher.getAuthTag().copy(blob, at);
  return blob;
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
    decipher.setAAD(encodeEncryptionContext(encryptionContext, parsed.header));
    decipher.setAuthTag(parsed.tag);
    return Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}
