// Which calls the context walker (src/sdk/context/walker.ts) takes for context sites, on which side, with which
// KMS key, without ESLint (fast; StrykerJS runs this file, see stryker/context.config.mjs).
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SiteWalker } from '../../src/sdk/context/walker.js';
import type { ContextSite } from '../../src/sdk/context/types.js';
import { contextSitesOfFile } from '../../src/sdk/contextIndex.js';

const brief = (s: ContextSite) =>
  `${s.side} ${s.source}/${s.operation}.${s.field} [${s.keys.map((k) => k.name).join(',')}]${s.complete ? '' : ' partial'} key=${s.keyRef ?? '-'}`;

/** The sites of one TypeScript file, briefly. */
const sites = (code: string, name = '/p/app.ts') => contextSitesOfFile(ts, name, code).map(brief);

const ctx = "EncryptionContext: { Tenant: 't' }";

describe('v3 commands', () => {
  it('each context field on its side, with the KMS key the side names', () => {
    expect(
      sites(`import { DecryptCommand, EncryptCommand, GenerateDataKeyCommand, ReEncryptCommand } from '@aws-sdk/client-kms';
new EncryptCommand({ KeyId: 'alias/a', Plaintext: p, ${ctx} });
new DecryptCommand({ KeyId: 'alias/a', CiphertextBlob: b, ${ctx} });
new GenerateDataKeyCommand({ KeyId: 'alias/a', KeySpec: 'AES_256', ${ctx} });
new ReEncryptCommand({ CiphertextBlob: b, SourceKeyId: 'alias/old', DestinationKeyId: 'alias/new', SourceEncryptionContext: { A: 1 }, DestinationEncryptionContext: { B: 2 } });
new ReEncryptCommand({ CiphertextBlob: b, DestinationKeyId: 'alias/new', DestinationEncryptionContext: { B: 2 } });`),
    ).toEqual([
      'encrypt kms/Encrypt.EncryptionContext [Tenant] key=alias/a',
      'decrypt kms/Decrypt.EncryptionContext [Tenant] key=alias/a',
      'encrypt kms/GenerateDataKey.EncryptionContext [Tenant] key=alias/a',
      'decrypt kms/ReEncrypt.SourceEncryptionContext [A] key=alias/old',
      'encrypt kms/ReEncrypt.DestinationEncryptionContext [B] key=-',
      'encrypt kms/ReEncrypt.DestinationEncryptionContext [B] key=-',
    ]);
  });

  it('grant constraints (both kinds) are grant sites of the grant key; other constraints and unknown ones are none', () => {
    expect(
      sites(`import { CreateGrantCommand } from '@aws-sdk/client-kms';
new CreateGrantCommand({ KeyId: 'alias/g', GranteePrincipal: r, Operations: o, Constraints: { EncryptionContextEquals: { A: 1 }, EncryptionContextSubset: { B: 2 } } });
new CreateGrantCommand({ KeyId: 'alias/g', GranteePrincipal: r, Operations: o, Constraints: { Other: { C: 3 } } });
new CreateGrantCommand({ KeyId: 'alias/g', GranteePrincipal: r, Operations: o, Constraints: c });
new CreateGrantCommand({ KeyId: 'alias/g', GranteePrincipal: r, Operations: o, EncryptionContext: { D: 4 } });`),
    ).toEqual(['grant kms/CreateGrant.EncryptionContextEquals [A] key=alias/g', 'grant kms/CreateGrant.EncryptionContextSubset [B] key=alias/g']);
  });

  it('a command of the wrong package, a project class, a command without a request, and a call that is no new', () => {
    expect(
      sites(`import { EncryptCommand as S3Encrypt } from '@aws-sdk/client-s3';
import { EncryptCommand } from '@aws-sdk/client-kms';
import { PutObjectCommand } from '@aws-sdk/lib-storage';
class Mine {}
new S3Encrypt({ KeyId: 'k', Plaintext: p, ${ctx} });
new Mine({ KeyId: 'k', Plaintext: p, ${ctx} });
new EncryptCommand();
new EncryptCommand;
new (EncryptCommand as any)({ KeyId: 'k', ${ctx} });
new PutObjectCommand({ Bucket: b, Key: k, SSEKMSEncryptionContext: 'eyJBIjoxfQ==' });
EncryptCommand({ KeyId: 'k', ${ctx} });`),
    ).toEqual([]);
  });

  it('namespace, renamed and required commands, and a command under a property access', () => {
    expect(
      sites(`import * as kms from '@aws-sdk/client-kms';
import { EncryptCommand as Seal } from '@aws-sdk/client-kms';
const { DecryptCommand } = require('@aws-sdk/client-kms');
new kms.EncryptCommand({ KeyId: 'a', ${ctx} });
new Seal({ KeyId: 'b', ${ctx} });
new DecryptCommand({ KeyId: 'c', ${ctx} });`),
    ).toEqual(['encrypt kms/Encrypt.EncryptionContext [Tenant] key=a', 'encrypt kms/Encrypt.EncryptionContext [Tenant] key=b', 'decrypt kms/Decrypt.EncryptionContext [Tenant] key=c']);
  });
});

