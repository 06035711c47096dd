// Proof by synthesis for the CDK rules: every stack under fixtures/cdk/ is linted with the `all` preset (typed) and
// synthesized with aws-cdk-lib's assertions module. What the rules say must agree with what CDK would deploy,
// defaults included: a safe stack's template has BucketKeyEnabled / EnableKeyRotation wherever they are needed, and
// an unsafe stack's template shows exactly as many defects of each rule as the rule reports, on the marked lines.
// No network and no AWS credentials: `new App()` without an environment, assets staged in a temporary folder.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { listCdkFixtures, synthesizeFixture, templateDefects, CDK_FIXTURES_DIR } from '../scripts/cdk-template.js';

const root = CDK_FIXTURES_DIR;
const safe = listCdkFixtures('safe');
const unsafe = listCdkFixtures('unsafe');

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: root } } },
    plugin.configs.all as never,
  ],
});

const results = new Map<string, ESLint.LintResult>();
beforeAll(async () => {
  for (const r of await eslint.lintFiles([...safe, ...unsafe])) results.set(r.filePath, r);
}, 600_000);

function marked(file: string): string[] {
  const out: string[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const m = /\/\/\s*expect:\s*(.+)$/.exec(line);
      for (const rule of m ? m[1].split(',').map((r) => r.trim()) : []) out.push(`${i + 1}:${rule}`);
    });
  return out.sort();
}

function findings(file: string): string[] {
  const result = results.get(file);
  expect(result, `${file} was linted`).toBeDefined();
  const messages = result?.messages ?? [];
  expect(messages.filter((m) => m.fatal || !m.ruleId).map((m) => m.message)).toEqual([]);
  return messages.map((m) => `${m.line}:${m.ruleId}`).sort();
}

const count = (list: string[], rule: string) => list.filter((f) => f.endsWith(`:kms/${rule}`)).length;

describe('CDK fixtures agree with synthesis', () => {
  it('has fixtures of both kinds', () => {
    expect(safe.length).toBeGreaterThanOrEqual(3);
    expect(unsafe.length).toBeGreaterThanOrEqual(3);
  });

  it.each(safe.map((f) => [path.relative(root, f), f]))('%s: no finding, and the template needs none', async (_name, file) => {
    expect(findings(file)).toEqual([]);
    const synth = await synthesizeFixture(file);
    if (synth.error || !synth.template) throw synth.error;
    const defects = templateDefects(synth.template);
    expect(defects).toEqual({ 'require-bucket-key': [], 'require-key-rotation': [] });
    // The fixture exercises what it claims: something in it needed a bucket key or rotation and has it.
    expect(JSON.stringify(synth.template)).toMatch(/"BucketKeyEnabled":true|"EnableKeyRotation":true/);
  }, 120_000);

  it.each(unsafe.map((f) => [path.relative(root, f), f]))('%s: the marked findings, as many as the template defects', async (_name, file) => {
    const found = findings(file);
    expect(found).toEqual(marked(file));
    expect(found.length).toBeGreaterThan(0);
    const synth = await synthesizeFixture(file);
    if (synth.synthError) {
      // CDK itself refuses this stack: the rule caught in the editor what synthesis would stop.
      expect(synth.error?.message ?? 'synthesized').toMatch(synth.synthError);
      return;
    }
    if (synth.error || !synth.template) throw synth.error;
    const defects = templateDefects(synth.template);
    expect(defects['require-bucket-key'].length, JSON.stringify(defects)).toBe(count(found, 'require-bucket-key'));
    expect(defects['require-key-rotation'].length, JSON.stringify(defects)).toBe(count(found, 'require-key-rotation'));
  }, 120_000);
});
