// The crash corpus: every rule of `all` over code nobody on this project wrote — all JavaScript (and TypeScript
// sources) of the installed packages, public repositories fetched for the purpose when they are on disk, and the
// generated benchmark project typed — counting rule exceptions (must be 0), parse errors, findings and every file
// the linter did not actually lint (a configuration problem, never "a file without findings").
// `npm run corpus` runs it whole; `--sample N` takes N files a source (the reduced run inside `npm test`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { generateProject } from '../bench/generate.js';
import plugin from '../src/index.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Larger files are minified bundles: skipped, and counted as skipped. */
export const MAX_FILE_BYTES = 1024 * 1024;
const JS_FILE = /\.(?:c|m)?js$/;
const TS_FILE = /\.(?:c|m)?tsx?$/;
const DECLARATION_FILE = /\.d\.(?:c|m)?tsx?$/;
const TS_PATTERNS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

export interface Finding {
  file: string;
  line: number;
  ruleId: string;
  message: string;
}

export interface SourceCount {
  files: number;
  lines: number;
  /** Files linted with type information (fetched repositories and the generated project). */
  typed: number;
}

export interface CorpusReport {
  files: number;
  lines: number;
  bySource: Record<string, SourceCount>;
  /** Files over MAX_FILE_BYTES, not linted. */
  skippedOversize: string[];
  parseErrors: { file: string; message: string }[];
  findings: Finding[];
  findingsByRule: Record<string, number>;
  /** A rule (or the linter) threw: the corpus fails. */
  crashes: { file: string; error: string }[];
  /** The linter did not lint a file as configured (no matching configuration, ignored, unknown rule): the corpus fails. */
  configProblems: { file: string; message: string }[];
  /** Inline `eslint` comments of third-party code that `noInlineConfig` switched off: counted, harmless. */
  inlineCommentNotes: number;
  /** Fetched repositories found on disk, or why none were linted. */
  repositories: string[];
  seconds: number;
}

export interface CorpusOptions {
  /** The `node_modules` folder whose JavaScript and TypeScript sources are linted; default: this repository's. */
  installed?: string;
  /** Take this many files a source, evenly spread (the reduced run); default: every file. */
  sample?: number;
  /** Size of the generated typed project; 0 for none. Default 1000. */
  typedFiles?: number;
  /** Checked-out repositories to lint (typed where a tsconfig owns a file, untyped otherwise). Default: none. */
  repos?: string[];
  /** The plugin and rules under test; default: this plugin with `configs.all`. */
  plugin?: ESLint.Plugin;
  rules?: Linter.RulesRecord;
  /** Config appended to the corpus config (tests plant mistakes with it). */
  extraConfig?: Linter.Config[];
  log?: (line: string) => void;
}

/** Why a report is a failed run; empty when it passed. */
export function corpusFailures(report: CorpusReport): string[] {
  const reasons: string[] = [];
  if (report.files === 0) reasons.push('no file was linted');
  if (report.crashes.length > 0) reasons.push(`${report.crashes.length} crash(es)`);
  if (report.configProblems.length > 0) reasons.push(`${report.configProblems.length} file(s) the linter did not lint as configured`);
  return reasons;
}

/**
 * The name a file is linted under: its path below the root it was found in, under `corpus/<label>/`, with every
 * `node_modules` segment renamed. Flat config ignores `**\/node_modules/` by default, so linting a package file under
 * its own path lints nothing (ESLint answers "No matching configuration" and runs no rule).
 */
export function corpusFilename(label: string, root: string, file: string): string {
  const segments = path.relative(root, file).split(path.sep).map((s) => (s === 'node_modules' ? '_node_modules' : s));
  return ['corpus', label.replace(/[^\w@.-]+/g, '_'), ...segments].join('/');
}

interface Listing {
  files: string[];
  oversize: string[];
}

