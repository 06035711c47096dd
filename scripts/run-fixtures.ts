// Runs the runnable fixtures (fixtures/types.ts) on a fresh reference engine each and reports what each run
// proved: round trips, KMS requests by operation, data keys handed out and zeroized, refused calls.
//   npx tsx scripts/run-fixtures.ts [file...]     prints a table; exit 1 if a fixture does not behave as declared
// test/fixtures-run.test.ts uses runFixture() and judge().
import { CreateAliasCommand, CreateKeyCommand, type KeySpec, type KeyUsageType } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketEncryptionCommand } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FixtureClients, FixtureSetup, RunnableFixture, RuntimeExpectation } from '../fixtures/types.js';
import { createKmsEngine } from '../src/engine/index.js';

export const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

export interface RefusedCall {
  operation: string;
  error: string;
}

export interface FixtureRunResult {
  /** Relative to fixtures/, e.g. `safe/envelope-encryption-to-s3.ts`. */
  fixture: string;
  kind: 'safe' | 'unsafe';
  /** False for a module without `main`, and for an unsafe fixture that declares no `runtime` (lint-only). */
  runnable: boolean;
  /** `main` resolved. */
  ok: boolean;
  /** The AWS error name (`InvalidCiphertextException`, `KMS.DisabledException`, ...) when `main` rejected. */
  error?: string;
  errorMessage?: string;
  value?: unknown;
  /** KMS requests made while `main` ran (set-up excluded), S3's own KMS requests included. */
  kmsRequests: { total: number; byOperation: Record<string, number> };
  dataKeys: { handedOut: number; zeroized: number; unzeroized: number };
  /** KMS calls that answered with an error while `main` ran. */
  refused: RefusedCall[];
  expectation?: RuntimeExpectation;
  durationMs: number;
}

export interface Verdict {
  pass: boolean;
  /** What the run proved, or why it failed. */
  summary: string;
}

function kindOf(file: string): 'safe' | 'unsafe' {
  const relative = path.relative(FIXTURES_DIR, path.resolve(file)).split(path.sep);
  if (relative[0] === 'safe' || relative[0] === 'unsafe') return relative[0];
  throw new Error(`${file} is not under fixtures/safe or fixtures/unsafe`);
}

/**
 * Which of `main` / `runtime` a fixture exports, read from its source: lint-only fixtures may run code at import
 * time (a Lambda handler's init phase calling KMS, say), so the harness imports only the runnable ones.
 */
export function declaredExports(file: string): { main: boolean; runtime: boolean } {
  const source = fs.readFileSync(file, 'utf8');
  const exported = (name: string) =>
    new RegExp(`export\\s+(?:async\\s+)?(?:function\\*?|const|let|var)\\s+${name}\\b|export\\s*\\{[^}]*\\b${name}\\b[^}]*\\}`).test(source);
  return { main: exported('main'), runtime: exported('runtime') };
}

function validateModule(file: string, kind: 'safe' | 'unsafe', module: Partial<RunnableFixture> & Record<string, unknown>): void {
  if (module.main !== undefined && typeof module.main !== 'function') throw new Error(`${file}: main must be a function`);
  if (module.runtime !== undefined && module.main === undefined) throw new Error(`${file}: declares runtime but exports no main`);
  if (module.runtime !== undefined && kind === 'safe') throw new Error(`${file}: only unsafe fixtures declare runtime`);
}

