// examples/invoice-vault: a service that builds its own clients at module level, linted by the plugin and tested
// by its own test command (vitest with eslint-plugin-kms/engine/vitest as setup file), here against the root
// node_modules, so CI needs no second install.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const example = path.join(repo, 'examples/invoice-vault');
const scratch = mkdtempSync(path.join(tmpdir(), 'kms-example-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: Array<{ name: string; assertionResults: Array<{ fullName: string; status: string }> }>;
}

describe('examples/invoice-vault', () => {
  it('passes its own tests on the engine, including the one that shows what aws-sdk-client-mock hid', async () => {
    const report = path.join(scratch, 'report.json');
    const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('VITEST')));
    await promisify(execFile)(process.execPath, [path.join(repo, 'node_modules/vitest/vitest.mjs'), 'run', '--root', example, '--reporter=json', `--outputFile=${report}`], {
      cwd: example, env: { ...clean, CI: '1' }, timeout: 120_000,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`the example's tests failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
    });
    const result = JSON.parse(readFileSync(report, 'utf8')) as VitestJsonReport;
    const names = result.testResults.flatMap((file) => file.assertionResults.map((test) => `${test.status}: ${test.fullName}`));
    expect(result.numFailedTests).toBe(0);
    expect(result.numPendingTests).toBe(0);
    expect(result.numPassedTests).toBe(6);
    expect(names).toContain("passed: a tenant reading another tenant's invoice succeeds under aws-sdk-client-mock: the hand-written Decrypt answer ignores the encryption context");
    expect(names).toContain("passed: a tenant reading another tenant's invoice is refused on the engine with InvalidCiphertextException, as KMS refuses it");
    expect(names).toContain('passed: invoice vault on the engine leaves no data-key plaintext in memory');
  });

  it('lints clean with the recommended preset, typed', async () => {
    const eslint = new ESLint({
      cwd: example,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: example } } },
        plugin.configs.recommended as never,
      ],
    });
    const results = await eslint.lintFiles(['src/**/*.ts', 'test/**/*.test.ts']);
    expect(results.map((r) => path.relative(example, r.filePath)).sort()).toEqual(['src/invoices.ts', 'test/invoices.test.ts', 'test/mock-hides-drift.test.ts']);
    expect(results.flatMap((r) => r.messages.map((m) => `${path.relative(example, r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`))).toEqual([]);
  });
});
