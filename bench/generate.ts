// Writes a realistic TypeScript project of N files for the lint benchmarks and the crash corpus:
// services, handlers and utilities of ~100 lines; a few percent call KMS and S3 in every API style
// (v3 commands, v3 aggregated clients, v2, lib-storage, presigned URLs), the rest is ordinary code with
// objects and calls that look similar (encrypt methods, send(), classes named like commands).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface GeneratedProject {
  dir: string;
  files: string[];
  awsFiles: number;
}

/** Deterministic PRNG so every run generates the same project. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const awsTemplates: ((i: number) => string)[] = [
  (i) => `import { KMSClient, EncryptCommand, DecryptCommand } from '@aws-sdk/client-kms';
import { readFileSync } from 'node:fs';

const kms = new KMSClient({ region: 'us-east-1' });

export async function sealSecret${i}(tenantId: string, secret: string) {
  const plaintext = Buffer.from(secret, 'utf8');
  if (plaintext.length > 4096) throw new Error('secret too large for KMS Encrypt');
  const out = await kms.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: plaintext, EncryptionContext: { TenantId: tenantId } }));
  return out.CiphertextBlob;
}

export async function openSecret${i}(tenantId: string, blob: Uint8Array) {
  const out = await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'alias/app', EncryptionContext: { TenantId: tenantId } }));
  return Buffer.from(out.Plaintext!).toString('utf8');
}

export async function sealFile${i}(path: string) {
  // Unbounded on purpose: a file read can be any size.
  return kms.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: readFileSync(path), EncryptionContext: { file: path } }));
}
`,
  (i) => `import { KMS } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';

export class Envelope${i} {
  constructor(private readonly kms: KMS) {}

  async seal(documentId: string, body: string) {
    const dk = await this.kms.generateDataKey({ KeyId: 'alias/docs', KeySpec: 'AES_256', EncryptionContext: { documentId } });
    const key = dk.Plaintext!;
    try {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(body, 'utf8'), cipher.final()]);
      return { wrapped: dk.CiphertextBlob, iv, sealed, tag: cipher.getAuthTag() };
    } finally {
      key.fill(0);
    }
  }

  async open(blob: Uint8Array, documentId: string) {
    // Missing KeyId on purpose.
    return this.kms.decrypt({ CiphertextBlob: blob, EncryptionContext: { documentId } });
  }
}
`,
  (i) => `import AWS from 'aws-sdk';

const kms = new AWS.KMS({ region: 'eu-west-1' });

export function legacyDecrypt${i}(blob: Buffer, cb: (err: Error | null, value?: string) => void) {
  kms.decrypt({ CiphertextBlob: blob, KeyId: 'alias/legacy', EncryptionContext: { tenantId: 'acme' } }, (err, data) => {
    if (err) return cb(err);
    cb(null, data.Plaintext?.toString());
  });
}

export async function legacyEncrypt${i}(value: string) {
  return kms.encrypt({ KeyId: 'alias/legacy', Plaintext: 'x'.repeat(5000) + value }).promise();
}
`,
  (i) => `import { S3Client, PutObjectCommand, ServerSideEncryption } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

const s3 = new S3Client({ region: 'us-east-1' });

export async function putReport${i}(key: string, body: string, kmsKey?: string) {
  await s3.send(new PutObjectCommand({
    Bucket: 'reports', Key: key, Body: body,
    ...(kmsKey && { ServerSideEncryption: ServerSideEncryption.aws_kms, SSEKMSKeyId: kmsKey }),
  }));
}

export async function uploadArchive${i}(key: string, body: Buffer) {
  return new Upload({ client: s3, params: { Bucket: 'archive', Key: key, Body: body, ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true } }).done();
}

export async function presign${i}(key: string) {
  return getSignedUrl(s3, new PutObjectCommand({ Bucket: 'uploads', Key: key, ServerSideEncryption: 'aws:kms:dsse' }), { expiresIn: 300 });
}
`,
];

const plainTemplates: ((i: number, r: () => number) => string)[] = [
  (i) => `// Ordinary domain code with look-alike names: nothing here is AWS.
export interface Order${i} { id: string; lines: { sku: string; qty: number; price: number }[]; customer: string }

export class EncryptCommand {
  constructor(readonly input: { KeyId?: string; Plaintext?: string }) {}
}

const vault = {
  encrypt(value: string) { return value.split('').reverse().join(''); },
  decrypt(value: string) { return value.split('').reverse().join(''); },
};

export function total${i}(order: Order${i}): number {
  let sum = 0;
  for (const line of order.lines) {
    sum += line.qty * line.price;
    vault.encrypt(line.sku);
  }
  return Math.round(sum * 100) / 100;
}

export function describe${i}(order: Order${i}) {
  const cmd = new EncryptCommand({ KeyId: 'not-aws', Plaintext: 'x'.repeat(5000) });
  return \`\${order.customer}: \${order.lines.length} lines, \${total${i}(order)} (\${cmd.input.KeyId})\`;
}
`,
  (i) => `// An HTTP-ish handler layer.
type Req = { params: Record<string, string>; body: unknown };
type Res = { status(code: number): Res; json(body: unknown): void; send(body: string): void };

const log = { info: (..._a: unknown[]) => undefined, error: (..._a: unknown[]) => undefined };

export function makeHandler${i}(store: Map<string, unknown>) {
  return async (req: Req, res: Res) => {
    const id = req.params.id;
    if (!id) return res.status(400).send('missing id');
    const item = store.get(id);
    log.info('lookup', { id, found: !!item });
    if (!item) return res.status(404).send('not found');
    res.status(200).json({ id, item, at: new Date().toISOString() });
  };
}

export const routes${i} = ['GET /items/:id', 'POST /items', 'DELETE /items/:id'].map((r) => r.split(' '));
`,
  (i, r) => `// Utilities.
export function chunk${i}<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let k = 0; k < items.length; k += size) out.push(items.slice(k, k + size));
  return out;
}

export function retry${i}<T>(fn: () => Promise<T>, attempts = ${2 + Math.floor(r() * 4)}): Promise<T> {
  return fn().catch((err) => (attempts > 1 ? retry${i}(fn, attempts - 1) : Promise.reject(err)));
}

export const client${i} = {
  async send(command: { name: string }) { return { ok: true, command: command.name }; },
};

export async function dispatch${i}(names: string[]) {
  return Promise.all(names.map((name) => client${i}.send({ name })));
}

export function slug${i}(s: string) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
`,
];

const sharedModule = `// Helpers every ordinary module imports.
export const defaults = { retries: 3, timeoutMs: 1000, region: 'us-east-1' };

export function tag(name: string, value: unknown): string {
  return \`\${name}=\${String(value)}\`;
}
`;

function withSharedImport(body: string, i: number): string {
  const lines = body.split('\n');
  // After the leading comment line, before the module's code.
  lines.splice(1, 0, "import { defaults, tag } from '../utils/shared.js';");
  lines.push(`export const describeDefaults${i} = () => tag('retries', defaults.retries);`);
  return lines.join('\n');
}

function pad(body: string, lines: number, i: number): string {
  const have = body.split('\n').length;
  const extra: string[] = [];
  for (let k = 0; have + extra.length < lines; k++) {
    extra.push(`export const constant${i}_${k} = { name: 'c${k}', weight: ${k % 7}, tags: ['a', 'b'] as const };`);
  }
  return `${body}\n${extra.join('\n')}\n`;
}

/**
 * Generates (or reuses) the project of `count` files under `root`. `ownRepository` (the default) makes it a git
 * repository of its own, as a real project is: otherwise the repository-wide context index takes this plugin's
 * repository (bench/.work lies inside it) as the project's and indexes our tests and fixtures too. A package of a
 * generated monorepo passes false: the workspace root is its repository.
 */