describe('S3', () => {
  const encoded = Buffer.from(JSON.stringify({ Owner: 'o' })).toString('base64');

  it("a write's encoded context is an encrypt site of its SSE key; a write without one is none", () => {
    expect(
      sites(`import { PutObjectCommand, S3 } from '@aws-sdk/client-s3';
new PutObjectCommand({ Bucket: b, Key: k, SSEKMSKeyId: 'alias/s3', SSEKMSEncryptionContext: '${encoded}' });
new PutObjectCommand({ Bucket: b, Key: k, SSEKMSEncryptionContext: Buffer.from(JSON.stringify({ Stage: 's' })).toString('base64') });
new PutObjectCommand({ Bucket: b, Key: k, SSEKMSEncryptionContext: 'not base64!' });
new PutObjectCommand({ Bucket: b, Key: k });
new S3({}).putObject({ Bucket: b, Key: k, SSEKMSEncryptionContext: '${encoded}' });`),
    ).toEqual(['encrypt s3/PutObject.SSEKMSEncryptionContext [Owner] key=alias/s3', 'encrypt s3/PutObject.SSEKMSEncryptionContext [Stage] key=-', 'encrypt s3/PutObject.SSEKMSEncryptionContext [Owner] key=-']);
  });

  it("lib-storage's Upload takes its params (not the client package's, not without params)", () => {
    expect(
      sites(`import { Upload } from '@aws-sdk/lib-storage';
import { Upload as NotIt, S3Client } from '@aws-sdk/client-s3';
new Upload({ client: c, params: { Bucket: b, Key: k, SSEKMSKeyId: 'alias/u', SSEKMSEncryptionContext: '${encoded}' } });
new Upload({ client: c });
new Upload();
new NotIt({ client: c, params: { Bucket: b, Key: k, SSEKMSEncryptionContext: '${encoded}' } });
const params = { Bucket: b, Key: k, SSEKMSEncryptionContext: '${encoded}' };
new Upload({ client: c, params });`),
    ).toEqual(['encrypt s3/Upload.SSEKMSEncryptionContext [Owner] key=alias/u', 'encrypt s3/Upload.SSEKMSEncryptionContext [Owner] key=-']);
  });

  it('params of an Upload in another module: the site is at the new, the keys where the params are', () => {
    const files = new Map(
      Object.entries({
        '/p/params.ts': `export const params = { Bucket: b, Key: k, SSEKMSEncryptionContext: Buffer.from(JSON.stringify({ Owner: 'o' })).toString('base64') };\n`,
        '/p/up.ts': "import { Upload } from '@aws-sdk/lib-storage';\nimport { params } from './params';\n\nnew Upload({ client: c, params });\n",
      }).map(([name, text]) => [name, ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)]),
    );
    const walker = new SiteWalker(ts, { crossFile: true, get: (name) => files.get(name) });
    walker.walkFile(files.get('/p/up.ts')!);
    expect(walker.sites.map((s) => `${s.file}:${s.line} ${s.keys.map((k) => `${k.name}@${k.file}:${k.line}`).join(',')}`)).toEqual(['/p/up.ts:4 Owner@/p/params.ts:1']);
  });
});

