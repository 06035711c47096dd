// kms-lint on a workspace: one run at the root (one projectService for every package's tsconfig) against
// linting each package separately from its own directory (one kms-lint process a package, one after another,
// as a per-package CI loop does). Both modes must report the same findings; the figure is root / per-package.
//
//   npx tsx bench/monorepo.ts [--packages 20] [--files 50] [--reps 5] [--write]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { alternate, median } from './child.js';
import { generateProject } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.join(here, '..');
const cli = path.join(repoRoot, 'dist/cli/index.js');

const { values } = parseArgs({
  options: {
    packages: { type: 'string', default: '20' },
    files: { type: 'string', default: '50' },
    reps: { type: 'string', default: '5' },
    write: { type: 'boolean', default: false },
  },
});
const packageCount = Number(values.packages);
const filesPerPackage = Number(values.files);
const reps = Number(values.reps);
for (const [flag, n, min] of [['--packages', packageCount, 1], ['--files', filesPerPackage, 1], ['--reps', reps, 1]] as const) {
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} expects a whole number of at least ${min}`);
}

/**
 * A workspace with no root tsconfig.json: packages/p<i>/project-<n>/ each with its own tsconfig.json and n files.
 * Its own git repository outside this one, as a cloned monorepo is: kms-lint and the repository-scope
 * encryption-context index both look at the enclosing git work tree, and bench/.work is inside this repository.
 */
function generateWorkspace(): { root: string; packages: string[] } {
  const root = path.join(os.tmpdir(), `kms-lint-bench-monorepo-${packageCount}x${filesPerPackage}`);
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ private: true, workspaces: ['packages/*/*'] }));
  fs.writeFileSync(path.join(root, '.gitignore'), 'node_modules\n');
  if (!fs.existsSync(path.join(root, '.git'))) execFileSync('git', ['init', '-q'], { cwd: root });
  // The SDK's and Node's types, as after npm ci at the workspace root.
  const modules = path.join(root, 'node_modules');
  if (!fs.existsSync(modules)) fs.symlinkSync(path.join(repoRoot, 'node_modules'), modules, 'dir');
  const packages = Array.from({ length: packageCount }, (_, i) => generateProject(path.join(root, 'packages', `p${i}`), filesPerPackage, undefined, { ownRepository: false }).dir);
  return { root, packages };
}

interface Run {
  ms: number;
  findings: string[];
  files: number;
}

/** One kms-lint process; exit 1 (findings) is expected, anything else is a failed benchmark. */
function kmsLint(cwd: string): Run {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, '-f', 'json'], { cwd, encoding: 'utf8', maxBuffer: 256 << 20 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`kms-lint in ${cwd} exited ${r.status}: ${r.stderr}`);
  const results = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number }> }>;
  return {
    ms,
    files: results.length,
    findings: results.flatMap((x) => x.messages.map((m) => `${x.filePath}:${m.line}:${m.column} ${m.ruleId}`)),
  };
}

execFileSync('npm', ['run', 'build'], { stdio: 'ignore', cwd: repoRoot });
const { root, packages } = generateWorkspace();
const modes = ['root', 'per-package'] as const;
const runOnce = (mode: (typeof modes)[number]): Run => {
  if (mode === 'root') return kmsLint(root);
  const runs = packages.map(kmsLint);
  return { ms: runs.reduce((t, r) => t + r.ms, 0), files: runs.reduce((n, r) => n + r.files, 0), findings: runs.flatMap((r) => r.findings) };
};

const runs = alternate(modes, reps, runOnce, (mode, rep, r) => console.error(`rep ${rep} ${mode}: ${(r.ms / 1000).toFixed(2)} s, ${r.files} files, ${r.findings.length} findings`));
const rootRuns = runs.get('root')!;
const perPackageRuns = runs.get('per-package')!;
// The comparison only means something when both modes looked at the same files and found the same things.
const same = (a: Run, b: Run) => a.files === b.files && JSON.stringify([...a.findings].sort()) === JSON.stringify([...b.findings].sort());
if (!rootRuns.every((r, i) => same(r, perPackageRuns[i]))) throw new Error('root and per-package runs differ in files or findings');

const ratios = rootRuns.map((r, i) => r.ms / perPackageRuns[i].ms);
const seconds = (rs: Run[]) => rs.map((r) => (r.ms / 1000).toFixed(2)).join(', ');
const rootMedian = median(rootRuns.map((r) => r.ms));
const perPackageMedian = median(perPackageRuns.map((r) => r.ms));
const lines = [
  `## kms-lint on a monorepo (\`npm run bench:monorepo\`, ${new Date().toISOString().slice(0, 10)})`,
  '',
  `${packageCount} packages × ${filesPerPackage} files (${rootRuns[0].files} files, each package its own tsconfig.json, no root tsconfig.json; ` +
    `${rootRuns[0].findings.length} findings in both modes). Root: one \`kms-lint\` at the workspace root. Per package: one \`kms-lint\` ` +
    `process in each package directory, one after another. Wall clock of fresh processes, ${reps} alternating repetitions after one warm-up.`,
  '',
  '| mode | median (s) | all runs (s) |',
  '| --- | ---: | --- |',
  `| root | ${(rootMedian / 1000).toFixed(2)} | ${seconds(rootRuns)} |`,
  `| per package | ${(perPackageMedian / 1000).toFixed(2)} | ${seconds(perPackageRuns)} |`,
  '',
  `- **root / per package = ${(rootMedian / perPackageMedian).toFixed(3)}** (ratio of medians); median of the per-repetition ratios ${median(ratios).toFixed(3)} (each: ${ratios.map((x) => x.toFixed(3)).join(', ')})`,
];
console.log(lines.join('\n'));

if (values.write) {
  // Its own marked block at the end of RESULTS.md, so the other benchmarks' sections stay as they are.
  const file = path.join(here, 'RESULTS.md');
  const previous = fs.readFileSync(file, 'utf8');
  const [open, close] = ['<!-- monorepo -->', '<!-- /monorepo -->'];
  const block = `${open}\n${lines.join('\n')}\n${close}\n`;
  const at = previous.indexOf(open);
  const next = at === -1 ? `${previous.trimEnd()}\n\n${block}` : `${previous.slice(0, at)}${block}${previous.slice(previous.indexOf(close) + close.length + 1)}`;
  fs.writeFileSync(file, next);
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}
