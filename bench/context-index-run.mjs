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
const { default: kms } = await import(pathToFileURL(path.join(pluginDir, 'index.js')).href);
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
  JSON.stringify({ scope, ms, ruleMs, files: results.length, findings, builds: contextIndexStats.builds, repository: repositoryStats }) + '\n',
);
