import fs from 'node:fs';
import path from 'node:path';
import rule from '../../src/rules/consistent-encryption-context.js';
import { createTypedRuleTester, createUntypedRuleTester, ruleTesterRoot } from '../RuleTester.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();

// The other sites live in sibling modules under fixtures/rule-tester/context-drift/ (each scenario has its own
// key names, so scenarios never drift into each other). Messages name them relative to the cwd (the RuleTester root).
const v3 = `import { CreateGrantCommand, DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
declare const blob: Uint8Array;
`;
const decryptClinic = (ctx: string) =>
  `${v3}await kms.send(new DecryptCommand({ KeyId: 'alias/clinic', CiphertextBlob: blob, EncryptionContext: ${ctx} }));`;

const s3 = `import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
`;
const esdk = `import { buildClient, CommitmentPolicy, KmsKeyringNode } from '@aws-crypto/client-node';
const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
const keyring = new KmsKeyringNode({ generatorKeyId: 'alias/parcels' });
declare const id: string;
`;

typed.run('consistent-encryption-context', rule, {
  valid: [
    // The same spelling as the encrypt side in writer.ts.
    decryptClinic(`{ ClinicNumber: 'c-1', RecordType: 'lab' }`),
    // Different keys, not case variants of each other.
    decryptClinic(`{ Clinic: 'c-1', RecordType: 'lab' }`),
    // A computed key cannot be compared.
    `${v3}declare const field: string;
await kms.send(new DecryptCommand({ KeyId: 'alias/clinic', CiphertextBlob: blob, EncryptionContext: { [field]: 'c-1' } }));`,
    // An object with a look-alike key that never reaches KMS.
    `const row = { clinicId: 'c-1', ledgerbook: 'b' };
console.log(row);`,
    // A user's own DecryptCommand.
    `class DecryptCommand { constructor(readonly input: object) {} }
new DecryptCommand({ EncryptionContext: { clinicId: 'c-1' } });`,
    // Keys AWS services set are never compared with each other or with user keys.
    `${v3}await kms.send(new DecryptCommand({ KeyId: 'alias/fn', CiphertextBlob: blob, EncryptionContext: { 'aws:lambda:functionname': 'f' } }));
await kms.send(new EncryptCommand({ KeyId: 'alias/fn', Plaintext: blob, EncryptionContext: { 'aws:lambda:FunctionName': 'f' } }));`,
    // The decrypt context built by the same helper as the encrypt side in ledger.ts.
    `import { KMS } from '@aws-sdk/client-kms';
import { ledgerContext } from './context-drift/factory.js';
declare const blob: Uint8Array;
await new KMS({}).decrypt({ KeyId: 'alias/ledger', CiphertextBlob: blob, EncryptionContext: ledgerContext('2026') });`,
    // Same key, same key set; and a different key set under a different KMS key.
    `${v3}declare const id: string;
await kms.send(new EncryptCommand({ KeyId: 'alias/ship', Plaintext: blob, EncryptionContext: { ShipmentId: id, Carrier: 'dhl' } }));
await kms.send(new DecryptCommand({ KeyId: 'alias/ship', CiphertextBlob: blob, EncryptionContext: { ShipmentId: id, Carrier: 'dhl' } }));
await kms.send(new DecryptCommand({ KeyId: 'alias/other', CiphertextBlob: blob, EncryptionContext: { ShipmentId: id } }));`,
    // The key set is unknown when a spread is conditional.
    `${v3}declare const id: string; declare const express: boolean;
await kms.send(new EncryptCommand({ KeyId: 'alias/ship', Plaintext: blob, EncryptionContext: { ShipmentId: id, Carrier: 'dhl' } }));
await kms.send(new DecryptCommand({ KeyId: 'alias/ship', CiphertextBlob: blob, EncryptionContext: { ShipmentId: id, ...(express && { Carrier: 'dhl' }) } }));`,
    // Decrypt, then encrypt in the same function: a deliberate re-bind to a new context.
    `${v3}export async function rebind(id: string) {
  const { Plaintext } = await kms.send(new DecryptCommand({ KeyId: 'alias/ship', CiphertextBlob: blob, EncryptionContext: { ShipmentId: id } }));
  return kms.send(new EncryptCommand({ KeyId: 'alias/ship', Plaintext, EncryptionContext: { ShipmentId: id, Carrier: 'dhl' } }));
}`,
    // Key-set comparison can be turned off.
    {
      code: `${v3}declare const id: string;
await kms.send(new EncryptCommand({ KeyId: 'alias/ship', Plaintext: blob, EncryptionContext: { ShipmentId: id, Carrier: 'dhl' } }));
await kms.send(new DecryptCommand({ KeyId: 'alias/ship', CiphertextBlob: blob, EncryptionContext: { ShipmentId: id } }));`,
      options: [{ checkKeySets: false }],
    },
    // Separators differ: only reported when asked.
    decryptClinic(`{ Clinic_Number: 'c-1', RecordType: 'lab' }`),
    // The ESDK check reads the same key the encrypt side in esdk-writer.ts binds.
    `${esdk}declare const ct: Uint8Array;
const { plaintext, messageHeader } = await decrypt(keyring, ct);
if (messageHeader.encryptionContext.ParcelId !== id) throw new Error('wrong parcel');
export { plaintext };`,
    // A sibling file linted on its own agrees with everything else.
    // (Its text is read from disk: a different text would replace the sibling in the shared project for later cases.)
    { code: fs.readFileSync(path.join(ruleTesterRoot, 'context-drift/ledger.ts'), 'utf8'), filename: 'context-drift/ledger.ts' },
  ],
  invalid: [
    {
      // v3 command: the decrypt side disagrees with writer.ts.
      code: decryptClinic(`{ clinicNumber: 'c-1', RecordType: 'lab' }`),
      errors: [
        {
          messageId: 'casingDrift',
          line: 4,
          column: 103,
          data: { key: 'clinicNumber', expected: 'ClinicNumber', other: 'context-drift/writer.ts:10' },
          suggestions: [{ messageId: 'renameKey', data: { expected: 'ClinicNumber' }, output: decryptClinic(`{ ClinicNumber: 'c-1', RecordType: 'lab' }`) }],
        },
      ],
    },
    {
      // A shorthand key is expanded by the suggestion.
      code: `${v3}declare const clinicnumber: string;
await kms.send(new DecryptCommand({ KeyId: 'alias/clinic', CiphertextBlob: blob, EncryptionContext: { clinicnumber, RecordType: 'lab' } }));`,
      errors: [
        {
          messageId: 'casingDrift',
          line: 5,
          column: 103,
          data: { key: 'clinicnumber', expected: 'ClinicNumber', other: 'context-drift/writer.ts:10' },
          suggestions: [
            {
              messageId: 'renameKey',
              data: { expected: 'ClinicNumber' },
              output: `${v3}declare const clinicnumber: string;
await kms.send(new DecryptCommand({ KeyId: 'alias/clinic', CiphertextBlob: blob, EncryptionContext: { ClinicNumber: clinicnumber, RecordType: 'lab' } }));`,
            },
          ],
        },
      ],
    },
    {
      // v3 aggregated client; the other site is the helper's object literal in factory.ts.
      code: `import { KMS } from '@aws-sdk/client-kms';
declare const blob: Uint8Array;
await new KMS({}).decrypt({ KeyId: 'alias/ledger', CiphertextBlob: blob, EncryptionContext: { "Ledgerbook": '2026' } });`,
      errors: [
        {
          messageId: 'casingDrift',
          line: 3,
          column: 95,
          data: { key: 'Ledgerbook', expected: 'LedgerBook', other: 'context-drift/factory.ts:3' },
          suggestions: [
            {
              messageId: 'renameKey',
              data: { expected: 'LedgerBook' },
              output: `import { KMS } from '@aws-sdk/client-kms';
declare const blob: Uint8Array;
await new KMS({}).decrypt({ KeyId: 'alias/ledger', CiphertextBlob: blob, EncryptionContext: { "LedgerBook": '2026' } });`,
            },
          ],
        },
      ],
    },
    {
      // A renamed command import; the other site is a shared const in factory.ts.
      code: `import { DecryptCommand as Open, KMSClient } from '@aws-sdk/client-kms';
declare const blob: Uint8Array;
await new KMSClient({}).send(new Open({ KeyId: 'alias/archive', CiphertextBlob: blob, EncryptionContext: { archiveShard: 'eu-1' } }));`,
      errors: [
        {
          messageId: 'casingDrift',
          line: 3,
          column: 108,
          data: { key: 'archiveShard', expected: 'ArchiveShard', other: 'context-drift/factory.ts:6' },
          suggestions: [
            {
              messageId: 'renameKey',
              data: { expected: 'ArchiveShard' },
              output: `import { DecryptCommand as Open, KMSClient } from '@aws-sdk/client-kms';
declare const blob: Uint8Array;
await new KMSClient({}).send(new Open({ KeyId: 'alias/archive', CiphertextBlob: blob, EncryptionContext: { ArchiveShard: 'eu-1' } }));`,
            },
          ],
        },
      ],
    },
    {
      // v2 client; the other site is vault-writer.ts (also v2).
      code: `import AWS from 'aws-sdk';
declare const blob: Buffer;
const kms = new AWS.KMS();
export const open = () => kms.decrypt({ KeyId: 'alias/vault', CiphertextBlob: blob, EncryptionContext: { vaultName: 'ops' } }).promise();`,
      errors: [
        {
          messageId: 'casingDrift',
          line: 4,
          column: 106,
          data: { key: 'vaultName', expected: 'VaultName', other: 'context-drift/vault-writer.ts:6' },
          suggestions: [
            {
              messageId: 'renameKey',
              data: { expected: 'VaultName' },
              output: `import AWS from 'aws-sdk';
declare const blob: Buffer;
const kms = new AWS.KMS();
export const open = () => kms.decrypt({ KeyId: 'alias/vault', CiphertextBlob: blob, EncryptionContext: { VaultName: 'ops' } }).promise();`,
            },
          ],
        },
      ],
    },
    {
      // A grant constraint is compared too.
      code: `${v3}await kms.send(new CreateGrantCommand({ KeyId: 'alias/vault', GranteePrincipal: 'arn:aws:iam::111122223333:role/ops', Operations: ['Decrypt'], Constraints: { EncryptionContextSubset: { vaultname: 'ops' } } }));`,
      errors: [
        {
          messageId: 'casingDrift',
          line: 4,
          column: 186,
          data: { key: 'vaultname', expected: 'VaultName', other: 'context-drift/vault-writer.ts:6' },
          suggestions: [
            {
              messageId: 'renameKey',
              data: { expected: 'VaultName' },
              output: `${v3}await kms.send(new CreateGrantCommand({ KeyId: 'alias/vault', GranteePrincipal: 'arn:aws:iam::111122223333:role/ops', Operations: ['Decrypt'], Constraints: { EncryptionContextSubset: { VaultName: 'ops' } } }));`,
            },
          ],
        },
      ],
    },
    {
      // S3: a JSON context encoded in base64 by the code.
      code: `${s3}declare const owner: string;
await s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/media', SSEKMSEncryptionContext: Buffer.from(JSON.stringify({ mediaOwner: owner })).toString('base64'), BucketKeyEnabled: true }));`,
      errors: [
        {
          messageId: 'casingDrift',
          line: 4,
          column: 191,
          data: { key: 'mediaOwner', expected: 'MediaOwner', other: 'context-drift/s3-writer.ts:12' },
          suggestions: [
            {
              messageId: 'renameKey',
              data: { expected: 'MediaOwner' },
              output: `${s3}declare const owner: string;
await s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/media', SSEKMSEncryptionContext: Buffer.from(JSON.stringify({ MediaOwner: owner })).toString('base64'), BucketKeyEnabled: true }));`,
            },
          ],
        },
      ],
    },
    {
      // S3: a constant base64 string of {"mediaowner":"a"}; reported at the string, no suggestion.
      code: `${s3}const CONTEXT = 'eyJtZWRpYW93bmVyIjoiYSJ9';
await s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/media', SSEKMSEncryptionContext: CONTEXT, BucketKeyEnabled: true }));`,
      errors: [
        {
          messageId: 'casingDrift',
          line: 3,
          column: 17,
          data: { key: 'mediaowner', expected: 'MediaOwner', other: 'context-drift/s3-writer.ts:12' },
          suggestions: [],
        },
      ],
    },
    {
      // Encryption SDK: the header check after decrypt reads a drifted key.
      code: `${esdk}declare const ct: Uint8Array;
const { plaintext, messageHeader } = await decrypt(keyring, ct);
if (messageHeader.encryptionContext.parcelId !== id) throw new Error('wrong parcel');
export { plaintext };`,
      errors: [
        {
          messageId: 'casingDrift',
          line: 7,
          column: 37,
          data: { key: 'parcelId', expected: 'ParcelId', other: 'context-drift/esdk-writer.ts:7' },
          suggestions: [
            {
              messageId: 'renameKey',
              data: { expected: 'ParcelId' },
              output: `${esdk}declare const ct: Uint8Array;
const { plaintext, messageHeader } = await decrypt(keyring, ct);
if (messageHeader.encryptionContext.ParcelId !== id) throw new Error('wrong parcel');
export { plaintext };`,
            },
          ],
        },
      ],
    },
    {
      // Encryption SDK: a destructured header context read with a string key.
      code: `${esdk}declare const ct: Uint8Array;
const result = await decrypt(keyring, ct);
const { encryptionContext } = result.messageHeader;
if (encryptionContext['PARCELID'] !== id) throw new Error('wrong parcel');`,
      errors: [
        {
          messageId: 'casingDrift',
          line: 8,
          column: 23,
          data: { key: 'PARCELID', expected: 'ParcelId', other: 'context-drift/esdk-writer.ts:7' },
          suggestions: [
            {
              messageId: 'renameKey',
              data: { expected: 'ParcelId' },
              output: `${esdk}declare const ct: Uint8Array;
const result = await decrypt(keyring, ct);
const { encryptionContext } = result.messageHeader;
if (encryptionContext['ParcelId'] !== id) throw new Error('wrong parcel');`,
            },
          ],
        },
      ],
    },
    {
      // Encryption SDK encrypt: two encrypt sides disagree; the first in path order keeps its spelling.
      code: `${esdk}export const seal = (label: Uint8Array) => encrypt(keyring, label, { encryptionContext: { parcelID: id } });`,
      errors: [
        {
          messageId: 'casingDrift',
          line: 5,
          column: 91,
          data: { key: 'parcelID', expected: 'ParcelId', other: 'context-drift/esdk-writer.ts:7' },
          suggestions: [
            {
              messageId: 'renameKey',
              data: { expected: 'ParcelId' },
              output: `${esdk}export const seal = (label: Uint8Array) => encrypt(keyring, label, { encryptionContext: { ParcelId: id } });`,
            },
          ],
        },
      ],
    },
    {
      // Separator drift, when asked for.
      code: decryptClinic(`{ Clinic_Number: 'c-1', RecordType: 'lab' }`),
      options: [{ compareSeparators: true }],
      errors: [
        {
          messageId: 'separatorDrift',
          line: 4,
          column: 103,
          data: { key: 'Clinic_Number', expected: 'ClinicNumber', other: 'context-drift/writer.ts:10' },
          suggestions: [{ messageId: 'renameKey', data: { expected: 'ClinicNumber' }, output: decryptClinic(`{ ClinicNumber: 'c-1', RecordType: 'lab' }`) }],
        },
      ],
    },
    {
      // Key-set mismatch in one module for the same KMS key.
      code: `${v3}declare const id: string;
await kms.send(new EncryptCommand({ KeyId: 'alias/ship', Plaintext: blob, EncryptionContext: { ShipmentId: id, Carrier: 'dhl' } }));
await kms.send(new DecryptCommand({ KeyId: 'alias/ship', CiphertextBlob: blob, EncryptionContext: { ShipmentId: id } }));`,
      errors: [
        {
          messageId: 'keySetMismatch',
          line: 6,
          column: 16,
          data: {
            operation: 'Decrypt',
            keys: 'ShipmentId',
            otherOperation: 'Encrypt',
            other: 'file.ts:5',
            otherKeys: 'Carrier, ShipmentId',
            via: 'KMS key',
            diff: 'missing Carrier',
          },
        },
      ],
    },
  ],
});

