// One lint run of consistent-encryption-context alone, in a fresh process, with ESLint's stats (the rule's own time).
// Usage: node bench/context-index-run.mjs <pluginDir> <repoDir> <program|repository>
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const [pluginDir, dir, scope] = process.argv.slice(2);
if (!pluginDir || !dir || !['program', 'repository'].includes(scope)) {
  console.error('usage: node bench/context-index-run.mjs <pluginDir> <repoDir> <program|repository>');
  process.exit(2);
}
const { default: shipped } = await import(pathToFileURL(path.join(pluginDir, 'index.js')).href);
// The rule's CPU time (process.cpuUsage around create() and each listener), beside ESLint's wall-clock stats: on a
// shared machine another process's time slice lands inside a listener's wall time, not inside its CPU time.
let ruleCpuUs = 0;
const cpuOf = (fn) =>
  function (...args) {
    const before = process.cpuUsage();
    try {
      return fn.apply(this, args);
    } finally {
      const used = process.cpuUsage(before);
      ruleCpuUs += used.user + used.system;
    }
  };
const rule = shipped.rules['consistent-encryption-context'];
const timedRule = {
  ...rule,
  create: cpuOf((context) => Object.fromEntries(Object.entries(rule.create(context)).map(([selector, listener]) => [selector, cpuOf(listener)]))),
};
const kms = { ...shipped, rules: { ...shipped.rules, 'consistent-encryption-context': timedRule } };
const { contextIndexStats, repositoryStats } = await import(pathToFileURL(path.join(pluginDir, 'sdk/contextIndex.js')).href);
const root = path.resolve(dir);
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  stats: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: root } },
      plugins: { kms },
      rules: { 'kms/consistent-encryption-context': ['error', { scope }] },
    },
  ],
});
const start = performance.now();
const results = await eslint.lintFiles(['packages/**/*.ts']);
const ms = performance.now() - start;
let ruleMs = 0;
for (const r of results) {
  for (const pass of r.stats?.times?.passes ?? []) ruleMs += pass.rules?.['kms/consistent-encryption-context']?.total ?? 0;
}
const findings = results
  .flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line}:${m.column} ${m.ruleId ?? 'fatal'} ${m.message}`))
  .sort();
process.stdout.write(
  JSON.stringify({ scope, ms, ruleMs, ruleCpuMs: ruleCpuUs / 1000, files: results.length, findings, builds: contextIndexStats.builds, repository: repositoryStats }) + '\n',
);
