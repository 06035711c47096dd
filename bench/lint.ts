// Lint-overhead benchmark (issue 7). Not part of `npm test`: run `npm run bench` (or `npm run bench:lint`).
// Generates realistic projects (bench/generate.ts) and times, in fresh processes, alternating, after a warm-up:
//   A = typescript-eslint parser + projectService, no rules; B = A + kms.configs.all; C = A + recommendedTypeChecked;
//   E = A + one rule that does nothing, the baseline any real configuration starts from.
// Prints medians and the ratios B/A and C/A, the per-rule times ESLint reports (stats) for B, and the scaling of
// B−A per file across project sizes. Writes the lint section of bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { alternate, heapMb, median, runChild } from './child.js';
import { generateProject } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '2000' },
    reps: { type: 'string', default: '5' },
    scaling: { type: 'string', default: '500,1000,2000,4000' },
    'no-scaling': { type: 'boolean', default: false },
    'no-reference': { type: 'boolean', default: false },
  },
});
const files = Number(values.files);
const reps = Number(values.reps);
if (!Number.isInteger(files) || files < 10 || !Number.isInteger(reps) || reps < 1) {
  console.error('bench/lint: --files must be an integer ≥ 10 and --reps an integer ≥ 1');
  process.exit(2);
}
const scaling = values['no-scaling'] ? [] : String(values.scaling).split(',').map(Number);
if (scaling.some((n) => !Number.isInteger(n) || n < 10)) {
  console.error('bench/lint: --scaling takes comma-separated integers ≥ 10');
  process.exit(2);
}

type Mode = 'A' | 'B' | 'C' | 'E';

interface Run {
  mode: Mode;
  ms: number;
  cpuMs: number;
  files: number;
  byRule: Record<string, number>;
  ruleTimes: Record<string, number>;
}

function runOnce(mode: string, dir: string, stats = false): Run {
  return runChild<Run>(path.join(here, 'lint-run.mjs'), [mode, dir, ...(stats ? ['stats'] : [])]);
}

function measure(dir: string, modes: Mode[], repetitions: number) {
  const runs = alternate(modes, repetitions, (mode) => runOnce(mode, dir), (mode, i, run) =>
    process.stderr.write(`  ${path.basename(dir)} ${mode} #${i}: ${(run.ms / 1000).toFixed(2)} s (cpu ${(run.cpuMs / 1000).toFixed(2)} s)\n`),
  );
  const times = Object.fromEntries([...runs].map(([m, rs]) => [m, rs.map((r) => r.ms)]));
  const cpu = Object.fromEntries([...runs].map(([m, rs]) => [m, rs.map((r) => r.cpuMs)]));
  const medians = Object.fromEntries(Object.entries(times).map(([m, t]) => [m, median(t)]));
  const cpuMedians = Object.fromEntries(Object.entries(cpu).map(([m, t]) => [m, median(t)]));
  // Runs of one repetition are adjacent in time and share the machine's state of the moment: the median of the
  // per-repetition ratios cancels slow drift (another tenant's load) that the ratio of medians does not.
  const ratios = (m: string, base = 'A') => times[m].map((t, i) => t / times[base][i]);
  const pairedRatio = (m: string, base = 'A') => median(ratios(m, base));
  return { medians, cpuMedians, times, ratios, pairedRatio };
}

const root = path.join(here, '.work');
execFileSync('npm', ['run', 'build'], { stdio: 'ignore', cwd: path.join(here, '..') });

const lines: string[] = [];
const log = (s = '') => {
  console.log(s);
  lines.push(s);
};

