import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// KMS_LINT_CLI runs these tests against another build of kms-lint (an older one, or one with a planted defect).
const otherCli = process.env.KMS_LINT_CLI;
export const cliPath = otherCli ? path.resolve(otherCli) : path.join(repoRoot, 'dist/cli/index.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** `npm test` builds first; a lone `vitest run test/cli` rebuilds only when src/ is newer than dist/. */
export function ensureBuilt(): void {
  if (otherCli) return;
  let built = 0;
  try {
    built = statSync(path.join(repoRoot, 'dist/index.js')).mtimeMs;
    built = Math.min(built, statSync(cliPath).mtimeMs);
  } catch {
    built = 0;
  }
  if (built >= newestMtime(path.join(repoRoot, 'src'))) return;
  // Test files run in parallel: one builds, the others wait for it and then find dist/ fresh.
  const lock = path.join(os.tmpdir(), `kms-lint-build-${Buffer.from(repoRoot).toString('hex').slice(-32)}.lock`);
  try {
    mkdirSync(lock);
  } catch {
    const deadline = Date.now() + 300_000;
    while (existsSync(lock) && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    if (existsSync(lock)) throw new Error(`${lock} held for 5 minutes: remove it if no build is running`);
    return;
  }
  try {
    build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function build(): void {
  // tsc emits despite type errors, which `npm run typecheck` reports; only a missing output is fatal here.
  const r = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, encoding: 'utf8' });
  if (r.error || !existsSync(cliPath)) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
}

const made: string[] = [];

/** A throwaway project: the given files, and this repository's node_modules (for the AWS SDK types). */
export function makeProject(files: Record<string, string>, { nodeModules = true } = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kms-lint-'));
  made.push(dir);
  if (nodeModules) symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

export function removeProjects(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built kms-lint as a user would, outside CI so the CI variable of the test run does not leak in. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const { CI: _ci, ...base } = process.env;
    const child = spawn(process.execPath, [cliPath, ...args], { cwd, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** A tsconfig like a real service's: strict, NodeNext, sources under src/. */
export const TSCONFIG = JSON.stringify(
  {
    compilerOptions: {
      strict: true,
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      skipLibCheck: true,
      types: [],
    },
    include: ['src'],
  },
  null,
  2,
);
