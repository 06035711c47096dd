// The context walker's edges (src/sdk/context/walker.ts): module names that only look like the SDK's, receivers held
// on `this` in the ways classes really write them, receivers syntax cannot type, and the Encryption SDK's encrypt and
// header reads reached by names that are not the SDK's. Each case names what must be found and what must not.
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { ContextSite } from '../../src/sdk/context/types.js';
import { contextSitesOfFile } from '../../src/sdk/contextIndex.js';

const sitesOf = (code: string) => contextSitesOfFile(ts, '/p/app.ts', code);
/** The context keys found, in order: each test's keys name its cases. */
const keysOf = (code: string) => sitesOf(code).flatMap((s: ContextSite) => s.keys.map((k) => k.name));
const ctx = (key: string) => `EncryptionContext: { ${key}: 1 }`;
/** A request no shape recognises (no Plaintext): only a receiver known to be a client makes it a site. */
const bare = (receiver: string, key: string) => `${receiver}.encrypt({ KeyId: 'k', ${ctx(key)} });`;
/** A request with Encrypt's whole shape: a receiver of unknown type makes it a site, one known not to be AWS does not. */
const full = (receiver: string, key: string) => `${receiver}.encrypt({ KeyId: 'k', Plaintext: p, ${ctx(key)} });`;

describe('v2 client modules and look-alike module names', () => {
  it("require('aws-sdk/clients/kms') and a namespace import of it are the client class; names that only contain the SDK's are not", () => {
    expect(
      keysOf(`const KmsRequired = require('aws-sdk/clients/kms');
import * as KmsNamespace from 'aws-sdk/clients/kms';
import S3Required = require('aws-sdk/clients/s3');
import KmsVendored from 'vendor/aws-sdk/clients/kms';
import KmsSuffixed from 'aws-sdk/clients/kmsx';
import { KMS as VendorKms } from 'vendor/aws-sdk';
import { Other } from '@aws-sdk/lib-storage';
import { DynamoDB } from 'aws-sdk';
${bare('new KmsRequired()', 'Required')}
${bare('new KmsNamespace()', 'Namespace')}
new S3Required().putObject({ Bucket: b, Key: k, SSEKMSEncryptionContext: 'eyJTM1JlcXVpcmVkIjoxfQ==' });
${bare('new KmsVendored()', 'Vendored')}
${bare('new KmsSuffixed()', 'Suffixed')}
${bare('new VendorKms()', 'VendorKms')}
new Other({ client, params: { Bucket: b, Key: k, SSEKMSEncryptionContext: 'eyJPdGhlciI6MX0=' } });
new DynamoDB().putObject({ Bucket: b, Key: k, SSEKMSEncryptionContext: 'eyJEeW5hbW8iOjF9' });`),
    ).toEqual(['Required', 'Namespace', 'S3Required']);
  });
});

describe('clients held on this', () => {
  const head = "import { KMS } from '@aws-sdk/client-kms';\n";

  it('only this.<field> of the enclosing class, only a property of that name, only a parameter property of that name', () => {
    expect(
      keysOf(`${head}class A { kms = new KMS({}); m(o) { ${bare('o.kms', 'OtherObject')} } }
class B { kms(): KMS { return new KMS({}); } m() { ${bare('this.kms', 'Method')} } }
class C { constructor(private other: KMS) {} m() { ${bare('this.kms', 'OtherParameter')} } }
class D { kms; constructor(kms: KMS) { this.kms = new KMS({}); } m() { ${bare('this.kms', 'AssignedBesideAPlainParameter')} } }
class E { kms; constructor(); constructor(x?: unknown) { this.kms = new KMS({}); } m() { ${bare('this.kms', 'AfterAnOverload')} } }
class F { kms; constructor() { const unused = 1; this.kms = new KMS({}); } m() { ${bare('this.kms', 'AfterAStatement')} } }
class G { kms; constructor(holder) { holder.kms = new KMS({}); } m() { ${bare('this.kms', 'AssignedElsewhere')} } }
class H { kms; constructor() { this.kms(); } m() { ${bare('this.kms', 'Called')} } }`),
    ).toEqual(['AssignedBesideAPlainParameter', 'AfterAnOverload', 'AfterAStatement']);
  });

  it('a chain of fields is followed as far as a chain of consts', () => {
    const chain = (n: number) => {
      const fields = ['f0 = new KMS({});'];
      for (let i = 1; i <= n; i++) fields.push(`f${i} = this.f${i - 1};`);
      return keysOf(`${head}class Chain { ${fields.join(' ')} m() { ${bare(`this.f${n}`, `Depth${n}`)} } }`);
    };
    expect(chain(9)).toEqual(['Depth9']);
    expect(chain(10)).toEqual([]);
  });

  it('a chain of constructor assignments likewise', () => {
    const chain = (n: number) => {
      const lines = ['this.f0 = new KMS({});'];
      for (let i = 1; i <= n; i++) lines.push(`this.f${i} = this.f${i - 1};`);
      return keysOf(`${head}class Chain { constructor() { ${lines.join(' ')} } m() { ${bare(`this.f${n}`, `Depth${n}`)} } }`);
    };
    expect(chain(9)).toEqual(['Depth9']);
    expect(chain(10)).toEqual([]);
  });
});

