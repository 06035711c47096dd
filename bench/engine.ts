// Engine throughput benchmark (not a timed test): `npx tsx bench/engine.ts` or `npm run bench:engine`.
//  1. Envelope encryption of 1 MiB, 16 MiB and 256 MiB through the engine (GenerateDataKey + local AES-256-GCM +
//     zeroization) against raw node:crypto AES-256-GCM on the same bytes, with GenerateDataKey sent through the real
//     SDK client and, separately, to the engine directly. The ratio is raw time / engine time (1.0 = no overhead);
//     the target is >= 0.9. Then GenerateDataKey alone, right after a 1 MiB pass and back to back, and its
//     cryptographic core alone after a pass, against the time the 0.9 target leaves it.
//  2. KMS operations per second through the SDK requestHandler (Encrypt, Decrypt, GenerateDataKey), and
//     through KmsService.call directly, to separate SDK cost from engine cost.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { DecryptCommand, EncryptCommand, GenerateDataKeyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { createKmsEngine } from '../src/engine/index.js';
import { median } from './child.js';
import { BlobKind, sealBlob } from '../src/engine/kms/blob.js';
import { randomBytes } from '../src/engine/random.js';

/** Lines of the engine section of bench/RESULTS.md; printed as they come. */
const lines: string[] = [];
const log = (line = '') => {
  console.log(line);
  lines.push(line);
};

const MiB = 1024 * 1024;
const cpus = os.cpus();
log(`## Engine (${new Date().toISOString().slice(0, 10)}, command: \`npm run bench:engine\`)`);
log(`machine: ${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}`);
log(`node ${process.version}\n`);

const engine = createKmsEngine();
const kms = engine.kmsClient();
const { keyId } = engine.createKey({ alias: 'alias/bench' });

// AES-256-GCM streamed in 64 KiB chunks into a buffer allocated once per payload size, as a streaming envelope
// encryptor does: allocating two payload-sized buffers a run (update() output and Buffer.concat) made every timing
// depend on when the garbage collector happened to free the previous run's hundreds of MiB.
const CHUNK = 64 * 1024;
let sealedBuffer = Buffer.alloc(0);

function gcm(key: Uint8Array, data: Buffer): { iv: Buffer; length: number; tag: Buffer } {
  if (sealedBuffer.length < data.length) sealedBuffer = Buffer.alloc(data.length);
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  let length = 0;
  for (let at = 0; at < data.length; at += CHUNK) length += c.update(data.subarray(at, at + CHUNK)).copy(sealedBuffer, length);
  length += c.final().copy(sealedBuffer, length);
  return { iv, length, tag: c.getAuthTag() };
}

/** The GenerateDataKey request of every envelope, through the SDK or direct. */
const dataKeyRequest = { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { purpose: 'bench' } } as const;

async function envelope(data: Buffer): Promise<void> {
  const dk = await kms.send(new GenerateDataKeyCommand(dataKeyRequest));
  try {
    const sealed = gcm(dk.Plaintext!, data);
    if (sealed.length !== data.length || !dk.CiphertextBlob) throw new Error('bad envelope');
  } finally {
    dk.Plaintext!.fill(0);
  }
}

/** The same envelope with the engine called directly (no SDK client): the engine's own share of the cost. */
function envelopeDirect(data: Buffer): void {
  const out = engine.kms.call('GenerateDataKey', dataKeyRequest, caller) as {
    Plaintext: string;
    CiphertextBlob: string;
  };
  const key = Buffer.from(out.Plaintext, 'base64');
  try {
    const sealed = gcm(key, data);
    if (sealed.length !== data.length || !out.CiphertextBlob) throw new Error('bad envelope');
  } finally {
    key.fill(0);
  }
}

const fastest = (xs: number[]) => Math.min(...xs);

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