/** Every file under `dir` matching `accept` (nested node_modules included, so every installed package counts once). */
function listFiles(dir: string, accept: (name: string) => boolean): Listing {
  const listing: Listing = { files: [], oversize: [] };
  if (!fs.existsSync(dir)) return listing;
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') walk(p);
      } else if (entry.isFile() && accept(entry.name)) {
        if (fs.statSync(p).size > MAX_FILE_BYTES) listing.oversize.push(p);
        else listing.files.push(p);
      }
    }
  };
  walk(dir);
  listing.files.sort();
  return listing;
}

/** An even sample of `n` items (every k-th), so a reduced run still spans the whole tree. */
function sample<T>(items: T[], n: number | undefined): T[] {
  if (!n || items.length <= n) return items;
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]);
}

/** Lines as an editor numbers them: a final newline does not start another. */
export const countLines = (text: string) => (text.match(/\n/g)?.length ?? 0) + (text.length > 0 && !text.endsWith('\n') ? 1 : 0);
const errorText = (err: unknown) => String((err as Error)?.stack ?? err).split('\n').slice(0, 4).join(' | ');
const NO_INLINE_CONFIG_NOTE = /has no effect because you have 'noInlineConfig'/;

function emptyReport(): CorpusReport {
  return {
    files: 0,
    lines: 0,
    bySource: {},
    skippedOversize: [],
    parseErrors: [],
    findings: [],
    findingsByRule: {},
    crashes: [],
    configProblems: [],
    inlineCommentNotes: 0,
    repositories: [],
    seconds: 0,
  };
}

/** Files one source, counted before anything is linted so the report says what was there. */
function countSource(report: CorpusReport, source: string): SourceCount {
  return (report.bySource[source] ??= { files: 0, lines: 0, typed: 0 });
}

/** Sorts one file's messages into findings, parse errors, configuration problems and harmless notes. */
function record(report: CorpusReport, file: string, messages: Linter.LintMessage[], configured: Set<string>): void {
  for (const m of messages) {
    if (m.fatal) report.parseErrors.push({ file, message: `${m.line}:${m.column} ${m.message}` });
    else if (m.ruleId && configured.has(m.ruleId)) {
      report.findings.push({ file, line: m.line, ruleId: m.ruleId, message: m.message });
      report.findingsByRule[m.ruleId] = (report.findingsByRule[m.ruleId] ?? 0) + 1;
    } else if (!m.ruleId && NO_INLINE_CONFIG_NOTE.test(m.message)) report.inlineCommentNotes++;
    else report.configProblems.push({ file, message: `${m.ruleId ? `${m.ruleId}: ` : ''}${m.message}` });
  }
}

/** ESM or script? Try the likelier first and the other on a parse error, so neither guess costs a file. */
function sourceTypes(file: string, text: string): ('module' | 'commonjs')[] {
  if (file.endsWith('.mjs') || file.endsWith('.mts')) return ['module'];
  if (file.endsWith('.cjs') || file.endsWith('.cts')) return ['commonjs'];
  return /^\s*(?:import|export)\s/m.test(text) ? ['module', 'commonjs'] : ['commonjs', 'module'];
}

/** Lints files one by one with `Linter#verify` (no types), under their corpus names. */
function lintUntyped(report: CorpusReport, linter: Linter, source: string, root: string, files: string[], base: Linter.Config[], configured: Set<string>) {
  const count = countSource(report, source);
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const lines = countLines(text);
    const name = corpusFilename(source, root, file);
    count.files++;
    count.lines += lines;
    report.files++;
    report.lines += lines;
    try {
      let messages: Linter.LintMessage[] = [];
      for (const sourceType of sourceTypes(file, text)) {
        const config: Linter.Config[] = [
          ...base,
          // TypeScript needs a `files` pattern of its own: flat config counts `**/*` as matching no file.
          { files: TS_FILE.test(file) ? TS_PATTERNS : ['**/*'], languageOptions: { sourceType, ...(TS_FILE.test(file) ? { parser: tseslint.parser as Linter.Parser } : {}) } },
        ];
        messages = linter.verify(text, config, { filename: name });
        if (!messages.some((m) => m.fatal)) break;
      }
      record(report, name, messages, configured);
    } catch (err) {
      report.crashes.push({ file: name, error: errorText(err) });
    }
  }
}