describe('receivers syntax cannot type: the request shape decides', () => {
  const head = "class Local { encrypt(x: object) { return x; } }\n";

  it("another object's field, another field of the class, a plain constructor parameter, a call's result: all unknown", () => {
    expect(
      keysOf(`${head}class A { crypto: Local; m(o) { ${full('o.crypto', 'OtherObject')} } }
class B { other: Local; m() { ${full('this.crypto', 'OtherField')} } }
class C { constructor(private other: Local) {} m() { ${full('this.crypto', 'OtherParameter')} } }
class D { constructor(crypto: Local) {} m() { ${full('this.crypto', 'PlainParameter')} } }
class E { constructor() {} crypto: any; m() { ${full('this.crypto', 'AnyAfterConstructor')} } }
${full('make()', 'CallResult')}
${full('registry.crypto', 'ModuleObjectField')}
class F { crypto: Local; m() { ${full('this.crypto', 'Known')} } }`),
    ).toEqual(['OtherObject', 'OtherField', 'OtherParameter', 'PlainParameter', 'AnyAfterConstructor', 'CallResult', 'ModuleObjectField']);
  });

  it('a value known not to be AWS is followed as far as the client chain; past that it is unknown', () => {
    const chain = (n: number) => {
      const lines = [head, 'const v0 = new Local();'];
      for (let i = 1; i <= n; i++) lines.push(`const v${i} = v${i - 1};`);
      lines.push(full(`v${n}`, `Depth${n}`));
      return keysOf(lines.join('\n'));
    };
    expect(chain(8)).toEqual([]);
    expect(chain(12)).toEqual(['Depth12']);
  });
});

describe('the Encryption SDK: encrypt reached by other names', () => {
  const head = "import { buildClient } from '@aws-crypto/client-node';\n";
  const esdkCtx = (key: string) => `{ encryptionContext: { ${key}: 1 } }`;

  it('an element access, an encrypt of another package, a decrypt renamed encrypt, a nested destructuring, a parameter', () => {
    expect(
      keysOf(`${head}import { encrypt as otherEncrypt } from 'other-crypto';
import { decrypt as encryptLookAlike } from '@aws-crypto/client-node';
import { encrypt as seal } from '@aws-crypto/client-browser';
const client = buildClient(policy);
await client['encrypt'](keyring, data, ${esdkCtx('ElementAccess')});
await otherEncrypt(keyring, data, ${esdkCtx('OtherPackage')});
await encryptLookAlike(keyring, data, ${esdkCtx('DecryptRenamed')});
const { encrypt: { inner } } = buildClient(policy);
await inner(keyring, data, ${esdkCtx('Nested')});
function given(esdk) { return esdk.encrypt(keyring, data, ${esdkCtx('Parameter')}); }
const { client: held } = registry;
await held.encrypt(keyring, data, ${esdkCtx('Destructured')});
await registry.client.encrypt(keyring, data, ${esdkCtx('Member')});
await seal(keyring, data, ${esdkCtx('Browser')});`),
    ).toEqual(['Browser']);
  });
});

