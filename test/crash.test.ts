// Every rule over odd input: nothing may throw, typed or untyped. The rule list comes from the plugin,
// so rules added later are covered automatically.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const kmsImports = `import { KMSClient, KMS, EncryptCommand, DecryptCommand, GenerateDataKeyCommand, ReEncryptCommand, SignCommand, CreateGrantCommand } from '@aws-sdk/client-kms';
import { S3Client, PutObjectCommand, PutBucketEncryptionCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
`;

/** Snippets that are valid syntax for ESLint; several are type errors on purpose. */
const oddInputs: Record<string, string> = {
  computedKeys: `${kmsImports}declare const k: string; declare const kms: KMSClient;
await kms.send(new EncryptCommand({ [k]: 'x', ['Plain' + 'text']: 'y'.repeat(5000), [Symbol.iterator]: 1 } as any));
await kms.send(new DecryptCommand({ [\`Key\${k}\`]: 1 } as any));`,
  spreadsOfUnknowns: `${kmsImports}declare const p: any; declare const q: unknown; declare const kms: KMS;
await kms.encrypt({ ...p, ...(q as object), ...(p && p.x), ...(q ? p : undefined) });
await kms.decrypt({ ...p });
new PutObjectCommand({ ...p, ...(p.enc && { ServerSideEncryption: 'aws:kms' }) });`,
  anyEverywhere: `${kmsImports}const kms: any = new KMSClient({});
const input: any = {}; const cmd: any = EncryptCommand;
await kms.send(new cmd(input)); await kms.encrypt(input); await (kms as KMS).decrypt(input);
const dk: any = await kms.send(new GenerateDataKeyCommand(input)); dk.Plaintext.fill(0); console.log(dk.Plaintext);`,
  optionalChaining: `${kmsImports}declare const kms: KMS | undefined; declare const blob: Uint8Array | undefined;
const out = await kms?.decrypt?.({ CiphertextBlob: blob!, KeyId: 'k', EncryptionContext: { a: 'b' } });
console.log(out?.Plaintext?.toString?.());
const dk = await kms?.generateDataKey({ KeyId: 'k', KeySpec: 'AES_256' }); dk?.Plaintext?.fill(0);`,
  getters: `${kmsImports}const params = { get KeyId() { return 'k'; }, set Plaintext(v: string) {}, get Plaintext() { return 'x'.repeat(5000); } };
declare const kms: KMSClient;
await kms.send(new EncryptCommand(params as any));
class Keys { static get id() { return 'alias/a'; } }
await kms.send(new DecryptCommand({ CiphertextBlob: new Uint8Array(1), KeyId: Keys.id }));`,
  decorators: `${kmsImports}function Injectable() { return (t: any) => t; }
function Inject(_: string) { return (_t: any, _k: any, _i?: any) => undefined; }
@Injectable()
export class Vault {
  constructor(@Inject('KMS') private readonly kms: KMSClient) {}
  @Injectable() async open(blob: Uint8Array) { return this.kms.send(new DecryptCommand({ CiphertextBlob: blob })); }
}`,
  weirdControlFlow: `${kmsImports}declare const kms: KMSClient; declare const items: string[];
label: for (const i of items) { switch (i) { case 'a': continue label; default: break label; } }
const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'k', KeySpec: 'AES_256' }));
try { if (items.length) throw new Error(); else return; } catch { } finally { }
do { dk.Plaintext?.fill(0); } while (false);
function* gen() { yield* items; } async function* agen() { for await (const x of gen()) yield x; }
const f = () => () => () => kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: dk.Plaintext }));
export { f, agen };`,
  nodeCryptoOddities: `${kmsImports}declare const key: Buffer; const iv = Buffer.alloc(12);
const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
const alg: any = 'aes-256-gcm'; createCipheriv(alg, key, randomBytes(12));
const d = createDecipheriv('aes-256-gcm', key, iv); d.setAuthTag(Buffer.alloc(8)); d.final();
createCipheriv(...([] as unknown as [string, Buffer, Buffer]));
c.final();`,
  s3Shapes: `${kmsImports}declare const s3: S3Client; declare const cfg: any;
await s3.send(new PutBucketEncryptionCommand({ Bucket: 'b', ServerSideEncryptionConfiguration: { Rules: [...cfg.rules, { ApplyServerSideEncryptionByDefault: cfg.def }] } }));
new Upload({ client: s3, params: cfg });
new Upload(cfg);
new Upload({ client: s3, params: { ...cfg, ServerSideEncryption: cfg.sse ? 'aws:kms' : 'AES256' } });`,
  grantsAndContexts: `${kmsImports}declare const kms: KMSClient; declare const ctx: Record<string, string>;
await kms.send(new CreateGrantCommand({ KeyId: 'k', GranteePrincipal: 'p', Operations: ['Decrypt'], Constraints: { EncryptionContextEquals: { ...ctx, [ctx.k]: 'v' } } }));
await kms.send(new ReEncryptCommand({ CiphertextBlob: new Uint8Array(1), DestinationKeyId: 'k', SourceEncryptionContext: ctx, DestinationEncryptionContext: Object.fromEntries([['a', 'b']]) }));
await kms.send(new SignCommand({ KeyId: 'k', Message: ctx as any, MessageType: ctx.t as any, SigningAlgorithm: undefined as any }));`,
  emptyAndMinimal: ``,
  onlyComments: `// KMS EncryptCommand kms.send(new EncryptCommand({ Plaintext: 'x'.repeat(5000) }))\n/* aws-sdk */`,
  recursionBait: `${kmsImports}const a: any = {}; const b: any = { ...a }; a.self = a; b.KeyId = b.KeyId;
const x = () => x(); const y: any = y;
declare const kms: KMSClient;
function build(): any { return build(); }
await kms.send(new DecryptCommand(build())); await kms.send(new DecryptCommand(b));
const p1 = { ...p2 } as any; const p2 = { ...p1 } as any; await kms.send(new EncryptCommand(p1));`,
  // CDK constructs (require-bucket-key, require-key-rotation) with props nobody should write.
  cdkOddities: `import * as cdk from 'aws-cdk-lib'; import * as s3 from 'aws-cdk-lib/aws-s3'; import * as kms from 'aws-cdk-lib/aws-kms';
import { BucketDeployment, ServerSideEncryption } from 'aws-cdk-lib/aws-s3-deployment'; import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
declare const st: any; declare const args: any[]; declare const k: string; const client = new KMSClient({});
new (s3 as any).Bucket(); new s3.Bucket(...(args as [any, string])); new s3.Bucket(st, 'A', { [k]: 1, ...(st as object) } as any);
const loop: any = { encryption: loop?.encryption, ...loop }; new s3.Bucket(st, 'B', loop);
function again(): any { return again(); } new s3.Bucket(st, 'C', again()); new kms.Key(st, 'K', again());
new s3.Bucket(st, 'D', { encryption: (s3.BucketEncryption as any)[k], encryptionKey: st?.key, bucketKeyEnabled: null as any });
new s3.CfnBucket(st, 'E', { bucketEncryption: { serverSideEncryptionConfiguration: [null as any, ...args, { serverSideEncryptionByDefault: st }] } });
new s3.CfnBucket(st, 'F', { bucketEncryption: { serverSideEncryptionConfiguration: st } });
new BucketDeployment(st, 'G', { sources: [], destinationBucket: st ? new s3.Bucket(st, 'H') : st, serverSideEncryption: ServerSideEncryption[k as 'AWS_KMS'] });
new kms.Key(st, 'L', { rotationPeriod: cdk.Duration.days(Number.NaN), keySpec: k as any, enableKeyRotation: 'yes' as any });
new kms.Key(st, 'M', { rotationPeriod: cdk.Duration.days(...(args as [number])) }); new kms.CfnKey(st, 'N', { rotationPeriodInDays: -1, origin: 42 as any });
await client.send(new CreateKeyCommand({ ...(st as object), KeySpec: undefined })); await client.send(new CreateKeyCommand(again()));`,
};

const jsxInput = `import { KMSClient, EncryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export function Button({ label }: { label: string }) {
  return <button onClick={() => kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: new TextEncoder().encode(label) }))}>{label}</button>;
}`;

const untypedOnly: Record<string, string> = {
  v2Callbacks: `const AWS = require('aws-sdk'); const kms = new AWS.KMS();
kms.decrypt(params, function (err, data) { if (err) throw err; console.log(data.Plaintext.toString()); });
kms.encrypt.call(kms, {}, () => {}); kms['encrypt']({}); new AWS['KMS']().decrypt();
const { encrypt } = kms; encrypt({ Plaintext: 'x'.repeat(9000) });`,
  withStatementFreeSloppy: `var kms = require('aws-sdk/clients/kms'); var k = new kms(); k.generateDataKey({ KeyId: 'a' }, function(e, d) { d && d.Plaintext; });`,
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-crash-'));
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', jsx: 'preserve', experimentalDecorators: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [path.resolve('node_modules/@types')] }, include: ['*.ts', '*.tsx'] }),
  );
  // Let the temp project resolve the SDK from this repository's node_modules.
  fs.symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [name, code] of Object.entries(oddInputs)) fs.writeFileSync(path.join(dir, `${name}.ts`), `export {};\n${code}\n`);
  fs.writeFileSync(path.join(dir, 'jsx.tsx'), jsxInput);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('no rule throws on odd input', () => {
  it('typed (projectService), including JSX and decorators', async () => {
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts', '**/*.tsx'],
          languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: dir, ecmaFeatures: { jsx: true } } },
        },
        plugin.configs.all as never,
      ],
    });
    const results = await eslint.lintFiles(['*.ts', '*.tsx']);
    expect(results.length).toBe(Object.keys(oddInputs).length + 1);
    for (const r of results) expect(r.messages.filter((m) => m.fatal), path.basename(r.filePath)).toEqual([]);
  });

  const linter = new Linter({ configType: 'flat' });
  const untypedConfig = (parser?: unknown): Linter.Config[] => [
    {
      files: ['**/*'],
      plugins: { kms: plugin as never },
      rules: plugin.configs.all.rules as Linter.RulesRecord,
      languageOptions: parser ? { parser: parser as never, parserOptions: { ecmaFeatures: { jsx: true } } } : { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    },
  ];

  for (const [name, code] of Object.entries({ ...oddInputs, ...untypedOnly })) {
    it(`untyped TypeScript parse (no Program): ${name}`, () => {
      const messages = linter.verify(`export {};\n${code}`, untypedConfig(tseslint.parser), { filename: `${name}.tsx` });
      expect(messages.filter((m) => m.fatal)).toEqual([]);
    });
  }
  for (const [name, code] of Object.entries(untypedOnly)) {
    it(`plain JavaScript (espree): ${name}`, () => {
      const messages = linter.verify(code, untypedConfig(), { filename: `${name}.js` });
      expect(messages.filter((m) => m.fatal)).toEqual([]);
    });
  }
  it('plain JavaScript with JSX (espree)', () => {
    const js = `import { KMSClient, EncryptCommand } from '@aws-sdk/client-kms'; const kms = new KMSClient({});
export const B = () => <b onClick={() => kms.send(new EncryptCommand({ Plaintext: 'x'.repeat(5000) }))}/>;`;
    const messages = linter.verify(js, untypedConfig(), { filename: 'b.jsx' });
    expect(messages.filter((m) => m.fatal)).toEqual([]);
  });
});