log('## envelope encryption vs raw AES-256-GCM (median of runs, interleaved)');
log('Through the SDK: GenerateDataKey sent by the real KMSClient to the engine. Direct: the same request to the');
log("engine's KmsService without the SDK, which separates the engine's cost from the SDK client's. Each is timed in its");
log('own loop that alternates it with the raw run, so each ratio compares two things measured side by side and neither');
log("path runs in the other's garbage.");
log('');
log('Each cell: median (fastest) of the runs; ratios of the medians (of the fastest runs). On this VM a page fault');
log('costs microseconds and the cache is shared, so a run that lands on fresh memory or a cold cache is slower for');
log('reasons unrelated to the code: the fastest run is the steadier estimate of what the code itself costs.');
log('');
log('| payload | runs | raw ms | via SDK ms | ratio raw/via SDK | raw ms | direct ms | ratio raw/direct |');
log('|---|---|---|---|---|---|---|---|');
const caller = { region: 'us-east-1', accountId: engine.accountId };
/** Times `raw` and `other` alternately, after one warm-up run of each. */
async function sideBySide(runs: number, raw: () => unknown, other: () => unknown): Promise<{ raw: number[]; other: number[] }> {
  const out = { raw: [] as number[], other: [] as number[] };
  await raw();
  await other();
  for (let i = 0; i < runs; i++) {
    out.raw.push(await time(raw));
    out.other.push(await time(other));
  }
  return out;
}
for (const size of [1, 16, 256]) {
  const data = crypto.randomBytes(size * MiB);
  const runs = size === 256 ? 21 : size === 16 ? 61 : 301;
  const key = crypto.randomBytes(32);
  const raw = () => gcm(key, data);
  const viaSdk = await sideBySide(runs, raw, () => envelope(data));
  const direct = await sideBySide(runs, raw, () => envelopeDirect(data));
  const cell = (xs: number[]) => `${median(xs).toFixed(2)} (${fastest(xs).toFixed(2)})`;
  const ratio = (t: { raw: number[]; other: number[] }) =>
    `${(median(t.raw) / median(t.other)).toFixed(3)} (${(fastest(t.raw) / fastest(t.other)).toFixed(3)})`;
  log(`| ${size} MiB | ${runs} | ${cell(viaSdk.raw)} | ${cell(viaSdk.other)} | ${ratio(viaSdk)} | ${cell(direct.raw)} | ${cell(direct.other)} | ${ratio(direct)} |`);
}

// Where the direct 1 MiB gap goes: the GenerateDataKey itself, timed right after a 1 MiB AES-GCM pass (as in an
// envelope loop) and back to back; and, after a pass too, its cryptographic core alone (draw the key, seal it in a
// blob, encode both, wipe), with none of the KMS request's checks: what is left of it without them.
{
  const data = crypto.randomBytes(MiB);
  const key = crypto.randomBytes(32);
  const material = crypto.randomBytes(32);
  const core = () => {
    const plaintext = randomBytes(32);
    const blob = sealBlob({ kind: BlobKind.DataKey, keyId, materialVersion: 0, material, plaintext, encryptionContext: dataKeyRequest.EncryptionContext });
    const out = [blob.toString('base64'), plaintext.toString('base64')];
    plaintext.fill(0);
    return out;
  };
  const pass: number[] = [];
  const afterPass: number[] = [];
  const coreAfterPass: number[] = [];
  const backToBack: number[] = [];
  for (let i = 0; i < 301; i++) {
    pass.push(await time(() => gcm(key, data)));
    afterPass.push(await time(() => engine.kms.call('GenerateDataKey', dataKeyRequest, caller)));
    backToBack.push(await time(() => engine.kms.call('GenerateDataKey', dataKeyRequest, caller)));
    gcm(key, data);
    coreAfterPass.push(await time(core));
  }
  const us = (xs: number[]) => `${(median(xs) * 1000).toFixed(1)} µs (fastest ${(fastest(xs) * 1000).toFixed(1)})`;
  log('');
  log(`GenerateDataKey direct, median of 301: right after a 1 MiB AES-GCM pass ${us(afterPass)}; back to back ${us(backToBack)}.`);
  log(`Its cryptographic core alone (draw, seal, encode, wipe; no request checks), right after a pass: ${us(coreAfterPass)}.`);
  log(`A ratio of 0.9 at 1 MiB leaves a ninth of the raw pass for the data key: ${us(pass.map((ms) => ms / 9))}.`);
}

