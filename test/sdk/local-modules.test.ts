// Without types, a class imported from the project's own module is followed to the package that module
// re-exports it from (fixtures/rule-tester/local-modules/, read from disk), and never past a class the module
// declares itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { followLocalReexport } from '../../src/sdk/localModules.js';
import { createUntypedRuleTester, ruleTesterRoot } from '../RuleTester.js';
import { recognitionProbe } from './probe.js';

const untyped = createUntypedRuleTester();
const filename = path.join(ruleTesterRoot, 'local-modules/consumer.js');
const call = (operation: string, style: string, service = 'kms') => ({ messageId: 'call' as const, data: { operation, style, service } });

untyped.run('classes re-exported by a project module (no types)', recognitionProbe, {
  valid: [
    // The module declares its own EncryptCommand; `export *` from the SDK does not override it.
    { filename, code: `import { EncryptCommand } from './own.js';\nnew EncryptCommand({ KeyId: 'k', Plaintext: 'x' });` },
    // A name the module does not export, a module that does not exist, an export that is not from a package.
    { filename, code: `import { ShredCommand } from './aws.mjs';\nnew ShredCommand({ KeyId: 'k' });` },
    { filename, code: `import { EncryptCommand } from './missing.js';\nnew EncryptCommand({ KeyId: 'k', Plaintext: 'x' });` },
    { filename, code: `const { Local } = require('./exports-field.cjs');\nnew Local({ KeyId: 'k', Plaintext: 'x' });` },
    // The re-exported client instance is not a command; constructing an SDK name from a package that is not the SDK.
    { filename, code: `import { kmsClient } from './aws.mjs';\nnew kmsClient({ KeyId: 'k', Plaintext: 'x' });` },
  ],
  invalid: [
    {
      filename,
      code: `import { kmsClient, EncryptCommand, Unseal } from './aws.mjs';
await kmsClient.send(new EncryptCommand({ KeyId: 'alias/a', Plaintext: 'x' }));
await kmsClient.send(new Unseal({ CiphertextBlob: 'x' }));`,
      errors: [
        { ...call('Encrypt', 'v3-command'), line: 2 },
        { ...call('Decrypt', 'v3-command'), line: 3 },
      ],
    },
    {
      // CommonJS on both sides, and a renamed S3 command.
      filename,
      code: `const { GenerateDataKeyCommand, Put } = require('./aws.cjs');
new GenerateDataKeyCommand({ KeyId: 'k', KeySpec: 'AES_256' });
new Put({ Bucket: 'b', Key: 'k', Body: 'x' });`,
      errors: [
        { ...call('GenerateDataKey', 'v3-command'), line: 2 },
        { ...call('PutObject', 'v3-command', 's3'), line: 3 },
      ],
    },
    {
      // export *, module.exports = require(...), exports.X = require(...).Y, and two hops through another module.
      filename,
      code: `import { DecryptCommand } from './star.js';
import * as whole from './whole.cjs';
const { ReEncrypt } = require('./exports-field.cjs');
import { SealCommand } from './chain';
new DecryptCommand({ CiphertextBlob: 'x' });
new whole.EncryptCommand({ KeyId: 'k', Plaintext: 'x' });
new ReEncrypt({ CiphertextBlob: 'x', DestinationKeyId: 'k' });
new SealCommand({ KeyId: 'k', Plaintext: 'x' });`,
      errors: [
        { ...call('Decrypt', 'v3-command'), line: 5 },
        { ...call('Encrypt', 'v3-command'), line: 6 },
        { ...call('ReEncrypt', 'v3-command'), line: 7 },
        { ...call('Encrypt', 'v3-command'), line: 8 },
      ],
    },
  ],
});

describe('followLocalReexport', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-local-modules-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const from = path.join(dir, 'app.js');

  it('reads the module again when it changes (an editor session), and only then', () => {
    const mod = path.join(dir, 'aws.js');
    fs.writeFileSync(mod, `export { EncryptCommand } from '@aws-sdk/client-kms';\n`);
    expect(followLocalReexport(from, { kind: 'export', module: './aws.js', name: 'EncryptCommand' })).toEqual({
      kind: 'export',
      module: '@aws-sdk/client-kms',
      name: 'EncryptCommand',
    });
    fs.writeFileSync(mod, `export class EncryptCommand {}\n// now the project's own, and longer than before\n`);
    expect(followLocalReexport(from, { kind: 'export', module: './aws.js', name: 'EncryptCommand' })).toBeNull();
  });

  it('stops on cycles, unparsable modules, package specifiers and relative paths from a virtual file', () => {
    fs.writeFileSync(path.join(dir, 'a.js'), `export { X } from './b.js';\n`);
    fs.writeFileSync(path.join(dir, 'b.js'), `export { X } from './a.js';\n`);
    fs.writeFileSync(path.join(dir, 'broken.js'), `export { from '@aws-sdk/client-kms'\n`);
    expect(followLocalReexport(from, { kind: 'export', module: './a.js', name: 'X' })).toBeNull();
    expect(followLocalReexport(from, { kind: 'export', module: './broken.js', name: 'EncryptCommand' })).toBeNull();
    expect(followLocalReexport(from, { kind: 'export', module: '@aws-sdk/client-kms', name: 'EncryptCommand' })).toBeNull();
    expect(followLocalReexport('<input>', { kind: 'export', module: './a.js', name: 'X' })).toBeNull();
  });

  it('resolves a .js specifier to the TypeScript source beside it', () => {
    fs.writeFileSync(path.join(dir, 'sdk.ts'), `export { KMS as Api } from '@aws-sdk/client-kms';\n`);
    expect(followLocalReexport(from, { kind: 'export', module: './sdk.js', name: 'Api' })).toEqual({
      kind: 'export',
      module: '@aws-sdk/client-kms',
      name: 'KMS',
    });
  });
});
