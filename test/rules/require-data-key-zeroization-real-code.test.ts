// Issue 16, sections 3 and 4: data keys across the ways real code holds them (v2 `.promise()` and callbacks on
// clients of unknown type, keys handed to same-file callers by return, by a promise's resolve and by a done()
// callback, WebCrypto importKey and helpers), and zeroization that real code does correctly (helpers that wipe their
// parameter, loops of zeros, sodium.memzero, type guards, a copy wiped together with the original). Each program is
// written for this file (typed cases: require-data-key-zeroization-real-code-typed.test.ts); the suggestion
// outputs were applied and linted again (silent, except where a copy is its own finding).
import type { RunTests } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../src/rules/require-data-key-zeroization.js';
import { createUntypedRuleTester } from '../RuleTester.js';

const untyped = createUntypedRuleTester();

const realCode: RunTests<MessageId, Options> = {
  valid: [
    { name: "v2 .promise() on a constructor-injected client (request shape), zeroized in finally", code: `const crypto = require('crypto');
class Sealer {
  constructor(kms) { this.kms = kms; }
  async seal(text) {
    const dk = await this.kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
    try {
      return crypto.createCipheriv('aes-256-gcm', dk.Plaintext, crypto.randomBytes(12)).update(text);
    } finally {
      dk.Plaintext.fill(0);
    }
  }
}
module.exports = { Sealer };` },
    { name: "v2 callback on a client passed as a parameter, zeroized in finally inside the callback", code: `const crypto = require('crypto');
function sealWith(kms, text, done) {
  kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    try {
      done(null, crypto.createCipheriv('aes-256-gcm', data.Plaintext, crypto.randomBytes(12)).update(text));
    } finally {
      data.Plaintext.fill(0);
    }
  });
}
module.exports = { sealWith };` },
    { name: "returned in an object to a same-file caller that zeroizes it in finally", code: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' });
  return { raw: out.Plaintext, sealed: out.CiphertextBlob };
}
export async function sealNote(kms, note) {
  const { raw, sealed } = await mintKey(kms);
  try {
    return { body: createCipheriv('aes-256-gcm', raw, randomBytes(12)).update(note), sealed };
  } finally {
    raw.fill(0);
  }
}` },
    { name: "resolved through new Promise to a caller that wipes it with sodium.memzero", code: `const crypto = require('crypto');
const sodium = require('libsodium-wrappers');
function makeKey(kms) {
  return new Promise((resolve, reject) => {
    kms.generateDataKey({ KeyId: 'alias/files', NumberOfBytes: 32 }, (err, data) => {
      if (err) return reject(err);
      resolve(data);
    });
  });
}
async function sealFile(kms, bytes) {
  const data = await makeKey(kms);
  try {
    return crypto.createCipheriv('aes-256-gcm', data.Plaintext, crypto.randomBytes(12)).update(bytes);
  } finally {
    sodium.memzero(data.Plaintext);
  }
}
module.exports = { sealFile };` },
    { name: "passed to a done() callback whose same-file caller zeroizes it in finally", code: `const crypto = require('crypto');
function newKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/rows', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, data.Plaintext, data.CiphertextBlob);
  });
}
function sealRow(kms, row, cb) {
  newKey(kms, (err, key, wrapped) => {
    if (err) return cb(err);
    try {
      cb(null, { body: crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(row), wrapped });
    } finally {
      key.fill(0);
    }
  });
}
module.exports = { sealRow };` },
    { name: "returned by the helper and again by its caller: the exported caller's callers own it", code: `async function mintKey(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
  return out.Plaintext;
}
export async function keyForSession(kms) {
  const key = await mintKey(kms);
  return key;
}` },
    { name: "a helper looping zeros over its parameter, an arrow helper filling it, a zero loop in finally", code: `import { createCipheriv, randomBytes } from 'node:crypto';
function zeroBytes(b) {
  for (let i = 0; i < b.length; i++) b[i] = 0;
}
const wipe = (b) => b.fill(0);
export async function one(kms, text) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(text);
  } finally {
    zeroBytes(Plaintext);
  }
}
export async function two(kms, text) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(text);
  } finally {
    wipe(Plaintext);
  }
}
export async function three(kms, text) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(text);
  } finally {
    for (let i = 0; i < Plaintext.byteLength; i += 1) {
      Plaintext[i] = 0;
    }
  }
}` },
    { name: "fill under type guards whose other branches cannot hold the key (helper, inline, v2 Buffer)", code: `import { createCipheriv, randomBytes } from 'node:crypto';
function zero(b) { b.fill(0); }
function scrub(p) {
  if (Buffer.isBuffer(p)) zero(p);
  else if (p instanceof Uint8Array) p.fill(0);
}
export async function viaHelper(kms, text) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(text);
  } finally {
    scrub(Plaintext);
  }
}
export async function inline(kms, text) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(text);
  } finally {
    if (typeof Plaintext === 'string') throw new Error('unreachable');
    if (Plaintext instanceof Uint8Array) Plaintext.fill(0);
  }
}
export async function v2Buffer(kms, text) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();
  try {
    return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(text);
  } finally {
    if (Buffer.isBuffer(Plaintext)) Plaintext.fill(0);
  }
}` },
    { name: "a Buffer.from copy and the SDK buffer both zeroized in the same finally", code: `import { KMSClient, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(text) {
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/a', KeySpec: 'AES_256' }));
  if (!dk.Plaintext) throw new Error('no data key');
  const material = Buffer.from(dk.Plaintext);
  try {
    return createCipheriv('aes-256-gcm', material, randomBytes(12)).update(text);
  } finally { material.fill(0); dk.Plaintext.fill(0); }
}` },
    { name: "received from a helper and stored on the instance: the instance owns it", code: `async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext;
}
export class Session {
  async open(kms) {
    const key = await mintKey(kms);
    this.key = key;
  }
}` },
    { name: "a same-class method that copies the key and wipes its parameter (this.keepCopy(data.Plaintext))", code: `import { createCipheriv, randomBytes } from 'node:crypto';
