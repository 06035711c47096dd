// Issue 16, section 3: the hand-off of a data key to same-file callers (src/sdk/dataKeys/handoff.ts), one shape a
// case, so that each part of the analysis is seen to matter: what a helper hands over (object and array literals,
// named containers, holes, spreads, nested literals), how (return, a promise's resolver, a done() continuation), to
// whom (declarations, const functions, this.method(), TypeScript casts around the await) and what is not followed.
// A case whose shape could hide a crash (the rule stays silent when its analysis throws) ends with unrelatedLeak,
// which must still be reported. Each program is written for this file; StrykerJS (stryker/data-keys.config.mjs) runs it against handoff.ts.
import type { RunTests } from '@typescript-eslint/rule-tester';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../src/rules/require-data-key-zeroization.js';
import { createUntypedRuleTester, type KmsRuleTester } from '../RuleTester.js';

const untyped = createUntypedRuleTester();
/** TypeScript syntax (casts around the await) without a project: the same untyped analysis. */
const untypedTs = new RuleTester() as unknown as KmsRuleTester;

const cases: RunTests<MessageId, Options> = {
  valid: [

  ],
  invalid: [
    {
      name: "hand-off: an object literal held in a const that is itself held in a const (two names deep) is followed; the helper is silent",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const material = { key: Plaintext };
  const bundle = { material, wrapped: CiphertextBlob };
  return bundle;
}
export async function seal(kms, text) {
  const { material: { key }, wrapped } = await mintKey(kms);
  return { wrapped, body: createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text) };
}`,
      errors: [
        { messageId: 'notZeroized', line: 9, column: 23, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `mintKey`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const material = { key: Plaintext };
  const bundle = { material, wrapped: CiphertextBlob };
  return bundle;
}
export async function seal(kms, text) {
  const { material: { key }, wrapped } = await mintKey(kms);
  try {
    return { wrapped, body: createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text) };
  } finally {
    key?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: an array literal held in a const that names a later const (a temporal dead zone) neither loops nor crashes",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const first = [second, Plaintext];
  const second = [first];
  return first;
}
export async function seal(kms, text) {
  const [, key] = await mintKey(kms);
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}`,
      errors: [
        { messageId: 'notZeroized', line: 9, column: 12, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `mintKey`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const first = [second, Plaintext];
  const second = [first];
  return first;
}
export async function seal(kms, text) {
  const [, key] = await mintKey(kms);
  try {
    return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
  } finally {
    key?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: an array with a hole before the key; the caller skips the same hole",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return [CiphertextBlob, , Plaintext];
}
export async function seal(kms, text) {
  const [wrapped, , key] = await mintKey(kms);
  return { wrapped, body: createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text) };
}`,
      errors: [
        { messageId: 'notZeroized', line: 7, column: 21, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `mintKey`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return [CiphertextBlob, , Plaintext];
}
export async function seal(kms, text) {
  const [wrapped, , key] = await mintKey(kms);
  try {
    return { wrapped, body: createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text) };
  } finally {
    key?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: an object with a spread, a method and a string-keyed property before the key",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
const defaults = { version: 1 };
async function mintKey(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return { ...defaults, describe() { return 'data key'; }, 'wrapped': CiphertextBlob, key: Plaintext };
}
export async function seal(kms, text) {
  const { key, wrapped } = await mintKey(kms);
  return { wrapped, body: createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text) };
}`,
      errors: [
        { messageId: 'notZeroized', line: 8, column: 11, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `mintKey`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
const defaults = { version: 1 };
async function mintKey(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return { ...defaults, describe() { return 'data key'; }, 'wrapped': CiphertextBlob, key: Plaintext };
}
export async function seal(kms, text) {
  const { key, wrapped } = await mintKey(kms);
  try {
    return { wrapped, body: createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text) };
  } finally {
    key?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: the key three objects deep is past what is followed (the caller is not reported)",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return { outer: { inner: { key: Plaintext } } };
}
export async function seal(kms, text) {
  const { outer: { inner: { key } } } = await mintKey(kms);
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  console.log(Plaintext.length);
}`,
      errors: [
        { messageId: 'notZeroized', line: 11, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return { outer: { inner: { key: Plaintext } } };
}
export async function seal(kms, text) {
  const { outer: { inner: { key } } } = await mintKey(kms);
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  try {
    console.log(Plaintext.length);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: the key two objects deep, taken by a nested pattern",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return { secret: { key: Plaintext } };
}
export async function seal(kms, text) {
  const { secret: { key } } = await mintKey(kms);
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}`,
      errors: [
        { messageId: 'notZeroized', line: 7, column: 21, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `mintKey`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return { secret: { key: Plaintext } };
}
export async function seal(kms, text) {
  const { secret: { key } } = await mintKey(kms);
  try {
    return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
  } finally {
    key?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: a pair of arrays two deep, taken by nested array patterns",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return [CiphertextBlob, [0, Plaintext]];
}
export async function seal(kms, text) {
  const [wrapped, [, key]] = await mintKey(kms);
  return { wrapped, body: createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text) };
}`,
      errors: [
        { messageId: 'notZeroized', line: 7, column: 22, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `mintKey`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return [CiphertextBlob, [0, Plaintext]];
}
export async function seal(kms, text) {
  const [wrapped, [, key]] = await mintKey(kms);
  try {
    return { wrapped, body: createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text) };
  } finally {
    key?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: an object pattern taking another property, and an array pattern shorter than the key's index, receive nothing",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintPair(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return [CiphertextBlob, Plaintext];
}
export async function wrappedOnly(kms) {
  const [wrapped] = await mintPair(kms);
  return wrapped;
}
async function mintObject(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/b', KeySpec: 'AES_256' });
  return { key: Plaintext, wrapped: CiphertextBlob };
}
export async function wrappedToo(kms) {
  const { wrapped } = await mintObject(kms);
  return wrapped;
}
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  console.log(Plaintext.length);
}`,
      errors: [
        { messageId: 'notZeroized', line: 19, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintPair(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return [CiphertextBlob, Plaintext];
}
export async function wrappedOnly(kms) {
  const [wrapped] = await mintPair(kms);
  return wrapped;
}
async function mintObject(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/b', KeySpec: 'AES_256' });
  return { key: Plaintext, wrapped: CiphertextBlob };
}
export async function wrappedToo(kms) {
  const { wrapped } = await mintObject(kms);
  return wrapped;
}
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  try {
    console.log(Plaintext.length);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: an element with a default in the caller's array pattern still receives the key",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintPair(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return [CiphertextBlob, Plaintext];
}
export async function seal(kms, text) {
  const [wrapped, key = Buffer.alloc(32)] = await mintPair(kms);
  return { wrapped, body: createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text) };
}`,
      errors: [
        { messageId: 'notZeroized', line: 7, column: 19, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `mintPair`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintPair(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return [CiphertextBlob, Plaintext];
}
export async function seal(kms, text) {
  const [wrapped, key = Buffer.alloc(32)] = await mintPair(kms);
  try {
    return { wrapped, body: createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text) };
  } finally {
    key?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: the response returned by a v2 callback helper's done(null, data); the caller reads Plaintext and drops it",
      code: `const crypto = require('crypto');
const newKey = (kms, done) => {
  kms.generateDataKey({ KeyId: 'alias/rows', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, data);
  });
};
function sealRow(kms, row, cb) {
  newKey(kms, function (err, dk) {
    if (err) return cb(err);
    cb(null, crypto.createCipheriv('aes-256-gcm', dk.Plaintext, crypto.randomBytes(12)).update(row));
  });
}
module.exports = { sealRow };`,
      errors: [
        { messageId: 'notZeroized', line: 9, column: 30, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `newKey`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
const newKey = (kms, done) => {
  kms.generateDataKey({ KeyId: 'alias/rows', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, data);
  });
};
function sealRow(kms, row, cb) {
  newKey(kms, function (err, dk) {
    if (err) return cb(err);
    try {
      cb(null, crypto.createCipheriv('aes-256-gcm', dk.Plaintext, crypto.randomBytes(12)).update(row));
    } finally {
      dk.Plaintext.fill(0);
    }
  });
}
module.exports = { sealRow };` },
        ] },
      ],
    },
    {
      name: "hand-off: a callback argument that is not a function (a named handler) is not followed; the key stays with done()",
      code: `const crypto = require('crypto');
function newKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/rows', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, data.Plaintext);
  });
}
function onKey(err, key) {
  if (!err) crypto.createHmac('sha256', key).update('x').digest();
}
newKey(null, onKey);
newKey(null);
module.exports = { newKey };
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  console.log(Plaintext.length);
}`,
      errors: [
        { messageId: 'notZeroized', line: 15, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function newKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/rows', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, data.Plaintext);
  });
}
function onKey(err, key) {
  if (!err) crypto.createHmac('sha256', key).update('x').digest();
}
newKey(null, onKey);
newKey(null);
module.exports = { newKey };
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  try {
    console.log(Plaintext.length);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: a callback with fewer parameters than done() passes receives nothing",
      code: `function newKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/rows', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, data.CiphertextBlob, data.Plaintext);
  });
}
function wrappedOnly(kms, cb) {
  newKey(kms, (err, wrapped) => cb(err, wrapped));
}
module.exports = { wrappedOnly };
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  console.log(Plaintext.length);
}`,
      errors: [
        { messageId: 'notZeroized', line: 12, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `function newKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/rows', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, data.CiphertextBlob, data.Plaintext);
  });
}
function wrappedOnly(kms, cb) {
  newKey(kms, (err, wrapped) => cb(err, wrapped));
}
module.exports = { wrappedOnly };
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  try {
    console.log(Plaintext.length);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: done() whose first argument is the key (no error slot) hands it to the callback's first parameter",
      code: `const crypto = require('crypto');
function newKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/rows', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return;
    done(data.Plaintext);
  });
}
function sealRow(kms, row, cb) {
  newKey(kms, (key) => {
    cb(crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(row));
  });
}
module.exports = { sealRow };`,
      errors: [
        { messageId: 'notZeroized', line: 9, column: 16, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `newKey`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function newKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/rows', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return;
    done(data.Plaintext);
  });
}
function sealRow(kms, row, cb) {
  newKey(kms, (key) => {
    try {
      cb(crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(row));
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
      name: "hand-off: a promise returned from a const (not straight from the function) is not followed; resolve() hands the key out",
      code: `const crypto = require('crypto');
