// Seed files for an engine that serves a whole application (eslint-plugin-kms/engine/register): the keys and
// aliases the application expects to find, in JSON or YAML.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CreatedKey, KmsEngine } from './index.js';

export interface SeedKey {
  /** `alias/...` the application uses to name the key. */
  alias?: string;
  keySpec?: string;
  keyUsage?: string;
  description?: string;
  region?: string;
  multiRegion?: boolean;
}

export interface KmsEngineSeed {
  region?: string;
  accountId?: string;
  keys: SeedKey[];
}

const KEY_FIELDS: Record<keyof SeedKey, 'string' | 'boolean'> = {
  alias: 'string', keySpec: 'string', keyUsage: 'string', description: 'string', region: 'string', multiRegion: 'boolean',
};

export class SeedError extends Error {
  constructor(source: string, problem: string) {
    super(`kms-engine seed ${source}: ${problem}`);
    this.name = 'SeedError';
  }
}

/** Checks a parsed seed and says exactly what is wrong with it. */
export function parseSeed(value: unknown, source: string): KmsEngineSeed {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SeedError(source, 'must be an object with a "keys" list');
  const record = value as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    if (!['region', 'accountId', 'keys'].includes(name)) throw new SeedError(source, `unknown field "${name}" (known: region, accountId, keys)`);
  }
  for (const name of ['region', 'accountId'] as const) {
    if (record[name] !== undefined && typeof record[name] !== 'string') throw new SeedError(source, `"${name}" must be a string`);
  }
  const keys = record.keys ?? [];
  if (!Array.isArray(keys)) throw new SeedError(source, '"keys" must be a list');
  keys.forEach((key: unknown, index) => {
    if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new SeedError(source, `keys[${index}] must be an object`);
    for (const [name, field] of Object.entries(key)) {
      const type = KEY_FIELDS[name as keyof SeedKey];
      if (!type) throw new SeedError(source, `keys[${index}]: unknown field "${name}" (known: ${Object.keys(KEY_FIELDS).join(', ')})`);
      if (typeof field !== type) throw new SeedError(source, `keys[${index}].${name} must be a ${type}`);
    }
  });
  return { region: record.region as string | undefined, accountId: record.accountId as string | undefined, keys: keys as SeedKey[] };
}

/** Reads a JSON seed, or a YAML one (`.yaml`/`.yml`) when js-yaml is installed beside the application. */
export function readSeedFile(file: string, cwd = process.cwd()): KmsEngineSeed {
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new SeedError(absolute, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (/\.ya?ml$/i.test(absolute)) {
    let yaml: { load(text: string): unknown };
    const found = [createRequire(path.join(cwd, 'package.json')), createRequire(import.meta.url)].map((load) => {
      try {
        return load('js-yaml') as typeof yaml;
      } catch {
        return undefined;
      }
    }).find((module) => module !== undefined);
    if (!found) throw new SeedError(absolute, 'is YAML, which needs js-yaml (npm install --save-dev js-yaml); or write the seed as JSON');
    yaml = found;
    try {
      return parseSeed(yaml.load(text), absolute);
    } catch (error) {
      if (error instanceof SeedError) throw error;
      throw new SeedError(absolute, `is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SeedError(absolute, `is not valid JSON: ${(error as Error).message}`);
  }
  return parseSeed(parsed, absolute);
}

/** Creates the seed's keys and aliases as the key owner; the engine's own errors (a bad alias, spec) say what failed. */
export function seedKmsEngine(engine: Pick<KmsEngine, 'createKey'>, seed: KmsEngineSeed): CreatedKey[] {
  return seed.keys.map((key, index) => {
    try {
      return engine.createKey(key);
    } catch (error) {
      throw new SeedError(`keys[${index}]`, `${(error as Error).message}`);
    }
  });
}
