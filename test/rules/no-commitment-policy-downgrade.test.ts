import rule from '../../src/rules/no-commitment-policy-downgrade.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
const pre = `import { buildClient, CommitmentPolicy, KmsKeyringNode } from '@aws-crypto/client-node';
const keyring = new KmsKeyringNode({ generatorKeyId: 'alias/app' });
`;

typed.run('no-commitment-policy-downgrade', rule, {
  valid: [
    `${pre}const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
export const seal = (s: string) => encrypt(keyring, s);
export const open = (b: Buffer) => decrypt(keyring, b);`,
    // The default policy.
    `${pre}const { encrypt } = buildClient();
export const seal = (s: string) => encrypt(keyring, s);`,
    // Transitional policy: valid unless the strict option is on.
    `${pre}const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);
export const seal = (s: string) => encrypt(keyring, s);`,
    `${pre}const { encrypt } = buildClient({ commitmentPolicy: CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT, maxEncryptedDataKeys: 1 });
export const seal = (s: string) => encrypt(keyring, s);`,
    // Decrypt-only clients may be allowed while legacy messages drain.
    {
      code: `${pre}const { decrypt } = buildClient(CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT);
export const open = (b: Buffer) => decrypt(keyring, b);`,
      options: [{ allowDecryptOnly: true }],
    },
    // A user's own buildClient.
    `const CommitmentPolicy = { FORBID_ENCRYPT_ALLOW_DECRYPT: 'FORBID_ENCRYPT_ALLOW_DECRYPT' } as const;
function buildClient(p: string) { return p; }
buildClient(CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT);`,
  ],
  invalid: [
    {
      // Through the project's own facade: recognised by the declaring package with types.
      code: `import { buildEsdkClient, CommitmentPolicy } from './crypto-reexports.js';
export const { encrypt } = buildEsdkClient(CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT);`,
      errors: [
        {
          messageId: 'forbidEncrypt',
          line: 2,
          column: 44,
          suggestions: [
            {
              messageId: 'useRequireEncryptAllowDecrypt',
              output: `import { buildEsdkClient, CommitmentPolicy } from './crypto-reexports.js';
export const { encrypt } = buildEsdkClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);`,
            },
          ],
        },
      ],
    },
    {
      code: `${pre}const { encrypt, decrypt } = buildClient(CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT);
export const seal = (s: string) => encrypt(keyring, s);
export const open = (b: Buffer) => decrypt(keyring, b);`,
      errors: [
        {
          messageId: 'forbidEncrypt',
          line: 3,
          column: 42,
          suggestions: [
            {
              messageId: 'useRequireEncryptAllowDecrypt',
              output: `${pre}const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);
export const seal = (s: string) => encrypt(keyring, s);
export const open = (b: Buffer) => decrypt(keyring, b);`,
            },
          ],
        },
      ],
    },
    {
      // Through a const, in the options object.
      code: `${pre}const POLICY = CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT;
export const client = buildClient({ commitmentPolicy: POLICY });`,
      errors: [
        {
          // Reported on the buildClient call that uses it; the suggestion edits the const.
          messageId: 'forbidEncrypt',
          line: 4,
          column: 55,
          suggestions: [
            {
              messageId: 'useRequireEncryptAllowDecrypt',
              output: `${pre}const POLICY = CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT;
export const client = buildClient({ commitmentPolicy: POLICY });`,
            },
          ],
        },
      ],
    },
    {
      // Decrypt-only: the milder message.
      code: `${pre}const { decrypt, decryptStream } = buildClient(CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT);
export const open = (b: Buffer) => decrypt(keyring, b);
export const openStream = () => decryptStream(keyring);`,
      errors: [
        {
          messageId: 'forbidDecryptOnly',
          line: 3,
          column: 48,
          suggestions: [
            {
              messageId: 'useRequireEncryptAllowDecrypt',
              output: `${pre}const { decrypt, decryptStream } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);
export const open = (b: Buffer) => decrypt(keyring, b);
export const openStream = () => decryptStream(keyring);`,
            },
          ],
        },
      ],
    },
    {
      // A client object used only through decrypt.
      code: `${pre}const esdk = buildClient(CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT);
export async function open(b: Buffer) { return (await esdk.decrypt(keyring, b)).plaintext; }`,
      errors: [
        {
          messageId: 'forbidDecryptOnly',
          line: 3,
          column: 26,
          suggestions: [
            {
              messageId: 'useRequireEncryptAllowDecrypt',
              output: `${pre}const esdk = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);
export async function open(b: Buffer) { return (await esdk.decrypt(keyring, b)).plaintext; }`,
            },
          ],
        },
      ],
    },
    {
      code: `${pre}const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);
export const seal = (s: string) => encrypt(keyring, s);`,
      options: [{ strict: true }],
      errors: [{ messageId: 'allowDecrypt', line: 3, column: 33 }],
    },
    {
      // A conditional policy: the FORBID branch is reported.
      code: `${pre}declare const legacy: boolean;
export const client = buildClient(legacy ? CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT : CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);`,
      errors: [
        {
          messageId: 'forbidEncrypt',
          line: 4,
          column: 44,
          suggestions: [
            {
              messageId: 'useRequireEncryptAllowDecrypt',
              output: `${pre}declare const legacy: boolean;
export const client = buildClient(legacy ? CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT : CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);`,
            },
          ],
        },
      ],
    },
  ],
});

untyped.run('no-commitment-policy-downgrade (no types)', rule, {
  valid: [
    `const { buildClient, CommitmentPolicy } = require('@aws-crypto/client-node');
const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);`,
    // Some other package's buildClient.
    `import { buildClient } from './esdk-shim.js';
buildClient('FORBID_ENCRYPT_ALLOW_DECRYPT');`,
  ],
  invalid: [
    {
      code: `const esdk = require('@aws-crypto/client-node');
const { encrypt, decrypt } = esdk.buildClient('FORBID_ENCRYPT_ALLOW_DECRYPT');`,
      errors: [
        {
          messageId: 'forbidEncrypt',
          line: 2,
          column: 47,
          suggestions: [
            {
              messageId: 'useRequireEncryptAllowDecrypt',
              output: `const esdk = require('@aws-crypto/client-node');
const { encrypt, decrypt } = esdk.buildClient('REQUIRE_ENCRYPT_ALLOW_DECRYPT');`,
            },
          ],
        },
      ],
    },
    {
      code: `import { buildClient, CommitmentPolicy } from '@aws-crypto/client-browser';
export const { decrypt } = buildClient(CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT);`,
      errors: [
        {
          messageId: 'forbidDecryptOnly',
          line: 2,
          column: 40,
          suggestions: [
            {
              messageId: 'useRequireEncryptAllowDecrypt',
              output: `import { buildClient, CommitmentPolicy } from '@aws-crypto/client-browser';
export const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);`,
            },
          ],
        },
      ],
    },
  ],
});