export function generateProject(root: string, count: number, awsShare = 0.04, { ownRepository = true } = {}): GeneratedProject {
  const dir = path.join(root, `project-${count}`);
  const marker = path.join(dir, '.complete');
  const files: string[] = [];
  let awsFiles = 0;
  const r = rng(count);
  const write = !fs.existsSync(marker);
  if (write) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: ['node'] }, include: ['src/**/*.ts'] }, null, 2),
    );
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `bench-project-${count}`, private: true, type: 'module' }));
    fs.mkdirSync(path.join(dir, 'src', 'utils'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', 'utils', 'shared.ts'), sharedModule);
  }
  for (let i = 0; i < count; i++) {
    const isAws = r() < awsShare;
    const folder = ['services', 'handlers', 'utils'][i % 3];
    const file = path.join(dir, 'src', folder, `m${i}.ts`);
    files.push(file);
    if (isAws) awsFiles++;
    if (!write) continue;
    // Ordinary modules import the project's own helpers, as real code does: then no file is excluded from the rules
    // just because it imports nothing.
    const body = isAws ? awsTemplates[i % awsTemplates.length](i) : withSharedImport(plainTemplates[i % plainTemplates.length](i, r), i);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, pad(body, 100, i));
  }
  if (write) fs.writeFileSync(marker, String(awsFiles));
  const isRepository = fs.existsSync(path.join(dir, '.git'));
  if (ownRepository && !isRepository) execFileSync('git', ['init', '-q', dir]);
  if (!ownRepository && isRepository) fs.rmSync(path.join(dir, '.git'), { recursive: true, force: true });
  return { dir, files, awsFiles };
}
