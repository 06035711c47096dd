// Shared helpers for the KMS engine tests (not a test file itself).
import fc from 'fast-check';
import { expect } from 'vitest';

/** Awaits a rejection and checks the SDK error's name (the AWS error code) and, optionally, its status. */
export async function expectAwsError(p: Promise<unknown>, name: string, status = 400): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${name}`).toBeInstanceOf(Error);
  const err = caught as Error & { $metadata?: { httpStatusCode?: number } };
  expect(err.name, err.message).toBe(name);
  expect(err.$metadata?.httpStatusCode).toBe(status);
  return err;
}

export const utf8 = (s: string) => new TextEncoder().encode(s);
export const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

/**
 * Encryption contexts for property tests: well-formed Unicode keys and values of up to 12 graphemes (the engine
 * refuses lone surrogates, see wire.ts), keys non-empty.
 */
export function encryptionContexts(maxKeys = 5): fc.Arbitrary<Record<string, string>> {
  const text = fc.string({ unit: 'grapheme', maxLength: 12 });
  return fc.dictionary(text.filter((k) => k.length > 0), text, { maxKeys });
}