describe('clients and their methods', () => {
  // Requests without a shape (no Plaintext): only a known client makes them sites.
  const call = (receiver: string, method = 'encrypt') => `${receiver}.${method}({ KeyId: 'k', ${ctx} });`;

  it('v3 aggregated clients, not the bare ones; v2 clients from aws-sdk and its client modules', () => {
    const lines = [
      "import { KMS, KMSClient } from '@aws-sdk/client-kms';",
      "import { S3, S3Client } from '@aws-sdk/client-s3';",
      "import AWS from 'aws-sdk';",
      "import * as AWS2 from 'aws-sdk';",
      "import { KMS as V2KMS, S3 as V2S3 } from 'aws-sdk';",
      "import KmsDefault from 'aws-sdk/clients/kms';",
      "import { KMS as KmsNamed } from 'aws-sdk/clients/kms.js';",
      "import { kms as lower } from 'aws-sdk/clients/kms';",
      "import S3Default from 'aws-sdk/clients/s3';",
      "import { Other } from 'aws-sdk/clients/kms';",
      "import { KMS as Elsewhere } from 'aws-sdk-like';",
      call('new KMS({})'),
      call('new KMSClient({})'),
      call('new AWS.KMS()'),
      call('new AWS2.KMS()'),
      call('new V2KMS()'),
      call('new KmsDefault()'),
      call('new KmsNamed()'),
      call('new lower()'),
      call('new Other()'),
      call('new Elsewhere()'),
      "new S3({}).putObject({ Bucket: b, Key: k, SSEKMSEncryptionContext: 'eyJBIjoxfQ==' });",
      "new S3Client({}).putObject({ Bucket: b, Key: k, SSEKMSEncryptionContext: 'eyJBIjoxfQ==' });",
      "new AWS.S3().putObject({ Bucket: b, Key: k, SSEKMSEncryptionContext: 'eyJBIjoxfQ==' });",
      "new V2S3().putObject({ Bucket: b, Key: k, SSEKMSEncryptionContext: 'eyJBIjoxfQ==' });",
      "new S3Default().putObject({ Bucket: b, Key: k, SSEKMSEncryptionContext: 'eyJBIjoxfQ==' });",
    ];
    const found = contextSitesOfFile(ts, '/p/app.ts', lines.join('\n')).map((s) => `${s.line} ${s.operation}`);
    expect(found).toEqual(['12 Encrypt', '14 Encrypt', '15 Encrypt', '16 Encrypt', '17 Encrypt', '18 Encrypt', '22 PutObject', '24 PutObject', '25 PutObject', '26 PutObject']);
  });

  it("a client's method of the other service is nothing, not even by shape", () => {
    expect(sites(`import { S3 } from '@aws-sdk/client-s3';\nnew S3({}).encrypt({ KeyId: 'k', Plaintext: p, ${ctx} });`)).toEqual([]);
  });

  it('receivers: consts, annotated parameters and variables, qualified types, fields, parameter properties, constructor assignments', () => {
    const code = `import { KMS } from '@aws-sdk/client-kms';
import AWS from 'aws-sdk';
const a = new KMS({});
const b = a;
${call('b')}
function f(c: KMS, d: AWS.KMS, e: AWS.S3) { ${call('c')} ${call('d')} ${call('e')} }
let g: KMS;
${call('g')}
class H { private kms = new KMS({}); m() { ${call('this.kms')} } }
class I { kms: KMS; m() { ${call('this.kms')} } }
class J { constructor(private readonly kms: KMS) {} m() { ${call('this.kms')} } }
class K { constructor(kms: KMS) {} m() { ${call('this.kms')} } }
class L { kms; constructor() { this.kms = new KMS({}); } m() { ${call('this.kms')} } }
class M { kms; constructor() { this.other = new KMS({}); } m() { ${call('this.kms')} } }
class N { kms; constructor() { this.kms += new KMS({}); } m() { ${call('this.kms')} } }
class O { other = new KMS({}); m() { ${call('this.kms')} } }
function loose() { ${call('this.kms')} }
${call('(b as KMS)')}
${call('b!')}`;
    const found = contextSitesOfFile(ts, '/p/app.ts', code).map((s) => s.line);
    expect(found).toEqual([5, 6, 6, 8, 9, 10, 11, 13, 18, 19]);
  });

  it('consts are followed nine deep to the new (ten steps)', () => {
    const chain = (n: number) => {
      const lines = ["import { KMS } from '@aws-sdk/client-kms';", 'const c0 = new KMS({});'];
      for (let i = 1; i <= n; i++) lines.push(`const c${i} = c${i - 1};`);
      lines.push(call(`c${n}`));
      return sites(lines.join('\n'));
    };
    expect(chain(9)).toHaveLength(1);
    expect(chain(10)).toEqual([]);
  });

  it('a method call needs a request: no argument, a spread, or a method no operation has are nothing', () => {
    expect(
      sites(`import { KMS } from '@aws-sdk/client-kms';
const kms = new KMS({});
kms.encrypt();
kms.encrypt(...args);
kms.sealUp({ KeyId: 'k', ${ctx} });
(kms.encrypt)({ KeyId: 'k', ${ctx} });
kms['encrypt']({ KeyId: 'k', ${ctx} });`),
    ).toEqual(['encrypt kms/Encrypt.EncryptionContext [Tenant] key=k']);
  });
});

