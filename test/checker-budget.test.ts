// Counts type-checker work instead of timing it: a file with no AWS code costs the plugin no checker question.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateChainProject } from '../bench/generate-chain.js';
import plugin from '../src/index.js';
import { checkerStats } from '../src/sdk/typeInfo.js';

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-checker-budget-'));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true }, include: ['*.ts'] }));
  // Ordinary code full of look-alikes: encrypt/decrypt/sign methods, send(), loops, logs, classes named like commands.
  fs.writeFileSync(
    path.join(dir, 'plain.ts'),
    `export class Cipher { encrypt(s: string) { return s; } decrypt(s: string) { return s; } sign(s: string) { return s; } }
const c = new Cipher();
const client = { send: async (x: unknown) => x };
export async function run(items: string[]) {
  for (const item of items) { c.encrypt(item); await client.send({ item }); console.log(c.decrypt(item)); }
  return items.map((i) => c.sign(i));
}
class Box { constructor(readonly v: string) {} }
export const boxes = [new Box('a'), new Map(), new Error('x')];
`,
  );
  fs.writeFileSync(
    path.join(dir, 'aws.ts'),
    `import { KMSClient, DecryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export const open = (b: Uint8Array) => kms.send(new DecryptCommand({ CiphertextBlob: b }));
`,
  );
});

function lint(file: string, cwd = dir) {
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: cwd } } },
      plugin.configs.all as never,
    ],
  });
  return eslint.lintFiles([path.join(cwd, file)]);
}

function resetCounts() {
  checkerStats.symbolQueries = 0;
  checkerStats.typeQueries = 0;
}

it('asks the checker nothing about a file without AWS code', async () => {
  checkerStats.symbolQueries = 0;
  checkerStats.typeQueries = 0;
  const [result] = await lint('plain.ts');
  expect(result.messages).toEqual([]);
  expect(checkerStats.symbolQueries + checkerStats.typeQueries).toBe(0);
});

it('does ask it about a file that calls KMS (the counter can fail)', async () => {
  checkerStats.symbolQueries = 0;
  checkerStats.typeQueries = 0;
  await lint('aws.ts');
  expect(checkerStats.symbolQueries + checkerStats.typeQueries).toBeGreaterThan(0);
});

