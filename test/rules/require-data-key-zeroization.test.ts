// Path shapes (early return, throw between use and fill, fill in catch only, fill in finally, loops, nested
// functions, async/await, .then chains), API styles (v3 command, v3 client, v2 promise and callback), aliases,
// renames, copies, views and strings; typed and untyped. Every invalid case asserts the suggestion's output.
import type { RunTests } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import * as espree from 'espree';
import { describe, expect, it } from 'vitest';
import rule, { type MessageId, type Options } from '../../src/rules/require-data-key-zeroization.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();

const untypedCases: RunTests<MessageId, Options> = {
  valid: [
    { name: "fill in finally (v3 command, destructuring)", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const { Plaintext, CiphertextBlob } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  if (!Plaintext || !CiphertextBlob) throw new Error('KMS returned no data key');
  try {
    const cipher = createCipheriv('aes-256-gcm', Plaintext, randomBytes(12));
    return { body: Buffer.concat([cipher.update(data), cipher.final()]), wrapped: CiphertextBlob };
  } finally {
    Plaintext.fill(0);
  }
}` },
    { name: "fill that post-dominates every use when nothing between can throw", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function firstByte() {
  const { Plaintext: key } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  const head = key[0] ^ key[1];
  key.fill(0);
  return head;
}` },
    { name: "returned: the caller owns it", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function newDataKey() {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  return Plaintext;
}` },
    { name: "returned inside an object built first", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function newDataKey() {
  const { Plaintext, CiphertextBlob } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  const pair = { key: Plaintext, wrapped: CiphertextBlob };
  return pair;
}` },
    { name: "whole response returned", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function newDataKey() {
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  return dk;
}` },
    { name: "stored in a field", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export class Session {
  async open() {
    const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
    this.key = Plaintext;
  }
  close() { this.key.fill(0); }
}` },
    { name: "stored in an outer variable and a Map", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
let current;
const cache = new Map();
export async function rotate(id) {
  const { Plaintext: a } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  current = a;
  const { Plaintext: b } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  cache.set(id, b);
}` },
    { name: "passed to a same-file function that stores it", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
const keys = [];
function remember(key) { keys.push(key); }
export async function prime() {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  remember(Plaintext);
}` },
    { name: "same-file zeroizing helper in finally", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
function wipe(buf) { buf.fill(0); }
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(data);
  } finally {
    wipe(Plaintext);
  }
}` },
    { name: "promise .finally zeroizes", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data, upload) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  return upload(createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(data)).finally(() => Plaintext.fill(0));
}` },
    { name: "exception caught, then zeroized after the try", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function trySeal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  let sealed = null;
  try {
    sealed = createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(data);
  } catch {
    sealed = null;
  }
  Plaintext.fill(0);
  return sealed;
}` },
    { name: "one data key per item, each zeroized in finally", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function sealAll(items) {
  const out = [];
  for (const item of items) {
    const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
    try {
      out.push(createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(item));
    } finally {
      Plaintext?.fill(0);
    }
  }
  return out;
}` },
    { name: ".then callback with finally", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export function seal(data) {
  return kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256' })).then((dk) => {
    try {
      return createCipheriv('aes-256-gcm', dk.Plaintext, randomBytes(12)).update(data);
    } finally {
      dk.Plaintext.fill(0);
    }
  });
}` },
    { name: "GenerateDataKeyWithoutPlaintext has no plaintext", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function wrappedOnly() {
  const { CiphertextBlob } = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: 'alias/app', KeySpec: 'AES_256' }));
  console.log(CiphertextBlob.length);
}` },
    { name: "Decrypt plaintext that is not key material (default option)", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function loadConfig(blob) {
  const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'alias/app', EncryptionContext: { app: 'x' } }));
  return JSON.parse(new TextDecoder().decode(Plaintext));
}` },
    { name: "Decrypt data key used as key material, zeroized in finally", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function open(blob, iv, body) {
  const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'alias/app', EncryptionContext: { app: 'x' } }));
  try {
    return createDecipheriv('aes-256-gcm', Plaintext, iv).update(body);
  } finally {
    Plaintext.fill(0);
  }
}` },
    { name: "a view (subarray) zeroized with the original", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  const encKey = Plaintext.subarray(0, 32);
  try {
    return createCipheriv('aes-256-gcm', encKey, randomBytes(12)).update(data);
  } finally {
    Plaintext.fill(0);
  }
}` },
    { name: "Buffer.from(p.buffer, p.byteOffset, p.byteLength) is a view", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  const key = Buffer.from(Plaintext.buffer, Plaintext.byteOffset, Plaintext.byteLength);
  try {
    return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(data);
  } finally {
    key.fill(0);
  }
}` },
    { name: "v2 callback: the error branch holds no key", code: `const AWS = require('aws-sdk');
const crypto = require('crypto');
const kms = new AWS.KMS();
function seal(data, cb) {
  kms.generateDataKey({ KeyId: 'alias/app', KeySpec: 'AES_256' }, (err, out) => {
    if (err) return cb(err);
    try {
      cb(null, crypto.createCipheriv('aes-256-gcm', out.Plaintext, crypto.randomBytes(12)).update(data));
    } finally {
      out.Plaintext.fill(0);
    }
  });
}
module.exports = { seal };` },
    { name: "v2 Buffer slice is a view: zeroizing it zeroizes the key", code: `const AWS = require('aws-sdk');
const crypto = require('crypto');
const kms = new AWS.KMS();
async function seal(data) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/app', KeySpec: 'AES_256' }).promise();
  const key = dk.Plaintext.slice(0, 32);
  try {
    return crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(data);
  } finally {
    key.fill(0);
  }
}
module.exports = { seal };` },
    { name: "a look-alike client is not KMS", code: `class Vault { async send() { return { Plaintext: new Uint8Array(32) }; } }
const vault = new Vault();
export async function f() {
  const { Plaintext } = await vault.send({});
  console.log(Plaintext.length);
}` },
    { name: "continue inside a try whose finally zeroizes", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function sealAll(items) {
  for (const item of items) {
    const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
    try {
      if (!item) continue;
      createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(item);
    } finally {
      Plaintext.fill(0);
    }
  }
}` },
    { name: "a module-level key kept for the functions that use it", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
const { Plaintext: sessionKey } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
export function sealMessage(data) {
  return createCipheriv('aes-256-gcm', sessionKey, randomBytes(12)).update(data);
}
export function shutdown() {
  sessionKey.fill(0);
}` },
    { name: "a closure that keeps the key is returned", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function keyedSealer() {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  const sealer = (data) => createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(data);
  return sealer;
}` },
    { name: "assert(key) before the try only throws without a key", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
import assert from 'node:assert';
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  assert(Plaintext, 'KMS returned no data key');
  try {
    return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(data);
  } finally {
    Plaintext.fill(0);
  }
}` },
    { name: "zeroizers option: sodium.memzero", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
import sodium from 'libsodium-wrappers';
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(data);
  } finally {
    sodium.memzero(Plaintext);
  }
}`, options: [{"zeroizers":["sodium.memzero"],"decrypt":"key-material"}] },
    { name: "zeroizers option: an imported zeroize()", code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
import { zeroize } from './secure-memory.js';
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(data);
  } finally {
    zeroize(Plaintext);
  }
}`, options: [{"zeroizers":["zeroize"],"decrypt":"key-material"}] },
  ],
  invalid: [
    {
      name: "never zeroized (v3 command)",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const { Plaintext: dataKey, CiphertextBlob } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  const cipher = createCipheriv('aes-256-gcm', dataKey, randomBytes(12));
  return { body: cipher.update(data), wrapped: CiphertextBlob };
}`,
      errors: [
        { messageId: 'notZeroized', line: 5, column: 22, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const { Plaintext: dataKey, CiphertextBlob } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    const cipher = createCipheriv('aes-256-gcm', dataKey, randomBytes(12));
    return { body: cipher.update(data), wrapped: CiphertextBlob };
  } finally {
    dataKey?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "early return before the try/finally",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  if (data.length === 0) return null;
  try {
    return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(data);
  } finally {
    Plaintext.fill(0);
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 5, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    if (data.length === 0) return null;
    try {
      return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(data);
    } finally {
      Plaintext.fill(0);
    }
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "a call that can throw between the use and the fill",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  const cipher = createCipheriv('aes-256-gcm', Plaintext, randomBytes(12));
  const body = cipher.update(data);
  Plaintext.fill(0);
  return body;
}`,
      errors: [
        { messageId: 'notZeroizedOnThrow', line: 5, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    const cipher = createCipheriv('aes-256-gcm', Plaintext, randomBytes(12));
    const body = cipher.update(data);
    Plaintext.fill(0);
    return body;
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "an await between the use and the fill",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data, store) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  const body = createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(data);
  Plaintext.fill(0);
  await store.put(body);
}`,
      errors: [
        { messageId: 'notZeroizedOnThrow', line: 5, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data, store) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    const body = createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(data);
    Plaintext.fill(0);
    await store.put(body);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "a throw statement between the use and the fill",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  const first = Plaintext[0];
  if (first === data) throw new Error('weak key');
  Plaintext.fill(0);
}`,
      errors: [
        { messageId: 'notZeroizedOnThrow', line: 5, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    const first = Plaintext[0];
    if (first === data) throw new Error('weak key');
    Plaintext.fill(0);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "fill in catch only",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    return createCipheriv('aes-256-gcm', dk.Plaintext, randomBytes(12)).update(data);
  } catch (e) {
    dk.Plaintext.fill(0);
    throw e;
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 5, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    try {
      return createCipheriv('aes-256-gcm', dk.Plaintext, randomBytes(12)).update(data);
    } catch (e) {
      dk.Plaintext.fill(0);
      throw e;
    }
  } finally {
    dk.Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "fill in try, catch rethrows",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    const body = createCipheriv('aes-256-gcm', dk.Plaintext, randomBytes(12)).update(data);
    dk.Plaintext.fill(0);
    return body;
  } catch (e) {
    throw new Error('seal failed', { cause: e });
  }
}`,
      errors: [
        { messageId: 'notZeroizedOnThrow', line: 5, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    try {
      const body = createCipheriv('aes-256-gcm', dk.Plaintext, randomBytes(12)).update(data);
      dk.Plaintext.fill(0);
      return body;
    } catch (e) {
      throw new Error('seal failed', { cause: e });
    }
  } finally {
    dk.Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "loop: continue skips the fill",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function sealAll(items) {
  for (const item of items) {
    const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
    if (!item) continue;
    try {
      createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(item);
    } finally {
      Plaintext.fill(0);
    }
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 6, column: 13, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function sealAll(items) {
  for (const item of items) {
    const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
    try {
      if (!item) continue;
      try {
        createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(item);
      } finally {
        Plaintext.fill(0);
      }
    } finally {
      Plaintext?.fill(0);
    }
  }
}` },
        ] },
      ],
    },
    {
      name: "fill deferred to a nested callback",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  setImmediate(() => Plaintext.fill(0));
  return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(data);
}`,
      errors: [
        { messageId: 'notZeroized', line: 5, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    setImmediate(() => Plaintext.fill(0));
    return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(data);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "key acquired inside a nested async callback",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function sealAll(records) {
  return Promise.all(records.map(async (record) => {
    const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
    return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(record);
  }));
}`,
      errors: [
        { messageId: 'notZeroized', line: 6, column: 13, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function sealAll(records) {
  return Promise.all(records.map(async (record) => {
    const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
    try {
      return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(record);
    } finally {
      Plaintext?.fill(0);
    }
  }));
}` },
        ] },
      ],
    },
    {
      name: ".then callback never zeroizes",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export function seal(data) {
  return kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256' })).then(({ Plaintext, CiphertextBlob }) => {
    const cipher = createCipheriv('aes-256-gcm', Plaintext, randomBytes(12));
    return { body: cipher.update(data), wrapped: CiphertextBlob };
  });
}`,
      errors: [
        { messageId: 'notZeroized', line: 5, column: 99, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export function seal(data) {
  return kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256' })).then(({ Plaintext, CiphertextBlob }) => {
    try {
      const cipher = createCipheriv('aes-256-gcm', Plaintext, randomBytes(12));
      return { body: cipher.update(data), wrapped: CiphertextBlob };
    } finally {
      Plaintext?.fill(0);
    }
  });
}` },
        ] },
      ],
    },
    {
      name: "fill in a later .then runs only on success",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data, upload) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  return upload(createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(data)).then(() => Plaintext.fill(0));
}`,
      errors: [
        { messageId: 'notZeroizedOnThrow', line: 5, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data, upload) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    return upload(createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(data)).then(() => Plaintext.fill(0));
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "v3 aggregated client, alias of the field",
      code: `import { KMS } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMS({});
export async function seal(data) {
  const out = await kms.generateDataKey({ KeyId: 'alias/app', KeySpec: 'AES_256' });
  const key = out.Plaintext;
  const body = createCipheriv('aes-256-gcm', key, randomBytes(12)).update(data);
  key.fill(0);
  return body;
}`,
      errors: [
        { messageId: 'notZeroizedOnThrow', line: 5, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMS } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMS({});
export async function seal(data) {
  const out = await kms.generateDataKey({ KeyId: 'alias/app', KeySpec: 'AES_256' });
  try {
    const key = out.Plaintext;
    const body = createCipheriv('aes-256-gcm', key, randomBytes(12)).update(data);
    key.fill(0);
    return body;
  } finally {
    out.Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "v2 promise, destructuring with a rename",
      code: `const AWS = require('aws-sdk');
const crypto = require('crypto');
const kms = new AWS.KMS();
async function seal(data) {
  const { Plaintext: key } = await kms.generateDataKey({ KeyId: 'alias/app', KeySpec: 'AES_256' }).promise();
  const body = crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(data);
  key.fill(0);
  return body;
}
module.exports = { seal };`,
      errors: [
        { messageId: 'notZeroizedOnThrow', line: 5, column: 22, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const AWS = require('aws-sdk');
const crypto = require('crypto');
const kms = new AWS.KMS();
async function seal(data) {
  const { Plaintext: key } = await kms.generateDataKey({ KeyId: 'alias/app', KeySpec: 'AES_256' }).promise();
  try {
    const body = crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(data);
    key.fill(0);
    return body;
  } finally {
    key.fill(0);
  }
}
module.exports = { seal };` },
        ] },
      ],
    },
    {
      name: "v2 callback",
      code: `const AWS = require('aws-sdk');
const crypto = require('crypto');
const kms = new AWS.KMS();
function seal(data, cb) {
  kms.generateDataKey({ KeyId: 'alias/app', KeySpec: 'AES_256' }, function (err, out) {
    if (err) return cb(err);
    cb(null, crypto.createCipheriv('aes-256-gcm', out.Plaintext, crypto.randomBytes(12)).update(data));
  });
}
module.exports = { seal };`,
      errors: [
        { messageId: 'notZeroized', line: 5, column: 82, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const AWS = require('aws-sdk');
const crypto = require('crypto');
const kms = new AWS.KMS();
function seal(data, cb) {
  kms.generateDataKey({ KeyId: 'alias/app', KeySpec: 'AES_256' }, function (err, out) {
    if (err) return cb(err);
    try {
      cb(null, crypto.createCipheriv('aes-256-gcm', out.Plaintext, crypto.randomBytes(12)).update(data));
    } finally {
      out.Plaintext.fill(0);
    }
  });
}
module.exports = { seal };` },
        ] },
      ],
    },
    {
      name: "let assigned later",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  let dk;
  dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  return createCipheriv('aes-256-gcm', dk.Plaintext, randomBytes(12)).update(data);
}`,
      errors: [
        { messageId: 'notZeroized', line: 6, column: 3, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  let dk;
  dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    return createCipheriv('aes-256-gcm', dk.Plaintext, randomBytes(12)).update(data);
  } finally {
    dk.Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "Decrypt plaintext used as a decipher key",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function open(blob, iv, body) {
  const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'alias/app', EncryptionContext: { app: 'x' } }));
  return createDecipheriv('aes-256-gcm', Plaintext, iv).update(body);
}`,
      errors: [
        { messageId: 'notZeroized', line: 5, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function open(blob, iv, body) {
  const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'alias/app', EncryptionContext: { app: 'x' } }));
  try {
    return createDecipheriv('aes-256-gcm', Plaintext, iv).update(body);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "GenerateDataKeyPair private key",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function signingKey() {
  const pair = await kms.send(new GenerateDataKeyPairCommand({ KeyId: 'alias/app', KeyPairSpec: 'ECC_NIST_P256' }));
  return createPrivateKey({ key: pair.PrivateKeyPlaintext, format: 'der', type: 'pkcs8' });
}`,
      errors: [
        { messageId: 'notZeroized', line: 5, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function signingKey() {
  const pair = await kms.send(new GenerateDataKeyPairCommand({ KeyId: 'alias/app', KeyPairSpec: 'ECC_NIST_P256' }));
  try {
    return createPrivateKey({ key: pair.PrivateKeyPlaintext, format: 'der', type: 'pkcs8' });
  } finally {
    pair.PrivateKeyPlaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "Buffer.from copy passed inline",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    return createCipheriv('aes-256-gcm', Buffer.from(Plaintext), randomBytes(12)).update(data);
  } finally {
    Plaintext.fill(0);
  }
}`,
      errors: [
        { messageId: 'copyNotZeroized', line: 7, column: 42, suggestions: [] },
      ],
    },
    {
      name: "Uint8Array slice copy bound to a name",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  const key = Plaintext.slice(0, 32);
  Plaintext.fill(0);
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(data);
}`,
      errors: [
        { messageId: 'copyNotZeroized', line: 6, column: 15, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  const key = Plaintext.slice(0, 32);
  try {
    Plaintext.fill(0);
    return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(data);
  } finally {
    key.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "spread into a new array",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function bytes() {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    return [...Plaintext].length;
  } finally {
    Plaintext.fill(0);
  }
}`,
      errors: [
        { messageId: 'copyNotZeroized', line: 7, column: 12, suggestions: [] },
      ],
    },
    {
      name: "converted to strings",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function exportKey() {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    const b64 = Buffer.from(Plaintext).toString('base64');
    const text = new TextDecoder().decode(Plaintext);
    return b64.length + text.length;
  } finally {
    Plaintext.fill(0);
  }
}`,
      errors: [
        { messageId: 'stringCopy', line: 7, column: 17, suggestions: [] },
        { messageId: 'stringCopy', line: 8, column: 18, suggestions: [] },
      ],
    },
    {
      name: "a zeroize() helper without the option is only a use",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
import { zeroize } from './secure-memory.js';
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(data);
  } finally {
    zeroize(Plaintext);
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 6, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
import { zeroize } from './secure-memory.js';
export async function seal(data) {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    try {
      return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(data);
    } finally {
      zeroize(Plaintext);
    }
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "break out of the loop skips the fill after the try",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function sealFirst(items) {
  for (const item of items) {
    const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
    try {
      if (!item) break;
      createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(item);
    } catch {
      continue;
    }
    Plaintext.fill(0);
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 6, column: 13, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function sealFirst(items) {
  for (const item of items) {
    const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
    try {
      try {
        if (!item) break;
        createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(item);
      } catch {
        continue;
      }
      Plaintext.fill(0);
    } finally {
      Plaintext?.fill(0);
    }
  }
}` },
        ] },
      ],
    },
    {
      name: "decrypt: 'always' covers a decrypted secret",
      code: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function loadConfig(blob) {
  const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'alias/app', EncryptionContext: { app: 'x' } }));
  return JSON.parse(new TextDecoder().decode(Plaintext));
}`,
      options: [{"zeroizers":[],"decrypt":"always"}],
      errors: [
        { messageId: 'notZeroized', line: 5, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function loadConfig(blob) {
  const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'alias/app', EncryptionContext: { app: 'x' } }));
  try {
    return JSON.parse(new TextDecoder().decode(Plaintext));
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
        { messageId: 'stringCopy', line: 6, column: 21, suggestions: [] },
      ],
    },
  ],
};
untyped.run('require-data-key-zeroization (JavaScript, import tracking)', rule, untypedCases);

// Applying the suggestion must settle the finding it was offered for (the try/finally really covers every path).
describe('require-data-key-zeroization suggestions', () => {
  const linter = new Linter({ configType: 'flat' });
  const config = [
    {
      files: ['**/*.js'],
      plugins: { kms: { rules: { 'require-data-key-zeroization': rule as never } } },
      languageOptions: { parser: espree as never, ecmaVersion: 'latest' as const, sourceType: 'module' as const },
      rules: { 'kms/require-data-key-zeroization': 'error' as const },
    },
  ];
  for (const test of untypedCases.invalid) {
    for (const error of test.errors) {
      for (const suggestion of error.suggestions ?? []) {
        if (test.options) continue;
        it(`${test.name}: line ${error.line} is settled`, () => {
          const after = linter.verify(suggestion.output, config, 'file.js');
          expect(after.filter((m) => m.line === error.line && m.messageId === error.messageId)).toEqual([]);
          expect(after.filter((m) => m.fatal)).toEqual([]);
        });
      }
    }
  }
});

typed.run('require-data-key-zeroization (typed)', rule, {
  valid: [
    { name: "typed: fill in finally with non-null assertions", code: `import { KMSClient, GenerateDataKeyCommand, type GenerateDataKeyCommandOutput } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data: Buffer): Promise<Buffer> {
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { app: 'x' } }));
  try {
    return createCipheriv('aes-256-gcm', dk.Plaintext!, randomBytes(12)).update(data);
  } finally {
    dk.Plaintext!.fill(0);
  }
}` },
    { name: "typed: a Buffer copy sliced is a view of the copy", code: `import { KMSClient, GenerateDataKeyCommand, type GenerateDataKeyCommandOutput } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data: Buffer): Promise<Buffer> {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256' }));
  const copy = Buffer.from(Plaintext!);
  Plaintext?.fill(0);
  const encKey = copy.slice(0, 32);
  try {
    return createCipheriv('aes-256-gcm', encKey, randomBytes(12)).update(data);
  } finally {
    encKey.fill(0);
  }
}` },
    { name: "typed: a response typed by a wrapper, zeroized", code: `import { KMSClient, GenerateDataKeyCommand, type GenerateDataKeyCommandOutput } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
