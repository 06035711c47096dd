import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { contextIndexOf, contextIndexStats, contextSitesOfFile } from '../../src/sdk/contextIndex.js';
import { ruleTesterRoot } from '../RuleTester.js';

const driftDir = path.join(ruleTesterRoot, 'context-drift');

function lintWith(projectOptions: Record<string, unknown>) {
  return new ESLint({
    cwd: ruleTesterRoot,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, parserOptions: { ...projectOptions, tsconfigRootDir: ruleTesterRoot } },
        plugins: { kms: plugin as never },
        rules: { 'kms/consistent-encryption-context': 'error' },
      },
    ],
  });
}

describe('context index: built once per Program', () => {
  const files = fs.readdirSync(driftDir).filter((f) => f.endsWith('.ts')).map((f) => path.join(driftDir, f));

  it('linting N files with a project builds the index once and walks only files that mention a context', async () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    const before = contextIndexStats.builds;
    const results = await lintWith({ project: './tsconfig.json' }).lintFiles(files);
    expect(results.map((r) => r.messages.filter((m) => m.fatal))).toEqual(files.map(() => []));
    // The siblings agree with each other: no finding anywhere.
    expect(results.flatMap((r) => r.messages)).toEqual([]);
    expect(contextIndexStats.builds - before).toBe(1);
  });

  it('linting N files with projectService builds the index once', async () => {
    const before = contextIndexStats.builds;
    // In CI (CI=true) typescript-estree infers a single run and would serve these files from the Program
    // the previous test built, so the index would rightly be reused; opt out to see projectService's own Program.
    const results = await lintWith({ projectService: true, disallowAutomaticSingleRunInference: true }).lintFiles(files);
    expect(results.map((r) => r.messages.filter((m) => m.fatal))).toEqual(files.map(() => []));
    expect(results).toHaveLength(files.length);
    expect(contextIndexStats.builds - before).toBe(1);
  });

  it('caches by Program and skips files whose text never mentions a context', () => {
    const program = ts.createProgram({
      rootNames: files,
      options: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true, skipLibCheck: true, types: ['node'] },
    });
    const before = contextIndexStats.builds;
    const index = contextIndexOf(ts, program);
    expect(contextIndexOf(ts, program)).toBe(index);
    expect(contextIndexStats.builds - before).toBe(1);
    // factory.ts holds keys but no context field: it is read only through ledger.ts's imports.
    expect(index.filesWalked).toBe(files.length - 1);
    const summary = index.sites
      .map((s) => `${path.basename(s.file)}:${s.line} ${s.side} ${s.source}/${s.operation}.${s.field} [${s.keys.map((k) => `${k.name}@${path.basename(k.file)}:${k.line}`).join(' ')}]${s.complete ? '' : ' partial'}`)
      .sort();
    expect(summary).toEqual([
      'esdk-writer.ts:7 encrypt esdk/encrypt.encryptionContext [ParcelId@esdk-writer.ts:7]',
      'ledger.ts:11 encrypt kms/GenerateDataKeyWithoutPlaintext.EncryptionContext [ArchiveShard@factory.ts:6]',
      'ledger.ts:7 encrypt kms/GenerateDataKey.EncryptionContext [LedgerBook@factory.ts:3]',
      's3-writer.ts:6 encrypt s3/PutObject.SSEKMSEncryptionContext [MediaOwner@s3-writer.ts:12]',
      'vault-writer.ts:6 encrypt kms/Encrypt.EncryptionContext [VaultName@vault-writer.ts:6]',
      'writer.ts:7 encrypt kms/Encrypt.EncryptionContext [ClinicNumber@writer.ts:10 RecordType@writer.ts:10]',
    ]);
    expect(index.sites.find((s) => s.operation === 'GenerateDataKey')?.factory).toMatch(/factory\.ts#ledgerContext$/);
  });
});

describe('context sites of one file (untyped mode)', () => {
  const sites = (code: string) =>
    contextSitesOfFile(ts, '/project/app.ts', code).map((s) => `${s.side} ${s.operation}.${s.field} ${s.keys.map((k) => k.name).join(',')}${s.complete ? '' : ' partial'} ${s.keyRef ?? '-'}`);

  it('skips text that never mentions a context without parsing it', () => {
    expect(contextSitesOfFile(ts, '/project/a.ts', 'this is not even ( valid')).toEqual([]);
  });

  it('reads ReEncrypt source and destination contexts on their sides', () => {
    expect(
      sites(`import { ReEncryptCommand } from '@aws-sdk/client-kms';
new ReEncryptCommand({ CiphertextBlob: b, SourceKeyId: 'alias/old', DestinationKeyId: 'alias/new', SourceEncryptionContext: { A: '1' }, DestinationEncryptionContext: { A: '1', B: '2' } });`),
    ).toEqual(['decrypt ReEncrypt.SourceEncryptionContext A alias/old', 'encrypt ReEncrypt.DestinationEncryptionContext A,B -']);
  });

  it('follows spreads, Object.freeze, conditionals and local helpers; computed keys make a site partial', () => {
    expect(
      sites(`import * as AWS from 'aws-sdk';
const kms = new AWS.KMS();
const base = Object.freeze({ App: 'x' });
function ctx(id: string) { return { ...base, Id: id }; }
declare const k: string; declare const c: boolean;
kms.encrypt({ KeyId: KEY, Plaintext: p, EncryptionContext: ctx('1') });
kms.decrypt({ CiphertextBlob: b, EncryptionContext: { ...base, [k]: 'v' } });
kms.decrypt({ CiphertextBlob: b, EncryptionContext: c ? { App: 'x' } : { App: 'x', Id: '1' } });`),
    ).toEqual(['encrypt Encrypt.EncryptionContext App,Id /project/app.ts#KEY', 'decrypt Decrypt.EncryptionContext App partial -', 'decrypt Decrypt.EncryptionContext App,App,Id partial -']);
  });

  it('ignores look-alikes: a client that is not the SDK, a shadowed import, an unrelated object', () => {
    expect(
      sites(`import { DecryptCommand } from './mine.js';
class KMS { decrypt(x: object) {} }
new DecryptCommand({ EncryptionContext: { A: '1' } });
new KMS().decrypt({ EncryptionContext: { A: '1' } });
const encryptionContext = { tenantId: 't' };`),
    ).toEqual([]);
    expect(
      sites(`import { EncryptCommand } from '@aws-sdk/client-kms';
function f(EncryptCommand: any) { return new EncryptCommand({ EncryptionContext: { A: '1' } }); }`),
    ).toEqual([]);
  });
});
