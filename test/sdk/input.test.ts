import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';
import { fieldProbe } from './probe.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
const field = (value: string) => ({ messageId: 'field' as const, data: { value } });
const kmsImport = `import { KMSClient, DecryptCommand, EncryptCommand } from '@aws-sdk/client-kms';\n`;

typed.run('input view: where a field comes from', fieldProbe, {
  valid: [],
  invalid: [
    { code: `${kmsImport}new DecryptCommand({ CiphertextBlob: new Uint8Array(1), KeyId: 'alias/a' });`, errors: [field('present:"alias/a"')] },
    { code: `${kmsImport}new DecryptCommand({ CiphertextBlob: new Uint8Array(1) });`, errors: [field('absent')] },
    { code: `${kmsImport}new DecryptCommand({ CiphertextBlob: new Uint8Array(1), KeyId: undefined });`, errors: [field('absent')] },
    { code: `${kmsImport}const KeyId = 'alias/b';\nnew DecryptCommand({ CiphertextBlob: new Uint8Array(1), KeyId });`, errors: [field('present:"alias/b"')] },
    {
      code: `${kmsImport}declare const prod: boolean;\nnew DecryptCommand({ CiphertextBlob: new Uint8Array(1), KeyId: prod ? 'alias/p' : undefined });`,
      errors: [field('present:"alias/p"|absent')],
    },
    {
      code: `${kmsImport}declare const key: string | undefined;\nnew DecryptCommand({ CiphertextBlob: new Uint8Array(1), ...(key && { KeyId: key }) });`,
      errors: [field('present:?|absent')],
    },
    {
      code: `${kmsImport}const base = { KeyId: 'alias/base' };\nnew DecryptCommand({ ...base, CiphertextBlob: new Uint8Array(1) });`,
      errors: [field('present:"alias/base"')],
    },
    {
      code: `${kmsImport}declare const extra: Record<string, unknown>;\nnew DecryptCommand({ ...extra, CiphertextBlob: new Uint8Array(1) } as never);`,
      errors: [field('unknown')],
    },
    {
      // A spread of unknowns before an explicit field: the field still decides.
      code: `${kmsImport}declare const extra: object;\nnew DecryptCommand({ ...extra, KeyId: 'k', CiphertextBlob: new Uint8Array(1) });`,
      errors: [field('present:"k"')],
    },
    {
      code: `${kmsImport}import type { DecryptCommandInput } from '@aws-sdk/client-kms';\nconst params: DecryptCommandInput = { CiphertextBlob: new Uint8Array(1) };\nparams.KeyId = 'alias/late';\nnew DecryptCommand(params);`,
      // An unconditional write between the literal and the use settles the field.
      errors: [field('present:"alias/late"')],
    },
    {
      code: `${kmsImport}function build(blob: Uint8Array) { return { CiphertextBlob: blob, KeyId: 'alias/h' }; }\nnew DecryptCommand(build(new Uint8Array(1)));`,
      errors: [field('present:"alias/h"')],
    },
    {
      // Passed to code that may add fields: cannot know.
      code: `${kmsImport}declare function decorate(p: object): void;\nconst p = { CiphertextBlob: new Uint8Array(1) };\ndecorate(p);\nnew DecryptCommand(p);`,
      errors: [field('unknown')],
    },
    {
      // A declared (not inferred) shape says nothing about which optional fields are set.
      code: `${kmsImport}import type { DecryptCommandInput } from '@aws-sdk/client-kms';\ndeclare function load(): DecryptCommandInput;\nnew DecryptCommand(load());`,
      errors: [field('unknown')],
    },
    {
      // Built in another module: the inferred object-literal type proves KeyId absent.
      code: `${kmsImport}import { decryptParamsWithoutKeyId } from './params.js';\nnew DecryptCommand(decryptParamsWithoutKeyId);`,
      errors: [field('absent')],
    },
    {
      // ...and its declaration gives the literal value it was initialised with.
      code: `${kmsImport}import { decryptParamsWithKeyId } from './params.js';\nnew DecryptCommand(decryptParamsWithKeyId);`,
      errors: [field('present:"alias/app"')],
    },
    {
      // A write in a branch may not run: the literal's value stays an option.
      code: `${kmsImport}declare const late: boolean;\nconst params = { CiphertextBlob: new Uint8Array(1), KeyId: 'alias/early' };\nif (late) params.KeyId = 'alias/late';\nnew DecryptCommand(params);`,
      errors: [field('present:"alias/late"|present:"alias/early"')],
    },
    {
      code: `${kmsImport}import { buildDecryptParams } from './params.js';\nnew DecryptCommand(buildDecryptParams(new Uint8Array(1)));`,
      errors: [field('absent')],
    },
    {
      code: `${kmsImport}new EncryptCommand({ KeyId: 'k', Plaintext: new Uint8Array(1), ['Key' + 'Id']: 'x' } as never);`,
      errors: [field('present:"x"')],
    },
  ],
});

typed.run('input view: nested fields and enums', fieldProbe, {
  valid: [],
  invalid: [
    {
      code: `import { PutObjectCommand, ServerSideEncryption } from '@aws-sdk/client-s3';\nnew PutObjectCommand({ Bucket: 'b', Key: 'k', ServerSideEncryption: ServerSideEncryption.aws_kms });`,
      options: [{ field: 'ServerSideEncryption' }],
      errors: [field('present:"aws:kms"')],
    },
    {
      code: `import { PutObjectCommand } from '@aws-sdk/client-s3';\ndeclare const isProd: boolean;\nnew PutObjectCommand({ Bucket: 'b', Key: 'k', ServerSideEncryption: isProd ? 'aws:kms' : undefined });`,
      options: [{ field: 'ServerSideEncryption' }],
      errors: [field('present:"aws:kms"|absent')],
    },
    {
      code: `import { CreateGrantCommand } from '@aws-sdk/client-kms';\nnew CreateGrantCommand({ KeyId: 'k', GranteePrincipal: 'p', Operations: ['Decrypt'], Constraints: { EncryptionContextEquals: { Tenant: 'a' } } });`,
      options: [{ field: 'Constraints.EncryptionContextEquals' }],
      errors: [field('present:{"Tenant":"a"}')],
    },
  ],
});

untyped.run('input view without types', fieldProbe, {
  valid: [],
  invalid: [
    {
      code: `import { PutObjectCommand, ServerSideEncryption } from '@aws-sdk/client-s3';\nnew PutObjectCommand({ Bucket: 'b', Key: 'k', ServerSideEncryption: ServerSideEncryption.aws_kms_dsse });`,
      options: [{ field: 'ServerSideEncryption' }],
      errors: [field('present:"aws:kms:dsse"')],
    },
    {
      code: `const { DecryptCommand } = require('@aws-sdk/client-kms');\nconst cfg = { keyId: 'alias/cfg' };\nnew DecryptCommand({ CiphertextBlob: b, KeyId: cfg.keyId });`,
      errors: [field('present:"alias/cfg"')],
    },
  ],
});
