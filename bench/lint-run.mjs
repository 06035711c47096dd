// One timed lint run in a fresh process (the parent alternates configurations and takes medians).
// Usage: node bench/lint-run.mjs <A|B|C|E> <projectDir> [stats]   (the modes: bench/lint-configs.mjs)
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ESLint } from 'eslint';
import { lintConfigs } from './lint-configs.mjs';

const [mode, dir, statsFlag] = process.argv.slice(2);
// ESLint's per-rule stats time every rule call, which costs time itself: only the separate stats run asks for them.
const stats = statsFlag === 'stats';
if (!['A', 'B', 'C', 'E'].includes(mode) || !dir) {
  console.error('usage: node bench/lint-run.mjs <A|B|C|E> <projectDir> [stats]');
  process.exit(2);
}
const configs = lintConfigs(dir);
const eslint = new ESLint({ cwd: path.resolve(dir), overrideConfigFile: true, overrideConfig: configs[mode], stats });
const cpuStart = process.cpuUsage();
const start = performance.now();
const results = await eslint.lintFiles(['src/**/*.ts']);
const ms = performance.now() - start;
// CPU time of the whole process (main thread plus V8's GC and compiler threads): less sensitive than wall time to
// other work on the machine, though not immune to it.
const cpuUsage = process.cpuUsage(cpuStart);
const cpuMs = (cpuUsage.user + cpuUsage.system) / 1000;
const byRule = {};
const ruleTimes = {};
for (const r of results) {
  for (const m of r.messages) byRule[m.ruleId ?? 'fatal'] = (byRule[m.ruleId ?? 'fatal'] ?? 0) + 1;
  // ESLint's stats: per-rule time spent in each pass of each file.
  for (const pass of r.stats?.times?.passes ?? []) {
    for (const [rule, t] of Object.entries(pass.rules ?? {})) ruleTimes[rule] = (ruleTimes[rule] ?? 0) + t.total;
  }
}
process.stdout.write(JSON.stringify({ mode, ms, cpuMs, files: results.length, byRule, ruleTimes }) + '\n');
