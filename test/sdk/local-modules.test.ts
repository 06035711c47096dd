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
  let cases = 0;

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


  const kmsExport = (name: string) => ({ kind: 'export', module: '@aws-sdk/client-kms', name });
  it.each([
    ['ESM re-export', `export { EncryptCommand as Target } from '@aws-sdk/client-kms';`, kmsExport('EncryptCommand')],
    ['import then export', `import { DecryptCommand } from '@aws-sdk/client-kms';\nexport { DecryptCommand as Target };`, kmsExport('DecryptCommand')],
    ['namespace import, const export', `import * as k from '@aws-sdk/client-kms';\nexport const Target = k.SignCommand;`, kmsExport('SignCommand')],
    ['default import re-exported', `import KMS from 'aws-sdk/clients/kms';\nexport { KMS as Target };`, { kind: 'export', module: 'aws-sdk/clients/kms', name: 'default' }],
    ['destructured require with a default', `const { VerifyCommand: V = null } = require('@aws-sdk/client-kms');\nmodule.exports = { Target: V };`, kmsExport('VerifyCommand')],
    ['computed destructuring is not read', `const { ['VerifyCommand']: V } = require('@aws-sdk/client-kms');\nmodule.exports = { Target: V };`, null],
    ['exports.X', `exports.Target = require('@aws-sdk/client-kms').ReEncryptCommand;`, kmsExport('ReEncryptCommand')],
    ['module.exports.X', `module.exports.Target = require('@aws-sdk/client-kms').EncryptCommand;`, kmsExport('EncryptCommand')],
    ['module.exports of a namespace require', `const k = require('@aws-sdk/client-kms');\nmodule.exports = { Target: k.DecryptCommand, other: 1 };`, kmsExport('DecryptCommand')],
    ['a computed key is not read', `const k = require('@aws-sdk/client-kms');\nmodule.exports = { ['Target']: k.DecryptCommand };`, null],
    ['module.exports += is not an export', `module.exports += require('@aws-sdk/client-kms');`, null],
    ['someone else\'s exports', `other.exports = { Target: require('@aws-sdk/client-kms').EncryptCommand };`, null],
    ['a declared function wins over export *', `export function Target() {}\nexport * from '@aws-sdk/client-kms';`, null],
    ['a declared const wins over export *', `export const Target = 1;\nexport * from '@aws-sdk/client-kms';`, null],
    ['export * as ns is not a name', `export * as Target from '@aws-sdk/client-kms';`, null],
    ['string export names', `export { EncryptCommand as "Target" } from '@aws-sdk/client-kms';`, kmsExport('EncryptCommand')],
    ['a renamed import re-exported', `import { EncryptCommand as Enc } from '@aws-sdk/client-kms';\nexport { Enc as Target };`, kmsExport('EncryptCommand')],
    ['a string-named import re-exported', `import { "DecryptCommand" as Dec } from '@aws-sdk/client-kms';\nexport { Dec as Target };`, kmsExport('DecryptCommand')],
    ['a local without an origin', `const Local = class {};\nexport { Local as Target };`, null],
    ['require of a computed name', `const name = '@aws-sdk/client-kms';\nexports.Target = require(name).EncryptCommand;`, null],
    ['a call that is not require', `exports.Target = load('@aws-sdk/client-kms').EncryptCommand;`, null],
    ['a method named require', `exports.Target = loader.require('@aws-sdk/client-kms').EncryptCommand;`, null],
    ['a computed member of a require', `exports.Target = require('@aws-sdk/client-kms')['EncryptCommand'];`, null],
    ['a member of a named import', `import { KMS } from '@aws-sdk/client-kms';\nexport const Target = KMS.EncryptCommand;`, null],
    ['a member of an unknown value', `export const Target = sdk.EncryptCommand;`, null],
    ['a whole-module require exported by name', `export const Target = require('@aws-sdk/client-kms');`, null],
    ['rest and array patterns beside a good export', `const { ...rest } = require('@aws-sdk/client-kms');\nconst [first] = require('@aws-sdk/client-kms');\nconst { EncryptCommand } = require('@aws-sdk/client-kms');\nmodule.exports = { rest, first, Target: EncryptCommand };`, kmsExport('EncryptCommand')],
    ['an exported destructuring', `export const { EncryptCommand: Target } = require('@aws-sdk/client-kms');`, null],
    ['module.exports of a function', `module.exports = function Target() {};`, null],
    ['module["exports"] is not read', `module['exports'] = { Target: require('@aws-sdk/client-kms').EncryptCommand };`, null],
    ['exports = {…} replaces nothing', `exports = { Target: require('@aws-sdk/client-kms').EncryptCommand };`, null],
    ['a spread and a shorthand local in module.exports', `const Target = require('@aws-sdk/client-kms').SignCommand;\nmodule.exports = { ...other, Target };`, kmsExport('SignCommand')],
    ['module.exports names a local without an origin', `const Target = 1;\nmodule.exports = { Target };`, null],
    ['exports.X of a local without an origin', `exports.Target = class {};`, null],
    ['exports[computed]', `exports['Tar' + 'get'] = require('@aws-sdk/client-kms').SignCommand;`, null],
    ['window.exports.X', `window.exports.Target = require('@aws-sdk/client-kms').SignCommand;`, null],
    ['exports of another module object', `mod.exports.Target = require('@aws-sdk/client-kms').SignCommand;`, null],
    ['module.other.X', `module.other.Target = require('@aws-sdk/client-kms').SignCommand;`, null],
    ['a relative star that fails, then a package star', `export * from './missing-star.js';\nexport * from '@aws-sdk/client-kms';`, { kind: 'export', module: '@aws-sdk/client-kms', name: 'Target' }],
    ['JSX in a .jsx module', `export { EncryptCommand as Target } from '@aws-sdk/client-kms';\nexport const view = <div />;`, kmsExport('EncryptCommand')],
  ])('%s', (_what, text, expected) => {
    const file = path.join(dir, `case${cases++}.jsx`);
    fs.writeFileSync(file, text);
    expect(followLocalReexport(from, { kind: 'export', module: './' + path.basename(file), name: 'Target' })).toEqual(expected);
  });

  it.each([
    ['mod.ts', './mod.js'],
    ['mod.mts', './mod.mjs'],
    ['mod.cts', './mod.cjs'],
    ['mod.tsx', './mod.jsx'],
    ['mod.cjs', './mod.cjs'],
    ['mod/index.ts', './mod'],
    ['mod/index.js', './mod'],
    ['mod/index.mjs', './mod'],
    ['mod/index.cjs', './mod'],
    ['mod.jsx', './mod'],
    ['mod.mjs', './mod'],
    ['mod.tsx', './mod'],
    ['mod.mts', './mod'],
    ['mod.cts', './mod'],
    ['mod.js', './mod'],
    ['mod.ts', './mod'],
  ])('finds %s for %s', (file, specifier) => {
    const sub = path.join(dir, `res${cases++}`);
    fs.mkdirSync(path.dirname(path.join(sub, file)), { recursive: true });
    fs.writeFileSync(path.join(sub, file), `export { EncryptCommand } from '@aws-sdk/client-kms';\n`);
    expect(followLocalReexport(path.join(sub, 'app.js'), { kind: 'export', module: specifier, name: 'EncryptCommand' })).toEqual(kmsExport('EncryptCommand'));
  });

  it('a module that appears after it was looked for is found once the retry time has passed', () => {
    const sub = path.join(dir, `late${cases++}`);
    fs.mkdirSync(sub);
    const origin = { kind: 'export', module: './late.js', name: 'EncryptCommand' } as const;
    const realNow = Date.now;
    try {
      expect(followLocalReexport(path.join(sub, 'app.js'), origin)).toBeNull();
      fs.writeFileSync(path.join(sub, 'late.js'), `export { EncryptCommand } from '@aws-sdk/client-kms';\n`);
      expect(followLocalReexport(path.join(sub, 'app.js'), origin)).toBeNull();
      Date.now = () => realNow() + 5001;
      expect(followLocalReexport(path.join(sub, 'app.js'), origin)).toEqual(kmsExport('EncryptCommand'));
      // A found module that is deleted is looked for again at once.
      fs.rmSync(path.join(sub, 'late.js'));
      fs.writeFileSync(path.join(sub, 'late.ts'), `export class EncryptCommand {}\n`);
      expect(followLocalReexport(path.join(sub, 'app.js'), origin)).toBeNull();
    } finally {
      Date.now = realNow;
    }
  });

  it('reads a module again when only its mtime changed, and from a parent folder', () => {
    const sub = path.join(dir, `up${cases++}`);
    fs.mkdirSync(path.join(sub, 'app'), { recursive: true });
    const mod = path.join(sub, 'aws.js');
    const first = `export { EncryptCommand as Key } from '@aws-sdk/client-kms';\n`;
    const second = `export { SignCommand as Key } from '@aws-sdk/client-kms';\n`.padEnd(first.length, ' ');
    fs.writeFileSync(mod, first);
    fs.utimesSync(mod, 1_700_000_000, 1_700_000_000);
    const origin = { kind: 'export', module: '../aws.js', name: 'Key' } as const;
    const main = path.join(sub, 'app', 'main.js');
    expect(followLocalReexport(main, origin)).toEqual(kmsExport('EncryptCommand'));
    // Same size and mtime as the first reading: it stands (the module is not parsed again).
    fs.writeFileSync(mod, second);
    fs.utimesSync(mod, 1_700_000_000, 1_700_000_000);
    expect(followLocalReexport(main, origin)).toEqual(kmsExport('EncryptCommand'));
    // Only the mtime differs: read again.
    fs.utimesSync(mod, 1_700_000_100, 1_700_000_100);
    expect(followLocalReexport(main, origin)).toEqual(kmsExport('SignCommand'));
    // Only the size differs (same mtime): read again.
    fs.writeFileSync(mod, first.replace('EncryptCommand', 'DecryptCommand') + '\n');
    fs.utimesSync(mod, 1_700_000_100, 1_700_000_100);
    expect(followLocalReexport(main, origin)).toEqual(kmsExport('DecryptCommand'));
    expect(followLocalReexport(path.join(sub, 'app', 'main.js'), { kind: 'module', module: '../aws.js' })).toBeNull();
  });

  it('a bundle of exactly 256 KiB is still read', () => {
    const head = `export { EncryptCommand } from '@aws-sdk/client-kms';\n//`;
    const file = path.join(dir, 'edge.js');
    fs.writeFileSync(file, head.padEnd(256 * 1024, 'x'));
    expect(fs.statSync(file).size).toBe(256 * 1024);
    expect(followLocalReexport(from, { kind: 'export', module: './edge.js', name: 'EncryptCommand' })).toEqual(kmsExport('EncryptCommand'));
  });

  it('a bundle over 256 KiB is not read', () => {
    const big = path.join(dir, 'bundle.js');
    fs.writeFileSync(big, `export { EncryptCommand } from '@aws-sdk/client-kms';\n` + '//'.padEnd(256 * 1024, 'x') + '\n');
    expect(followLocalReexport(from, { kind: 'export', module: './bundle.js', name: 'EncryptCommand' })).toBeNull();
    const small = path.join(dir, 'small.js');
    fs.writeFileSync(small, `export { EncryptCommand } from '@aws-sdk/client-kms';\n` + '//'.padEnd(250 * 1024, 'x') + '\n');
    expect(followLocalReexport(from, { kind: 'export', module: './small.js', name: 'EncryptCommand' })).toEqual(kmsExport('EncryptCommand'));
  });

  it('follows four modules, not five', () => {
    const chain = (len: number, tag: string) => {
      for (let i = 0; i < len; i++) {
        const next = i === len - 1 ? `'@aws-sdk/client-kms'` : `'./${tag}${i + 1}.js'`;
        fs.writeFileSync(path.join(dir, `${tag}${i}.js`), `export { EncryptCommand } from ${next};\n`);
      }
      return followLocalReexport(from, { kind: 'export', module: `./${tag}0.js`, name: 'EncryptCommand' });
    };
    expect(chain(4, 'four')).toEqual(kmsExport('EncryptCommand'));
    expect(chain(5, 'five')).toBeNull();
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