function makeKey(kms) {
  const pending = new Promise((resolve) => {
    kms.generateDataKey({ KeyId: 'alias/files', NumberOfBytes: 32 }, (err, data) => resolve(data.Plaintext));
  });
  return pending;
}
async function sealFile(kms, bytes) {
  const key = await makeKey(kms);
  return crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(bytes);
}
module.exports = { sealFile };
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  console.log(Plaintext.length);
}`,
      errors: [
        { messageId: 'notZeroized', line: 14, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function makeKey(kms) {
  const pending = new Promise((resolve) => {
    kms.generateDataKey({ KeyId: 'alias/files', NumberOfBytes: 32 }, (err, data) => resolve(data.Plaintext));
  });
  return pending;
}
async function sealFile(kms, bytes) {
  const key = await makeKey(kms);
  return crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(bytes);
}
module.exports = { sealFile };
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  try {
    console.log(Plaintext.length);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: resolve() of a promise whose executor is its second argument, or of a class other than Promise, is not followed",
      code: `const crypto = require('crypto');
const Bluebird = require('bluebird');
function makeKey(kms) {
  return new Bluebird((resolve) => {
    kms.generateDataKey({ KeyId: 'alias/files', NumberOfBytes: 32 }, (err, data) => resolve(data.Plaintext));
  });
}
function makeOther(kms) {
  return new Task('key', (resolve) => {
    kms.generateDataKey({ KeyId: 'alias/other', NumberOfBytes: 32 }, (err, data) => resolve(data.Plaintext));
  });
}
async function sealFile(kms, bytes) {
  const key = await makeKey(kms);
  const other = await makeOther(kms);
  return crypto.createCipheriv('aes-256-gcm', key, other).update(bytes);
}
module.exports = { sealFile };
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  console.log(Plaintext.length);
}`,
      errors: [
        { messageId: 'notZeroized', line: 20, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
const Bluebird = require('bluebird');
function makeKey(kms) {
  return new Bluebird((resolve) => {
    kms.generateDataKey({ KeyId: 'alias/files', NumberOfBytes: 32 }, (err, data) => resolve(data.Plaintext));
  });
}
function makeOther(kms) {
  return new Task('key', (resolve) => {
    kms.generateDataKey({ KeyId: 'alias/other', NumberOfBytes: 32 }, (err, data) => resolve(data.Plaintext));
  });
}
async function sealFile(kms, bytes) {
  const key = await makeKey(kms);
  const other = await makeOther(kms);
  return crypto.createCipheriv('aes-256-gcm', key, other).update(bytes);
}
module.exports = { sealFile };
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  try {
    console.log(Plaintext.length);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: new Promise inside an arrow with a block body that does not return it is not followed",
      code: `const crypto = require('crypto');