// The second benchmark shape (bench/generate-chain.ts, issue 20): every module imports its neighbour, so every file
// passes the "imports a project module" prefilter, and the Program holds the SDK's declarations (node_modules is
// linked in, so the SDK's real types resolve). Counts, not times.
describe('a project whose modules import their neighbours (the chain benchmark shape)', () => {
  let chainRoot: string;
  let chain: ReturnType<typeof generateChainProject>;
  const fileOf = (marker: string) => {
    const file = chain.files.find((f) => fs.readFileSync(f, 'utf8').includes(marker));
    if (!file) throw new Error(`the generated project has no file with ${marker}`);
    return path.relative(chain.dir, file);
  };

  beforeAll(() => {
    chainRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-checker-budget-chain-'));
    chain = generateChainProject(chainRoot, 30, 0.2);
    fs.symlinkSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules'), path.join(chain.dir, 'node_modules'), 'dir');
    // A client held in a field declared with the SDK's class and assigned elsewhere (not a chain shape).
    fs.writeFileSync(
      path.join(chain.dir, 'src', 'field-client.ts'),
      `import type { KMS } from '@aws-sdk/client-kms';
export class Sealer {
  private kms!: KMS;
  attach(kms: KMS) { this.kms = kms; }
  seal(data: Uint8Array) { return this.kms.encrypt({ KeyId: 'alias/k', Plaintext: data }); }
}
`,
    );
  });
  afterAll(() => fs.rmSync(chainRoot, { recursive: true, force: true }));

  it('asks the checker nothing about a module of records that only look like KMS requests', async () => {
    const file = fileOf('class Command');
    resetCounts();
    const [result] = await lint(file, chain.dir);
    expect(result.messages).toEqual([]);
    expect(checkerStats.symbolQueries + checkerStats.typeQueries).toBe(0);
  });

  it('asks about a module that calls KMS correctly no more type questions than its size guard needs', async () => {
    const file = fileOf('GenerateDataKeyCommand');
    resetCounts();
    const [result] = await lint(file, chain.dir);
    expect(result.messages).toEqual([]);
    // The SDK calls are recognised by symbol (the commands' classes, the clients' methods).
    expect(checkerStats.symbolQueries).toBeGreaterThan(0);
    // Three type questions: the byte size of `token` and the guard's comparison (no-oversized-encrypt,
    // no-unbounded-encrypt). None about `randomBytes(12)`, `createCipheriv(…)` or `Buffer.concat(…)`, whose type
    // would make the checker resolve the SDK's generic `send` through the data key they are given: it was 6.
    expect(checkerStats.typeQueries).toBeLessThanOrEqual(3);
  });

  it('asks no symbol question about a method call on a receiver that syntax shows to be an SDK client', async () => {
    const file = fileOf('legacy.putObject');
    resetCounts();
    const [result] = await lint(file, chain.dir);
    expect(result.messages).toEqual([]);
    // One symbol question for each `new` of an SDK class (S3Client, S3, PutObjectCommand); none for
    // `legacy.putObject(…)`, whose receiver is `new S3(…)` imported from the SDK: its symbol made the checker check
    // that construction against the SDK's config types, in every such file.
    expect(checkerStats.symbolQueries).toBe(3);
    expect(checkerStats.typeQueries).toBe(0);
  });

  it('asks no symbol question about the methods of a client held in a constructor parameter property', async () => {
    const file = fileOf('this.kms.generateDataKey');
    resetCounts();
    const [result] = await lint(file, chain.dir);
    expect(result.messages).toEqual([]);
    // `constructor(private readonly kms: KMS)`: the annotation names the SDK's class. The symbol of
    // `this.kms.generateDataKey` made the checker infer the whole class's type (its methods' return types) per file.
    expect(checkerStats.symbolQueries).toBe(0);
  });

  it('asks no symbol question about the methods of a client in a field declared with its class, and still recognises them', async () => {
    resetCounts();
    const [result] = await lint(path.join('src', 'field-client.ts'), chain.dir);
    expect(result.messages.map((m) => `${m.line} ${m.ruleId}`).sort()).toEqual(['5 kms/no-unbounded-encrypt', '5 kms/require-encryption-context']);
    expect(checkerStats.symbolQueries).toBe(0);
  });
});

// Without the KMS client's or SDK v2's declarations in the Program (packages not installed), no value can have a KMS
// response type: the data-key tracking then asks nothing about the awaited calls of a file that names the SDK.
describe('a project whose KMS client declarations are not installed', () => {
  const files = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true }, include: ['*.ts'] }),
    'store.ts': `export async function load(id: string) { return { id, bytes: new Uint8Array(32) }; }
export function keep(...values: unknown[]) { return values.length; }
`,
    'vault.ts': `import { KMSClient } from '@aws-sdk/client-kms';
import { keep, load } from './store.js';
export const client: KMSClient | undefined = undefined;
export async function restore() {
  const first = await load('a');
  const second = await load('b');
  const third = load('c');
  return keep(first, second, third);
}
`,
  };
  const roots: string[] = [];
  const project = (withSdk: boolean) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-checker-budget-nosdk-'));
    roots.push(root);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, name), text);
    if (withSdk) fs.symlinkSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules'), path.join(root, 'node_modules'), 'dir');
    return root;
  };
  afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  it('asks no type question about awaited project calls', async () => {
    const root = project(false);
    resetCounts();
    const [result] = await lint('vault.ts', root);
    expect(result.messages).toEqual([]);
    expect(checkerStats.typeQueries).toBe(0);
  });

  it('asks about them once the declarations are there (the count can fail)', async () => {
    const root = project(true);
    resetCounts();
    const [result] = await lint('vault.ts', root);
    expect(result.messages).toEqual([]);
    expect(checkerStats.typeQueries).toBeGreaterThan(0);
  });
});
