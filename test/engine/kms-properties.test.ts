// Property-based tests (fast-check) through the real KMSClient: arbitrary plaintexts and contexts round-trip;
// flipping any single byte of any blob, or changing the context in any way (case included), fails with
// InvalidCiphertextException; {ab:"c"} and {a:"bc"} never decrypt each other's data.
import { DecryptCommand, EncryptCommand, GenerateDataKeyCommand, ReEncryptCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKmsEngine, type KmsEngine } from '../../src/engine/index.js';
import { encodeEncryptionContext } from '../../src/engine/kms/index.js';
import { encryptionContexts, expectAwsError } from './kms-helpers.js';

let engine: KmsEngine;
let keyId: string;
let otherKeyId: string;

beforeAll(() => {
  engine = createKmsEngine();
  keyId = engine.createKey().keyId;
  otherKeyId = engine.createKey().keyId;
});

const context = encryptionContexts();

/** Every way a context can differ from the original: value change, key case change, pair added, pair removed. */
function mutations(ec: Record<string, string>): Record<string, string>[] {
  const out: Record<string, string>[] = [{ ...ec, ['extra-' + Object.keys(ec).length]: 'x' }];
  for (const [k, v] of Object.entries(ec)) {
    const { [k]: _removed, ...without } = ec;
    out.push(without);
    out.push({ ...ec, [k]: v + 'x' });
    if (v.toUpperCase() !== v) out.push({ ...ec, [k]: v.toUpperCase() });
    const recased = k.toUpperCase() !== k ? k.toUpperCase() : k.toLowerCase();
    if (recased !== k && !(recased in ec)) out.push({ ...without, [recased]: v });
  }
  return out;
}

describe('encryption context and blobs (properties)', () => {
  it('arbitrary plaintexts of 1..4096 bytes and arbitrary contexts round-trip, pair order irrelevant', async () => {
    const kms = engine.kmsClient();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 4096 }), context, async (plaintext, ec) => {
        const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: ec }));
        const reversed = Object.fromEntries(Object.entries(ec).reverse());
        const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: reversed, KeyId: keyId }));
        expect(dec.Plaintext).toEqual(plaintext);
      }),
      { numRuns: 60 },
    );
  });

  it('flipping any single byte of an Encrypt, GenerateDataKey or ReEncrypt blob fails with InvalidCiphertextException', async () => {
    const kms = engine.kmsClient();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('Encrypt', 'GenerateDataKey', 'ReEncrypt'), context, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean(),
        async (source, ec, position, mask, withKeyId) => {
          let blob: Uint8Array;
          if (source === 'Encrypt') {
            blob = (await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1, 2, 3]), EncryptionContext: ec }))).CiphertextBlob!;
          } else if (source === 'GenerateDataKey') {
            const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: ec }));
            dk.Plaintext!.fill(0);
            blob = dk.CiphertextBlob!;
          } else {
            const first = await kms.send(new EncryptCommand({ KeyId: otherKeyId, Plaintext: new Uint8Array([9]) }));
            blob = (await kms.send(new ReEncryptCommand({ CiphertextBlob: first.CiphertextBlob, DestinationKeyId: keyId, DestinationEncryptionContext: ec }))).CiphertextBlob!;
          }
          const tampered = Uint8Array.from(blob);
          tampered[position % blob.length] ^= mask;
          await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: tampered, EncryptionContext: ec, KeyId: withKeyId ? keyId : undefined })), 'InvalidCiphertextException');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('changing any context key or value (case included), adding or removing a pair fails with InvalidCiphertextException', async () => {
    const kms = engine.kmsClient();
    await fc.assert(
      fc.asyncProperty(context, async (ec) => {
        const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([42]), EncryptionContext: ec }));
        for (const changed of mutations(ec)) {
          await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: changed })), 'InvalidCiphertextException');
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a context key named __proto__ is a key like any other (found by the property above)', async () => {
    const kms = engine.kmsClient();
    // JSON.parse and defineProperty give an own "__proto__" property, as a JSON request body does.
    const withProto = JSON.parse('{"a":"b","__proto__":""}') as Record<string, string>;
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([7]), EncryptionContext: { a: 'b' } }));
    await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: withProto })), 'InvalidCiphertextException');
    const bound = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([7]), EncryptionContext: withProto }));
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: bound.CiphertextBlob, EncryptionContext: JSON.parse('{"__proto__":"","a":"b"}') }));
    expect(Array.from(opened.Plaintext!)).toEqual([7]);
    await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: bound.CiphertextBlob, EncryptionContext: { a: 'b' } })), 'InvalidCiphertextException');
  });

  it('{ab:"c"} and {a:"bc"} do not decrypt each other (length-prefixed AAD); nor do any two contexts whose concatenation agrees', async () => {
    const kms = engine.kmsClient();
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]), EncryptionContext: { ab: 'c' } }));
    await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { a: 'bc' } })), 'InvalidCiphertextException');
    await fc.assert(
      fc.property(context, context, (x, y) => {
        const same = JSON.stringify(Object.entries(x).sort()) === JSON.stringify(Object.entries(y).sort());
        expect(encodeEncryptionContext(x).equals(encodeEncryptionContext(y))).toBe(same);
      }),
      { numRuns: 500 },
    );
  });

  it('contexts with lone surrogates are refused (they have no UTF-8 form), never silently merged', async () => {
    const kms = engine.kmsClient();
    await expectAwsError(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]), EncryptionContext: { a: '\uD800' } })), 'ValidationException');
  });
});
