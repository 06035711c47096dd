// The context index's per-file gate (context/types.ts, contextPrefilter): a file is walked for sites only when it
// mentions a context field and either names a site word (an SDK package, a command, a client method, the ESDK's
// calls) or uses an imported value as a constructor, callee, namespace or alias. The second half keeps the sites whose
// file names nothing of the SDK: a command or the ESDK's encrypt re-exported under another name by a project module.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { contextIndexOf } from '../../src/sdk/contextIndex.js';
import { contextPrefilter } from '../../src/sdk/context/types.js';

// A module of the chain benchmark's shape (bench/generate-chain.ts): records with context fields, a local class named
// like a command, an import that is only read.
const records = `import { label6 } from './m6.js';
interface Entry { KeyId: string; Plaintext: string; EncryptionContext: Record<string, string> }
class Command7 { constructor(readonly input: Entry) {} }
export const label7: string = \`ledger-7<\${label6}>\`;
const opening: Entry = { KeyId: 'k', Plaintext: 'p', EncryptionContext: { ledger: '7' } };
export const replayed = new Command7({ ...opening, EncryptionContext: { ...opening.EncryptionContext, replayed: 'yes' } });
`;

describe('contextPrefilter on texts', () => {
  it('closes on a module of records whose imports are only read, and on text without a context field', () => {
    expect(contextPrefilter.test(records)).toBe(false);
    expect(contextPrefilter.test("import { Enc } from './aws.js';\nexport const c = new Enc({ KeyId: 'k' });\n")).toBe(false);
  });

  it.each([
    ['an SDK package', "import { KMSClient } from '@aws-sdk/client-kms';\nexport const x = { EncryptionContext: {} };\n"],
    ['a command name', 'export const c = new EncryptCommand({ EncryptionContext: {} });\n'],
    ['a client method (a v2 client passed in)', 'export const f = (kms: any) => kms.encrypt({ KeyId: "k", Plaintext: "p", EncryptionContext: { a: "1" } });\n'],
    ['the ESDK header', 'export const f = (r: any) => r.messageHeader.encryptionContext.a;\n'],
    ['an imported command constructed under another name', "import { Enc } from './aws.js';\nexport const c = new Enc({ EncryptionContext: { a: '1' } });\n"],
    ['an imported namespace constructed from', "import * as aws from './aws.js';\nexport const c = new aws.Enc({ EncryptionContext: { a: '1' } });\n"],
    ['an imported function called with type arguments', "import { seal } from './esdk.js';\nexport const c = (k: any) => seal<string>(k, 'data', { encryptionContext: { a: '1' } });\n"],
    ['an imported function called', "import { seal } from './esdk.js';\nexport const c = (k: any) => seal(k, 'data', { encryptionContext: { a: '1' } });\n"],
    ['an imported value aliased', "import { Enc } from './aws.js';\nconst C = Enc;\nexport const c = new C({ EncryptionContext: { a: '1' } });\n"],
    ['a default import, generic', "import Enc from './aws.js';\nexport const c = new Enc<unknown>({ EncryptionContext: { a: '1' } });\n"],
    ['a require', "const { Enc } = require('./aws');\nexports.c = new Enc({ EncryptionContext: { a: '1' } });\n"],
    ['an import-equals require', "import Enc = require('./aws');\nexport const c = new Enc.Cmd({ EncryptionContext: { a: '1' } });\n"],
  ])('opens on %s', (_what, text) => {
    expect(contextPrefilter.test(text)).toBe(true);
  });
});

describe('contextPrefilter in the index: no site is lost', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-context-prefilter-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const files: Record<string, string> = {
    'aws.ts': "export { EncryptCommand as Enc, KMSClient as Vault } from '@aws-sdk/client-kms';\n",
    'consumer.ts': `import { Enc, Vault } from './aws.js';
const vault = new Vault({});
export const put = (data: Uint8Array) => vault.send(new Enc({ KeyId: 'alias/k', Plaintext: data, EncryptionContext: { Tenant: 't' } }));
`,
    'namespaced.ts': `import * as aws from './aws.js';
const vault = new aws.Vault({});
export const put = (data: Uint8Array) => vault.send(new aws.Enc({ KeyId: 'alias/k', Plaintext: data, EncryptionContext: { Purpose: 'p' } }));
`,
    'aliased.ts': `import { Enc } from './aws.js';
const Seal = Enc;
export const request = (data: Uint8Array) => new Seal({ KeyId: 'alias/k', Plaintext: data, EncryptionContext: { Owner: 'o' } });
`,
    'm6.ts': 'export const label6 = "six";\n',
    'm7.ts': records,
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);

  it('walks the files that construct or call a renamed re-export, not the module of records', () => {
    const program = ts.createProgram({
      rootNames: Object.keys(files).map((f) => path.join(dir, f)),
      options: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true, skipLibCheck: true, types: [] },
    });
    const index = contextIndexOf(ts, program);
    const sites = index.sites.map((s) => `${path.basename(s.file)}:${s.line} ${s.source}/${s.operation} [${s.keys.map((k) => k.name).join(' ')}]`).sort();
    expect(sites).toEqual(['aliased.ts:3 kms/Encrypt [Owner]', 'consumer.ts:3 kms/Encrypt [Tenant]', 'namespaced.ts:3 kms/Encrypt [Purpose]']);
    // m7.ts mentions EncryptionContext but holds no site, and is not walked.
    expect(index.filesWalked).toBe(3);
  });
});