const resultsFile = path.join(here, 'RESULTS.md');
const main = generateProject(root, files);
log(`## Lint overhead (${files} files, ${main.awsFiles} of them calling KMS/S3)`);
log();
const modes: Mode[] = values['no-reference'] ? ['A', 'E', 'B'] : ['A', 'E', 'B', 'C'];
const overhead = measure(main.dir, modes, reps);
const { A, B, C } = overhead.medians;
log('| run | median (s) | all runs (s) |');
log('| --- | ---: | --- |');
for (const m of modes) log(`| ${m} | ${(overhead.medians[m] / 1000).toFixed(2)} | ${overhead.times[m].map((t) => (t / 1000).toFixed(2)).join(', ')} |`);
log();
log(`- **B/A = ${(B / A).toFixed(3)}** (ratio of wall-clock medians; target ≤ 1.05)`);
log(`- B/A, median of the ${reps} per-repetition ratios: ${overhead.pairedRatio('B').toFixed(3)} (each: ${overhead.ratios('B').map((r) => r.toFixed(3)).join(', ')})`);
log(`- B/A in CPU time (medians of user+system): ${(overhead.cpuMedians.B / overhead.cpuMedians.A).toFixed(3)}`);
if (C) log(`- C/A = ${(C / A).toFixed(3)} (typescript-eslint recommendedTypeChecked, for reference; per-repetition ${overhead.pairedRatio('C').toFixed(3)})`);
const { E } = overhead.medians;
log(`- E/A = ${(E / A).toFixed(3)}, per-repetition ${overhead.pairedRatio('E').toFixed(3)}: E is A plus one rule that does nothing, what`);
log('  ESLint itself adds once any rule is configured (why: README, Performance; `npm run bench:context` measures it).');
log(`- **B/E = ${(B / E).toFixed(3)}** (per-repetition ${overhead.pairedRatio('B', 'E').toFixed(3)}; each: ${overhead.ratios('B', 'E').map((r) => r.toFixed(3)).join(', ')}): the plugin's own cost over that.`);
log();
// One untimed B run with ESLint's stats on (they slow the run they measure, so never in the timed runs).
const statsRun = runOnce('B', main.dir, true);
log('### Per-rule cost (ESLint stats: the rule times TIMING=1 prints, per file; one separate B run)');
log();
log('| rule | total ms | findings |');
log('| --- | ---: | ---: |');
const rt = statsRun.ruleTimes;
for (const [rule, ms] of Object.entries(rt).sort((a, b) => b[1] - a[1])) {
  log(`| ${rule} | ${ms.toFixed(1)} | ${statsRun.byRule[rule] ?? 0} |`);
}
log();
const ruleTotal = Object.values(rt).reduce((a, b) => a + b, 0);
// Time inside the rules' listeners, type-checker questions included: the part of B−A that does not depend on how
// busy the machine's memory was during two separate runs.
log(`All rules together: ${ruleTotal.toFixed(0)} ms, ${((100 * ruleTotal) / statsRun.ms).toFixed(1)}% of that run's ${(statsRun.ms / 1000).toFixed(1)} s.`);
const rulesPerFile = new Map<number, number>([[files, ruleTotal / files]]);
log();
writeResults();

if (scaling.length) {
  log('## Scaling: cost of the plugin per file');
  log();
  log('Wall-clock B−A of separate processes carries the noise described above; the last column is the time ESLint');
  log("measures inside our rules (create() and listeners, stats run), the part of B−A that is the plugin's own work, per file.");
  log();
  log('| files | repetitions | A median (s) | E median (s) | B median (s) | (B−A)/file (ms) | (B−E)/file (ms) | B/A per repetition | B/E per repetition | rules (stats) ms/file |');
  log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const n of scaling) {
    const project = n === files ? main : generateProject(root, n);
    // Small projects are cheap to repeat and noisier relative to their length: more repetitions there.
    const repetitions = n === files ? reps : n <= 500 ? Math.max(reps, 5) : 3;
    const m = n === files ? overhead : measure(project.dir, ['A', 'E', 'B'], repetitions);
    if (!rulesPerFile.has(n)) {
      const run = runOnce('B', project.dir, true);
      rulesPerFile.set(n, Object.values(run.ruleTimes).reduce((a, b) => a + b, 0) / n);
    }
    const diff = m.medians.B - m.medians.A;
    const own = m.medians.B - m.medians.E;
    log(`| ${n} | ${repetitions} | ${(m.medians.A / 1000).toFixed(2)} | ${(m.medians.E / 1000).toFixed(2)} | ${(m.medians.B / 1000).toFixed(2)} | ${(diff / n).toFixed(2)} | ${(own / n).toFixed(2)} | ${m.pairedRatio('B').toFixed(3)} | ${m.pairedRatio('B', 'E').toFixed(3)} | ${rulesPerFile.get(n)!.toFixed(2)} |`);
    writeResults(); // a later size that fails (time, memory) leaves the rows measured so far
  }
  log();
}

writeResults();
console.log(`\nwrote ${path.relative(process.cwd(), resultsFile)}`);

/** Writes the lint section of bench/RESULTS.md (the engine section after its marker is kept). */
function writeResults(): void {
  const header = [
    '# Benchmark results',
    '',
    `Regenerated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}.`,
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${process.platform} ${os.release()}, Node ${process.version}.`,
    `Command: \`npx tsx bench/lint.ts --files ${files} --reps ${reps}${scaling.length ? ` --scaling ${scaling.join(',')}` : ' --no-scaling'}\`; every run a fresh \`node --max-old-space-size=${heapMb}\` process.`,
    '',
    'Noise: wall-clock medians of fresh processes on a shared 2-core VM. Runs of one mode differ by several percent',
    'within one benchmark, and far more between two VMs of the same kind. Over 40% of the baseline is V8 scavenging',
    "a multi-GB heap (typescript-eslint's projectService keeps every file's AST and the Program; `npm run bench:context`",
    'reports the minor-GC time), and that cost moves with the memory bandwidth other tenants leave. Runs of one repetition are',
    'adjacent, so the median of per-repetition ratios is the steadier B/A; CPU time (user+system) is given beside',
    'wall time. Per-rule times are from one separate run with ESLint stats on, and include the first type-checker',
    'question of the file (whichever rule asks first pays for it).',
    '',
  ];
  const previous = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '';
  const engineSection = previous.includes('<!-- engine -->') ? previous.slice(previous.indexOf('<!-- engine -->')) : '';
  fs.writeFileSync(resultsFile, [...header, '<!-- lint -->', ...lines, engineSection].join('\n') + '\n');
}
