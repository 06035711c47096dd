import rule from '../../src/rules/require-encryption-context.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
const pre = `import { KMSClient, DecryptCommand, EncryptCommand, GenerateDataKeyCommand, GenerateDataKeyWithoutPlaintextCommand, ReEncryptCommand, SignCommand, KMS } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
declare const blob: Uint8Array;
declare const tenant: string;
`;
// Code after `pre` starts on line 5.
const all = [{ exemptOperations: [] }] as [{ exemptOperations: [] }];

typed.run('require-encryption-context', rule, {
  valid: [
    `${pre}await kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: new Uint8Array(1), EncryptionContext: { tenant } }));`,
    `${pre}await kms.send(new DecryptCommand({ KeyId: 'k', CiphertextBlob: blob, EncryptionContext: { tenant, purpose: 'orders' } }));`,
    `${pre}await kms.send(new GenerateDataKeyCommand({ KeyId: 'k', KeySpec: 'AES_256', EncryptionContext: { tenant } }));`,
    // Context built first and filled in afterwards.
    `${pre}const ctx: Record<string, string> = {};
ctx.tenant = tenant;
await kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: new Uint8Array(1), EncryptionContext: ctx }));`,
    // Context filled in a loop or by a helper: unknown, not provably empty.
    `${pre}declare const pairs: [string, string][];
const ctx: Record<string, string> = {};
for (const [k, v] of pairs) ctx[k] = v;
await kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: new Uint8Array(1), EncryptionContext: ctx }));`,
    `${pre}declare function contextFor(t: string): Record<string, string>;
await kms.send(new DecryptCommand({ KeyId: 'k', CiphertextBlob: blob, EncryptionContext: contextFor(tenant) }));`,
    // A spread of an unknown object may carry keys: not provably empty.
    `${pre}declare const extra: Record<string, string>;
await kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: new Uint8Array(1), EncryptionContext: { ...extra } }));`,
    // Unknown params.
    `${pre}declare const input: import('@aws-sdk/client-kms').DecryptCommandInput;
await kms.send(new DecryptCommand(input));`,
    // Not checked by default: ReEncrypt and GenerateDataKeyWithoutPlaintext (strict preset checks them).
    `${pre}await kms.send(new ReEncryptCommand({ CiphertextBlob: blob, SourceKeyId: 'a', DestinationKeyId: 'b' }));`,
    `${pre}await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: 'k', KeySpec: 'AES_256' }));`,
    // Exempted by option.
    {
      code: `${pre}await kms.send(new DecryptCommand({ KeyId: 'k', CiphertextBlob: blob }));`,
      options: [{ exemptOperations: ['Decrypt'] }],
    },
    // Never for operations without a context (Sign: asymmetric keys take none).
    { code: `${pre}await kms.send(new SignCommand({ KeyId: 'k', Message: new Uint8Array(32), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }));`, options: all },
    // With everything on, ReEncrypt with both contexts passes.
    {
      code: `${pre}await kms.send(new ReEncryptCommand({ CiphertextBlob: blob, SourceKeyId: 'a', DestinationKeyId: 'b', SourceEncryptionContext: { tenant }, DestinationEncryptionContext: { tenant } }));`,
      options: all,
    },
    // Both branches carry a context.
    `${pre}declare const legacy: boolean;
await kms.send(new DecryptCommand({ KeyId: 'k', CiphertextBlob: blob, EncryptionContext: legacy ? { app: 'v1' } : { tenant } }));`,
    // Params from another module carrying a context.
    `${pre}import { decryptParamsWithKeyId } from './params.js';
await kms.send(new DecryptCommand(decryptParamsWithKeyId));`,
    // A user's own EncryptCommand.
    `class EncryptCommand { constructor(readonly input: object) {} }
new EncryptCommand({ Plaintext: 'x' });`,
  ],
  invalid: [
    {
      code: `${pre}await kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: new Uint8Array(1) }));`,
      errors: [{ messageId: 'missingContext', line: 5, column: 16, data: { operation: 'Encrypt', field: 'EncryptionContext' } }],
    },
    {
      code: `${pre}const { Plaintext } = await kms.send(new DecryptCommand({ KeyId: 'k', CiphertextBlob: blob }));
Plaintext?.fill(0);`,
      errors: [{ messageId: 'missingContext', line: 5, column: 38, data: { operation: 'Decrypt', field: 'EncryptionContext' } }],
    },
    {
      code: `${pre}await new KMS({}).generateDataKey({ KeyId: 'k', KeySpec: 'AES_256' });`,
      errors: [{ messageId: 'missingContext', line: 5, column: 7, data: { operation: 'GenerateDataKey', field: 'EncryptionContext' } }],
    },
    {
      // Empty context, inline and through a const.
      code: `${pre}await kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: new Uint8Array(1), EncryptionContext: {} }));`,
      errors: [{ messageId: 'emptyContext', line: 5, column: 98, data: { operation: 'Encrypt', field: 'EncryptionContext' } }],
    },
    {
      code: `${pre}const NO_CONTEXT = {};
await kms.send(new DecryptCommand({ KeyId: 'k', CiphertextBlob: blob, EncryptionContext: NO_CONTEXT }));`,
      errors: [{ messageId: 'emptyContext', line: 6, column: 90 }],
    },
    {
      code: `${pre}await kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: new Uint8Array(1), EncryptionContext: undefined }));`,
      errors: [{ messageId: 'missingContext', line: 5, column: 16 }],
    },
    {
      // Absent on one branch.
      code: `${pre}declare const scoped: boolean;
await kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: new Uint8Array(1), EncryptionContext: scoped ? { tenant } : undefined }));`,
      errors: [{ messageId: 'contextMissingOnPath', line: 6, column: 79 }],
    },
    {
      // Conditional spread.
      code: `${pre}declare const t: string | undefined;
await kms.send(new DecryptCommand({ KeyId: 'k', CiphertextBlob: blob, ...(t && { EncryptionContext: { tenant: t } }) }));`,
      errors: [{ messageId: 'contextMissingOnPath', line: 6, column: 16 }],
    },
    {
      // Params built first and passed by name.
      code: `${pre}const params = { KeyId: 'k', CiphertextBlob: blob };
await kms.send(new DecryptCommand(params));`,
      errors: [{ messageId: 'missingContext', line: 6, column: 16 }],
    },
    {
      // Params built by a helper in this file, without a context.
      code: `${pre}function decryptParams(b: Uint8Array) { return { KeyId: 'k', CiphertextBlob: b }; }
await kms.send(new DecryptCommand(decryptParams(blob)));`,
      errors: [{ messageId: 'missingContext', line: 6, column: 16 }],
    },
    {
      // Everything on: ReEncrypt needs both, GenerateDataKeyWithoutPlaintext too.
      code: `${pre}await kms.send(new ReEncryptCommand({ CiphertextBlob: blob, SourceKeyId: 'a', DestinationKeyId: 'b', SourceEncryptionContext: { tenant } }));
await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: 'k', KeySpec: 'AES_256', EncryptionContext: {} }));`,
      options: all,
      errors: [
        { messageId: 'missingContext', line: 5, column: 16, data: { operation: 'ReEncrypt', field: 'DestinationEncryptionContext' } },
        { messageId: 'emptyContext', line: 6, column: 112, data: { operation: 'GenerateDataKeyWithoutPlaintext', field: 'EncryptionContext' } },
      ],
    },
    {
      // An explicit exemption list replaces the default one: ReEncrypt is checked here.
      code: `${pre}await kms.send(new ReEncryptCommand({ CiphertextBlob: blob, SourceKeyId: 'a', DestinationKeyId: 'b' }));`,
      options: [{ exemptOperations: ['GenerateDataKeyWithoutPlaintext'] }],
      errors: [
        { messageId: 'missingContext', line: 5, column: 16, data: { operation: 'ReEncrypt', field: 'SourceEncryptionContext' } },
        { messageId: 'missingContext', line: 5, column: 16, data: { operation: 'ReEncrypt', field: 'DestinationEncryptionContext' } },
      ],
    },
    {
      // v2.
      code: `import KMS from 'aws-sdk/clients/kms';
const kms = new KMS();
await kms.encrypt({ KeyId: 'k', Plaintext: 'x' }).promise();`,
      errors: [{ messageId: 'missingContext', line: 3, column: 7 }],
    },
  ],
});

