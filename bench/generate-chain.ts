// The second lint-benchmark project (issue 20), shaped unlike bench/generate.ts so that the lint benchmark cannot
// be tuned to one shape: every module imports its neighbour (so every file passes the "imports a project module"
// prefilter), a share of the files call KMS (all of it correctly), 4% write SSE-KMS objects with bucket keys, and
// the rest are records that look like KMS requests (Plaintext, KeyId, EncryptionContext fields) handed to a local
// class named Command<n>. About 60 lines a file. Every KMS and S3 use is correct: linting it must find nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { GeneratedProject } from './generate.js';

export const chainKmsShares = [0.01, 0.05, 0.2] as const;
const S3_SHARE = 0.04;
const LINES_PER_FILE = 60;
const RING_SIZE = 50;
const folders = ['billing', 'ledger', 'accounts', 'reports'];

/**
 * Deterministic PRNG (mulberry32), so every run writes the same project. Two streams, one for which kind each file is
 * and one for its contents: drawn from one linear-congruential stream, the kinds came out biased (12% KMS files for 5%).
 */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const fileOf = (i: number) => `src/${folders[i % folders.length]}/m${i}.ts`;

/**
 * The import of the previous module in its ring of RING_SIZE modules (the first imports the last). Rings, not one
 * chain through the project: TypeScript follows imports depth-first while it builds a Program, and a chain of 2,000
 * modules overflowed its stack ("Maximum call stack size exceeded" as a parsing error in a B run, then 15 files no Program held). Each label is
 * annotated `: string` so that no type depends on the whole ring either.
 */
function neighbourImport(i: number, count: number): { line: string; name: string } {
  const start = i - (i % RING_SIZE);
  const size = Math.min(RING_SIZE, count - start);
  const n = start + ((i - start + size - 1) % size);
  const from = path.posix.relative(path.posix.dirname(fileOf(i)), fileOf(n)).replace(/\.ts$/, '.js');
  return { line: `import { label${n} } from '${from.startsWith('.') ? from : `./${from}`}';`, name: `label${n}` };
}

// Envelope encryption done right, in the v3 command style: the data key is zeroized in `finally`, Encrypt is
// guarded by the 4,096-byte limit, Decrypt names its key and the same context as the encrypt side.
const kmsCommandModule = (i: number, prev: { line: string; name: string }) => `// Document sealing for workspace ${i}.
import { KMSClient, GenerateDataKeyCommand, EncryptCommand, DecryptCommand } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
${prev.line}

const kms = new KMSClient({ region: 'eu-central-1' });
const DOCUMENT_KEY = 'alias/documents';
const DIRECT_LIMIT = 4096;

export const label${i}: string = \`sealer-${i}<\${${prev.name}}>\`;

export async function sealDocument${i}(documentId: string, body: Buffer) {
  const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId: DOCUMENT_KEY, KeySpec: 'AES_256', EncryptionContext: { documentId } }));
  const key = dataKey.Plaintext!;
  try {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const sealed = Buffer.concat([cipher.update(body), cipher.final()]);
    return { wrappedKey: dataKey.CiphertextBlob, iv, sealed, tag: cipher.getAuthTag() };
  } finally {
    key.fill(0);
  }
}

export async function sealToken${i}(documentId: string, token: Buffer) {
  if (token.byteLength > DIRECT_LIMIT) throw new RangeError('token exceeds the KMS Encrypt limit');
  const out = await kms.send(new EncryptCommand({ KeyId: DOCUMENT_KEY, Plaintext: token, EncryptionContext: { documentId } }));
  return out.CiphertextBlob;
}

export async function openToken${i}(documentId: string, blob: Uint8Array) {
  const out = await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: DOCUMENT_KEY, EncryptionContext: { documentId } }));
  return out.Plaintext;
}
`;

// The same in the aggregated-client style, the client handed in by the caller.
const kmsClientModule = (i: number, prev: { line: string; name: string }) => `// Secrets vault, shard ${i}.
import { KMS } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
${prev.line}

const VAULT_KEY = 'alias/vault';
const MAX_SECRET_BYTES = 4096;

export const label${i}: string = \`vault-${i}<\${${prev.name}}>\`;

export class Vault${i} {
  constructor(private readonly kms: KMS) {}

  async wrap(secretId: string, payload: Uint8Array) {
    const generated = await this.kms.generateDataKey({ KeyId: VAULT_KEY, KeySpec: 'AES_256', EncryptionContext: { secretId } });
    const dataKey = generated.Plaintext!;
    try {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', dataKey, nonce);
      const body = Buffer.concat([cipher.update(payload), cipher.final()]);
      return { key: generated.CiphertextBlob, nonce, body, tag: cipher.getAuthTag() };
    } finally {
      dataKey.fill(0);
    }
  }

  async seal(secretId: string, payload: Uint8Array) {
    if (payload.length > MAX_SECRET_BYTES) throw new Error('payload too large for direct KMS encryption');
    return this.kms.encrypt({ KeyId: VAULT_KEY, Plaintext: payload, EncryptionContext: { secretId } });
  }

  async open(secretId: string, blob: Uint8Array) {
    const res = await this.kms.decrypt({ CiphertextBlob: blob, KeyId: VAULT_KEY, EncryptionContext: { secretId } });
    return res.Plaintext;
  }
}
`;

