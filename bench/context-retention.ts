// Diagnostic, not part of `npm run bench`: what ESLint itself costs once any rule is configured (E/A in
// bench/RESULTS.md), and how much of B/A that is. Runs, in fresh processes, alternating, after a warm-up:
//   A (no rules), E (one rule that does nothing), E* (E with rule contexts that do not use the per-file context as
//   their prototype), B (kms.configs.all) and B* (B likewise); see bench/context-retention-run.mjs for why.
// Usage: npx tsx bench/context-retention.ts [--files 500] [--reps 5] [--modes A,E,E*,B,B*]
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { alternate, median, runChild } from './child.js';
import { generateProject } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const allModes = ['A', 'E', 'E*', 'B', 'B*'] as const;
type Mode = (typeof allModes)[number];
const { values } = parseArgs({
  options: { files: { type: 'string', default: '500' }, reps: { type: 'string', default: '5' }, modes: { type: 'string', default: allModes.join(',') } },
});
const files = Number(values.files);
const reps = Number(values.reps);
if (!Number.isInteger(files) || files < 10 || !Number.isInteger(reps) || reps < 1) {
  console.error('bench/context-retention: --files must be an integer ≥ 10 and --reps an integer ≥ 1');
  process.exit(2);
}
const modes = String(values.modes).split(',') as Mode[];
if (!modes.includes('A') || modes.some((m) => !allModes.includes(m)) || new Set(modes).size !== modes.length) {
  console.error(`bench/context-retention: --modes takes distinct modes from ${allModes.join(',')}, A among them`);
  process.exit(2);
}
interface Run {
  mode: Mode;
  ms: number;
  cpuMs: number;
  files: number;
  gc: { minor: number; minorMs: number; major: number; majorMs: number };
  byRule: Record<string, number>;
}

const runOnce = (mode: Mode, dir: string): Run => runChild<Run>(path.join(here, 'context-retention-run.mjs'), [mode, dir]);

execFileSync('npm', ['run', 'build'], { stdio: 'ignore', cwd: path.join(here, '..') });
const project = generateProject(path.join(here, '.work'), files);
const runs = alternate(modes, reps, (mode) => runOnce(mode, project.dir), (mode, i, run) =>
  process.stderr.write(`  ${mode} #${i}: ${(run.ms / 1000).toFixed(2)} s, CPU ${(run.cpuMs / 1000).toFixed(2)} s, ${run.gc.minor} minor GCs (${(run.gc.minorMs / 1000).toFixed(2)} s), ${run.gc.major} major (${(run.gc.majorMs / 1000).toFixed(2)} s)\n`),
);

// The patched modes must lint exactly as the unpatched ones do, or the comparison means nothing.
const findings = (m: Mode) => JSON.stringify(Object.entries(runs.get(m)![0].byRule).sort());
for (const [plain, patched] of [['B', 'B*'], ['E', 'E*']] as const) {
  if (runs.has(plain) && runs.has(patched) && findings(plain) !== findings(patched)) {
    console.error(`bench/context-retention: ${patched} reports differently from ${plain} (${findings(patched)} vs ${findings(plain)})`);
    process.exit(1);
  }
}

const of = (m: Mode, f: (r: Run) => number) => median(runs.get(m)!.map(f));
const perRepetition = (m: Mode, base: Mode, f: (r: Run) => number = (r) => r.ms) => median(runs.get(m)!.map((r, i) => f(r) / f(runs.get(base)![i])));
console.log(`## Rule contexts and young-generation GC (${files} files, ${reps} repetitions, ${new Date().toISOString().slice(0, 10)})`);
console.log();
console.log('| run | median (s) | CPU (s) | minor GCs | minor GC (s) | major GCs | major GC (s) | vs A per repetition | CPU vs A per repetition |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const m of modes) {
  console.log(
    `| ${m} | ${(of(m, (r) => r.ms) / 1000).toFixed(2)} | ${(of(m, (r) => r.cpuMs) / 1000).toFixed(2)} | ${of(m, (r) => r.gc.minor)} | ${(of(m, (r) => r.gc.minorMs) / 1000).toFixed(2)} | ${of(m, (r) => r.gc.major)} | ${(of(m, (r) => r.gc.majorMs) / 1000).toFixed(2)} | ${perRepetition(m, 'A').toFixed(3)} | ${perRepetition(m, 'A', (r) => r.cpuMs).toFixed(3)} |`,
  );
}
console.log();
const pairs = [['B', 'E'], ['B*', 'E*'], ['B*', 'B']] as const;
const present = pairs.filter(([m, base]) => runs.has(m) && runs.has(base));
if (present.length) console.log(present.map(([m, base]) => `${m}/${base} per repetition: ${perRepetition(m, base).toFixed(3)}`).join('; ') + '.');
if (runs.has('B') && runs.has('B*')) console.log('B and B* report the same findings.');