untyped.run('require-encryption-context (no types)', rule, {
  valid: [
    `import { KMSClient, EncryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export const seal = (p, tenant) => kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: p, EncryptionContext: { tenant } }));`,
    `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
export const open = (params) => kms.decrypt(params).promise();`,
  ],
  invalid: [
    {
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
export const open = (b) => kms.decrypt({ KeyId: 'k', CiphertextBlob: b }).promise();`,
      errors: [{ messageId: 'missingContext', line: 3, column: 28 }],
    },
    {
      code: `const { KMSClient, GenerateDataKeyCommand } = require('@aws-sdk/client-kms');
const kms = new KMSClient({});
export const dataKey = () => kms.send(new GenerateDataKeyCommand({ KeyId: 'k', KeySpec: 'AES_256', EncryptionContext: {} }));`,
      errors: [{ messageId: 'emptyContext', line: 3, column: 119 }],
    },
  ],
});

typed.run('require-encryption-context: writes after the literal', rule, {
  valid: [
    `${pre}import type { EncryptCommandInput } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export async function seal(pt: Uint8Array, tenant: string) {
  const params: EncryptCommandInput = { KeyId: 'alias/app', Plaintext: pt };
  params.EncryptionContext = { tenant };
  return kms.send(new EncryptCommand(params));
}`,
  ],
  invalid: [
    {
      code: `${pre}import type { EncryptCommandInput } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export async function seal(pt: Uint8Array, tenant?: string) {
  const params: EncryptCommandInput = { KeyId: 'alias/app', Plaintext: pt };
  if (tenant) {
    params.EncryptionContext = { tenant };
  }
  return kms.send(new EncryptCommand(params));
}`,
      errors: [{ messageId: 'contextMissingOnPath' }],
    },
  ],
});
