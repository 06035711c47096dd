// Lints fixtures/ with the real ESLint class and the `all` preset, as a user's typed project would.
// fixtures/unsafe/**: each line ending in `// expect: kms/<rule>[, kms/<rule>]` must produce exactly those findings.
// fixtures/safe/**: no finding at all.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

function listTs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|cts)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function expectedFindings(file: string): string[] {
  const out: string[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const m = /\/\/\s*expect:\s*(.+)$/.exec(line);
      if (!m) return;
      for (const rule of m[1].split(',').map((r) => r.trim()).filter(Boolean)) out.push(`${i + 1}:${rule}`);
    });
  return out.sort();
}

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tseslint.parser,
        parserOptions: { projectService: true, tsconfigRootDir: root },
      },
    },
    plugin.configs.all as never,
  ],
});

const safe = listTs(path.join(root, 'safe'));
const unsafe = listTs(path.join(root, 'unsafe'));

// One lint run over every fixture (one Program for the whole folder), then each test reads its file's result.
const results = new Map<string, ESLint.LintResult>();
beforeAll(async () => {
  for (const result of await eslint.lintFiles([...safe, ...unsafe])) results.set(result.filePath, result);
}, 600_000);

async function findings(file: string): Promise<string[]> {
  const result = results.get(file);
  expect(result, `${path.relative(root, file)} was linted`).toBeDefined();
  if (!result) return [];
  const fatal = result.messages.filter((m) => m.fatal || !m.ruleId);
  expect(fatal.map((m) => m.message), `${path.relative(root, file)} must parse`).toEqual([]);
  return result.messages.map((m) => `${m.line}:${m.ruleId}`).sort();
}

describe('fixtures lint as annotated', () => {
  it('has fixtures to check', () => {
    expect(safe.length).toBeGreaterThan(0);
    expect(unsafe.length).toBeGreaterThan(0);
  });
  for (const file of safe) {
    it(`safe: ${path.relative(root, file)} has no finding`, async () => {
      expect(await findings(file)).toEqual([]);
    });
  }
  for (const file of unsafe) {
    it(`unsafe: ${path.relative(root, file)} has exactly its expected findings`, async () => {
      const expected = expectedFindings(file);
      expect(expected.length, 'an unsafe fixture must mark at least one finding').toBeGreaterThan(0);
      expect(await findings(file)).toEqual(expected);
    });
  }
});