/** A fetched repository: TypeScript typed with the tsconfig that owns each file, untyped where none does. */
async function lintRepository(report: CorpusReport, dir: string, options: { sample?: number; plugin: ESLint.Plugin; rules: Linter.RulesRecord; extraConfig: Linter.Config[] }, configured: Set<string>, linter: Linter, base: Linter.Config[]) {
  const source = `repository ${path.basename(dir)}`;
  const listing = listFiles(dir, (n) => (JS_FILE.test(n) || TS_FILE.test(n)) && !DECLARATION_FILE.test(n));
  report.skippedOversize.push(...listing.oversize);
  const files = sample(listing.files, options.sample);
  const ts = files.filter((f) => TS_FILE.test(f));
  lintUntyped(report, linter, source, dir, files.filter((f) => !TS_FILE.test(f)), base, configured);
  const count = countSource(report, source);
  const common: Linter.Config[] = [
    { linterOptions: base[0].linterOptions },
    { files: ['**/*'], plugins: { kms: options.plugin }, rules: options.rules },
    ...options.extraConfig,
  ];
  const typed = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    ignore: false,
    overrideConfig: [{ files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tseslint.parser as Linter.Parser, parserOptions: { projectService: true, tsconfigRootDir: dir } } }, ...common],
  });
  for (const file of ts) {
    const text = fs.readFileSync(file, 'utf8');
    const lines = countLines(text);
    const name = corpusFilename(source, dir, file);
    count.files++;
    count.lines += lines;
    report.files++;
    report.lines += lines;
    try {
      const [result] = await typed.lintFiles([file]);
      // A file no tsconfig owns (or whose tsconfig does not load) is linted without types instead.
      if (result.messages.some((m) => m.fatal && /project service|tsconfig|parserOptions/i.test(m.message))) {
        let messages: Linter.LintMessage[] = [];
        for (const sourceType of sourceTypes(file, text)) {
          messages = linter.verify(text, [...base, { files: TS_PATTERNS, languageOptions: { sourceType, parser: tseslint.parser as Linter.Parser } }], { filename: name });
          if (!messages.some((m) => m.fatal)) break;
        }
        record(report, name, messages, configured);
      } else {
        count.typed++;
        record(report, name, result.messages, configured);
      }
    } catch (err) {
      report.crashes.push({ file: name, error: errorText(err) });
    }
  }
}

/** What a fetched repository needs for linting: its sources and the files that say how to parse them. */
const CHECKOUT_FILE = /(?:\.(?:c|m)?[jt]sx?|(?:^|\/)(?:tsconfig[^/]*|package)\.json)$/;

/** Writes the source files of a bare git directory's HEAD into `dest` (git cat-file, one process for all blobs). */
function checkOutSources(gitDir: string, dest: string): void {
  const tree = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-l', '-z', 'HEAD'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wanted: { sha: string; file: string }[] = [];
  for (const row of tree.split('\0')) {
    const match = /^\d+ blob ([0-9a-f]+) +(\d+)\t(.+)$/s.exec(row);
    if (match && Number(match[2]) <= MAX_FILE_BYTES && CHECKOUT_FILE.test(match[3])) wanted.push({ sha: match[1], file: match[3] });
  }
  // Snapshots may lack their largest objects; `--batch` says "missing" for those instead of failing the whole checkout.
  const out = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { input: wanted.map((w) => w.sha).join('\n') + '\n', maxBuffer: 1 << 30 });
  let at = 0;
  for (const { file } of wanted) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const size = /^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1];
    if (size === undefined) continue;
    const target = path.join(dest, file);
    if (!target.startsWith(dest + path.sep)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, out.subarray(at, at + Number(size)));
    at += Number(size) + 1;
  }
}

