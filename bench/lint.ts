// Lint-overhead benchmark (issues 7 and 20). Not part of `npm test`: run `npm run bench` (or `npm run bench:lint`).
// Times, in fresh processes, alternating, after a warm-up:
//   A = typescript-eslint parser + projectService, no rules; B = A + kms.configs.all; C = A + recommendedTypeChecked;
//   E = A + one rule that does nothing, the baseline any real configuration starts from.
// on up to three projects (--project):
//   generated  bench/generate.ts: services, handlers and utilities of ~100 lines, a few percent calling KMS/S3;
//   chain      bench/generate-chain.ts: every module imports its neighbour, --kms-share of them call KMS (all of it
//              correctly), 4% write SSE-KMS with bucket keys, the rest hold KMS-like records; must lint clean: the
//              benchmark fails (exit 1) on any finding there;
//   repo       a real repository fetched with the fetch tool, when its snapshot is on disk (skipped otherwise).
// Prints medians, B/A and B/E, the per-rule times ESLint reports (stats) for B, and the plugin's cost per file
// across project sizes. Writes each project's section of bench/RESULTS.md and keeps every other section.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkedOutMirrors } from '../scripts/corpus.js';
import { alternate, heapMb, median, runChild } from './child.js';
import { generateChainProject } from './generate-chain.js';
import { generateProject, type GeneratedProject } from './generate.js';
import { replaceHeader, replaceSection } from './results.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectKinds = ['generated', 'chain', 'repo'] as const;
type ProjectKind = (typeof projectKinds)[number];

/** Real repositories the benchmark knows how to lint: the mirror folder's name and the files their tsconfigs own. */
const realRepositories = [
  { name: 'aws+aws-encryption-sdk-javascript', patterns: ['modules/*/src/**/*.ts', 'modules/*/test/**/*.ts'] },
  { name: 'scality+Arsenal', patterns: ['index.ts', 'lib/**/*.ts'] },
];