export class KeyClient {
  constructor(kms) { this.kms = kms; }
  keepCopy(plaintext) {
    const copy = Buffer.from(plaintext);
    plaintext.fill(0);
    return copy;
  }
  async sealWith(text) {
    const data = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();
    const key = this.keepCopy(data.Plaintext);
    return { key, body: createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text) };
  }
}` },
    { name: "not followed: an outer variable, a .then chain, an unawaited promise, a let-bound helper, a static method", code: `let current;
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext;
}
let legacyMint = async function (kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext;
};
export class KeyStore {
  static async mint(kms) {
    const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    return Plaintext;
  }
  async prime(kms) {
    const key = await KeyStore.mint(kms);
    this.key = key;
  }
}
export async function rotate(kms) {
  current = await mintKey(kms);
  mintKey(kms).then((key) => key.fill(0));
  const later = mintKey(kms);
  const legacy = await legacyMint(kms);
  return [later, legacy];
}` },
    { name: "the response handed to a same-file helper that wipes its Plaintext field, in finally", code: `const crypto = require('crypto');
function scrub(response) {
  response.Plaintext.fill(0);
}
async function sealNote(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' });
  try {
    return crypto.createCipheriv('aes-256-gcm', dk.Plaintext, crypto.randomBytes(12)).update(note);
  } finally {
    scrub(dk);
  }
}
module.exports = { sealNote };` },
    { name: "the response handed two helpers deep: the second destructures Plaintext and wipes it", code: `const crypto = require('crypto');
function forget(response) {
  const { Plaintext } = response;
  Plaintext.fill(0);
}
function finish(response, log) {
  log.info('done with key', response.KeyId);
  forget(response);
}
async function sealNote(kms, note, log) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' });
  try {
    return crypto.createCipheriv('aes-256-gcm', dk.Plaintext, crypto.randomBytes(12)).update(note);
  } finally {
    finish(dk, log);
  }
}
module.exports = { sealNote };` },
    { name: "v2-or-v3 response awaited through a conditional .promise(), validated and detached by two helpers (the second copies Plaintext and wipes the SDK's buffer)", code: `async function freshKey(kms, KeyId) {
  const request = kms.generateDataKey({ KeyId, NumberOfBytes: 32 });
  const settled = typeof request.promise === 'function' ? request.promise() : request;
  const response = await settled;
  return checked(response);
}
function checked(response) {
  if (!(response.Plaintext instanceof Uint8Array)) throw new Error('malformed response');
  return detach(response);
}
function detach(response) {
  const original = response.Plaintext;
  response.Plaintext = Uint8Array.from(original);
  original.fill(0);
  return response;
}
module.exports = { freshKey };` },
    { name: "'promise' in pending picks .promise() or the v3 promise inline; a const arrow wipes the field in finally", code: `const crypto = require('crypto');
async function sealNote(kms, note) {
  const pending = kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' });
  const dk = await ('promise' in pending ? pending.promise() : pending);
  try {
    return crypto.createCipheriv('aes-256-gcm', dk.Plaintext, crypto.randomBytes(12)).update(note);
  } finally {
    release(dk);
  }
}
const release = (response) => response.Plaintext.fill(0);
module.exports = { sealNote };` },
    { name: "hand-off: a nested function's return is not the outer function's (callers of the outer function receive no key)", code: `const crypto = require('crypto');
async function sealNote(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' });
  try {
    const keyBytes = () => {
      return dk.Plaintext;
    };
    return crypto.createCipheriv('aes-256-gcm', keyBytes(), crypto.randomBytes(12)).update(note);
  } finally {
    dk.Plaintext.fill(0);
  }
}
async function main(kms) {
  const sealed = await sealNote(kms, 'hello');
  return sealed.length;
}
module.exports = { main };` },
    { name: "hand-off: followed three calls up, not four (the fourth caller is past the bound)", code: `const crypto = require('crypto');
function mint(kms) {
  return kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();
}
async function one(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();
  return out.Plaintext;
}
async function two(kms) {
  const key = await one(kms);
  return key;
}
async function three(kms) {
  const key = await two(kms);
  return key;
}
async function four(kms) {
  const key = await three(kms);
  return key;
}
async function five(kms, data) {
  const key = await four(kms);
  return crypto.createHmac('sha256', key).update(data).digest();
}
module.exports = { five, mint };` },
    { name: "hand-off: a let-bound object is not followed (it may be reassigned before the return)", code: `const crypto = require('crypto');
async function mint(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
  let pair = { key: out.Plaintext, wrapped: out.CiphertextBlob };
  return pair;
}
async function sealNote(kms, note) {
  const { key } = await mint(kms);
  return crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(note);
}
module.exports = { sealNote };` },
    { name: "hand-off: a computed property and an element after a spread are not followed", code: `const crypto = require('crypto');
async function mint(kms, slot) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
  return { [slot]: out.Plaintext, wrapped: out.CiphertextBlob };
}
async function holes(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
  const extra = [];
  return [, ...extra, out.Plaintext];
}
async function sealNote(kms, note) {
  const { key } = await mint(kms, 'key');
  const [, second] = await holes(kms);
  return [crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(note), second];
}
module.exports = { sealNote };` },
    { name: "hand-off: destructuring another object, or another field, is not the key; the key itself is wiped in finally", code: `const crypto = require('crypto');
async function mint(kms, other) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
  try {
    const { Plaintext } = other;
    const { KeyId: keyName } = out;
    const wrapped = out.CiphertextBlob;
    void crypto.createHmac('sha256', out.Plaintext).digest();
    return [Plaintext, keyName, wrapped];
  } finally {
    out.Plaintext.fill(0);
  }
}
async function sealNote(kms, note) {
  const [key, name, wrapped] = await mint(kms, { Plaintext: Buffer.from(note) });
  return crypto.createHmac('sha256', key).update(name).update(wrapped).digest();
}
module.exports = { sealNote };` },
    { name: "holder helpers that keep the key: one returns its Plaintext, one stores a destructured alias, one returns the response (each an escape, not a leak)", code: `const crypto = require('crypto');
