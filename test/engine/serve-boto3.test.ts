// `kms-engine serve` gives a non-JavaScript client the same answers: boto3 (botocore's own parser) drives the loopback
// server through one scenario per class of issue 18 (test/engine/fixtures/boto3-scenarios.py). Without python3 and
// boto3 on the machine the test is skipped, saying so.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKmsEngineServer, type KmsEngineServer } from '../../src/engine/server.js';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/boto3-scenarios.py');
const probe = spawnSync('python3', ['-c', 'import boto3'], { encoding: 'utf8' });
const boto3Missing = probe.error || probe.status !== 0 ? 'python3 with boto3 is not on this machine (python3 -c "import boto3" failed)' : undefined;

type Outcome = { ok: true; response: Record<string, unknown> } | { ok: false; code: string; message: string; status: number };

describe('kms-engine serve answers boto3 as AWS does', () => {
  let server: KmsEngineServer;
  let results: Record<string, Outcome> = {};

  beforeAll(async () => {
    if (boto3Missing) return;
    server = await startKmsEngineServer({ logger: () => {} });
    // Asynchronous: the server answers on this process's event loop while python runs.
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('python3', [script, server.url], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`boto3 scenarios exited ${code}: ${stderr}`))));
    });
    results = JSON.parse(out) as Record<string, Outcome>;
  }, 60_000);
  afterAll(() => server?.close());

  it('one scenario per issue-18 class, code, status, message and fields as AWS recorded them', (ctx) => {
    if (boto3Missing) {
      ctx.skip(boto3Missing);
      return;
    }
    expect(results['list-resource-tags']).toEqual({ ok: true, response: { Tags: [{ TagKey: 'team', TagValue: 'payments' }], Truncated: false } });
    expect(results['hmac-without-usage']).toEqual({ ok: false, code: 'ValidationException', status: 400,
      message: 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.' });
    expect(results['decrypt-with-hmac-key']).toEqual({ ok: false, code: 'IncorrectKeyException', status: 400,
      message: 'The key ID in the request does not identify a CMK that can perform this operation.' });
    const decrypt = results.decrypt as Extract<Outcome, { ok: true }>;
    const described = results['describe-key'] as Extract<Outcome, { ok: true }>;
    expect(Buffer.from(decrypt.response.Plaintext as string, 'base64').toString()).toBe('boto3 plaintext');
    expect(decrypt.response.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    expect(decrypt.response.KeyMaterialId).toBe((described.response.KeyMetadata as Record<string, unknown>).CurrentKeyMaterialId);
    expect(results['invalid-key-id']).toEqual({ ok: false, code: 'NotFoundException', status: 400, message: "Invalid keyId 'fake-key-id'" });
    // botocore reads an empty message as AWS's recordings show it: "".
    expect(results['wrong-context']).toEqual({ ok: false, code: 'InvalidCiphertextException', status: 400, message: '' });
  });
});
