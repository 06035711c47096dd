// Random bytes for keys and IVs, drawn from node:crypto's CSPRNG in batches.
// Each crypto.randomBytes call costs a fixed few microseconds (one trip into OpenSSL's RNG) whatever its size, and a
// GenerateDataKey needs two small draws (the key, the blob's IV): drawing 4 KiB at a time and handing out slices makes
// those draws nearly free, as Node does for randomUUID. Bytes handed out are wiped from the batch, and every result
// is its own ArrayBuffer, so no key shares memory with another key or with bytes still to come.
import crypto from 'node:crypto';

const BATCH_BYTES = 4096;
/** Draws at least this large go straight to crypto.randomBytes: batching only pays for small ones. */
const DIRECT_FROM = 256;

const batch = Buffer.allocUnsafeSlow(BATCH_BYTES);
let offset = BATCH_BYTES;

/** `n` bytes from the CSPRNG, in a buffer of their own. */
export function randomBytes(n: number): Buffer {
  checkSize(n);
  if (n >= DIRECT_FROM) return crypto.randomBytes(n);
  const out = Buffer.allocUnsafeSlow(n);
  takeFromBatch(out, 0, n);
  return out;
}

/** Fills `target[start, start + n)` from the CSPRNG (an IV written straight into the blob that carries it). */
export function randomFill(target: Uint8Array, start: number, n: number): void {
  checkSize(n);
  if (!Number.isInteger(start) || start < 0 || start + n > target.length) {
    throw new RangeError(`randomFill: ${n} bytes at offset ${start} do not fit in ${target.length}`);
  }
  if (n >= DIRECT_FROM) crypto.randomFillSync(target, start, n);
  else takeFromBatch(target, start, n);
}

function checkSize(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`random: size must be a non-negative integer, got ${n}`);
}

function takeFromBatch(target: Uint8Array, at: number, n: number): void {
  if (offset + n > BATCH_BYTES) {
    crypto.randomFillSync(batch);
    offset = 0;
  }
  target.set(batch.subarray(offset, offset + n), at);
  batch.fill(0, offset, offset + n);
  offset += n;
}