const cache = new Map();
function keepField(response) {
  return response.Plaintext;
}
function keepAlias(response) {
  const { Plaintext: bytes } = response;
  cache.set(response.KeyId, bytes);
}
function keepWhole(response) {
  log(response.KeyId);
  return response;
}
function log(text) {
  console.log(text);
}
async function sealA(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const key = keepField(dk);
  return [key, note];
}
async function sealB(kms) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/b', KeySpec: 'AES_256' });
  keepAlias(dk);
}
async function sealC(kms) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/c', KeySpec: 'AES_256' });
  return keepWhole(dk);
}
module.exports = { sealA, sealB, sealC, crypto };` },
    { name: "holder helpers that wipe through a const member alias and through a destructured alias with a default", code: `const crypto = require('crypto');
function wipeMember(response) {
  const bytes = response.Plaintext;
  bytes.fill(0);
}
function wipeDefaulted(response) {
  const { Plaintext: bytes = new Uint8Array(0) } = response;
  bytes.fill(0);
}
async function sealNote(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return crypto.createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    wipeMember(dk);
  }
}
async function sealOther(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/b', KeySpec: 'AES_256' });
  try {
    return crypto.createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    wipeDefaulted(dk);
  }
}
module.exports = { sealNote, sealOther };` },
    { name: "holder helpers three deep, the third wipes Plaintext", code: `const crypto = require('crypto');
function a(r) { b(r); }
function b(r) { c(r); }
function c(r) { r.Plaintext.fill(0); }
async function sealNote(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return crypto.createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    a(dk);
  }
}
module.exports = { sealNote };` },
    { name: "holder helpers four deep, the fourth wipes Plaintext (within the bound)", code: `const crypto = require('crypto');
function a(r) { b(r); }
function b(r) { c(r); }
function c(r) { d(r); }
function d(r) { r.Plaintext.fill(0); }
async function sealNote(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return crypto.createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    a(dk);
  }
}
module.exports = { sealNote };` },
    { name: "v2 response (a Buffer) handed to a helper whose Buffer.isBuffer guard holds for it", code: `const crypto = require('crypto');
function scrub(response) {
  if (Buffer.isBuffer(response.Plaintext)) response.Plaintext.fill(0);
}
async function sealNote(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();
  try {
    return crypto.createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    scrub(dk);
  }
}
module.exports = { sealNote };` },
    { name: "v2 .promise() kept in a const, then awaited: the awaited name holds the response", code: `const crypto = require('crypto');
async function sealNote(kms, note) {
  const request = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const pending = request.promise();
  const dk = await pending;
  try {
    return crypto.createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    dk.Plaintext.fill(0);
  }
}
module.exports = { sealNote };` },
  ],
  invalid: [
    {
      name: "v2 .promise() on a constructor-injected client, never zeroized",
      code: `const crypto = require('crypto');
