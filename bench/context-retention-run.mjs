// One lint run of the rule-context diagnostic (bench/context-retention.ts) in a fresh process.
// Usage: node bench/context-retention-run.mjs <A|E|E*|B|B*> <projectDir>
//   A: no rules; E: one rule that does nothing; B: kms.configs.all (bench/lint-configs.mjs).
//   E*, B*: the same with ESLint's FileContext#extend replaced by one that copies the file context's six fields
//   into each rule context instead of making the per-file FileContext the rule context's prototype.
// Why: V8 gives every new prototype a new hidden class (map), and maps live in the old generation. Such a map points
// at the per-file FileContext, which points at the file's SourceCode (ESTree AST, tokens, scope manager), so all of
// it survives every young-generation GC until the next full GC: it is promoted instead of dying young.
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance, PerformanceObserver, constants } from 'node:perf_hooks';
import { ESLint } from 'eslint';
import { lintConfigs } from './lint-configs.mjs';

const [mode, dir] = process.argv.slice(2);
if (!['A', 'E', 'E*', 'B', 'B*'].includes(mode) || !dir) {
  console.error('usage: node bench/context-retention-run.mjs <A|E|E*|B|B*> <projectDir>');
  process.exit(2);
}

if (mode.endsWith('*')) {
  const require = createRequire(import.meta.url);
  const eslintDir = path.dirname(require.resolve('eslint/package.json'));
  let FileContext;
  try {
    ({ FileContext } = require(path.join(eslintDir, 'lib/linter/file-context.js')));
  } catch {
    FileContext = undefined;
  }
  if (typeof FileContext?.prototype?.extend !== 'function' || !/Object\.create\(this\)/.test(String(FileContext.prototype.extend))) {
    console.error(`bench/context-retention-run: ESLint ${require('eslint/package.json').version} does not build rule contexts with Object.create(fileContext); the ${mode} mode does not apply to it`);
    process.exit(3);
  }
  // Same own properties a rule sees through the prototype today; only the prototype link is gone.
  FileContext.prototype.extend = function extend(extension) {
    const { cwd, filename, physicalFilename, sourceCode, languageOptions, settings } = this;
    return Object.freeze({ cwd, filename, physicalFilename, sourceCode, languageOptions, settings, ...extension });
  };
}

const gc = { minor: 0, minorMs: 0, major: 0, majorMs: 0 };
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      gc.minor++;
      gc.minorMs += entry.duration;
    } else if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
      gc.major++;
      gc.majorMs += entry.duration;
    }
  }
});
observer.observe({ entryTypes: ['gc'] });

const { A, E, B } = lintConfigs(dir);
const configs = { A, E, 'E*': E, B, 'B*': B };
const eslint = new ESLint({ cwd: path.resolve(dir), overrideConfigFile: true, overrideConfig: configs[mode] });
const cpuStart = process.cpuUsage();
const start = performance.now();
const results = await eslint.lintFiles(['src/**/*.ts']);
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
// GC entries are delivered asynchronously: let the last ones arrive.
await new Promise((resolve) => setTimeout(resolve, 20));
observer.disconnect();
const byRule = {};
for (const r of results) for (const m of r.messages) byRule[m.ruleId ?? 'fatal'] = (byRule[m.ruleId ?? 'fatal'] ?? 0) + 1;
process.stdout.write(JSON.stringify({ mode, ms, cpuMs: (cpu.user + cpu.system) / 1000, files: results.length, gc, byRule }) + '\n');