// SSE-KMS uploads with S3 bucket keys on (the cheap path), command and aggregated-client styles.
const s3Module = (i: number, prev: { line: string; name: string }) => `// Statement archive ${i}.
import { S3, S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
${prev.line}

const s3 = new S3Client({ region: 'eu-central-1' });
const legacy = new S3({ region: 'eu-central-1' });

export const label${i}: string = \`archive-${i}<\${${prev.name}}>\`;

export async function archiveStatement${i}(key: string, body: Buffer) {
  await s3.send(new PutObjectCommand({
    Bucket: 'statements',
    Key: key,
    Body: body,
    ServerSideEncryption: 'aws:kms',
    SSEKMSKeyId: 'alias/statements',
    BucketKeyEnabled: true,
  }));
}

export async function archiveCopy${i}(key: string, body: string) {
  return legacy.putObject({ Bucket: 'statements-copy', Key: key, Body: body, ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true });
}
`;

// Records that look like KMS requests and never reach AWS: a local Command<n> class takes them.
function recordModule(i: number, prev: { line: string; name: string }, r: () => number): string {
  const regions = ['north', 'south', 'east', 'west'];
  const record = (k: number) =>
    `  { KeyId: 'ledger-${i}-${k}', Plaintext: 'entry ${k} of ${i}', EncryptionContext: { ledger: '${i}', region: '${regions[Math.floor(r() * regions.length)]}' } },`;
  return `// Ledger batch ${i}: entries carry key and context fields for the bookkeeping model, not for AWS.
${prev.line}

interface Entry${i} {
  KeyId: string;
  Plaintext: string;
  EncryptionContext: Record<string, string>;
}

class Command${i} {
  constructor(readonly input: Entry${i}) {}
  describe(): string {
    return \`\${this.input.KeyId}:\${this.input.Plaintext.length}:\${Object.keys(this.input.EncryptionContext).join(',')}\`;
  }
}

export const label${i}: string = \`ledger-${i}<\${${prev.name}}>\`;

const opening${i}: Entry${i} = { KeyId: 'opening-${i}', Plaintext: 'opening balance', EncryptionContext: { ledger: '${i}' } };
const closing${i} = new Command${i}({ KeyId: 'closing-${i}', Plaintext: 'closing balance', EncryptionContext: { ledger: '${i}', period: 'q${1 + Math.floor(r() * 4)}' } });

const entries${i}: Entry${i}[] = [
${Array.from({ length: 6 }, (_, k) => record(k)).join('\n')}
];

export function replay${i}(extra: Entry${i}[] = []): string[] {
  const out = [new Command${i}(opening${i}).describe()];
  for (const entry of [...entries${i}, ...extra]) {
    const command = new Command${i}({ ...entry, EncryptionContext: { ...entry.EncryptionContext, replayed: 'yes' } });
    out.push(command.describe());
  }
  out.push(closing${i}.describe());
  return out;
}

export function totals${i}() {
  return entries${i}.reduce((sum, e) => sum + e.Plaintext.length, 0);
}
`;
}

function pad(body: string, lines: number, i: number): string {
  const have = body.split('\n').length;
  const extra: string[] = [];
  for (let k = 0; have + extra.length < lines; k++) {
    extra.push(`export const draft${i}_${k} = { KeyId: 'draft-${k}', Plaintext: 'draft ${k}', EncryptionContext: { draft: '${k}' } };`);
  }
  return extra.length ? `${body}\n${extra.join('\n')}\n` : body;
}

/**
 * Generates (or reuses) the chain project of `count` files with `kmsShare` of them calling KMS, under `root`.
 * `awsFiles` counts the files that call KMS or S3.
 */
export function generateChainProject(root: string, count: number, kmsShare = 0.05): GeneratedProject {
  if (!Number.isInteger(count) || count < 2) throw new Error(`chain project: count must be an integer ≥ 2, got ${count}`);
  if (!(kmsShare >= 0 && kmsShare + S3_SHARE <= 1)) throw new Error(`chain project: KMS share must be in [0, ${1 - S3_SHARE}], got ${kmsShare}`);
  const dir = path.join(root, `chain-${count}-kms${Math.round(kmsShare * 100)}`);
  const marker = path.join(dir, '.complete');
  const write = !fs.existsSync(marker);
  const roll = rng(count);
  const r = rng(count ^ 0x5bd1e995);
  const files: string[] = [];
  let awsFiles = 0;
  if (write) {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const folder of folders) fs.mkdirSync(path.join(dir, 'src', folder), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: ['node'] }, include: ['src/**/*.ts'] }, null, 2),
    );
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `bench-chain-${count}`, private: true, type: 'module' }));
    // A repository of its own, as a real project is: otherwise the repository-wide context index would take this
    // plugin's repository (bench/.work lies inside it) as the project's and index its tests and fixtures too.
    execFileSync('git', ['init', '-q', dir]);
  }
  for (let i = 0; i < count; i++) {
    const kind = roll();
    const prev = neighbourImport(i, count);
    let body: string;
    if (kind < kmsShare) body = (i % 2 ? kmsClientModule : kmsCommandModule)(i, prev);
    else if (kind < kmsShare + S3_SHARE) body = s3Module(i, prev);
    else body = recordModule(i, prev, r);
    if (kind < kmsShare + S3_SHARE) awsFiles++;
    const file = path.join(dir, fileOf(i));
    files.push(file);
    if (write) fs.writeFileSync(file, pad(body, LINES_PER_FILE, i));
  }
  if (write) fs.writeFileSync(marker, String(awsFiles));
  return { dir, files, awsFiles };
}