function fail(message: string): never {
  console.error(`bench/lint: ${message}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      files: { type: 'string', default: '2000' },
      reps: { type: 'string', default: '5' },
      scaling: { type: 'string', default: '500,1000,2000,4000' },
      'no-scaling': { type: 'boolean', default: false },
      'scaling-stats-only': { type: 'boolean', default: false },
      'no-reference': { type: 'boolean', default: false },
      project: { type: 'string', default: projectKinds.join(',') },
      'kms-share': { type: 'string', default: '5' },
      shares: { type: 'string', default: '1,5,20' },
      repo: { type: 'string' },
      mirrors: { type: 'string', default: path.resolve(here, '..', '..', '.mirror') },
      results: { type: 'string', default: path.join(here, 'RESULTS.md') },
    },
  }));
} catch (err) {
  fail((err as Error).message);
}
const files = Number(values.files);
const reps = Number(values.reps);
if (!Number.isInteger(files) || files < 10 || !Number.isInteger(reps) || reps < 1) fail('--files must be an integer ≥ 10 and --reps an integer ≥ 1');
const scaling = values['no-scaling'] ? [] : String(values.scaling).split(',').map(Number);
if (scaling.some((n) => !Number.isInteger(n) || n < 10)) fail('--scaling takes comma-separated integers ≥ 10');
// --scaling-stats-only: at the sizes not already timed, only the stats run (per-rule time per file), no A/E/B timings:
// the criterion "per-rule time per file falls or stays flat" in minutes instead of an hour.
const scalingStatsOnly = values['scaling-stats-only'];
if (scalingStatsOnly && scaling.length === 0) fail('--scaling-stats-only needs sizes (--scaling), not --no-scaling');
const projects = String(values.project).split(',').filter(Boolean);
const unknownProject = projects.find((p) => !(projectKinds as readonly string[]).includes(p));
if (unknownProject !== undefined || projects.length === 0) fail(`--project takes a comma-separated list of ${projectKinds.join(', ')}; got "${values.project}"`);
const percent = (s: string, flag: string) => {
  const n = Number(s);
  if (!Number.isFinite(n) || n < 0 || n > 90 || s.trim() === '') fail(`${flag} takes percentages from 0 to 90; got "${s}"`);
  return n;
};
const kmsShare = percent(String(values['kms-share']), '--kms-share');
const shares = String(values.shares).split(',').filter(Boolean).map((s) => percent(s, '--shares'));
const knownRepo = values.repo === undefined ? undefined : realRepositories.find((r) => r.name === values.repo);
if (values.repo !== undefined && !knownRepo) fail(`--repo takes one of ${realRepositories.map((r) => r.name).join(', ')}; got "${values.repo}"`);

type Mode = 'A' | 'B' | 'C' | 'E';

interface Run {
  mode: Mode;
  ms: number;
  cpuMs: number;
  files: number;
  byRule: Record<string, number>;
  ruleTimes: Record<string, number>;
  examples: string[];
}

interface Target {
  dir: string;
  patterns?: string[];
  /** Every KMS use in it is correct: any message (a finding, a parse error) fails the benchmark. */
  mustBeClean?: boolean;
}

function runOnce(mode: Mode, target: Target, stats = false): Run {
  const args = [mode, target.dir, ...(stats ? ['stats'] : []), ...(target.patterns ? [`patterns=${target.patterns.join(',')}`] : [])];
  const run = runChild<Run>(path.join(here, 'lint-run.mjs'), args);
  if (target.mustBeClean && Object.keys(run.byRule).length > 0) {
    console.error(`bench/lint: ${mode} reported ${Object.values(run.byRule).reduce((a, b) => a + b, 0)} messages on ${target.dir}, which must lint clean:`);
    for (const e of run.examples) console.error(`  ${e}`);
    process.exit(1);
  }
  if (run.files === 0) {
    console.error(`bench/lint: ${mode} linted no file in ${target.dir} (${target.patterns?.join(', ') ?? 'src/**/*.ts'})`);
    process.exit(1);
  }
  return run;
}

function measure(target: Target, modes: Mode[], repetitions: number) {
  const runs = alternate(modes, repetitions, (mode) => runOnce(mode, target), (mode, i, run) =>
    process.stderr.write(`  ${path.basename(target.dir)} ${mode} #${i}: ${(run.ms / 1000).toFixed(2)} s (cpu ${(run.cpuMs / 1000).toFixed(2)} s)\n`),
  );
  const times = Object.fromEntries([...runs].map(([m, rs]) => [m, rs.map((r) => r.ms)]));
  const cpu = Object.fromEntries([...runs].map(([m, rs]) => [m, rs.map((r) => r.cpuMs)]));
  const medians = Object.fromEntries(Object.entries(times).map(([m, t]) => [m, median(t)]));
  const cpuMedians = Object.fromEntries(Object.entries(cpu).map(([m, t]) => [m, median(t)]));
  // Runs of one repetition are adjacent in time and share the machine's state of the moment: the median of the
  // per-repetition ratios cancels slow drift (another tenant's load) that the ratio of medians does not.
  const ratios = (m: string, base = 'A') => times[m].map((t, i) => t / times[base][i]);
  const pairedRatio = (m: string, base = 'A') => median(ratios(m, base));
  const messages = Object.entries(runs.get('B')?.[0]?.byRule ?? {});
  const findings = messages.filter(([rule]) => rule.startsWith('kms/')).reduce((a, [, n]) => a + n, 0);
  // Parse errors (files no tsconfig owns) and inline comments naming rules this configuration does not have.
  const otherMessages = messages.filter(([rule]) => !rule.startsWith('kms/')).reduce((a, [, n]) => a + n, 0);
  const lintedFiles = runs.get('B')?.[0]?.files ?? runs.get(modes[0])![0].files;
  return { medians, cpuMedians, times, ratios, pairedRatio, findings, otherMessages, lintedFiles };
}

