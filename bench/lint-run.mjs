// One timed lint run in a fresh process (the parent alternates configurations and takes medians).
// Usage: node bench/lint-run.mjs <A|B|C|E> <projectDir> [stats] [patterns=<glob>,<glob>…]   (the modes: bench/lint-configs.mjs)
// Without patterns it lints src/**/*.ts, the generated projects' layout.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ESLint } from 'eslint';
import { lintConfigs } from './lint-configs.mjs';

const [mode, dir, ...rest] = process.argv.slice(2);
// ESLint's per-rule stats time every rule call, which costs time itself: only the separate stats run asks for them.
const stats = rest.includes('stats');
const patternsArg = rest.find((a) => a.startsWith('patterns='));
const patterns = patternsArg ? patternsArg.slice('patterns='.length).split(',').filter(Boolean) : ['src/**/*.ts'];
if (!['A', 'B', 'C', 'E'].includes(mode) || !dir || patterns.length === 0 || rest.some((a) => a !== 'stats' && !a.startsWith('patterns='))) {
  console.error('usage: node bench/lint-run.mjs <A|B|C|E> <projectDir> [stats] [patterns=<glob>,<glob>…]');
  process.exit(2);
}
const configs = lintConfigs(dir);
const eslint = new ESLint({ cwd: path.resolve(dir), overrideConfigFile: true, overrideConfig: configs[mode], stats });
const cpuStart = process.cpuUsage();
const start = performance.now();
const results = await eslint.lintFiles(patterns);
const ms = performance.now() - start;
// CPU time of the whole process (main thread plus V8's GC and compiler threads): less sensitive than wall time to
// other work on the machine, though not immune to it.
const cpuUsage = process.cpuUsage(cpuStart);
const cpuMs = (cpuUsage.user + cpuUsage.system) / 1000;
const byRule = {};
const ruleTimes = {};
// The first findings by place, so that a benchmark that expects none can say what it found.
const examples = [];
for (const r of results) {
  for (const m of r.messages) {
    byRule[m.ruleId ?? 'fatal'] = (byRule[m.ruleId ?? 'fatal'] ?? 0) + 1;
    if (examples.length < 20) examples.push(`${path.relative(path.resolve(dir), r.filePath)}:${m.line}:${m.column} ${m.ruleId ?? 'fatal'} ${m.message.slice(0, 160)}`);
  }
  // ESLint's stats: per-rule time spent in each pass of each file.
  for (const pass of r.stats?.times?.passes ?? []) {
    for (const [rule, t] of Object.entries(pass.rules ?? {})) ruleTimes[rule] = (ruleTimes[rule] ?? 0) + t.total;
  }
}
process.stdout.write(JSON.stringify({ mode, ms, cpuMs, files: results.length, byRule, ruleTimes, examples }) + '\n');