async function applySetup(engine: ReturnType<typeof createKmsEngine>, setup: FixtureSetup | undefined): Promise<void> {
  const clients = new Map<string, ReturnType<typeof engine.kmsClient>>();
  const kmsIn = (region: string) => {
    let client = clients.get(region);
    if (!client) clients.set(region, (client = engine.kmsClient({ region })));
    return client;
  };
  for (const key of setup?.keys ?? []) {
    const region = key.region ?? 'us-east-1';
    const spec = key.keySpec ?? 'SYMMETRIC_DEFAULT';
    const usage = key.keyUsage ?? (spec.startsWith('HMAC') ? 'GENERATE_VERIFY_MAC' : spec === 'SYMMETRIC_DEFAULT' ? 'ENCRYPT_DECRYPT' : 'SIGN_VERIFY');
    const created = await kmsIn(region).send(
      new CreateKeyCommand({ KeySpec: spec as KeySpec, KeyUsage: usage as KeyUsageType, MultiRegion: key.multiRegion, Description: `fixture key ${key.alias}` }),
    );
    await kmsIn(region).send(new CreateAliasCommand({ AliasName: key.alias, TargetKeyId: created.KeyMetadata!.KeyId! }));
  }
  const s3 = engine.s3Client();
  for (const bucket of setup?.buckets ?? []) {
    await s3.send(new CreateBucketCommand({ Bucket: bucket.name }));
    if (bucket.sseAlgorithm) {
      await s3.send(
        new PutBucketEncryptionCommand({
          Bucket: bucket.name,
          ServerSideEncryptionConfiguration: {
            Rules: [
              {
                ApplyServerSideEncryptionByDefault: { SSEAlgorithm: bucket.sseAlgorithm, KMSMasterKeyID: bucket.keyAlias },
                BucketKeyEnabled: bucket.bucketKeyEnabled,
              },
            ],
          },
        }),
      );
    }
  }
}

function subtractCounts(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [operation, count] of Object.entries(after)) {
    const delta = count - (before[operation] ?? 0);
    if (delta > 0) out[operation] = delta;
  }
  return out;
}

/** Runs one fixture on a fresh engine. Never throws for a fixture's own failure: that is in the result. */
export async function runFixture(file: string): Promise<FixtureRunResult> {
  const absolute = path.resolve(file);
  const kind = kindOf(absolute);
  const fixture = path.relative(FIXTURES_DIR, absolute).split(path.sep).join('/');
  const declared = declaredExports(absolute);
  const module: Partial<RunnableFixture> & Record<string, unknown> =
    declared.main || declared.runtime ? await import(pathToFileURL(absolute).href) : {};
  validateModule(fixture, kind, module);
  const empty: FixtureRunResult = {
    fixture,
    kind,
    runnable: false,
    ok: false,
    kmsRequests: { total: 0, byOperation: {} },
    dataKeys: { handedOut: 0, zeroized: 0, unzeroized: 0 },
    refused: [],
    expectation: module.runtime,
    durationMs: 0,
  };
  // An unsafe fixture is run only for the consequence it declares; without one it is a lint-only example.
  if (typeof module.main !== 'function' || (kind === 'unsafe' && module.runtime === undefined)) return empty;

  const engine = createKmsEngine();
  await applySetup(engine, module.setup);
  const before = engine.requests();
  const auditStart = engine.audit().entries.length;
  const keysBefore = engine.audit().dataKeys?.length ?? 0;
  const clients: FixtureClients = {
    kms: engine.kmsClient(),
    s3: engine.s3Client(),
    kmsAs: (principal) => engine.kmsClient({ principal }),
    kmsIn: (region) => engine.kmsClient({ region }),
  };
  const started = performance.now();
  const result: FixtureRunResult = { ...empty, runnable: true };
  try {
    result.value = await module.main(clients);
    result.ok = true;
  } catch (error) {
    result.error = error instanceof Error ? error.name : typeof error;
    result.errorMessage = error instanceof Error ? error.message : String(error);
  }
  result.durationMs = Math.round(performance.now() - started);
  const after = engine.requests();
  const byOperation = subtractCounts(after.byOperation, before.byOperation);
  result.kmsRequests = { total: Object.values(byOperation).reduce((a, b) => a + b, 0), byOperation };
  const audit = engine.audit();
  result.refused = audit.entries
    .slice(auditStart)
    .filter((entry) => entry.errorCode !== undefined)
    .map((entry) => ({ operation: entry.operation, error: String(entry.errorCode) }));
  const handedOut = (audit.dataKeys?.length ?? 0) - keysBefore;
  const unzeroized = audit.unzeroizedDataKeys.length;
  result.dataKeys = { handedOut, zeroized: handedOut - unzeroized, unzeroized };
  return result;
}