describe('receivers of unknown type, by request shape', () => {
  const full = (receiver: string) => `${receiver}.encrypt({ KeyId: 'k', Plaintext: p, ${ctx} });`;

  it('an untyped or any parameter, unknown fields: the shape decides (every field, one of oneOf)', () => {
    expect(
      sites(`function a(kms) { ${full('kms')} }
function b(kms: any) { ${full('kms')} }
function c(kms: unknown) { ${full('kms')} }
function d(kms) { kms.encrypt({ KeyId: 'k', ${ctx} }); }
function e(kms) { kms.generateDataKey({ KeyId: 'k', KeySpec: 'AES_256', ${ctx} }); }
function f(kms) { kms.generateDataKey({ KeyId: 'k', NumberOfBytes: 32, ${ctx} }); }
function g(kms) { kms.generateDataKey({ KeyId: 'k', ${ctx} }); }
function h(kms) { kms.decrypt({ CiphertextBlob: b, ${ctx} }); }
function i(kms) { kms.encrypt({ ...opts, ${ctx} }); }
function j(s3) { s3.putObject({ Bucket: b, Key: k, ServerSideEncryption: 'aws:kms', SSEKMSEncryptionContext: 'eyJBIjoxfQ==' }); }
function k(s3) { s3.putObject({ Bucket: b, Key: k, SSEKMSEncryptionContext: 'eyJBIjoxfQ==' }); }`),
    ).toEqual([
      'encrypt kms/Encrypt.EncryptionContext [Tenant] key=k',
      'encrypt kms/Encrypt.EncryptionContext [Tenant] key=k',
      'encrypt kms/Encrypt.EncryptionContext [Tenant] key=k',
      'encrypt kms/GenerateDataKey.EncryptionContext [Tenant] key=k',
      'encrypt kms/GenerateDataKey.EncryptionContext [Tenant] key=k',
      'decrypt kms/Decrypt.EncryptionContext [Tenant] key=-',
      'encrypt s3/PutObject.SSEKMSEncryptionContext [A] key=-',
    ]);
  });

  it('never a receiver syntax knows is something else', () => {
    const code = `import { KMSClient } from '@aws-sdk/client-kms';
import { Imported } from 'lib';
class Local { encrypt(x: object) { return x; } }
function helper() {}
const vault = { encrypt(x: object) { return x; } };
const made = make();
${full('({ encrypt(x: object) { return x; } })')}
${full('vault')}
${full('new Local()')}
${full('helper')}
${full('Local')}
function a(kms: KMSClient) { ${full('kms')} }
function b(kms: Local) { ${full('kms')} }
class C { crypto: Local; m() { ${full('this.crypto')} } }
class D { crypto = {}; m() { ${full('this.crypto')} } }
class E { constructor(private crypto: Local) {} m() { ${full('this.crypto')} } }
${full('new Imported()')}
${full('made')}
class F { crypto: any; m() { ${full('this.crypto')} } }
class G { crypto = make(); m() { ${full('this.crypto')} } }
class H { crypto; m() { ${full('this.crypto')} } }
class I { constructor(private crypto) {} m() { ${full('this.crypto')} } }
class J { m() { ${full('this.crypto')} } }
function loose() { ${full('this.crypto')} }
class K { crypto: unknown; m() { ${full('this.crypto')} } }
class L { constructor(private crypto: any) {} m() { ${full('this.crypto')} } }
${full('new (Local as any)()')}`;
    const found = contextSitesOfFile(ts, '/p/app.ts', code).map((s) => s.line);
    expect(found).toEqual([17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27]);
  });
});

