// Issue 16, a false positive from real code: an `if` without `else` whose test fails only when there is no key
// (v2's `if (!err) done(data.Plaintext)`, `if (Plaintext) { … }`, `if (Plaintext instanceof Uint8Array) { … }`): the
// way past it that skips the consequent holds no key, so it cannot leak one (leak.ts: absent on the false edge).
// Near misses: a test of something else, and a consequent that falls through still holding the key. Where a case is
// silent about its own function, another function of the file leaks on purpose, so that a crash (which leaves the
// rule silent) fails the case.
import type { RunTests } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../src/rules/require-data-key-zeroization.js';
import { createUntypedRuleTester } from '../RuleTester.js';

const untyped = createUntypedRuleTester();

const cases: RunTests<MessageId, Options> = {
  valid: [],
  invalid: [
    {
      name: "v2 callback: if (!err) hands the key to the caller's callback; no else (an error leaves no key)",
      code: `const crypto = require('crypto');
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    if (!err) done(data.Plaintext);
  });
}
module.exports = { makeKey };
function leaks(kms, note, done) {
  kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, crypto.createHmac('sha256', data.Plaintext).update(note).digest());
  });
}`,
      errors: [
        { messageId: 'notZeroized', line: 9, column: 74, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    if (!err) done(data.Plaintext);
  });
}
module.exports = { makeKey };
function leaks(kms, note, done) {
  kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    try {
      done(null, crypto.createHmac('sha256', data.Plaintext).update(note).digest());
    } finally {
      data.Plaintext.fill(0);
    }
  });
}` },
        ] },
      ],
    },
    {
      name: "v2 callback: if (!err) done(null, key) in a block; the error path falls through with nothing to wipe",
      code: `const crypto = require('crypto');
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    if (!err) {
      done(null, data.Plaintext);
    }
    console.log('generateDataKey finished');
  });
}
module.exports = { makeKey };
function leaks(kms, note, done) {
  kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, crypto.createHmac('sha256', data.Plaintext).update(note).digest());
  });
}`,
      errors: [
        { messageId: 'notZeroized', line: 12, column: 74, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    if (!err) {
      done(null, data.Plaintext);
    }
    console.log('generateDataKey finished');
  });
}
module.exports = { makeKey };
function leaks(kms, note, done) {
  kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    try {
      done(null, crypto.createHmac('sha256', data.Plaintext).update(note).digest());
    } finally {
      data.Plaintext.fill(0);
    }
  });
}` },
        ] },
      ],
    },
    {
      name: "v2 callback: if (!err) return done(…); what follows runs only on error",
      code: `const crypto = require('crypto');
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    if (!err) return done(null, data.Plaintext);
    console.error('no data key', err);
  });
}
module.exports = { makeKey };
function leaks(kms, note, done) {
  kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, crypto.createHmac('sha256', data.Plaintext).update(note).digest());
  });
}`,
      errors: [
        { messageId: 'notZeroized', line: 10, column: 74, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    if (!err) return done(null, data.Plaintext);
    console.error('no data key', err);
  });
}
module.exports = { makeKey };
function leaks(kms, note, done) {
  kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    try {
      done(null, crypto.createHmac('sha256', data.Plaintext).update(note).digest());
    } finally {
      data.Plaintext.fill(0);
    }
  });
}` },
        ] },
      ],
    },
    {
      name: "near miss: if (!err) only reads the key; nothing wipes or hands it on",
      code: `const crypto = require('crypto');
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    if (!err) console.log(data.Plaintext.length);
  });
}
module.exports = { makeKey };`,
      errors: [
        { messageId: 'notZeroized', line: 3, column: 71, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    try {
      if (!err) console.log(data.Plaintext.length);
    } finally {
      data.Plaintext.fill(0);
    }
  });
}
module.exports = { makeKey };` },
        ] },
      ],
    },
    {
      name: "near miss: the if tests another flag, not the error: the key is live when it fails",
      code: `const crypto = require('crypto');
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    if (!process.env.QUIET) done(data.Plaintext);
  });
}
module.exports = { makeKey };`,
      errors: [
        { messageId: 'notZeroized', line: 3, column: 71, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    try {
      if (!process.env.QUIET) done(data.Plaintext);
    } finally {
      data.Plaintext.fill(0);
    }
  });
}
module.exports = { makeKey };` },
        ] },
      ],
    },
    {
      name: "near miss: the consequent of if (!err) falls through holding the key",
      code: `const crypto = require('crypto');
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    if (!err) console.log('got a key');
    const mac = crypto.createHmac('sha256', data.Plaintext).update('x').digest();
    done(mac.toString('hex'));
  });
}
module.exports = { makeKey };`,
      errors: [
        { messageId: 'notZeroized', line: 3, column: 71, suggestions: [
          { messageId: 'wrapInTryFinally', output: `const crypto = require('crypto');
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    try {
      if (!err) console.log('got a key');
      const mac = crypto.createHmac('sha256', data.Plaintext).update('x').digest();
      done(mac.toString('hex'));
    } finally {
      data.Plaintext.fill(0);
    }
  });
}
module.exports = { makeKey };` },
        ] },
      ],
    },
    {
      name: "v3: if (Plaintext) guards the try that wipes; no else, and the key is absent when it fails",
      code: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  if (Plaintext) {
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      Plaintext.fill(0);
    }
  }
  return null;
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 14, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  if (Plaintext) {
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      Plaintext.fill(0);
    }
  }
  return null;
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  try {
    return createHmac('sha256', Plaintext).update(note).digest();
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "v3: if (Plaintext != null) guards the try that wipes",
      code: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  if (Plaintext != null) {
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      Plaintext.fill(0);
    }
  }
  return null;
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 14, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  if (Plaintext != null) {
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      Plaintext.fill(0);
    }
  }
  return null;
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  try {
    return createHmac('sha256', Plaintext).update(note).digest();
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "near miss: if (note) guards the try that wipes: the key is live when note is empty",
      code: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  if (note) {
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      Plaintext.fill(0);
    }
  }
  return null;
}`,
      errors: [
        { messageId: 'notZeroized', line: 3, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    if (note) {
      try {
        return createHmac('sha256', Plaintext).update(note).digest();
      } finally {
        Plaintext.fill(0);
      }
    }
    return null;
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "near miss: if (Plaintext) only logs and falls through; the key is used after it and never wiped",
      code: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  if (Plaintext) console.log('key of', Plaintext.length, 'bytes');
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 3, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    if (Plaintext) console.log('key of', Plaintext.length, 'bytes');
    return createHmac('sha256', Plaintext).update(note).digest();
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "v3: instanceof Uint8Array guards the try that wipes; a byte array always passes it",
      code: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  if (Plaintext instanceof Uint8Array) {
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      Plaintext.fill(0);
    }
  }
  return null;
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 14, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  if (Plaintext instanceof Uint8Array) {
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      Plaintext.fill(0);
    }
  }
  return null;
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  try {
    return createHmac('sha256', Plaintext).update(note).digest();
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "near miss: Buffer.isBuffer guards the try that wipes; v3 bytes fail it and stay live",
      code: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  if (Buffer.isBuffer(Plaintext)) {
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      Plaintext.fill(0);
    }
  }
  return null;
}`,
      errors: [
        { messageId: 'notZeroized', line: 3, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    if (Buffer.isBuffer(Plaintext)) {
      try {
        return createHmac('sha256', Plaintext).update(note).digest();
      } finally {
        Plaintext.fill(0);
      }
    }
    return null;
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
  ],
};

untyped.run('require-data-key-zeroization if without else: no key on the way around (JavaScript)', rule, cases);