const root = path.join(here, '.work');
const resultsFile = path.resolve(String(values.results));
const today = () => new Date().toISOString().slice(0, 10);
const machine = () =>
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${process.platform} ${os.release()}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the start`;
const ruleSum = (run: Run) => Object.values(run.ruleTimes).reduce((a, b) => a + b, 0);
const f2 = (ms: number) => (ms / 1000).toFixed(2);

/** One section's lines, printed as they come and written to RESULTS.md after every step (a later failure keeps them). */
class Section {
  readonly lines: string[] = [];
  constructor(
    private readonly name: string,
    private readonly header?: string[],
  ) {}
  log(s = '') {
    console.log(s);
    this.lines.push(s);
  }
  save() {
    let text = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '';
    if (this.header) text = replaceHeader(text, this.header.join('\n'));
    fs.writeFileSync(resultsFile, replaceSection(text, this.name, this.lines.join('\n')));
  }
}

/** The A/E/B(/C) table, the ratios and the per-rule stats of one project, into `out`; returns the stats run. */
function overhead(out: Section, target: Target, modes: Mode[]): { stats: Run; m: ReturnType<typeof measure> } {
  const m = measure(target, modes, reps);
  const { A, B, C, E } = m.medians;
  out.log('| run | median (s) | all runs (s) |');
  out.log('| --- | ---: | --- |');
  for (const mode of modes) out.log(`| ${mode} | ${f2(m.medians[mode])} | ${m.times[mode].map(f2).join(', ')} |`);
  out.log();
  out.log(`- **B/E = ${(B / E).toFixed(3)}** (ratio of medians; per-repetition ${m.pairedRatio('B', 'E').toFixed(3)}; each: ${m.ratios('B', 'E').map((r) => r.toFixed(3)).join(', ')}): the plugin's own cost over ESLint with one rule; target ≤ 1.05.`);
  out.log(`- B/A = ${(B / A).toFixed(3)}, per-repetition ${m.pairedRatio('B').toFixed(3)} (each: ${m.ratios('B').map((r) => r.toFixed(3)).join(', ')}); in CPU time (medians of user+system) ${(m.cpuMedians.B / m.cpuMedians.A).toFixed(3)}.`);
  out.log(`- E/A = ${(E / A).toFixed(3)}, per-repetition ${m.pairedRatio('E').toFixed(3)}: what ESLint itself adds once any rule is configured (README, Performance; \`npm run bench:context\`).`);
  if (C) out.log(`- C/A = ${(C / A).toFixed(3)} (typescript-eslint recommendedTypeChecked, for reference; per-repetition ${m.pairedRatio('C').toFixed(3)}).`);
  out.log(`- Files linted: ${m.lintedFiles}; B's findings: ${m.findings}${m.otherMessages ? `; other messages (parse errors, comments naming rules not configured): ${m.otherMessages}` : ''}.`);
  out.log();
  // One untimed B run with ESLint's stats on (they slow the run they measure, so never in the timed runs).
  const stats = runOnce('B', target, true);
  out.log('Per-rule cost (ESLint stats: the rule times TIMING=1 prints, summed over files; one separate B run):');
  out.log();
  out.log('| rule | total ms | ms/file | findings |');
  out.log('| --- | ---: | ---: | ---: |');
  for (const [rule, ms] of Object.entries(stats.ruleTimes).sort((a, b) => b[1] - a[1])) {
    out.log(`| ${rule} | ${ms.toFixed(1)} | ${(ms / stats.files).toFixed(3)} | ${stats.byRule[rule] ?? 0} |`);
  }
  out.log();
  out.log(`All rules together: ${ruleSum(stats).toFixed(0)} ms (${(ruleSum(stats) / stats.files).toFixed(3)} ms/file), ${((100 * ruleSum(stats)) / stats.ms).toFixed(1)}% of that run's ${(stats.ms / 1000).toFixed(1)} s.`);
  out.log();
  out.save();
  return { stats, m };
}

/** The scaling flags of this run, as the results quote the command. */
function scalingFlags(): string {
  if (!scaling.length) return ' --no-scaling';
  return ` --scaling ${scaling.join(',')}${scalingStatsOnly ? ' --scaling-stats-only' : ''}`;
}