log('\n## KMS operations per second');
log('| operation | via SDK client + requestHandler (ops/s) | KmsService.call direct (ops/s) |');
log('|---|---|---|');
const sample = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: crypto.randomBytes(64) }));
const sampleB64 = Buffer.from(sample.CiphertextBlob!).toString('base64');
const ops: Array<[string, () => Promise<unknown>, () => unknown]> = [
  ['Encrypt (64 B)', () => kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: crypto.randomBytes(64) })),
    () => engine.kms.call('Encrypt', { KeyId: keyId, Plaintext: crypto.randomBytes(64).toString('base64') }, caller)],
  ['Decrypt', () => kms.send(new DecryptCommand({ CiphertextBlob: sample.CiphertextBlob })).then((d) => d.Plaintext!.fill(0)),
    () => engine.kms.call('Decrypt', { CiphertextBlob: sampleB64 }, caller)],
  ['GenerateDataKey (AES_256)', () => kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' })).then((d) => d.Plaintext!.fill(0)),
    () => engine.kms.call('GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256' }, caller)],
];
for (const [name, viaSdk, direct] of ops) {
  const n = 3000;
  for (let i = 0; i < 200; i++) await viaSdk();
  const sdkMs = await time(async () => { for (let i = 0; i < n; i++) await viaSdk(); });
  const directMs = await time(() => { for (let i = 0; i < n; i++) direct(); });
  log(`| ${name} | ${Math.round(n / (sdkMs / 1000))} | ${Math.round(n / (directMs / 1000))} |`);
}
// Baseline: the SDK's own per-request cost, with a handler that answers a canned response instantly.
const canned = {
  handle: async () => ({ response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: new TextEncoder().encode('{"Keys":[],"Truncated":false}') } }),
  updateHttpClientConfig() {},
  httpHandlerConfigs: () => ({}),
};
const bare = new KMSClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'x' }, requestHandler: canned, maxAttempts: 1 });
for (let i = 0; i < 200; i++) await bare.send(new ListKeysCommand({}));
const bareMs = await time(async () => { for (let i = 0; i < 3000; i++) await bare.send(new ListKeysCommand({})); });
log(`| (baseline) SDK alone, canned response, no engine | ${Math.round(3000 / (bareMs / 1000))} | - |`);
log(`\n(audit entries kept: ${engine.audit().entries.length}; unzeroized data keys: ${engine.audit().unzeroizedDataKeys.length})`);

log();
log('Noise: every figure here moves between runs on a shared 2-core VM (ops/s by up to 2x with machine load; the');
log('large-payload ratios by several points). What is not noise: through the SDK, the 1 MiB ratio is bounded by the');
log("SDK client's own per-request cost (the baseline row: a canned response through the real client, no engine)");
log('against well under a millisecond of AES-GCM for 1 MiB, so no engine behind the real client can reach 0.9 there;');
log("the direct column shows the engine's own overhead, which at 1 MiB is one GenerateDataKey run with the caches the");
log('AES-GCM pass just evicted. The lines under the table give its time then and back to back, the time of its');
log('cryptographic core alone (node:crypto drawing, sealing and encoding one data key, with no KMS checks; the rest');
log("of the request is the checks and the audit record), and the ninth of a raw pass that a 0.9 ratio leaves for");
log('all of it. At 16 MiB and above the local AES-GCM dominates.');

// The engine section of bench/RESULTS.md, after the marker; the lint section before it is kept as it is.
const resultsFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
const previous = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '# Benchmark results\n\n';
const marker = '<!-- engine -->';
const endMarker = '<!-- /engine -->';
const before = previous.includes(marker) ? previous.slice(0, previous.indexOf(marker)) : `${previous.trimEnd()}\n\n`;
// Sections other benchmarks append after the engine's (context index, monorepo, corpus) are kept.
const after = previous.includes(endMarker) ? previous.slice(previous.indexOf(endMarker) + endMarker.length).replace(/^\n/, '') : '';
fs.writeFileSync(resultsFile, `${before}${marker}\n${lines.join('\n')}\n${endMarker}\n${after}`);
console.log(`\nwrote ${path.relative(process.cwd(), resultsFile)}`);