/**
 * Snapshots under the fetch tool's mirror folder (bare git directories `owner+name/repo`) are checked out once into
 * `into` (outside this repository: inside it, this repository's tsconfig would own their TypeScript; nothing fetched
 * is ever committed). Returns the folders, and why any is missing.
 */
export function checkedOutMirrors(mirrorRoot: string, into: string): { dirs: string[]; problems: string[] } {
  const result = { dirs: [] as string[], problems: [] as string[] };
  if (!fs.existsSync(mirrorRoot)) return result;
  for (const name of fs.readdirSync(mirrorRoot).sort()) {
    const gitDir = path.join(mirrorRoot, name, 'repo');
    if (!fs.existsSync(gitDir)) continue;
    if (!fs.existsSync(path.join(gitDir, 'HEAD'))) {
      result.problems.push(`${name}: not checked out (the snapshot has no git directory; fetch it again)`);
      continue;
    }
    const dest = path.join(into, name);
    try {
      const head = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
      const marker = path.join(dest, '.corpus-commit');
      if (!fs.existsSync(marker) || fs.readFileSync(marker, 'utf8') !== head) {
        fs.rmSync(dest, { recursive: true, force: true });
        fs.mkdirSync(dest, { recursive: true });
        checkOutSources(gitDir, dest);
        fs.writeFileSync(marker, head);
      }
      result.dirs.push(dest);
    } catch (err) {
      result.problems.push(`${name}: not checked out (${String((err as Error).message).split('\n')[0]})`);
    }
  }
  return result;
}

export async function runCorpus(options: CorpusOptions = {}): Promise<CorpusReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const report = emptyReport();
  const lintPlugin = options.plugin ?? (plugin as unknown as ESLint.Plugin);
  const rules = options.rules ?? (plugin.configs.all.rules as Linter.RulesRecord);
  const extraConfig = options.extraConfig ?? [];
  const configured = new Set(Object.keys(rules));
  const linter = new Linter({ configType: 'flat' });
  // Third-party files carry their own `eslint-env`, rule and disable comments; none may switch our rules off or fail a file.
  const base: Linter.Config[] = [
    { linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' } },
    { files: ['**/*'], plugins: { kms: lintPlugin }, rules, languageOptions: { ecmaVersion: 'latest' } },
    ...extraConfig,
  ];

  const installed = options.installed ?? path.join(repo, 'node_modules');
  const js = listFiles(installed, (n) => JS_FILE.test(n));
  const ts = listFiles(installed, (n) => TS_FILE.test(n) && !DECLARATION_FILE.test(n));
  report.skippedOversize.push(...js.oversize, ...ts.oversize);
  for (const [source, listing] of [['installed JavaScript', js], ['installed TypeScript sources', ts]] as const) {
    const files = sample(listing.files, options.sample);
    log(`${source}: ${files.length} of ${listing.files.length} files (untyped)`);
    lintUntyped(report, linter, source, installed, files, base, configured);
  }

  for (const dir of options.repos ?? []) {
    log(`repository ${dir}`);
    report.repositories.push(dir);
    await lintRepository(report, dir, { sample: options.sample, plugin: lintPlugin, rules, extraConfig }, configured, linter, base);
  }

  const typedCount = options.typedFiles ?? 1000;
  if (typedCount > 0) {
    const project = generateProject(path.join(repo, 'bench', '.work'), typedCount);
    const source = 'generated project (typed)';
    log(`${source}: ${project.files.length} files`);
    const count = countSource(report, source);
    const eslint = new ESLint({
      cwd: project.dir,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser, parserOptions: { projectService: true, tsconfigRootDir: project.dir } } },
        { files: ['**/*.ts'], plugins: { kms: lintPlugin }, rules },
        ...extraConfig,
      ],
    });
    for (const file of project.files) {
      const lines = countLines(fs.readFileSync(file, 'utf8'));
      const name = path.relative(repo, file);
      count.files++;
      count.typed++;
      count.lines += lines;
      report.files++;
      report.lines += lines;
      try {
        const [result] = await eslint.lintFiles([file]);
        record(report, name, result.messages, configured);
      } catch (err) {
        report.crashes.push({ file: name, error: errorText(err) });
      }
    }
  }
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