describe("the Encryption SDK: the header's context reached by other names", () => {
  const head = "import { buildClient, decrypt as directDecrypt } from '@aws-crypto/client-node';\nconst { decrypt } = buildClient(policy);\n";

  it('a directly imported decrypt counts; decrypts of other origins, other calls and other fields do not', () => {
    expect(
      keysOf(`${head}import { decrypt as otherDecrypt } from 'other-crypto';
import { encrypt as notDecrypt } from '@aws-crypto/client-node';
const direct = await directDecrypt(keyring, ct);
direct.messageHeader.encryptionContext.Direct;
const foreign = await otherDecrypt(keyring, ct);
foreign.messageHeader.encryptionContext.Foreign;
const wrong = await notDecrypt(keyring, ct);
wrong.messageHeader.encryptionContext.EncryptResult;
const fetched = await fetchIt();
fetched.messageHeader.encryptionContext.Fetched;
const viaElement = await registry['decrypt'](keyring, ct);
viaElement.messageHeader.encryptionContext.ElementCall;
const viaMember = await registry.decrypt(keyring, ct);
viaMember.messageHeader.encryptionContext.MemberCall;
const { decrypt: { deep } } = buildClient(policy);
const nested = await deep(keyring, ct);
nested.messageHeader.encryptionContext.NestedDestructure;
const { encrypt: renamedEncrypt } = buildClient(policy);
const encrypted = await renamedEncrypt(keyring, ct);
encrypted.messageHeader.encryptionContext.EncryptDestructure;
const result = await decrypt(keyring, ct);
result.header.encryptionContext.OtherField;
const { header } = result;
header.encryptionContext.OtherBinding;
const { messageHeader: headerOnly } = result;
headerOnly.encryptionContext.Renamed;`),
    ).toEqual(['Direct', 'Renamed']);
  });

  it('destructured contexts: only encryptionContext, only from a decrypt result or a header, only reads of that binding', () => {
    expect(
      keysOf(`${head}const result = await decrypt(keyring, ct);
const { messageHeader: { encryptionContext: fromResult, other: notContext } } = result;
fromResult.FromResult;
notContext.NotContext;
const { messageHeader: { encryptionContext: fromElsewhere } } = somethingElse;
fromElsewhere.FromElsewhere;
const { messageHeader: flat } = result;
const { encryptionContext: fromHeader, algorithm } = flat;
fromHeader.FromHeader;
algorithm.Algorithm;
const { encryptionContext: [first] } = result.messageHeader;
const { suite: { encryptionContext: inSuite } } = result;
inSuite.InSuite;
fromHeader['Bracket'];
fromHeader[dynamic];
call(fromHeader).NotARead;
other.fromHeader.NotTheBinding;`),
    ).toEqual(['FromResult', 'FromHeader', 'Bracket']);
  });

  it("a read's location is the key's, a bracket read's the string's (what the suggestion renames)", () => {
    const code = `${head}const { messageHeader } = await decrypt(keyring, ct);
messageHeader.encryptionContext.Tenant;
const { encryptionContext } = messageHeader;
encryptionContext['Stage'];`;
    const renames = sitesOf(code).flatMap((s) => s.keys.map((k) => ({ name: k.name, rename: k.rename, line: s.line, complete: s.complete, side: s.side, operation: s.operation })));
    const tenant = code.indexOf('Tenant');
    const stage = code.indexOf("'Stage'");
    expect(renames).toEqual([
      { name: 'Tenant', rename: { kind: 'key', start: tenant, end: tenant + 'Tenant'.length }, line: 4, complete: false, side: 'decrypt', operation: 'messageHeader' },
      { name: 'Stage', rename: { kind: 'string-key', start: stage, end: stage + "'Stage'".length }, line: 6, complete: false, side: 'decrypt', operation: 'messageHeader' },
    ]);
  });

  it('a binding shadowed in a block or by a parameter is another value', () => {
    expect(
      keysOf(`${head}const { messageHeader: { encryptionContext } } = await decrypt(keyring, ct);
encryptionContext.Outer;
{ const encryptionContext = other(); encryptionContext.Block; }
const read = (encryptionContext) => encryptionContext.Parameter;
function nested() { return encryptionContext.Closure; }`),
    ).toEqual(['Outer', 'Closure']);
  });
});