/** Does the run show what the fixture's folder promises? Safe: success, all keys zeroized, nothing refused. */
export function judge(result: FixtureRunResult): Verdict {
  const requests = Object.entries(result.kmsRequests.byOperation)
    .sort(([, a], [, b]) => b - a)
    .map(([operation, count]) => `${operation} ${count}`)
    .join(', ');
  if (!result.runnable) return { pass: true, summary: result.kind === 'unsafe' ? 'declares no run-time consequence (lint only)' : 'exports no main (lint only)' };
  if (result.kind === 'safe') {
    if (!result.ok) return { pass: false, summary: `failed: ${result.error}: ${result.errorMessage}` };
    if (result.dataKeys.unzeroized > 0) return { pass: false, summary: `${result.dataKeys.unzeroized} data key(s) left unzeroized` };
    if (result.refused.length > 0) {
      return { pass: false, summary: `refused: ${result.refused.map((r) => `${r.operation} ${r.error}`).join(', ')}` };
    }
    const keys = result.dataKeys.handedOut === 0 ? 'no data key handed out' : `${result.dataKeys.handedOut} data key(s), all zeroized`;
    return { pass: true, summary: `round trips ok; ${keys}; KMS: ${requests || 'none'}` };
  }
  const expectation = result.expectation;
  if (!expectation) return { pass: false, summary: 'unsafe fixture ran without a declared runtime expectation' };
  if ('error' in expectation) {
    if (result.ok) return { pass: false, summary: `expected ${expectation.error}, but main succeeded` };
    if (result.error !== expectation.error) return { pass: false, summary: `expected ${expectation.error}, got ${result.error}: ${result.errorMessage}` };
    return { pass: true, summary: `fails as AWS does: ${result.error}` };
  }
  if (!result.ok) return { pass: false, summary: `main failed (${result.error}: ${result.errorMessage}) before showing its consequence` };
  if ('unzeroizedDataKeys' in expectation) {
    if (result.dataKeys.unzeroized === 0) return { pass: false, summary: 'expected an unzeroized data key, but every key was zeroized' };
    return { pass: true, summary: `${result.dataKeys.unzeroized} of ${result.dataKeys.handedOut} data key(s) left in memory` };
  }
  const counted = expectation.operation ? (result.kmsRequests.byOperation[expectation.operation] ?? 0) : result.kmsRequests.total;
  const what = expectation.operation ?? 'KMS';
  if (counted < expectation.kmsRequestsAtLeast) {
    return { pass: false, summary: `expected at least ${expectation.kmsRequestsAtLeast} ${what} requests, saw ${counted}` };
  }
  return { pass: true, summary: `${counted} ${what} requests (bound ${expectation.kmsRequestsAtLeast})` };
}

/**
 * The fixtures of one kind: every module directly under fixtures/<kind>/, and in a multi-file fixture folder
 * (a cross-file scenario) the modules that export `main`; the others are that program's helpers.
 */
export function listFixtures(kind: 'safe' | 'unsafe'): string[] {
  const dir = path.join(FIXTURES_DIR, kind);
  if (!fs.existsSync(dir)) return [];
  const isModule = (name: string) => /\.ts$/.test(name) && !name.endsWith('.d.ts');
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && isModule(entry.name)) out.push(full);
    if (entry.isDirectory()) {
      for (const name of fs.readdirSync(full)) {
        const file = path.join(full, name);
        if (isModule(name) && declaredExports(file).main) out.push(file);
      }
    }
  }
  return out.sort();
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function mainCli(argv: string[]): Promise<number> {
  const files = argv.length > 0 ? argv : [...listFixtures('safe'), ...listFixtures('unsafe')];
  const rows = [['fixture', 'result', 'KMS requests', 'data keys (zeroized/total)', 'what it proved']];
  let failures = 0;
  for (const file of files) {
    let result: FixtureRunResult;
    try {
      result = await runFixture(file);
    } catch (error) {
      failures++;
      rows.push([path.relative(FIXTURES_DIR, path.resolve(file)), 'ERROR', '-', '-', error instanceof Error ? error.message : String(error)]);
      continue;
    }
    const verdict = judge(result);
    if (!verdict.pass) failures++;
    rows.push([
      result.fixture,
      !result.runnable ? 'lint-only' : verdict.pass ? 'pass' : 'FAIL',
      result.runnable ? String(result.kmsRequests.total) : '-',
      result.runnable ? `${result.dataKeys.zeroized}/${result.dataKeys.handedOut}` : '-',
      verdict.summary,
    ]);
  }
  process.stdout.write(`${table(rows)}\n\n${files.length - failures} of ${files.length} fixtures behave as declared.\n`);
  return failures === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mainCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`run-fixtures: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