function printReport(report: CorpusReport, showFindings: boolean): void {
  const n = (x: number) => x.toLocaleString('en-US');
  console.log(`files linted: ${n(report.files)}, lines: ${n(report.lines)}`);
  for (const [source, c] of Object.entries(report.bySource)) {
    console.log(`  ${source}: ${n(c.files)} files, ${n(c.lines)} lines${c.typed ? `, ${n(c.typed)} typed` : ''}`);
  }
  console.log(`repositories: ${report.repositories.length === 0 ? 'none on disk' : report.repositories.map((r) => path.basename(r)).join(', ')}`);
  console.log(`skipped (over ${MAX_FILE_BYTES / 1024 / 1024} MiB, minified bundles): ${report.skippedOversize.length}`);
  console.log(`parse errors (files not checked, not crashes): ${report.parseErrors.length}`);
  for (const p of report.parseErrors.slice(0, 10)) console.log(`  ${p.file}: ${p.message}`);
  console.log(`inline eslint comments switched off by noInlineConfig: ${n(report.inlineCommentNotes)}`);
  console.log(`findings: ${report.findings.length}`);
  for (const [rule, count] of Object.entries(report.findingsByRule).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`  ${rule}: ${count}`);
  if (showFindings) for (const f of report.findings) console.log(`  ${f.file}:${f.line} ${f.ruleId} ${f.message.slice(0, 120)}`);
  console.log(`configuration problems (files not linted as configured): ${report.configProblems.length}`);
  for (const c of report.configProblems.slice(0, 20)) console.log(`  ${c.file}: ${c.message}`);
  console.log(`crashes: ${report.crashes.length}`);
  for (const c of report.crashes.slice(0, 20)) console.log(`  ${c.file}: ${c.error}`);
  console.log(`time: ${report.seconds.toFixed(1)} s`);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        sample: { type: 'string' },
        typed: { type: 'string', default: '1000' },
        repo: { type: 'string', multiple: true, default: [] },
        mirrors: { type: 'string', default: path.resolve(repo, '..', '.mirror') },
        'no-mirrors': { type: 'boolean', default: false },
        findings: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    console.error(`corpus: ${(err as Error).message}`);
    process.exit(2);
  }
  const sampleSize = values.sample === undefined ? undefined : Number(values.sample);
  const typedFiles = Number(values.typed);
  if ((sampleSize !== undefined && (!Number.isInteger(sampleSize) || sampleSize < 1)) || !Number.isInteger(typedFiles) || typedFiles < 0) {
    console.error('corpus: --sample takes an integer ≥ 1 and --typed an integer ≥ 0');
    process.exit(2);
  }
  const missing = values.repo.filter((r) => !fs.statSync(r, { throwIfNoEntry: false })?.isDirectory());
  if (missing.length > 0) {
    console.error(`corpus: --repo must name a checked-out folder: ${missing.join(', ')}`);
    process.exit(2);
  }
  const mirrors = values['no-mirrors'] ? { dirs: [], problems: [] } : checkedOutMirrors(values.mirrors, path.join(os.tmpdir(), 'kms-corpus-repos'));
  for (const problem of mirrors.problems) console.error(`corpus: ${problem}`);
  const repos = [...values.repo.map((r) => path.resolve(r)), ...mirrors.dirs];
  const report = await runCorpus({ sample: sampleSize, typedFiles, repos, log: (s) => console.error(s) });
  printReport(report, values.findings);
  const failures = corpusFailures(report);
  if (failures.length > 0) console.log(`FAILED: ${failures.join('; ')}`);
  process.exit(failures.length === 0 ? 0 : 1);
}