/** The plugin's cost per file across project sizes (wall clock and, steadier, ESLint's per-rule stats). */
function scalingTable(out: Section, make: (n: number) => GeneratedProject, measured: Map<number, { stats: Run; m: ReturnType<typeof measure> }>, mustBeClean: boolean) {
  const topRules = ['kms/require-data-key-zeroization', 'kms/consistent-encryption-context', 'kms/no-kms-in-loop'];
  out.log('Wall-clock B−A and B−E of separate processes carry the noise described at the top; the rule columns are the');
  out.log("time ESLint measures inside our rules (create() and listeners; one stats run), the plugin's own work, per file.");
  out.log();
  out.log(`| files | repetitions | A (s) | E (s) | B (s) | (B−E)/file (ms) | B/E per repetition | rules ms/file | ${topRules.map((r) => `${r.replace('kms/', '')} ms/file`).join(' | ')} |`);
  out.log(`| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ${topRules.map(() => '---:').join(' | ')} |`);
  for (const n of scaling) {
    const project = make(n);
    const target: Target = { dir: project.dir, mustBeClean };
    // Small projects are cheap to repeat and noisier relative to their length: more repetitions there.
    const repetitions = measured.has(n) ? reps : scalingStatsOnly ? 0 : n <= 500 ? Math.max(reps, 5) : 3;
    const m = measured.get(n)?.m ?? (repetitions > 0 ? measure(target, ['A', 'E', 'B'], repetitions) : undefined);
    const stats = measured.get(n)?.stats ?? runOnce('B', target, true);
    const perFile = (ms: number | undefined) => ((ms ?? 0) / stats.files).toFixed(3);
    const timed = m
      ? `${f2(m.medians.A)} | ${f2(m.medians.E)} | ${f2(m.medians.B)} | ${((m.medians.B - m.medians.E) / n).toFixed(2)} | ${m.pairedRatio('B', 'E').toFixed(3)}`
      : '– | – | – | – | –';
    out.log(`| ${n} | ${repetitions} | ${timed} | ${perFile(ruleSum(stats))} | ${topRules.map((r) => perFile(stats.ruleTimes[r])).join(' | ')} |`);
    out.save(); // a later size that fails (time, memory) leaves the rows measured so far
  }
  out.log();
}

execFileSync('npm', ['run', 'build'], { stdio: 'ignore', cwd: path.join(here, '..') });

if (projects.includes('generated')) {
  const header = [
    '# Benchmark results',
    '',
    `Lint sections regenerated by \`npm run bench:lint\` on ${today()}; each benchmark writes its own section between markers and keeps the others.`,
    `Machine: ${machine()}.`,
    `Command: \`npx tsx bench/lint.ts --files ${files} --reps ${reps}${scalingFlags()} --project ${projects.join(',')}\`; every run a fresh \`node --max-old-space-size=${heapMb}\` process.`,
    '',
    'Noise: wall-clock medians of fresh processes on a shared 2-core VM. Runs of one mode differ by several percent',
    'within one benchmark, and far more between two VMs of the same kind. Over 40% of the baseline is V8 scavenging',
    "a multi-GB heap (typescript-eslint's projectService keeps every file's AST and the Program; `npm run bench:context`",
    'reports the minor-GC time), and that cost moves with the memory bandwidth other tenants leave. Runs of one repetition are',
    'adjacent, so the median of per-repetition ratios is the steadier ratio; CPU time (user+system) is given beside',
    'wall time. Per-rule times are from one separate run with ESLint stats on, and include the first type-checker',
    'question of the file (whichever rule asks first pays for it).',
  ];
  const out = new Section('lint', header);
  const main = generateProject(root, files);
  out.log(`## Lint overhead: generated project (bench/generate.ts; ${files} files, ${main.awsFiles} of them calling KMS/S3)`);
  out.log();
  const measured = new Map([[files, overhead(out, { dir: main.dir }, values['no-reference'] ? ['A', 'E', 'B'] : ['A', 'E', 'B', 'C'])]]);
  if (scaling.length) {
    out.log('### Scaling: cost of the plugin per file');
    out.log();
    scalingTable(out, (n) => (n === files ? main : generateProject(root, n)), measured, false);
  }
  out.save();
}

