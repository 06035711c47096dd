/*
 * Every code example in rules-docs/ is linted with its rule, so the docs cannot drift from the rules.
 *
 * Marker convention (also in the README's contributing section):
 *   - A fenced block (```ts, ```tsx, ```js or ```jsx) belongs to the nearest heading above it.
 *   - Under a heading containing ❌ (`### ❌ Incorrect`) the block must get at least one finding of the page's rule.
 *   - Under a heading containing ✅ (`### ✅ Correct`) the block must get none.
 *   - Blocks under other headings (option tables, JSON settings) are not linted.
 *   - `<!-- options: {"name": value} -->` on the line before a block lints it with those rule options.
 * Each block is its own file. TypeScript blocks are linted with types (projectService), JavaScript blocks
 * untyped. Blocks of a project-wide rule (consistent-encryption-context) get a folder and tsconfig.json
 * each, so the rule sees only that example; the other rules are per-file, so their blocks share one
 * project: a project per block would load the AWS SDK's types once per block and run out of memory.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docsDir = path.join(root, 'rules-docs');

interface Example {
  rule: string;
  index: number;
  kind: 'invalid' | 'valid';
  heading: string;
  line: number;
  ext: string;
  code: string;
  options: unknown[];
}

const EXTENSIONS: Record<string, string> = { ts: 'ts', typescript: 'ts', tsx: 'tsx', js: 'js', javascript: 'js', jsx: 'jsx' };

export function examplesOf(rule: string, markdown: string): Example[] {
  const out: Example[] = [];
  const lines = markdown.split('\n');
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w*)\s*$/.exec(lines[i]);
    if (!fence) {
      if (/^#{1,6} /.test(lines[i])) heading = lines[i];
      continue;
    }
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    const ext = EXTENSIONS[fence[1]];
    const kind = heading.includes('❌') ? 'invalid' : heading.includes('✅') ? 'valid' : undefined;
    if (!ext || !kind) continue;
    const optionsComment = /^<!--\s*options:\s*(.*?)\s*-->\s*$/.exec(lines[start - 1] ?? '');
    out.push({
      rule,
      index: out.length,
      kind,
      heading: heading.replace(/^#+\s*/, ''),
      line: start + 1,
      ext,
      code: `${body.join('\n')}\n`,
      options: optionsComment ? [JSON.parse(optionsComment[1])] : [],
    });
  }
  return out;
}

const ruleNames = Object.keys(plugin.rules).sort();
const documented = ruleNames.filter((name) => readdirSync(docsDir).includes(`${name}.md`));
const examples = documented.flatMap((name) => examplesOf(name, readFileSync(path.join(docsDir, `${name}.md`), 'utf8')));

const TSCONFIG = JSON.stringify({
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    jsx: 'preserve',
    types: ['node'],
    noEmit: true,
    // Each block is a module of its own even without import/export, so blocks never share globals.
    moduleDetection: 'force',
  },
  include: ['*.ts', '*.tsx'],
});

/** Rules that read the whole Program: each of their blocks must be the only file of its project. */
const PROJECT_WIDE_RULES = new Set(['consistent-encryption-context']);

let workDir: string;
const messagesByExample = new Map<Example, Linter.LintMessage[]>();
const folderOf = (ex: Example) => (PROJECT_WIDE_RULES.has(ex.rule) ? path.join(ex.rule, String(ex.index)) : 'shared');
const fileOf = (ex: Example) =>
  path.join(folderOf(ex), PROJECT_WIDE_RULES.has(ex.rule) ? `example.${ex.ext}` : `${ex.rule}-${ex.index}.${ex.ext}`);

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'kms-docs-'));
  symlinkSync(path.join(root, 'node_modules'), path.join(workDir, 'node_modules'), 'dir');
  const perExample: Linter.Config[] = [];
  for (const ex of examples) {
    const dir = path.join(workDir, folderOf(ex));
    mkdirSync(dir, { recursive: true });
    if (ex.ext === 'ts' || ex.ext === 'tsx') writeFileSync(path.join(dir, 'tsconfig.json'), TSCONFIG);
    // A project-wide rule compares the whole repository: each of its blocks is a repository of its own.
    if (PROJECT_WIDE_RULES.has(ex.rule)) mkdirSync(path.join(dir, '.git'), { recursive: true });
    writeFileSync(path.join(workDir, fileOf(ex)), ex.code);
    perExample.push({ files: [fileOf(ex)], rules: { [`kms/${ex.rule}`]: ['error', ...ex.options] } });
  }
  const eslint = new ESLint({
    cwd: workDir,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.jsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
      {
        files: ['**/*.ts', '**/*.tsx'],
        languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: workDir } },
      },
      { plugins: { kms: plugin as unknown as ESLint.Plugin } },
      ...perExample,
    ],
  });
  const results = await eslint.lintFiles(examples.map(fileOf));
  for (const ex of examples) {
    const file = path.join(workDir, fileOf(ex));
    messagesByExample.set(ex, results.find((r) => r.filePath === file)?.messages ?? []);
  }
}, 600_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('rule docs examples', () => {
  it('every documented rule has ❌ and ✅ examples to lint', () => {
    for (const name of documented) {
      const kinds = new Set(examples.filter((ex) => ex.rule === name).map((ex) => ex.kind));
      expect([...kinds].sort(), `rules-docs/${name}.md`).toEqual(['invalid', 'valid']);
    }
  });

  it.each(examples.map((ex) => [`${ex.rule}.md:${ex.line} (${ex.heading})`, ex] as const))('%s', (_title, ex) => {
    const messages = messagesByExample.get(ex) ?? [];
    const fatal = messages.filter((m) => m.fatal);
    expect(fatal.map((m) => `${m.line}:${m.column} ${m.message}`), 'the example must parse').toEqual([]);
    const ours = messages.filter((m) => m.ruleId === `kms/${ex.rule}`);
    if (ex.kind === 'invalid') {
      expect(ours.length, `rules-docs/${ex.rule}.md:${ex.line} is marked ❌ but kms/${ex.rule} reports nothing`).toBeGreaterThan(0);
    } else {
      expect(
        ours.map((m) => `${m.line}:${m.column} ${m.message}`),
        `rules-docs/${ex.rule}.md:${ex.line} is marked ✅ but kms/${ex.rule} reports it`,
      ).toEqual([]);
    }
  });
});

describe('the marker convention', () => {
  it('takes the kind from the nearest heading, the options from the comment, and skips unmarked blocks', () => {
    const doc = [
      '# kms/x',
      '## Examples',
      '### ❌ Incorrect',
      '```ts',
      'bad();',
      '```',
      '### ✅ Correct',
      '<!-- options: {"maxBytes": 10} -->',
      '```js',
      'good();',
      '```',
      '## Options',
      '```json',
      '{}',
      '```',
      '```ts',
      'notLinted();',
      '```',
    ].join('\n');
    expect(examplesOf('x', doc).map(({ kind, ext, code, options, line }) => ({ kind, ext, code, options, line }))).toEqual([
      { kind: 'invalid', ext: 'ts', code: 'bad();\n', options: [], line: 4 },
      { kind: 'valid', ext: 'js', code: 'good();\n', options: [{ maxBytes: 10 }], line: 9 },
    ]);
  });
});
