// The ciphertext blob's byte layout (src/engine/kms/blob.ts) checked against an independent encoder written
// straight from the layout comment, and opened with node:crypto alone: blobs sealed by any version of the engine
// must keep meaning the same bytes.
import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlobKind, encodeEncryptionContext, openBlob, parseBlob, sealBlob } from '../../src/engine/kms/blob.js';
import { encryptionContexts } from './kms-helpers.js';

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

/** count ‖ (keyLength ‖ key ‖ valueLength ‖ value) for pairs sorted by the key's UTF-8 bytes. */
function referenceContext(ec: Record<string, string>): Buffer {
  const pairs = Object.entries(ec).map(([k, v]) => [Buffer.from(k, 'utf8'), Buffer.from(v, 'utf8')] as const);
  pairs.sort((a, b) => Buffer.compare(a[0], b[0]));
  return Buffer.concat([u32(pairs.length), ...pairs.flatMap(([k, v]) => [u32(k.length), k, u32(v.length), v])]);
}

const context = encryptionContexts(6);
const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab';

describe('ciphertext blob layout', () => {
  it('encodes an encryption context exactly as the layout says, with or without a prefix', () => {
    fc.assert(
      fc.property(context, fc.uint8Array({ maxLength: 64 }), (ec, prefix) => {
        expect(encodeEncryptionContext(ec).equals(referenceContext(ec))).toBe(true);
        expect(encodeEncryptionContext(ec, prefix).equals(Buffer.concat([prefix, referenceContext(ec)]))).toBe(true);
      }),
      { numRuns: 500 },
    );
    // Sorted by UTF-8 bytes, not UTF-16 units: U+FF5E (EF BD 9E) sorts before U+1F600 (F0 9F 98 80).
    const order = encodeEncryptionContext({ '\u{1F600}': 'b', '\uFF5E': 'a' });
    expect(order.subarray(8, 11).toString('utf8')).toBe('\uFF5E');
  });

  it('seals version ‖ kind ‖ keyIdLength ‖ keyId ‖ materialVersion ‖ iv ‖ ciphertext ‖ tag, openable with node:crypto alone', () => {
    fc.assert(
      fc.property(context, fc.uint8Array({ maxLength: 4096 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (ec, plaintext, materialVersion) => {
        const material = crypto.randomBytes(32);
        const blob = sealBlob({ kind: BlobKind.DataKey, keyId, materialVersion, material, plaintext: Buffer.from(plaintext), encryptionContext: ec });
        const headerLength = 3 + keyId.length + 4 + 12;
        expect(blob.length).toBe(headerLength + plaintext.length + 16);
        expect([blob[0], blob[1], blob[2]]).toEqual([1, BlobKind.DataKey, keyId.length]);
        expect(blob.subarray(3, 3 + keyId.length).toString('utf8')).toBe(keyId);
        expect(blob.readUInt32BE(3 + keyId.length)).toBe(materialVersion);
        const header = blob.subarray(0, headerLength);
        const decipher = crypto.createDecipheriv('aes-256-gcm', material, header.subarray(headerLength - 12));
        decipher.setAAD(Buffer.concat([header, referenceContext(ec)]));
        decipher.setAuthTag(blob.subarray(blob.length - 16));
        const opened = Buffer.concat([decipher.update(blob.subarray(headerLength, blob.length - 16)), decipher.final()]);
        expect(opened.equals(Buffer.from(plaintext))).toBe(true);
        // And the engine's own reader agrees, and refuses another context.
        const parsed = parseBlob(blob)!;
        expect(openBlob(parsed, material, ec)?.equals(Buffer.from(plaintext))).toBe(true);
        expect(openBlob(parsed, material, { ...ec, extra: 'x' })).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('draws a fresh IV for every blob', () => {
    const material = crypto.randomBytes(32);
    const ivs = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const blob = sealBlob({ kind: BlobKind.Encrypt, keyId, materialVersion: 0, material, plaintext: Buffer.from('same'), encryptionContext: {} });
      ivs.add(parseBlob(blob)!.iv.toString('hex'));
    }
    expect(ivs.size).toBe(500);
  });
});