if (projects.includes('chain')) {
  const out = new Section('lint-chain');
  const share = kmsShare / 100;
  const main = generateChainProject(root, files, share);
  out.log(`## Lint overhead: chain project (bench/generate-chain.ts; ${files} files, KMS share ${kmsShare}%, ${main.awsFiles} calling KMS/S3)`);
  out.log();
  out.log(`${today()}, \`npx tsx bench/lint.ts --project chain --files ${files} --reps ${reps} --kms-share ${kmsShare}${scalingFlags()}\`. Machine: ${machine()}.`);
  out.log('Every module imports its neighbour (so every file passes the "imports a project module" prefilter); the KMS');
  out.log('files call GenerateDataKey (zeroized in `finally`), Encrypt behind a size guard and Decrypt with KeyId and');
  out.log('context; 4% write SSE-KMS objects with bucket keys; the rest hold records with Plaintext, KeyId and');
  out.log('EncryptionContext fields given to a local class `Command<n>`. All of it is correct: any finding fails the run.');
  out.log();
  const measured = new Map([[files, overhead(out, { dir: main.dir, mustBeClean: true }, ['A', 'E', 'B'])]]);
  const others = shares.filter((s) => s !== kmsShare);
  if (others.length) {
    out.log(`### Share of KMS files (${files} files; one stats run of B each, 0 findings required)`);
    out.log();
    out.log('| KMS share | files calling KMS/S3 | rules ms | rules ms/file | require-data-key-zeroization ms | consistent-encryption-context ms | no-kms-in-loop ms |');
    out.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const s of [kmsShare, ...others].sort((a, b) => a - b)) {
      const project = s === kmsShare ? main : generateChainProject(root, files, s / 100);
      const stats = s === kmsShare ? measured.get(files)!.stats : runOnce('B', { dir: project.dir, mustBeClean: true }, true);
      const t = (r: string) => (stats.ruleTimes[r] ?? 0).toFixed(0);
      out.log(`| ${s}% | ${project.awsFiles} | ${ruleSum(stats).toFixed(0)} | ${(ruleSum(stats) / stats.files).toFixed(3)} | ${t('kms/require-data-key-zeroization')} | ${t('kms/consistent-encryption-context')} | ${t('kms/no-kms-in-loop')} |`);
      out.save();
    }
    out.log();
  }
  if (scaling.length) {
    out.log(`### Scaling: cost of the plugin per file (chain project, KMS share ${kmsShare}%)`);
    out.log();
    scalingTable(out, (n) => (n === files ? main : generateChainProject(root, n, share)), measured, true);
  }
  out.save();
}

if (projects.includes('repo')) {
  const out = new Section('lint-repo');
  const mirrors = fs.existsSync(values.mirrors) ? checkedOutMirrors(values.mirrors, path.join(os.tmpdir(), 'kms-corpus-repos')) : { dirs: [], problems: [] };
  for (const problem of mirrors.problems) console.error(`bench/lint: ${problem}`);
  const candidates = knownRepo ? [knownRepo] : realRepositories;
  const chosen = candidates.map((r) => ({ ...r, dir: mirrors.dirs.find((d) => path.basename(d) === r.name) })).find((r) => r.dir);
  if (!chosen?.dir) {
    const message = `real repository: skipped, no snapshot of ${candidates.map((r) => r.name.replace('+', '/')).join(' or ')} under ${values.mirrors} (fetch one with the fetch tool, e.g. github:${candidates[0].name.replace('+', '/')})`;
    console.log(message);
  } else {
    out.log(`## Lint overhead: a real repository (${chosen.name.replace('+', '/')}, snapshot from the fetch tool)`);
    out.log();
    out.log(`${today()}, \`npx tsx bench/lint.ts --project repo --reps ${reps}\`: ${chosen.patterns.join(', ')}, typed with each module's own tsconfig (projectService); its dependencies are not installed, so imports of packages resolve to nothing. Machine: ${machine()}.`);
    out.log();
    overhead(out, { dir: chosen.dir, patterns: chosen.patterns }, ['A', 'E', 'B']);
    out.save();
  }
}

console.log(`\nwrote ${path.relative(process.cwd(), resultsFile)}`);