declare function newDataKey(): Promise<GenerateDataKeyCommandOutput>;
export async function seal(data: Buffer): Promise<Buffer> {
  const dk = await newDataKey();
  try {
    return createCipheriv('aes-256-gcm', dk.Plaintext!, randomBytes(12)).update(data);
  } finally {
    dk.Plaintext?.fill(0);
  }
}` },
  ],
  invalid: [
    {
      name: "typed: the data key comes from a project module; the file never names the SDK",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
import { newDataKey } from './keys.js';
export async function seal(tenant: string, data: Buffer): Promise<Buffer> {
  const dk = await newDataKey(tenant);
  return createCipheriv('aes-256-gcm', dk.Plaintext!, randomBytes(12)).update(data);
}`,
      errors: [
        { messageId: 'notZeroized', line: 4, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
import { newDataKey } from './keys.js';
export async function seal(tenant: string, data: Buffer): Promise<Buffer> {
  const dk = await newDataKey(tenant);
  try {
    return createCipheriv('aes-256-gcm', dk.Plaintext!, randomBytes(12)).update(data);
  } finally {
    dk.Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "typed: Uint8Array slice is a copy",
      code: `import { KMSClient, GenerateDataKeyCommand, type GenerateDataKeyCommandOutput } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data: Buffer): Promise<Buffer> {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256' }));
  const encKey = Plaintext!.slice(0, 32);
  try {
    return createCipheriv('aes-256-gcm', encKey, randomBytes(12)).update(data);
  } finally {
    Plaintext!.fill(0);
  }
}`,
      errors: [
        { messageId: 'copyNotZeroized', line: 6, column: 18, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, type GenerateDataKeyCommandOutput } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data: Buffer): Promise<Buffer> {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256' }));
  const encKey = Plaintext!.slice(0, 32);
  try {
    try {
      return createCipheriv('aes-256-gcm', encKey, randomBytes(12)).update(data);
    } finally {
      Plaintext!.fill(0);
    }
  } finally {
    encKey.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "typed: a response typed by a wrapper, not zeroized",
      code: `import { KMSClient, GenerateDataKeyCommand, type GenerateDataKeyCommandOutput } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
declare function newDataKey(): Promise<GenerateDataKeyCommandOutput>;
export async function seal(data: Buffer): Promise<Buffer> {
  const dk = await newDataKey();
  return createCipheriv('aes-256-gcm', dk.Plaintext!, randomBytes(12)).update(data);
}`,
      errors: [
        { messageId: 'notZeroized', line: 6, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, type GenerateDataKeyCommandOutput } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
declare function newDataKey(): Promise<GenerateDataKeyCommandOutput>;
export async function seal(data: Buffer): Promise<Buffer> {
  const dk = await newDataKey();
  try {
    return createCipheriv('aes-256-gcm', dk.Plaintext!, randomBytes(12)).update(data);
  } finally {
    dk.Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "typed: thrown between use and fill",
      code: `import { KMSClient, GenerateDataKeyCommand, type GenerateDataKeyCommandOutput } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data: Buffer): Promise<Buffer> {
  const { Plaintext: key } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256' }));
  const body = createCipheriv('aes-256-gcm', key!, randomBytes(12)).update(data);
  key!.fill(0);
  return body;
}`,
      errors: [
        { messageId: 'notZeroizedOnThrow', line: 5, column: 22, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, type GenerateDataKeyCommandOutput } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(data: Buffer): Promise<Buffer> {
  const { Plaintext: key } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256' }));
  try {
    const body = createCipheriv('aes-256-gcm', key!, randomBytes(12)).update(data);
    key!.fill(0);
    return body;
  } finally {
    key?.fill(0);
  }
}` },
        ] },
      ],
    },
  ],
});