describe('the AWS Encryption SDK', () => {
  it('encrypt from buildClient (destructured, a client, called directly) or imported; its third argument', () => {
    expect(
      sites(`import { buildClient, encrypt as direct } from '@aws-crypto/client-node';
import { buildClient as browserClient } from '@aws-crypto/client-browser';
import { buildClient as lookAlike } from '@aws-crypto/client-nodex';
const { encrypt } = buildClient(policy);
const client = buildClient(policy);
const other = lookAlike(policy);
await encrypt(keyring, data, { encryptionContext: { A: 1 } });
await client.encrypt(keyring, data, { encryptionContext: { B: 2 } });
await buildClient(policy).encrypt(keyring, data, { encryptionContext: { C: 3 } });
await browserClient(policy).encrypt(keyring, data, { encryptionContext: { D: 4 } });
await direct(keyring, data, { encryptionContext: { E: 5 } });
await encrypt(keyring, data);
await encrypt(keyring, data, { other: 1 });
await other.encrypt(keyring, data, { encryptionContext: { F: 6 } });
await client.decrypt(keyring, data, { encryptionContext: { G: 7 } });
await lookAlike(policy).encrypt(keyring, data, { encryptionContext: { H: 8 } });
const { decrypt: notEncrypt } = buildClient(policy);
await notEncrypt(keyring, data, { encryptionContext: { I: 9 } });
const { a: { encrypt: nested } } = holder;
await nested(keyring, data, { encryptionContext: { J: 10 } });
const { encrypt: fromElsewhere } = make(policy);
await fromElsewhere(keyring, data, { encryptionContext: { K: 11 } });`),
    ).toEqual(['A', 'B', 'C', 'D', 'E'].map((k) => `encrypt esdk/encrypt.encryptionContext [${k}] key=-`));
  });

  it("decrypt's header checks: each key read is an incomplete decrypt site, however the header is reached", () => {
    expect(
      sites(`import { buildClient } from '@aws-crypto/client-node';
const { decrypt } = buildClient(policy);
const client = buildClient(policy);
const { plaintext, messageHeader } = await decrypt(keyring, ct);
if (messageHeader.encryptionContext.Tenant !== t) throw new Error();
if (messageHeader.encryptionContext['Stage'] !== s) throw new Error();
const result = await client.decrypt(keyring, ct);
result.messageHeader.encryptionContext.Purpose;
const { encryptionContext } = result.messageHeader;
encryptionContext.Owner;
encryptionContext['Region'];
const { messageHeader: { encryptionContext: renamed } } = await decrypt(keyring, ct);
renamed.Shard;
const header = result.messageHeader;
header.encryptionContext.Zone;
messageHeader.encryptionContext.encryptionContext;
notAHeader.encryptionContext.Nope;
const { encryptionContext: alsoNot } = somethingElse;
alsoNot.Never;`),
    ).toEqual(['Tenant', 'Stage', 'Purpose', 'Owner', 'Region', 'Shard', 'Zone'].map((k) => `decrypt esdk/messageHeader.encryptionContext [${k}] partial key=-`));
  });

  it('a shadowing parameter of the same name is another value; files without @aws-crypto are not read for headers', () => {
    expect(
      sites(`import { buildClient } from '@aws-crypto/client-node';
const { decrypt } = buildClient(policy);
const { messageHeader: { encryptionContext } } = await decrypt(keyring, ct);
encryptionContext.Kept;
function other(encryptionContext) { return encryptionContext.Shadowed; }`),
    ).toEqual(['decrypt esdk/messageHeader.encryptionContext [Kept] partial key=-']);
    expect(
      sites(`import { buildClient } from 'some-other-sdk';
const { decrypt } = buildClient(policy);
const { messageHeader } = await decrypt(keyring, ct);
messageHeader.encryptionContext.Tenant;`),
    ).toEqual([]);
  });
});

