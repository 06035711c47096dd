// npm run test:sdk-compat: installKmsEngine against @aws-sdk/client-kms and client-s3 releases about a year older
// than the lockfile's, installed into a temporary folder (network needed; not part of npm test).
//   node scripts/sdk-compat.mjs [--kms <version>] [--s3 <version>] [--keep]
// Without versions, each package's newest release published at least 365 days before the lockfile's.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const DAY = 24 * 60 * 60 * 1000;

let args;
try {
  args = parseArgs({ options: { kms: { type: 'string' }, s3: { type: 'string' }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
} catch (error) {
  process.stderr.write(`sdk-compat: ${error.message}\nUsage: node scripts/sdk-compat.mjs [--kms <version>] [--s3 <version>] [--keep]\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write('Usage: node scripts/sdk-compat.mjs [--kms <version>] [--s3 <version>] [--keep]\n');
  process.exit(0);
}

const lock = JSON.parse(readFileSync(path.join(repo, 'package-lock.json'), 'utf8'));
const locked = (name) => lock.packages[`node_modules/${name}`]?.version;

/** The newest 3.x release of `name` published at least a year before `version` was. */
function yearOlder(name, version) {
  const times = JSON.parse(execFileSync(npm, ['view', name, 'time', '--json'], { encoding: 'utf8' }));
  const cutoff = Date.parse(times[version]) - 365 * DAY;
  const candidates = Object.entries(times)
    .filter(([v, when]) => /^3\.\d+\.\d+$/.test(v) && Date.parse(when) <= cutoff)
    .sort((a, b) => Date.parse(b[1]) - Date.parse(a[1]));
  if (candidates.length === 0) throw new Error(`no ${name} 3.x release a year older than ${version}`);
  return candidates[0][0];
}

const lockedKms = locked('@aws-sdk/client-kms');
const lockedS3 = locked('@aws-sdk/client-s3');
const kms = args.kms ?? yearOlder('@aws-sdk/client-kms', lockedKms);
const s3 = args.s3 ?? yearOlder('@aws-sdk/client-s3', lockedS3);
const folder = mkdtempSync(path.join(tmpdir(), 'kms-sdk-compat-'));
process.stdout.write(`sdk-compat: lockfile client-kms ${lockedKms}, client-s3 ${lockedS3}; testing client-kms ${kms}, client-s3 ${s3} in ${folder}\n`);
try {
  writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'kms-sdk-compat', private: true }));
  execFileSync(npm, ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', `@aws-sdk/client-kms@${kms}`, `@aws-sdk/client-s3@${s3}`], { cwd: folder, stdio: 'inherit' });
  const result = spawnSync(process.execPath, [path.join(repo, 'node_modules/vitest/vitest.mjs'), 'run', 'test/engine/install.test.ts'], {
    cwd: repo, stdio: 'inherit', env: { ...process.env, KMS_SDK_COMPAT_DIR: folder },
  });
  process.stdout.write(`sdk-compat: client-kms ${kms} / client-s3 ${s3}: ${result.status === 0 ? 'passed' : 'FAILED'}\n`);
  process.exitCode = result.status ?? 1;
} finally {
  if (!args.keep) rmSync(folder, { recursive: true, force: true });
}
