// Counts type-checker work instead of timing it: a file with no AWS code costs the plugin no checker question.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, expect, it } from 'vitest';
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

function lint(file: string) {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: dir } } },
      plugin.configs.all as never,
    ],
  });
  return eslint.lintFiles([path.join(dir, file)]);
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
