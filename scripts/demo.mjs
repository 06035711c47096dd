// npm run demo: what a user sees. Lints fixtures/ with the built plugin's `all` preset (typed, through
// fixtures/tsconfig.json) and prints the findings with ESLint's stylish formatter; then runs the fixtures
// on the reference engine (scripts/run-fixtures.ts) and prints what each run proved.
// Exit 0 only when every unsafe fixture is reported, no safe fixture is, and every fixture runs as declared.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import kms from '../dist/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(root, 'fixtures');
const rel = (file) => path.relative(root, file);

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: fixtures } },
    },
    kms.configs.all,
  ],
});

const targets = ['safe', 'unsafe', 'cross', 'types.ts', 'cdk/safe', 'cdk/unsafe'].map((p) => path.join('fixtures', p)).filter((p) => existsSync(path.join(root, p)));
console.log(`Linting ${targets.join(', ')} with eslint-plugin-kms (${Object.keys(kms.configs.all.rules).length} rules, "all" preset, typed)…\n`);
const results = await eslint.lintFiles(targets);
const stylish = await eslint.loadFormatter('stylish');
process.stdout.write(await stylish.format(results));

const problems = [];
let expected = 0;
let reported = 0;
for (const result of results) {
  // fixtures/cdk/safe and cdk/unsafe count as safe and unsafe (CDK stacks: proven by synthesis below).
  const parts = path.relative(fixtures, result.filePath).split(path.sep);
  const kind = parts[0] === 'cdk' ? parts[1] : parts[0];
  const ours = result.messages.filter((m) => m.ruleId?.startsWith('kms/'));
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) problems.push(`${rel(result.filePath)}: does not parse (${fatal[0].message})`);
  if (kind === 'safe' && ours.length > 0) problems.push(`${rel(result.filePath)}: a safe fixture has ${ours.length} finding(s)`);
  if (kind === 'unsafe') {
    // `// expect: kms/a, kms/b` marks two findings on its line.
    const marks = (readFileSync(result.filePath, 'utf8').match(/\/\/ expect:.*$/gm) ?? []).reduce(
      (n, comment) => n + (comment.match(/kms\/[\w-]+/g) ?? []).length,
      0,
    );
    expected += marks;
    reported += ours.length;
    if (ours.length === 0) problems.push(`${rel(result.filePath)}: an unsafe fixture has no finding`);
  }
}
const files = (kind) =>
  results.filter((r) => [kind, path.join('cdk', kind)].some((k) => path.relative(fixtures, r.filePath).startsWith(k + path.sep))).length;
console.log(
  `\nLint: ${files('unsafe')} unsafe fixtures with ${reported} findings (${expected} marked "// expect:"), ${files('safe')} safe fixtures.`,
);

const runner = path.join(root, 'scripts/run-fixtures.ts');
let runnerCode = 0;
if (existsSync(runner)) {
  console.log('\nRunning the fixtures on the reference engine (real AWS SDK v3 clients, no network)…\n');
  // run-fixtures.ts is TypeScript: run it through tsx, as npm scripts do.
  const run = spawnSync(process.execPath, ['--import', 'tsx', runner], { cwd: root, stdio: 'inherit' });
  runnerCode = run.status ?? 1;
  if (runnerCode !== 0) problems.push('scripts/run-fixtures.ts: some fixtures did not behave as declared (see the table)');
}

const cdkSynth = path.join(root, 'scripts/cdk-template.ts');
if (existsSync(path.join(fixtures, 'cdk'))) {
  console.log('\nSynthesizing the CDK fixtures (aws-cdk-lib, no network, no credentials): what each template deploys…\n');
  const synth = spawnSync(process.execPath, ['--import', 'tsx', cdkSynth], { cwd: root, stdio: 'inherit' });
  if (synth.status !== 0) problems.push('scripts/cdk-template.ts: some CDK fixture does not synthesize as declared');
}

if (problems.length > 0) {
  console.error(`\nDemo check failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('\nEvery unsafe fixture is reported, no safe fixture is, and every runnable fixture behaves as declared.');
}