// Without types: the same checks, across the files TypeScript's parser reads from disk (the repository by default).
untyped.run('consistent-encryption-context (no types)', rule, {
  valid: [
    // Opting in to hear that only this file was compared: TypeScript's parser is installed, so the others were read.
    { code: `const x = 1;`, options: [{ reportMissingTypes: true }] },
    `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
kms.encrypt({ KeyId: 'k', Plaintext: 'x', EncryptionContext: { TenantKey: 't' } });
kms.decrypt({ KeyId: 'k', CiphertextBlob: blob, EncryptionContext: { TenantKey: 't' } });`,
  ],
  invalid: [
    {
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
kms.encrypt({ KeyId: 'k', Plaintext: 'x', EncryptionContext: { TenantKey: 't' } });
kms.decrypt({ KeyId: 'k', CiphertextBlob: blob, EncryptionContext: { tenantkey: 't' } });`,
      errors: [
        {
          messageId: 'casingDrift',
          line: 4,
          column: 70,
          data: { key: 'tenantkey', expected: 'TenantKey', other: 'file.ts:3' },
          suggestions: [
            {
              messageId: 'renameKey',
              data: { expected: 'TenantKey' },
              output: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
kms.encrypt({ KeyId: 'k', Plaintext: 'x', EncryptionContext: { TenantKey: 't' } });
kms.decrypt({ KeyId: 'k', CiphertextBlob: blob, EncryptionContext: { TenantKey: 't' } });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { KMS } from '@aws-sdk/client-kms';
const kms = new KMS({});
const ctx = (id) => ({ OrderId: id, Region: 'eu' });
await kms.encrypt({ KeyId: 'k', Plaintext: 'x', EncryptionContext: ctx('o') });
await kms.decrypt({ CiphertextBlob: blob, EncryptionContext: { OrderId: 'o' } });
await kms.decrypt({ KeyId: 'k', CiphertextBlob: blob, EncryptionContext: { OrderId: 'o' } });`,
      errors: [
        {
          messageId: 'keySetMismatch',
          line: 6,
          column: 7,
          data: { operation: 'Decrypt', keys: 'OrderId', otherOperation: 'Encrypt', other: 'file.ts:4', otherKeys: 'OrderId, Region', via: 'KMS key', diff: 'missing Region' },
        },
      ],
    },
    {
      // Without a Program the rule still reads the repository's other files: writer.ts spells it ClinicNumber.
      code: `const { KMSClient, DecryptCommand } = require('@aws-sdk/client-kms');
new KMSClient({}).send(new DecryptCommand({ KeyId: 'alias/clinic', CiphertextBlob: blob, EncryptionContext: { clinicNumber: 'c-1' } }));`,
      errors: [
        {
          messageId: 'casingDrift',
          line: 2,
          column: 111,
          data: { key: 'clinicNumber', expected: 'ClinicNumber', other: 'fixtures/rule-tester/context-drift/writer.ts:10' },
          suggestions: [
            {
              messageId: 'renameKey',
              data: { expected: 'ClinicNumber' },
              output: `const { KMSClient, DecryptCommand } = require('@aws-sdk/client-kms');
new KMSClient({}).send(new DecryptCommand({ KeyId: 'alias/clinic', CiphertextBlob: blob, EncryptionContext: { ClinicNumber: 'c-1' } }));`,
            },
          ],
        },
      ],
    },
  ],
});