const started = [];
const makeKey = (kms) => {
  started.push(new Promise((resolve) => {
    kms.generateDataKey({ KeyId: 'alias/files', NumberOfBytes: 32 }, (err, data) => resolve(data.Plaintext));
  }));
};
async function sealFile(kms, bytes) {
  const key = await makeKey(kms);
  return crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(bytes);
}
module.exports = { sealFile };
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  console.log(Plaintext.length);
}`,
      errors: [
        { messageId: 'notZeroized', line: 14, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
const started = [];
const makeKey = (kms) => {
  started.push(new Promise((resolve) => {
    kms.generateDataKey({ KeyId: 'alias/files', NumberOfBytes: 32 }, (err, data) => resolve(data.Plaintext));
  }));
};
async function sealFile(kms, bytes) {
  const key = await makeKey(kms);
  return crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(bytes);
}
module.exports = { sealFile };
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  try {
    console.log(Plaintext.length);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: an executor that names its resolver fulfil (not resolve) still resolves the promise with the key: reported once, at the caller",
      code: `const crypto = require('crypto');
function makeKey(kms) {
  return new Promise((fulfil, fail) => {
    kms.generateDataKey({ KeyId: 'alias/files', NumberOfBytes: 32 }, (err, data) => {
      if (err) return fail(err);
      fulfil(data.Plaintext);
    });
  });
}
async function sealFile(kms, bytes) {
  const key = await makeKey(kms);
  return crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(bytes);
}
module.exports = { sealFile };`,
      errors: [
        { messageId: 'notZeroized', line: 11, column: 9, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `makeKey`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function makeKey(kms) {
  return new Promise((fulfil, fail) => {
    kms.generateDataKey({ KeyId: 'alias/files', NumberOfBytes: 32 }, (err, data) => {
      if (err) return fail(err);
      fulfil(data.Plaintext);
    });
  });
}
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
      name: "hand-off: an async helper's caller that does not await it (a promise chain) is not followed",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext;
}
export function seal(kms, text) {
  const pending = mintKey(kms) || null;
  return pending.then((key) => createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text));
}
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  console.log(Plaintext.length);
}`,
      errors: [
        { messageId: 'notZeroized', line: 11, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext;
}
export function seal(kms, text) {
  const pending = mintKey(kms) || null;
  return pending.then((key) => createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text));
}
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  try {
    console.log(Plaintext.length);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: a compound assignment or a member target does not receive the key; a local assigned with = does",
      code: `import { createHmac } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/macs', KeySpec: 'AES_256' });
  return Plaintext;
}
export async function sign(kms, message, state) {
  let key;
  state.key = await mintKey(kms);
  key ??= await mintKey(kms);
  key = await mintKey(kms);
  return createHmac('sha256', key).update(message).digest('hex');
}`,
      errors: [
        { messageId: 'notZeroized', line: 10, column: 3, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `mintKey`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/macs', KeySpec: 'AES_256' });
  return Plaintext;
}
export async function sign(kms, message, state) {
  let key;
  state.key = await mintKey(kms);
  key ??= await mintKey(kms);
  key = await mintKey(kms);
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
      name: "hand-off: the key passed as an argument of another call, or awaited as a statement, is not received",
      code: `import { createHmac } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/macs', KeySpec: 'AES_256' });
  return Plaintext;
}
export async function sign(kms, message, store) {
  store.put(await mintKey(kms));
  await mintKey(kms);
  return createHmac('sha256', message).digest('hex');
}
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  console.log(Plaintext.length);
}`,
      errors: [
        { messageId: 'notZeroized', line: 12, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/macs', KeySpec: 'AES_256' });
  return Plaintext;
}
export async function sign(kms, message, store) {
  store.put(await mintKey(kms));
  await mintKey(kms);
  return createHmac('sha256', message).digest('hex');
}
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  try {
    console.log(Plaintext.length);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: a function expression held in a const is followed like a declaration",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
const mintKey = async function (kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext;
};
export async function seal(kms, text) {
  const key = await mintKey(kms);
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}`,
      errors: [
        { messageId: 'notZeroized', line: 7, column: 9, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `mintKey`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
const mintKey = async function (kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext;
};
export async function seal(kms, text) {
  const key = await mintKey(kms);
  try {
    return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
  } finally {
    key?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: a helper exported as default without a name, or held by a destructured const, has no callers to follow",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
const { mintKey } = { mintKey: async (kms) => {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext;
} };
export default async function (kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/b', KeySpec: 'AES_256' });
  return Plaintext;
}
export async function seal(kms, text) {
  const key = await mintKey(kms);
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  console.log(Plaintext.length);
}`,
      errors: [
        { messageId: 'notZeroized', line: 15, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
const { mintKey } = { mintKey: async (kms) => {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext;
} };
export default async function (kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/b', KeySpec: 'AES_256' });
  return Plaintext;
}
export async function seal(kms, text) {
  const key = await mintKey(kms);
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  try {
    console.log(Plaintext.length);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: a helper passed by name (not called) hands nothing to the caller that passes it",
      code: `async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext;
}
export async function register(registry) {
  const factory = await registry.use(mintKey);
  return factory;
}
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  console.log(Plaintext.length);
}`,
      errors: [
        { messageId: 'notZeroized', line: 10, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext;
}
export async function register(registry) {
  const factory = await registry.use(mintKey);
  return factory;
}
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  try {
    console.log(Plaintext.length);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: this.method() is followed; the same name called on another object is not",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
export class Sealer {
  constructor(kms) { this.kms = kms; }
  async mint() {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    return Plaintext;
  }
  async seal(text, other) {
    const copy = await other.mint();
    const key = await this.mint();
    return [copy, createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text)];
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 10, column: 11, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `mint`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
export class Sealer {
  constructor(kms) { this.kms = kms; }
  async mint() {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    return Plaintext;
  }
  async seal(text, other) {
    const copy = await other.mint();
    const key = await this.mint();
    try {
      return [copy, createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text)];
    } finally {
      key?.fill(0);
    }
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: this.method() inside an arrow of another method is followed; inside a nested class or function it is not",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
export class Sealer {
  constructor(kms) { this.kms = kms; }
  async mint() {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    return Plaintext;
  }
  sealAll(texts) {
    const helper = class { async go() { const k = await this.mint(); console.log(k.length); } };
    async function loose() { const k = await this.mint(); console.log(k.length); }
    const looseToo = async function () { const k = await this.mint(); console.log(k.length); };
    return [helper, loose, looseToo, texts.map(async (text) => {
      const key = await this.mint();
      return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
    })];
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 13, column: 13, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `mint`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
export class Sealer {
  constructor(kms) { this.kms = kms; }
  async mint() {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    return Plaintext;
  }
  sealAll(texts) {
    const helper = class { async go() { const k = await this.mint(); console.log(k.length); } };
    async function loose() { const k = await this.mint(); console.log(k.length); }
    const looseToo = async function () { const k = await this.mint(); console.log(k.length); };
    return [helper, loose, looseToo, texts.map(async (text) => {
      const key = await this.mint();
      try {
        return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
      } finally {
        key?.fill(0);
      }
    })];
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: a helper that returns a for-of constant (no initialiser) beside its key, wiped in finally",
      code: `async function firstReady(kms, items) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    for (const item of items) {
      if (item.ready(Plaintext)) return item;
    }
    return null;
  } finally {
    Plaintext.fill(0);
  }
}
export async function run(kms, items) {
  const item = await firstReady(kms, items);
  return item;
}
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  console.log(Plaintext.length);
}`,
      errors: [
        { messageId: 'notZeroized', line: 17, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `async function firstReady(kms, items) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    for (const item of items) {
      if (item.ready(Plaintext)) return item;
    }
    return null;
  } finally {
    Plaintext.fill(0);
  }
}
export async function run(kms, items) {
  const item = await firstReady(kms, items);
  return item;
}
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  try {
    console.log(Plaintext.length);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: assigned to an undeclared global, the key is the global's (not followed)",
      code: `async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext;
}
async function init(kms) {
  currentKey = await mintKey(kms);
}
module.exports = { init };
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  console.log(Plaintext.length);
}`,
      errors: [
        { messageId: 'notZeroized', line: 10, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext;
}
async function init(kms) {
  currentKey = await mintKey(kms);
}
module.exports = { init };
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  try {
    console.log(Plaintext.length);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: the caller keeps the returned object whole and reads its key property: reported at the caller, on the object's property",
      code: `import { createHmac } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return { key: Plaintext, wrapped: CiphertextBlob };
}
export async function sign(kms, note) {
  const bundle = await mintKey(kms);
  return [bundle.wrapped, createHmac('sha256', bundle.key).update(note).digest()];
}`,
      errors: [
        { messageId: 'notZeroized', line: 7, column: 9, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `mintKey`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return { key: Plaintext, wrapped: CiphertextBlob };
}
export async function sign(kms, note) {
  const bundle = await mintKey(kms);
  try {
    return [bundle.wrapped, createHmac('sha256', bundle.key).update(note).digest()];
  } finally {
    bundle.key?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: the caller keeps a returned array whole: an element of it is not followed as the key",
      code: `import { createHmac } from 'node:crypto';
async function mintPair(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return [CiphertextBlob, Plaintext];
}
export async function sign(kms, note) {
  const pair = await mintPair(kms);
  return createHmac('sha256', pair[1]).update(note).digest();
}
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  console.log(Plaintext.length);
}`,
      errors: [
        { messageId: 'notZeroized', line: 11, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
async function mintPair(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return [CiphertextBlob, Plaintext];
}
export async function sign(kms, note) {
  const pair = await mintPair(kms);
  return createHmac('sha256', pair[1]).update(note).digest();
}
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  try {
    console.log(Plaintext.length);
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "hand-off: a global function called in the helper (declared nowhere in the file) is neither a continuation nor a problem",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  queueMicrotask(() => console.log('minted'));
  return Plaintext;
}
export async function seal(kms, text) {
  const key = await mintKey(kms);
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}`,
      errors: [
        { messageId: 'notZeroized', line: 8, column: 9, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `mintKey`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  queueMicrotask(() => console.log('minted'));
  return Plaintext;
}
export async function seal(kms, text) {
  const key = await mintKey(kms);
  try {
    return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
  } finally {
    key?.fill(0);
  }
}` },
        ] },
      ],
    },
  ],
};

const tsCases: RunTests<MessageId, Options> = {
  valid: [

  ],
  invalid: [
    {
      name: "hand-off (TypeScript syntax, no types): awaited through as and ! casts, and a cast around the await",
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms: any) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext as Uint8Array;
}
export async function sealA(kms: any, text: string) {
  const key = await (mintKey(kms) as Promise<Uint8Array>);
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}
export async function sealB(kms: any, text: string) {
  const key = await mintKey(kms)!;
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}`,
      errors: [
        { messageId: 'notZeroized', line: 7, column: 9, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `mintKey`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms: any) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext as Uint8Array;
}
export async function sealA(kms: any, text: string) {
  const key = await (mintKey(kms) as Promise<Uint8Array>);
  try {
    return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
  } finally {
    key?.fill(0);
  }
}
export async function sealB(kms: any, text: string) {
  const key = await mintKey(kms)!;
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}` },
        ] },
        { messageId: 'notZeroized', line: 11, column: 9, data: { operation: 'GenerateDataKey', field: "Plaintext, handed over by `mintKey`", path: "a return or the end of the function is reached without zeroizing it" }, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms: any) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext as Uint8Array;
}
export async function sealA(kms: any, text: string) {
  const key = await (mintKey(kms) as Promise<Uint8Array>);
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}
export async function sealB(kms: any, text: string) {
  const key = await mintKey(kms)!;
  try {
    return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
  } finally {
    key?.fill(0);
  }
}` },
        ] },
      ],
    },
  ],
};

untyped.run('require-data-key-zeroization hand-off shapes (JavaScript)', rule, cases);
untypedTs.run('require-data-key-zeroization hand-off shapes (TypeScript syntax, no types)', rule, tsCases);
