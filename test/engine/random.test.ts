import { describe, expect, it } from 'vitest';
import { randomBytes, randomFill } from '../../src/engine/random.js';

describe('engine randomBytes (batched draws from node:crypto)', () => {
  it('gives each draw its own memory: no key shares an ArrayBuffer with another or with the batch', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    expect(a.length).toBe(32);
    expect(a.buffer).not.toBe(b.buffer);
    expect(a.byteOffset).toBe(0);
    expect(a.buffer.byteLength).toBe(32);
    // Zeroizing one key leaves the next one intact.
    a.fill(0);
    expect(b.some((x) => x !== 0)).toBe(true);
  });

  it('never hands out the same bytes twice, across batch refills', () => {
    const seen = new Set<string>();
    // 2,000 draws of 12 and 32 bytes span more than twenty 4 KiB batches.
    for (let i = 0; i < 1000; i++) {
      for (const n of [12, 32]) {
        const hex = randomBytes(n).toString('hex');
        expect(seen.has(hex)).toBe(false);
        seen.add(hex);
      }
    }
    expect(seen.size).toBe(2000);
  });

  it('looks uniform: byte frequencies over 1 MiB of small draws stay near 1/256', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 32768; i++) for (const x of randomBytes(32)) counts[x]++;
    const expected = (32768 * 32) / 256;
    const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 255 degrees of freedom: the 99.99th percentile is about 360; a stuck or repeating source is far above it.
    expect(chiSquare).toBeLessThan(360);
  });

  it('serves large and empty draws, and rejects sizes that are not non-negative integers', () => {
    expect(randomBytes(1024).length).toBe(1024);
    expect(randomBytes(0).length).toBe(0);
    expect(() => randomBytes(-1)).toThrow(RangeError);
    expect(() => randomBytes(1.5)).toThrow(/non-negative integer/);
  });

  it('randomFill writes exactly the range it is given, and never bytes that randomBytes also handed out', () => {
    const target = Buffer.alloc(64, 0xaa);
    randomFill(target, 20, 12);
    expect(target.subarray(0, 20).every((x) => x === 0xaa)).toBe(true);
    expect(target.subarray(32).every((x) => x === 0xaa)).toBe(true);
    // Twelve random bytes all equal to 0xaa would mean nothing was written (chance 2^-96).
    expect(target.subarray(20, 32).some((x) => x !== 0xaa)).toBe(true);
    const seen = new Set([target.subarray(20, 32).toString('hex')]);
    for (let i = 0; i < 500; i++) {
      randomFill(target, 0, 12);
      seen.add(target.subarray(0, 12).toString('hex'));
      seen.add(randomBytes(12).toString('hex'));
    }
    expect(seen.size).toBe(1001);
    const large = Buffer.alloc(1024);
    randomFill(large, 0, 1024);
    expect(large.some((x) => x !== 0)).toBe(true);
  });

  it('randomFill refuses a range outside its target', () => {
    expect(() => randomFill(Buffer.alloc(8), 4, 8)).toThrow(/do not fit in 8/);
    expect(() => randomFill(Buffer.alloc(8), -1, 2)).toThrow(RangeError);
    expect(() => randomFill(Buffer.alloc(8), 0, 2.5)).toThrow(/non-negative integer/);
  });
});