describe('the AWS Encryption SDK: how far a decrypt result is followed', () => {
  it('through four consts, not five', () => {
    const chain = (n: number) => {
      const lines = ["import { buildClient } from '@aws-crypto/client-node';", 'const { decrypt } = buildClient(policy);', 'const r1 = await decrypt(keyring, ct);'];
      for (let i = 2; i <= n; i++) lines.push(`const r${i} = r${i - 1};`);
      lines.push(`r${n}.messageHeader.encryptionContext.Tenant;`);
      return sites(lines.join('\n'));
    };
    expect(chain(4)).toHaveLength(1);
    expect(chain(5)).toEqual([]);
  });
});

describe('where a site is', () => {
  it('lines and columns of the call, the enclosing function, the offset, the factory', () => {
    const code = `import { EncryptCommand } from '@aws-sdk/client-kms';
function ctx(t: string) { return { Tenant: t }; }
new EncryptCommand({ KeyId: 'k', EncryptionContext: { A: 1 } });
function seal() {
  return new EncryptCommand({
    KeyId: 'k', EncryptionContext: ctx('t') });
}`;
    const [top, inner] = contextSitesOfFile(ts, '/p/dir/../app.ts', code);
    expect({ file: top.file, line: top.line, column: top.column, endLine: top.endLine, endColumn: top.endColumn, scope: top.scope, factory: top.factory }).toEqual({
      file: '/p/app.ts',
      line: 3,
      column: 0,
      endLine: 3,
      endColumn: 63,
      scope: -1,
      factory: null,
    });
    expect(top.start).toBe(code.indexOf('new EncryptCommand'));
    expect({ line: inner.line, column: inner.column, endLine: inner.endLine, endColumn: inner.endColumn, scope: inner.scope, factory: inner.factory }).toEqual({
      line: 5,
      column: 9,
      endLine: 6,
      endColumn: 46,
      scope: code.indexOf('function seal'),
      factory: '/p/app.ts#ctx',
    });
    expect(inner.start).toBe(code.lastIndexOf('new EncryptCommand'));
  });
});
