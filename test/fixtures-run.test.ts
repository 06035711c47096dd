// Runs every runnable fixture on a fresh reference engine (scripts/run-fixtures.ts):
// fixtures/safe/*.ts exporting main must succeed with every data key zeroized and no KMS call refused;
// fixtures/unsafe/*.ts exporting runtime must show exactly that consequence.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredExports, FIXTURES_DIR, judge, listFixtures, runFixture, type FixtureRunResult } from '../scripts/run-fixtures.js';

const safe = listFixtures('safe');
const unsafe = listFixtures('unsafe');
const name = (file: string) => path.relative(FIXTURES_DIR, file);

describe('fixtures run on the reference engine', () => {
  it('has runnable fixtures of both kinds', () => {
    expect(safe.filter((file) => declaredExports(file).main).length).toBeGreaterThanOrEqual(4);
    expect(unsafe.filter((file) => declaredExports(file).runtime).length).toBeGreaterThanOrEqual(4);
  });

  for (const file of safe) {
    it(`safe: ${name(file)} succeeds, zeroizes every data key and has no refused call`, async () => {
      const result = await runFixture(file);
      if (!result.runnable) return;
      expect(result.error ? `${result.error}: ${result.errorMessage}` : undefined).toBeUndefined();
      expect(result.ok).toBe(true);
      expect(result.dataKeys.unzeroized).toBe(0);
      expect(result.refused).toEqual([]);
      expect(judge(result).pass).toBe(true);
    });
  }

  for (const file of unsafe) {
    it(`unsafe: ${name(file)} shows its declared consequence`, async () => {
      const result = await runFixture(file);
      if (!result.runnable) return;
      const verdict = judge(result);
      expect(verdict.summary).not.toMatch(/^expected|^main failed/);
      expect(verdict.pass).toBe(true);
    });
  }
});

describe('judge: a declared consequence that does not happen fails', () => {
  const base: FixtureRunResult = {
    fixture: 'unsafe/x.ts',
    kind: 'unsafe',
    runnable: true,
    ok: true,
    kmsRequests: { total: 3, byOperation: { GenerateDataKey: 3 } },
    dataKeys: { handedOut: 1, zeroized: 1, unzeroized: 0 },
    refused: [],
    durationMs: 1,
  };
  it('an expected error that does not occur, or a different one', () => {
    expect(judge({ ...base, expectation: { error: 'InvalidCiphertextException' } }).pass).toBe(false);
    expect(judge({ ...base, ok: false, error: 'ValidationException', expectation: { error: 'InvalidCiphertextException' } }).pass).toBe(false);
    expect(judge({ ...base, ok: false, error: 'InvalidCiphertextException', expectation: { error: 'InvalidCiphertextException' } }).pass).toBe(true);
  });
  it('an expected unzeroized key when all were zeroized', () => {
    expect(judge({ ...base, expectation: { unzeroizedDataKeys: true } }).pass).toBe(false);
    expect(judge({ ...base, dataKeys: { handedOut: 1, zeroized: 0, unzeroized: 1 }, expectation: { unzeroizedDataKeys: true } }).pass).toBe(true);
  });
  it('a request bound not reached, per operation or in total', () => {
    expect(judge({ ...base, expectation: { kmsRequestsAtLeast: 4, operation: 'GenerateDataKey' } }).pass).toBe(false);
    expect(judge({ ...base, expectation: { kmsRequestsAtLeast: 3, operation: 'Decrypt' } }).pass).toBe(false);
    expect(judge({ ...base, expectation: { kmsRequestsAtLeast: 3 } }).pass).toBe(true);
  });
  it('a safe fixture with a refused call or an unzeroized key fails', () => {
    const safeRun = { ...base, kind: 'safe' as const, fixture: 'safe/x.ts' };
    expect(judge(safeRun).pass).toBe(true);
    expect(judge({ ...safeRun, refused: [{ operation: 'Decrypt', error: 'AccessDeniedException' }] }).pass).toBe(false);
    expect(judge({ ...safeRun, dataKeys: { handedOut: 2, zeroized: 1, unzeroized: 1 } }).pass).toBe(false);
    expect(judge({ ...safeRun, ok: false, error: 'ValidationException' }).pass).toBe(false);
  });
});
