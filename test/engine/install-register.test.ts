// eslint-plugin-kms/engine/register: a whole application (SDK v3 and v2 clients it builds itself) on an
// in-memory engine seeded from a file, and what happens with a bad seed.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { registerKmsEngine } from '../../src/engine/registration.js';
import { parseSeed, readSeedFile } from '../../src/engine/seed.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = path.join(repo, 'test/engine/fixtures/register-app');
const run = promisify(execFile);
const scratch = mkdtempSync(path.join(tmpdir(), 'kms-seed-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runApp(env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
  return run(process.execPath, ['--import', 'tsx', '--import', path.join(repo, 'src/engine/register.ts'), path.join(fixture, 'orders-app.mjs')], {
    cwd: repo, env: { ...clean, ...env }, timeout: 60_000,
  });
}

describe('node --import eslint-plugin-kms/engine/register', () => {
  it.each(['seed.json', 'seed.yaml'])('runs an application on keys from %s: v3 and v2 clients share one engine', async (seed) => {
    const { stdout, stderr } = await runApp({ KMS_ENGINE_SEED: path.join(fixture, seed) });
    // Each SDK decrypted what the other encrypted under alias/orders.
    expect(JSON.parse(stdout.trim())).toEqual({ v3: 'v2', v2: 'v3' });
    expect(stderr).toMatch(/answered in memory \(1 seeded key\); SDK v2 KMS and S3 at http:\/\/127\.0\.0\.1:\d+\./);
  });

  it('stops the application before it starts when the seed is unusable', async () => {
    const error = await runApp({ KMS_ENGINE_SEED: path.join(scratch, 'missing.json') }).catch((e: { stderr: string; code: number }) => e);
    expect((error as { code: number }).code).toBe(1);
    expect((error as { stderr: string }).stderr).toContain(`kms-engine seed ${path.join(scratch, 'missing.json')}: cannot be read (ENOENT)`);
  });
});

describe('registerKmsEngine and seeds', () => {
  it('creates the seeded keys in the seed\'s Region, serves v2 on loopback, and closes', async () => {
    const registered = await registerKmsEngine({ KMS_ENGINE_SEED: path.join(fixture, 'seed.json') }, repo);
    try {
      expect(registered.seeded).toBe(1);
      expect(registered.engine.region).toBe('eu-central-1');
      expect(registered.v2Endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(registered.engine.kms.call('DescribeKey', { KeyId: 'alias/orders' }, { region: 'eu-central-1', accountId: registered.engine.accountId })).toMatchObject({ KeyMetadata: { Description: 'orders envelope key' } });
    } finally {
      await registered.close();
    }
  });

  it('works without a seed and without aws-sdk v2 beside the application', async () => {
    const registered = await registerKmsEngine({}, scratch);
    try {
      expect(registered.seeded).toBe(0);
      expect(registered.v2Endpoint).toBeUndefined();
    } finally {
      await registered.close();
    }
  });

  it('rejects a bad KMS_ENGINE_REFUSE_OTHER_SERVICES, and uninstalls when a seeded key is refused', async () => {
    await expect(registerKmsEngine({ KMS_ENGINE_REFUSE_OTHER_SERVICES: 'yes' }, scratch)).rejects.toThrow('kms-engine: KMS_ENGINE_REFUSE_OTHER_SERVICES must be 1 or 0, got "yes"');
    const file = path.join(scratch, 'bad-alias.json');
    writeFileSync(file, JSON.stringify({ keys: [{ alias: 'orders' }] }));
    await expect(registerKmsEngine({ KMS_ENGINE_SEED: file }, scratch)).rejects.toThrow(/^kms-engine seed keys\[0\]: Alias must start with the prefix "alias\/"/);
    const registered = await registerKmsEngine({ KMS_ENGINE_REFUSE_OTHER_SERVICES: '1' }, scratch);
    await registered.close();
  });

  it('says what is wrong with a seed', () => {
    expect(() => parseSeed([], 's')).toThrow('kms-engine seed s: must be an object with a "keys" list');
    expect(() => parseSeed({ key: [] }, 's')).toThrow('kms-engine seed s: unknown field "key" (known: region, accountId, keys)');
    expect(() => parseSeed({ region: 1 }, 's')).toThrow('"region" must be a string');
    expect(() => parseSeed({ keys: {} }, 's')).toThrow('"keys" must be a list');
    expect(() => parseSeed({ keys: ['alias/a'] }, 's')).toThrow('keys[0] must be an object');
    expect(() => parseSeed({ keys: [{ Alias: 'alias/a' }] }, 's')).toThrow('keys[0]: unknown field "Alias" (known: alias, keySpec, keyUsage, description, region, multiRegion)');
    expect(() => parseSeed({ keys: [{ multiRegion: 'true' }] }, 's')).toThrow('keys[0].multiRegion must be a boolean');
    expect(parseSeed({}, 's')).toEqual({ region: undefined, accountId: undefined, keys: [] });
    const broken = path.join(scratch, 'broken.json');
    writeFileSync(broken, '{ "keys": [');
    expect(() => readSeedFile(broken)).toThrow(new RegExp(`^kms-engine seed ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: is not valid JSON: `));
    const badYaml = path.join(scratch, 'broken.yml');
    writeFileSync(badYaml, 'keys: [\n');
    expect(() => readSeedFile(badYaml)).toThrow(/: is not valid YAML: /);
  });
});