class Sealer {
  constructor(kms) { this.kms = kms; }
  async seal(text) {
    const dk = await this.kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
    return crypto.createCipheriv('aes-256-gcm', dk.Plaintext, crypto.randomBytes(12)).update(text);
  }
}
module.exports = { Sealer };`,
      errors: [
        { messageId: 'notZeroized', line: 5, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
class Sealer {
  constructor(kms) { this.kms = kms; }
  async seal(text) {
    const dk = await this.kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
    try {
      return crypto.createCipheriv('aes-256-gcm', dk.Plaintext, crypto.randomBytes(12)).update(text);
    } finally {
      dk.Plaintext.fill(0);
    }
  }
}
module.exports = { Sealer };` },
        ] },
      ],
    },
    {
      name: "v2 callback on a client passed as a parameter, never zeroized",
      code: `const crypto = require('crypto');
function sealWith(kms, text, done) {
  kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, crypto.createCipheriv('aes-256-gcm', data.Plaintext, crypto.randomBytes(12)).update(text));
  });
}
module.exports = { sealWith };`,
      errors: [
        { messageId: 'notZeroized', line: 3, column: 75, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function sealWith(kms, text, done) {
  kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    try {
      done(null, crypto.createCipheriv('aes-256-gcm', data.Plaintext, crypto.randomBytes(12)).update(text));
    } finally {
      data.Plaintext.fill(0);
    }
  });
}
module.exports = { sealWith };` },
        ] },
      ],
    },
    {
      name: "returned in an object to a same-file caller that uses it as a cipher key and drops it: reported once, at the caller",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' });
  return { raw: out.Plaintext, sealed: out.CiphertextBlob };
}
export async function sealNote(kms, note) {
  const { raw, sealed } = await mintKey(kms);
  return { body: createCipheriv('aes-256-gcm', raw, randomBytes(12)).update(note), sealed };
}`,
      errors: [
        { messageId: 'notZeroized', line: 7, column: 11, data: { operation: 'GenerateDataKey', field: 'Plaintext, handed over by `mintKey`', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' });
  return { raw: out.Plaintext, sealed: out.CiphertextBlob };
}
export async function sealNote(kms, note) {
  const { raw, sealed } = await mintKey(kms);
  try {
    return { body: createCipheriv('aes-256-gcm', raw, randomBytes(12)).update(note), sealed };
  } finally {
    raw?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "resolved through new Promise by this.mint(); the calling method drops it: reported at the caller",
      code: `const { sealWith } = require('./cipher');
class KeyService {
  constructor(kms, store) {
    this.kms = kms;
    this.store = store;
  }
  async protect(id, data) {
    const [wrapped, key] = await this.mint();
    const sealed = sealWith(data, key);
    await this.store.put(id, { wrapped, sealed });
    return sealed;
  }
  mint() {
    return new Promise((resolve, reject) => {
      this.kms.generateDataKey({ KeyId: 'alias/svc', KeySpec: 'AES_256' }, (err, data) => {
        if (err) return reject(err);
        const { CiphertextBlob, Plaintext } = data;
        resolve([CiphertextBlob, Plaintext]);
      });
    });
  }
}
module.exports = KeyService;`,
      errors: [
        { messageId: 'notZeroized', line: 8, column: 21, data: { operation: 'GenerateDataKey', field: 'Plaintext, handed over by `mint`', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const { sealWith } = require('./cipher');
class KeyService {
  constructor(kms, store) {
    this.kms = kms;
    this.store = store;
  }
  async protect(id, data) {
    const [wrapped, key] = await this.mint();
    try {
      const sealed = sealWith(data, key);
      await this.store.put(id, { wrapped, sealed });
      return sealed;
    } finally {
      key.fill(0);
    }
  }
  mint() {
    return new Promise((resolve, reject) => {
      this.kms.generateDataKey({ KeyId: 'alias/svc', KeySpec: 'AES_256' }, (err, data) => {
        if (err) return reject(err);
        const { CiphertextBlob, Plaintext } = data;
        resolve([CiphertextBlob, Plaintext]);
      });
    });
  }
}
module.exports = KeyService;` },
        ] },
      ],
    },
    {
      name: "passed to done(); the same-file caller's callback drops it: reported at the callback's parameter",
      code: `const crypto = require('crypto');
function newKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/rows', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, data.Plaintext, data.CiphertextBlob);
  });
}
function sealRow(kms, row, cb) {
  newKey(kms, (err, key, wrapped) => {
    if (err) return cb(err);
    cb(null, { body: crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(row), wrapped });
  });
}
module.exports = { sealRow };`,
      errors: [
        { messageId: 'notZeroized', line: 9, column: 21, data: { operation: 'GenerateDataKey', field: 'Plaintext, handed over by `newKey`', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function newKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/rows', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, data.Plaintext, data.CiphertextBlob);
  });
}
function sealRow(kms, row, cb) {
  newKey(kms, (err, key, wrapped) => {
    if (err) return cb(err);
    try {
      cb(null, { body: crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(row), wrapped });
    } finally {
      key.fill(0);
    }
  });
}
module.exports = { sealRow };` },
        ] },
      ],
    },
    {
      name: "Decrypt plaintext imported into WebCrypto and never wiped",
      code: `import { KMSClient, DecryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export async function open(wrapped, iv, body) {
  const res = await kms.send(new DecryptCommand({ CiphertextBlob: wrapped, KeyId: 'alias/a', EncryptionContext: { app: 'x' } }));
  const key = await crypto.subtle.importKey('raw', res.Plaintext, 'AES-GCM', false, ['decrypt']);
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, body));
}`,
      errors: [
        { messageId: 'notZeroized', line: 4, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, DecryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export async function open(wrapped, iv, body) {
  const res = await kms.send(new DecryptCommand({ CiphertextBlob: wrapped, KeyId: 'alias/a', EncryptionContext: { app: 'x' } }));
  try {
    const key = await crypto.subtle.importKey('raw', res.Plaintext, 'AES-GCM', false, ['decrypt']);
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, body));
  } finally {
    res.Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "handed to a same-file helper that only uses it, never wiped by the owner",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
function encryptWith(key, text) {
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}
export async function seal(kms, text) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return encryptWith(Plaintext, text);
}`,
      errors: [
        { messageId: 'notZeroized', line: 6, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
function encryptWith(key, text) {
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}
export async function seal(kms, text) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return encryptWith(Plaintext, text);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "only the Buffer.from copy is zeroized: the SDK's buffer is still live",
      code: `import { KMSClient, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(text) {
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/a', KeySpec: 'AES_256' }));
  const material = Buffer.from(dk.Plaintext);
  try {
    return createCipheriv('aes-256-gcm', material, randomBytes(12)).update(text);
  } finally {
    material.fill(0);
  }
}`,
      errors: [
        { messageId: 'originalNotZeroized', line: 5, column: 9, suggestions: [
          { messageId: 'useOriginal', output: `import { KMSClient, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
export async function seal(text) {
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/a', KeySpec: 'AES_256' }));
  const material = dk.Plaintext;
  try {
    return createCipheriv('aes-256-gcm', material, randomBytes(12)).update(text);
  } finally {
    material.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "Buffer.isBuffer guard alone misses v3's Uint8Array",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
function scrub(p) {
  if (Buffer.isBuffer(p)) p.fill(0);
}
export async function seal(kms, text) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(text);
  } finally {
    scrub(Plaintext);
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 6, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
function scrub(p) {
  if (Buffer.isBuffer(p)) p.fill(0);
}
export async function seal(kms, text) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    try {
      return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(text);
    } finally {
      scrub(Plaintext);
    }
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "a zero loop over the first 16 bytes only",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
export async function seal(kms, text) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(text);
  } finally {
    for (let i = 0; i < 16; i++) Plaintext[i] = 0;
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 3, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
export async function seal(kms, text) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    try {
      return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(text);
    } finally {
      for (let i = 0; i < 16; i++) Plaintext[i] = 0;
    }
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "a copy and the original both dropped: two buffers, two reports (the original, and the copy)",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
export async function seal(kms, text) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const key = Buffer.from(Plaintext);
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}`,
      errors: [
        { messageId: 'notZeroized', line: 3, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
export async function seal(kms, text) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    const key = Buffer.from(Plaintext);
    return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
        { messageId: 'copyNotZeroized', line: 4, column: 15, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
export async function seal(kms, text) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const key = Buffer.from(Plaintext);
  try {
    return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
  } finally {
    key.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "the caller of a key-returning helper zeroizes only when nothing throws",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();
  return Plaintext;
}
export async function seal(kms, text, upload) {
  const key = await mintKey(kms);
  const body = createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
  await upload(body);
  key.fill(0);
}`,
      errors: [
        { messageId: 'notZeroizedOnThrow', line: 7, column: 9, data: { operation: 'GenerateDataKey', field: 'Plaintext, handed over by `mintKey`', what: 'call to `update`', line: '8' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();
  return Plaintext;
}
export async function seal(kms, text, upload) {
  const key = await mintKey(kms);
  try {
    const body = createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
    await upload(body);
    key.fill(0);
  } finally {
    key.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "a same-class method that only reads its parameter is a use, not a zeroization",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
export class KeyClient {
  constructor(kms) { this.kms = kms; }
  checksum(plaintext) {
    return plaintext.length;
  }
  async sealWith(text) {
    const data = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();
    this.checksum(data.Plaintext);
    return createCipheriv('aes-256-gcm', data.Plaintext, randomBytes(12)).update(text);
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 8, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
export class KeyClient {
  constructor(kms) { this.kms = kms; }
  checksum(plaintext) {
    return plaintext.length;
  }
  async sealWith(text) {
    const data = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();
    try {
      this.checksum(data.Plaintext);
      return createCipheriv('aes-256-gcm', data.Plaintext, randomBytes(12)).update(text);
    } finally {
      data.Plaintext.fill(0);
    }
  }
}` },
        ] },
      ],
    },
    {
      name: "a helper wipes the SDK buffer and returns a Buffer.from copy; the caller drops the copy: reported at the caller",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
async function newKey(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return { plaintextKey: Buffer.from(Plaintext), wrapped: CiphertextBlob };
  } finally {
    Plaintext.fill(0);
  }
}
export async function seal(kms, text) {
  const { plaintextKey, wrapped } = await newKey(kms);
  return { wrapped, body: createCipheriv('aes-256-gcm', plaintextKey, randomBytes(12)).update(text) };
}`,
      errors: [
        { messageId: 'notZeroized', line: 11, column: 11, data: { operation: 'GenerateDataKey', field: 'Plaintext, handed over by `newKey`', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
async function newKey(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return { plaintextKey: Buffer.from(Plaintext), wrapped: CiphertextBlob };
  } finally {
    Plaintext.fill(0);
  }
}
export async function seal(kms, text) {
  const { plaintextKey, wrapped } = await newKey(kms);
  try {
    return { wrapped, body: createCipheriv('aes-256-gcm', plaintextKey, randomBytes(12)).update(text) };
  } finally {
    plaintextKey.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "received from a const arrow helper by assignment to a local, used as an HMAC key and dropped",
      code: `import { createHmac } from 'node:crypto';
const mint = async (kms) => {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/macs', KeySpec: 'AES_256' });
  return Plaintext;
};
export async function sign(kms, message) {
  let key;
  key = await mint(kms);
  return createHmac('sha256', key).update(message).digest('hex');
}`,
      errors: [
        { messageId: 'notZeroized', line: 8, column: 3, data: { operation: 'GenerateDataKey', field: 'Plaintext, handed over by `mint`', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
const mint = async (kms) => {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/macs', KeySpec: 'AES_256' });
  return Plaintext;
};
export async function sign(kms, message) {
  let key;
  key = await mint(kms);
  try {
    return createHmac('sha256', key).update(message).digest('hex');
  } finally {
    key?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "resolved by an arrow that returns new Promise; the caller drops it",
      code: `const crypto = require('crypto');
const makeKey = (kms) => new Promise((resolve) => {
  kms.generateDataKey({ KeyId: 'alias/files', NumberOfBytes: 32 }, (err, data) => resolve(data.Plaintext));
});
async function sealFile(kms, bytes) {
  const key = await makeKey(kms);
  return crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(bytes);
}
module.exports = { sealFile };`,
      errors: [
        { messageId: 'notZeroized', line: 6, column: 9, data: { operation: 'GenerateDataKey', field: 'Plaintext, handed over by `makeKey`', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
const makeKey = (kms) => new Promise((resolve) => {
  kms.generateDataKey({ KeyId: 'alias/files', NumberOfBytes: 32 }, (err, data) => resolve(data.Plaintext));
});
async function sealFile(kms, bytes) {
  const key = await makeKey(kms);
  try {
    return crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(bytes);
  } finally {
    key.fill(0);
  }
}
module.exports = { sealFile };` },
        ] },
      ],
    },
    {
      name: "returned in an array, repacked into an object by a second helper, dropped two calls away",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
async function rawPair(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return [out.CiphertextBlob, out.Plaintext];
}
async function keyRecord(kms) {
  const [wrapped, plain] = await rawPair(kms);
  const record = { plain, wrapped };
  return record;
}
export async function seal(kms, text) {
  const { plain, wrapped } = await keyRecord(kms);
  return { wrapped, body: createCipheriv('aes-256-gcm', plain, randomBytes(12)).update(text) };
}`,
      errors: [
        { messageId: 'notZeroized', line: 12, column: 11, data: { operation: 'GenerateDataKey', field: 'Plaintext, handed over by `keyRecord`', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
async function rawPair(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return [out.CiphertextBlob, out.Plaintext];
}
async function keyRecord(kms) {
  const [wrapped, plain] = await rawPair(kms);
  const record = { plain, wrapped };
  return record;
}
export async function seal(kms, text) {
  const { plain, wrapped } = await keyRecord(kms);
  try {
    return { wrapped, body: createCipheriv('aes-256-gcm', plain, randomBytes(12)).update(text) };
  } finally {
    plain?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "passed to callback() inside an object; the caller's callback destructures it and drops it",
      code: `const crypto = require('crypto');
function withKey(kms, callback) {
  kms.generateDataKey({ KeyId: 'alias/rows', KeySpec: 'AES_256' }, function (err, data) {
    if (err) return callback(err);
    return callback(null, { key: data.Plaintext, wrapped: data.CiphertextBlob });
  });
}
function sealRow(kms, row, done) {
  withKey(kms, function (err, { key, wrapped }) {
    if (err) return done(err);
    done(null, { body: crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(row), wrapped });
  });
}
module.exports = { sealRow };`,
      errors: [
        { messageId: 'notZeroized', line: 9, column: 33, data: { operation: 'GenerateDataKey', field: 'Plaintext, handed over by `withKey`', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function withKey(kms, callback) {
  kms.generateDataKey({ KeyId: 'alias/rows', KeySpec: 'AES_256' }, function (err, data) {
    if (err) return callback(err);
    return callback(null, { key: data.Plaintext, wrapped: data.CiphertextBlob });
  });
}
function sealRow(kms, row, done) {
  withKey(kms, function (err, { key, wrapped }) {
    if (err) return done(err);
    try {
      done(null, { body: crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(row), wrapped });
    } finally {
      key.fill(0);
    }
  });
}
module.exports = { sealRow };` },
        ] },
      ],
    },
    {
      name: "near miss: handed two helpers deep, and the second only reads the key (reported once, at the acquisition)",
      code: `const crypto = require('crypto');
function audit(response, log) {
  log.info('used key', response.KeyId, response.Plaintext.length);
}
function finish(response, log) {
  audit(response, log);
}
async function sealNote(kms, note, log) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' });
  try {
    return crypto.createCipheriv('aes-256-gcm', dk.Plaintext, crypto.randomBytes(12)).update(note);
  } finally {
    finish(dk, log);
  }
}
module.exports = { sealNote };`,
      errors: [
        { messageId: 'notZeroized', line: 9, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function audit(response, log) {
  log.info('used key', response.KeyId, response.Plaintext.length);
}
function finish(response, log) {
  audit(response, log);
}
async function sealNote(kms, note, log) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' });
  try {
    try {
      return crypto.createCipheriv('aes-256-gcm', dk.Plaintext, crypto.randomBytes(12)).update(note);
    } finally {
      finish(dk, log);
    }
  } finally {
    dk.Plaintext?.fill(0);
  }
}
module.exports = { sealNote };` },
        ] },
      ],
    },
    {
      name: "near miss: the helper wipes the field on one branch only",
      code: `const crypto = require('crypto');
function maybeForget(response, keep) {
  if (!keep) response.Plaintext.fill(0);
}
async function sealNote(kms, note, keep) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' });
  try {
    return crypto.createCipheriv('aes-256-gcm', dk.Plaintext, crypto.randomBytes(12)).update(note);
  } finally {
    maybeForget(dk, keep);
  }
}
module.exports = { sealNote };`,
      errors: [
        { messageId: 'notZeroized', line: 6, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function maybeForget(response, keep) {
  if (!keep) response.Plaintext.fill(0);
}
async function sealNote(kms, note, keep) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' });
  try {
    try {
      return crypto.createCipheriv('aes-256-gcm', dk.Plaintext, crypto.randomBytes(12)).update(note);
    } finally {
      maybeForget(dk, keep);
    }
  } finally {
    dk.Plaintext?.fill(0);
  }
}
module.exports = { sealNote };` },
        ] },
      ],
    },
    {
      name: "near miss: two helpers that hand the response to each other (a cycle) and never wipe it",
      code: `const crypto = require('crypto');
function pass(response, n) {
  return n > 0 ? bounce(response, n - 1) : null;
}
function bounce(response, n) {
  return pass(response, n);
}
async function sealNote(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' });
  try {
    return crypto.createCipheriv('aes-256-gcm', dk.Plaintext, crypto.randomBytes(12)).update(note);
  } finally {
    bounce(dk, 3);
  }
}
module.exports = { sealNote };`,
      errors: [
        { messageId: 'notZeroized', line: 9, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function pass(response, n) {
  return n > 0 ? bounce(response, n - 1) : null;
}
function bounce(response, n) {
  return pass(response, n);
}
async function sealNote(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' });
  try {
    try {
      return crypto.createCipheriv('aes-256-gcm', dk.Plaintext, crypto.randomBytes(12)).update(note);
    } finally {
      bounce(dk, 3);
    }
  } finally {
    dk.Plaintext?.fill(0);
  }
}
module.exports = { sealNote };` },
        ] },
      ],
    },
    {
      name: "near miss: v2-or-v3 response awaited through a conditional, handed to a helper that only checks it (no suggestion: the awaited name is declared after the acquisition)",
      code: `async function freshKey(kms, KeyId, cipherFor) {
  const request = kms.generateDataKey({ KeyId, NumberOfBytes: 32 });
  const settled = typeof request.promise === 'function' ? request.promise() : request;
  const response = await settled;
  const cipher = cipherFor(response.Plaintext);
  inspect(response);
  return cipher;
}
function inspect(response) {
  if (!(response.Plaintext instanceof Uint8Array)) throw new Error('malformed response');
}
module.exports = { freshKey };`,
      errors: [
        { messageId: 'notZeroized', line: 2, column: 9, suggestions: [] },
      ],
    },
    {
      name: "hand-off: the whole response returned; the caller reads Plaintext and drops it",
      code: `const crypto = require('crypto');
async function mint(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
  return out;
}
async function sealNote(kms, note) {
  const res = await mint(kms);
  return crypto.createCipheriv('aes-256-gcm', res.Plaintext, crypto.randomBytes(12)).update(note);
}
module.exports = { sealNote };`,
      errors: [
        { messageId: 'notZeroized', line: 7, column: 9, data: { operation: 'GenerateDataKey', field: 'Plaintext, handed over by `mint`', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
async function mint(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
  return out;
}
async function sealNote(kms, note) {
  const res = await mint(kms);
  try {
    return crypto.createCipheriv('aes-256-gcm', res.Plaintext, crypto.randomBytes(12)).update(note);
  } finally {
    res.Plaintext.fill(0);
  }
}
module.exports = { sealNote };` },
        ] },
      ],
    },
    {
      name: "hand-off: a const array returned; the caller's array pattern takes the key from the second element",
      code: `const crypto = require('crypto');
async function mint(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
  const pair = [out.CiphertextBlob, out.Plaintext];
  return pair;
}
async function sealNote(kms, note) {
  const [wrapped, key] = await mint(kms);
  return { wrapped, body: crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(note) };
}
module.exports = { sealNote };`,
      errors: [
        { messageId: 'notZeroized', line: 8, column: 19, data: { operation: 'GenerateDataKey', field: 'Plaintext, handed over by `mint`', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
async function mint(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
  const pair = [out.CiphertextBlob, out.Plaintext];
  return pair;
}
async function sealNote(kms, note) {
  const [wrapped, key] = await mint(kms);
  try {
    return { wrapped, body: crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(note) };
  } finally {
    key.fill(0);
  }
}
module.exports = { sealNote };` },
        ] },
      ],
    },
    {
      name: "hand-off: a destructured alias with a default, and a const member alias, returned to one caller that drops both",
      code: `const crypto = require('crypto');
async function mint(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
  const { Plaintext: raw = null } = out;
  return raw;
}
async function mintToo(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
  const raw = out.Plaintext;
  return raw;
}
async function sealNote(kms, note) {
  const key = await mint(kms);
  const other = await mintToo(kms);
  return [crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(note), crypto.createHmac('sha256', other).digest()];
}
module.exports = { sealNote };`,
      errors: [
        { messageId: 'notZeroized', line: 13, column: 9, data: { operation: 'GenerateDataKey', field: 'Plaintext, handed over by `mint`', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
async function mint(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
  const { Plaintext: raw = null } = out;
  return raw;
}
async function mintToo(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
  const raw = out.Plaintext;
  return raw;
}
async function sealNote(kms, note) {
  const key = await mint(kms);
  try {
    const other = await mintToo(kms);
    return [crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(note), crypto.createHmac('sha256', other).digest()];
  } finally {
    key.fill(0);
  }
}
module.exports = { sealNote };` },
        ] },
        { messageId: 'notZeroized', line: 14, column: 9, data: { operation: 'GenerateDataKey', field: 'Plaintext, handed over by `mintToo`', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
async function mint(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
  const { Plaintext: raw = null } = out;
  return raw;
}
async function mintToo(kms) {
  const out = await kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
  const raw = out.Plaintext;
  return raw;
}
async function sealNote(kms, note) {
  const key = await mint(kms);
  const other = await mintToo(kms);
  try {
    return [crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(note), crypto.createHmac('sha256', other).digest()];
  } finally {
    other.fill(0);
  }
}
module.exports = { sealNote };` },
        ] },
      ],
    },
    {
      name: "hand-off: done(null, wrapped, key): the caller's callback receives the key as its third parameter and drops it",
      code: `const crypto = require('crypto');
function withKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/rows', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, data.CiphertextBlob, data.Plaintext);
  });
}
function sealRow(kms, row, done) {
  withKey(kms, (err, wrapped, key) => {
    if (err) return done(err);
    done(null, { wrapped, body: crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(row) });
  });
}
module.exports = { sealRow };`,
      errors: [
        { messageId: 'notZeroized', line: 9, column: 31, data: { operation: 'GenerateDataKey', field: 'Plaintext, handed over by `withKey`', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function withKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/rows', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, data.CiphertextBlob, data.Plaintext);
  });
}
function sealRow(kms, row, done) {
  withKey(kms, (err, wrapped, key) => {
    if (err) return done(err);
    try {
      done(null, { wrapped, body: crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(row) });
    } finally {
      key.fill(0);
    }
  });
}
module.exports = { sealRow };` },
        ] },
      ],
    },
    {
      name: "hand-off: a spread done(...args) and a callback parameter named report are not hand-offs: reported in the callback that holds the key",
      code: `const crypto = require('crypto');
function withKey(kms, done, report) {
  kms.generateDataKey({ KeyId: 'alias/rows', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    report(data.Plaintext);
    const args = [null, data.Plaintext];
    done(...args);
  });
}
function sealRow(kms, row, done) {
  withKey(kms, (err, key) => done(err, key), (key) => crypto.createHmac('sha256', key).update(row).digest());
  withKey(kms, null, () => {});
}
module.exports = { sealRow };`,
      errors: [
        { messageId: 'notZeroizedOnThrow', line: 3, column: 74, data: { operation: 'GenerateDataKey', field: 'Plaintext', what: 'call to `report`', line: '5' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function withKey(kms, done, report) {
  kms.generateDataKey({ KeyId: 'alias/rows', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    try {
      report(data.Plaintext);
      const args = [null, data.Plaintext];
      done(...args);
    } finally {
      data.Plaintext.fill(0);
    }
  });
}
function sealRow(kms, row, done) {
  withKey(kms, (err, key) => done(err, key), (key) => crypto.createHmac('sha256', key).update(row).digest());
  withKey(kms, null, () => {});
}
module.exports = { sealRow };` },
        ] },
      ],
    },
    {
      name: "near miss: holder helpers that wipe another field, or another parameter's Plaintext",
      code: `const crypto = require('crypto');
function wipeBlob(response) {
  const { CiphertextBlob } = response;
  CiphertextBlob.fill(0);
}
function wipeOther(response, other) {
  other.Plaintext.fill(0);
  const copy = response.KeyId;
  return copy;
}
async function sealNote(kms, note, spare) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return crypto.createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    wipeBlob(dk);
    wipeOther(dk, spare);
  }
}
module.exports = { sealNote };`,
      errors: [
        { messageId: 'notZeroized', line: 12, column: 9, data: { operation: 'GenerateDataKey', field: 'Plaintext', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function wipeBlob(response) {
  const { CiphertextBlob } = response;
  CiphertextBlob.fill(0);
}
function wipeOther(response, other) {
  other.Plaintext.fill(0);
  const copy = response.KeyId;
  return copy;
}
async function sealNote(kms, note, spare) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    try {
      return crypto.createHmac('sha256', dk.Plaintext).update(note).digest();
    } finally {
      wipeBlob(dk);
      wipeOther(dk, spare);
    }
  } finally {
    dk.Plaintext?.fill(0);
  }
}
module.exports = { sealNote };` },
        ] },
      ],
    },
    {
      name: "near miss: holder helpers five deep: past the bound of three, the wipe is not seen",
      code: `const crypto = require('crypto');
function a(r) { b(r); }
function b(r) { c(r); }
function c(r) { d(r); }
function d(r) { e(r); }
function e(r) { r.Plaintext.fill(0); }
async function sealNote(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return crypto.createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    a(dk);
  }
}
module.exports = { sealNote };`,
      errors: [
        { messageId: 'notZeroized', line: 8, column: 9, data: { operation: 'GenerateDataKey', field: 'Plaintext', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function a(r) { b(r); }
function b(r) { c(r); }
function c(r) { d(r); }
function d(r) { e(r); }
function e(r) { r.Plaintext.fill(0); }
async function sealNote(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    try {
      return crypto.createHmac('sha256', dk.Plaintext).update(note).digest();
    } finally {
      a(dk);
    }
  } finally {
    dk.Plaintext?.fill(0);
  }
}
module.exports = { sealNote };` },
        ] },
      ],
    },
    {
      name: "near miss: .promise(opts) with an argument is not v2's .promise(): the awaited value is not followed as the response",
      code: `const crypto = require('crypto');
async function sealNote(kms, note, opts) {
  const request = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const settled = await request.promise(opts);
  try {
    return crypto.createHmac('sha256', settled.Plaintext).update(note).digest();
  } finally {
    release(settled);
  }
}
function release(response) {
  response.Plaintext.fill(0);
}
module.exports = { sealNote };`,
      errors: [
        { messageId: 'notZeroized', line: 3, column: 9, data: { operation: 'GenerateDataKey', field: 'Plaintext', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
async function sealNote(kms, note, opts) {
  const request = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    const settled = await request.promise(opts);
    try {
      return crypto.createHmac('sha256', settled.Plaintext).update(note).digest();
    } finally {
      release(settled);
    }
  } finally {
    request.Plaintext?.fill(0);
  }
}
function release(response) {
  response.Plaintext.fill(0);
}
module.exports = { sealNote };` },
        ] },
      ],
    },
    {
      name: "near miss: v3 response (a Uint8Array) handed to a helper whose Buffer.isBuffer guard skips it",
      code: `const { KMSClient, GenerateDataKeyCommand } = require('@aws-sdk/client-kms');
const crypto = require('crypto');
const kms = new KMSClient({});
function scrub(response) {
  if (Buffer.isBuffer(response.Plaintext)) response.Plaintext.fill(0);
}
async function sealNote(note) {
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/a', KeySpec: 'AES_256' }));
  try {
    return crypto.createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    scrub(dk);
  }
}
module.exports = { sealNote };`,
      errors: [
        { messageId: 'notZeroized', line: 8, column: 9, data: { operation: 'GenerateDataKey', field: 'Plaintext', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const { KMSClient, GenerateDataKeyCommand } = require('@aws-sdk/client-kms');
const crypto = require('crypto');
const kms = new KMSClient({});
function scrub(response) {
  if (Buffer.isBuffer(response.Plaintext)) response.Plaintext.fill(0);
}
async function sealNote(note) {
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/a', KeySpec: 'AES_256' }));
  try {
    try {
      return crypto.createHmac('sha256', dk.Plaintext).update(note).digest();
    } finally {
      scrub(dk);
    }
  } finally {
    dk.Plaintext?.fill(0);
  }
}
module.exports = { sealNote };` },
        ] },
      ],
    },
    {
      name: "near miss: one helper wipes bytes; handed the whole response it fills the object, not its Plaintext (reported there only)",
      code: `const crypto = require('crypto');
function wipe(bytes) {
  bytes.fill(0);
}
async function sealBytes(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return crypto.createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    wipe(dk.Plaintext);
  }
}
async function sealWhole(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/b', KeySpec: 'AES_256' });
  try {
    return crypto.createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    wipe(dk);
  }
}
module.exports = { sealBytes, sealWhole };`,
      errors: [
        { messageId: 'notZeroized', line: 14, column: 9, data: { operation: 'GenerateDataKey', field: 'Plaintext', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function wipe(bytes) {
  bytes.fill(0);
}
async function sealBytes(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return crypto.createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    wipe(dk.Plaintext);
  }
}
async function sealWhole(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/b', KeySpec: 'AES_256' });
  try {
    try {
      return crypto.createHmac('sha256', dk.Plaintext).update(note).digest();
    } finally {
      wipe(dk);
    }
  } finally {
    dk.Plaintext?.fill(0);
  }
}
module.exports = { sealBytes, sealWhole };` },
        ] },
      ],
    },
    {
      name: "near miss: a conditional that only tests the request, and a method other than .promise(), do not hand the response on",
      code: `const crypto = require('crypto');
async function sealNote(kms, note, spare) {
  const request = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const chosen = request ? spare : null;
  const sent = request.send();
  const dk = await request.promise();
  try {
    return crypto.createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    chosen.Plaintext.fill(0);
    sent.Plaintext.fill(0);
  }
}
module.exports = { sealNote };`,
      errors: [
        { messageId: 'notZeroized', line: 3, column: 9, data: { operation: 'GenerateDataKey', field: 'Plaintext', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [] },
      ],
    },
    {
      name: "near miss: helpers that return the response's KeyId and wipe its CiphertextBlob neither keep nor wipe the key",
      code: `const crypto = require('crypto');
function idOf(response) {
  return response.KeyId;
}
function wipeBlob(response) {
  response.CiphertextBlob.fill(0);
}
async function sealNote(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return [idOf(dk), crypto.createHmac('sha256', dk.Plaintext).update(note).digest()];
  } finally {
    wipeBlob(dk);
  }
}
module.exports = { sealNote };`,
      errors: [
        { messageId: 'notZeroized', line: 9, column: 9, data: { operation: 'GenerateDataKey', field: 'Plaintext', path: 'a return or the end of the function is reached without zeroizing it' }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function idOf(response) {
  return response.KeyId;
}
function wipeBlob(response) {
  response.CiphertextBlob.fill(0);
}
async function sealNote(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    try {
      return [idOf(dk), crypto.createHmac('sha256', dk.Plaintext).update(note).digest()];
    } finally {
      wipeBlob(dk);
    }
  } finally {
    dk.Plaintext?.fill(0);
  }
}
module.exports = { sealNote };` },
        ] },
      ],
    },
  ],
};

untyped.run('require-data-key-zeroization on real-code shapes (JavaScript)', rule, realCode);
