import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/valid-data-key-spec.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
const pre = `import { KMSClient, KMS, GenerateDataKeyCommand, GenerateDataKeyWithoutPlaintextCommand, GenerateDataKeyPairCommand, DataKeySpec } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
declare const tenant: string;
`;

typed.run('valid-data-key-spec', rule, {
  valid: [
    `${pre}await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { tenant } }));`,
    `${pre}await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: DataKeySpec.AES_256 }));`,
    `${pre}await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: 'alias/app', NumberOfBytes: 64 }));`,
    `${pre}await kms.send(new GenerateDataKeyCommand({ KeyId: 'k', NumberOfBytes: 1024 }));`,
    // One field or the other, chosen at run time: never both, never neither.
    `${pre}declare const hmac: boolean;
await kms.send(new GenerateDataKeyCommand({ KeyId: 'k', ...(hmac ? { NumberOfBytes: 64 } : { KeySpec: 'AES_256' }) }));`,
    // Params built elsewhere and unknowable: silent.
    `${pre}declare const params: { KeyId: string };
await kms.send(new GenerateDataKeyCommand(params));`,
    // AES_128 is valid; only the strict option reports it.
    `${pre}await kms.send(new GenerateDataKeyCommand({ KeyId: 'k', KeySpec: 'AES_128' }));`,
    `${pre}await kms.send(new GenerateDataKeyPairCommand({ KeyId: 'k', KeyPairSpec: 'ECC_NIST_P256' }));`,
    // A user's own command class.
    `class GenerateDataKeyCommand { constructor(readonly input: object) {} }
new GenerateDataKeyCommand({ KeyId: 'k' });`,
  ],
  invalid: [
    {
      code: `${pre}await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', NumberOfBytes: 32 }));`,
      errors: [
        {
          messageId: 'bothKeySpecAndNumberOfBytes',
          line: 4,
          column: 85,
          data: { operation: 'GenerateDataKey' },
          suggestions: [
            {
              messageId: 'removeNumberOfBytes',
              output: `${pre}await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256' }));`,
            },
          ],
        },
      ],
    },
    {
      code: `${pre}await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', EncryptionContext: { tenant } }));`,
      errors: [
        {
          messageId: 'neitherKeySpecNorNumberOfBytes',
          line: 4,
          column: 16,
          suggestions: [
            {
              messageId: 'addKeySpec',
              output: `${pre}await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', EncryptionContext: { tenant }, KeySpec: 'AES_256' }));`,
            },
          ],
        },
      ],
    },
    {
      // Through a const and an aggregated-client call.
      code: `${pre}const client = new KMS({});
const BYTES = 2048;
await client.generateDataKey({ KeyId: 'k', NumberOfBytes: BYTES });`,
      errors: [{ messageId: 'numberOfBytesOutOfRange', line: 6, column: 59, data: { operation: 'GenerateDataKey', value: '2048' } }],
    },
    {
      code: `${pre}declare const big: boolean;
await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: 'k', NumberOfBytes: big ? 0 : 32 }));`,
      errors: [{ messageId: 'numberOfBytesOutOfRange', line: 5, column: 94, data: { operation: 'GenerateDataKeyWithoutPlaintext', value: '0' } }],
    },
    {
      code: `${pre}await kms.send(new GenerateDataKeyCommand({ KeyId: 'k', KeySpec: 'AES_512' as never }));`,
      errors: [{ messageId: 'unknownKeySpec', line: 4, column: 66, data: { operation: 'GenerateDataKey', value: 'AES_512' } }],
    },
    {
      code: `${pre}await kms.send(new GenerateDataKeyCommand({ KeyId: 'k', KeySpec: DataKeySpec.AES_128 }));`,
      options: [{ strict: true }],
      errors: [{ messageId: 'aes128', line: 4, column: 66 }],
    },
    {
      code: `${pre}await kms.send(new GenerateDataKeyPairCommand({ KeyId: 'k', KeyPairSpec: 'RSA_1024' as never }));`,
      errors: [{ messageId: 'unknownKeyPairSpec', line: 4, column: 74 }],
    },
    {
      // Params built by a helper in the same file.
      code: `${pre}function dataKeyParams(keyId: string) {
  return { KeyId: keyId, EncryptionContext: { tenant } };
}
await kms.send(new GenerateDataKeyCommand(dataKeyParams('k')));`,
      errors: [{ messageId: 'neitherKeySpecNorNumberOfBytes', line: 7, column: 16, suggestions: [] }],
    },
  ],
});

untyped.run('valid-data-key-spec (no types)', rule, {
  valid: [
    `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
kms.generateDataKey({ KeyId: 'k', KeySpec: 'AES_256' }).promise();`,
    // Not the SDK.
    `const kms = { generateDataKey() {} };
kms.generateDataKey({ KeyId: 'k' });`,
  ],
  invalid: [
    {
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
kms.generateDataKey({ KeyId: 'k', KeySpec: 'AES_256', NumberOfBytes: 32 }, (err, data) => {});`,
      errors: [
        {
          messageId: 'bothKeySpecAndNumberOfBytes',
          line: 3,
          column: 55,
          suggestions: [{ messageId: 'removeNumberOfBytes', output: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
kms.generateDataKey({ KeyId: 'k', KeySpec: 'AES_256' }, (err, data) => {});` }],
        },
      ],
    },
    {
      code: `import { KMSClient, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
await kms.send(new GenerateDataKeyCommand({ KeyId: 'k', NumberOfBytes: 1.5 }));`,
      errors: [{ messageId: 'numberOfBytesOutOfRange', line: 3, column: 72 }],
    },
  ],
});

// Hygiene checks are rule options; the strict and all presets turn them on through meta.docs.strictOptions.
describe('presets pass strict options', () => {
  it('recommended uses defaults; strict and all pass { strict: true }', async () => {
    const { presetRules } = await import('../../src/configs.js');
    const { rules } = await import('../../src/rules/index.js');
    for (const name of ['valid-data-key-spec', 'require-lambda-env-context', 'no-commitment-policy-downgrade']) {
      expect(presetRules(rules, 'recommended')[`kms/${name}`]).toBe('error');
      expect(presetRules(rules, 'strict')[`kms/${name}`]).toEqual(['error', { strict: true }]);
      expect(presetRules(rules, 'all')[`kms/${name}`]).toEqual(['error', { strict: true }]);
    }
    // The advisory checks of other rules: recommended leaves them off, strict and all turn them on.
    expect(presetRules(rules, 'recommended')['kms/no-static-gcm-iv']).toBe('error');
    expect(presetRules(rules, 'strict')['kms/no-static-gcm-iv']).toEqual(['error', { checkIvLength: true }]);
    expect(presetRules(rules, 'recommended')['kms/no-unbounded-encrypt']).toBe('warn');
    expect(presetRules(rules, 'all')['kms/no-unbounded-encrypt']).toEqual(['error', { reportKeyNamedValues: true }]);
    // Rules without strictOptions keep a bare severity.
    expect(presetRules(rules, 'strict')['kms/no-oversized-encrypt']).toBe('error');
  });
});
