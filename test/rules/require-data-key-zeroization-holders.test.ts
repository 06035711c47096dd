// Issue 16, sections 3-4: what the tracking does with a response or its bytes once they leave the plain path: the
// response stored on the instance (handed out), a finally that scrubs another response (no protection for this key
// when the HMAC throws), bytes handed to helpers that keep them (three calls deep is a hand-off, five is past the
// bound), the v2 request awaited through `.promise()` and destructured (its Plaintext is the key), keys handed to
// callers' callbacks whose early returns test their own error parameter (or the key itself), and, in TypeScript,
// the v2 request awaited under `as` or `!` (the same response, renamed). Where a case is silent about its own
// function, another function of the file leaks on purpose.
import { RuleTester, type RunTests } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../src/rules/require-data-key-zeroization.js';
import { createUntypedRuleTester, type KmsRuleTester } from '../RuleTester.js';

const untyped = createUntypedRuleTester();
// TypeScript syntax without type information: the parser alone.
const typeScriptOnly = new RuleTester() as unknown as KmsRuleTester;

const cases: RunTests<MessageId, Options> = {
  valid: [],
  invalid: [
    {
      name: "the whole response kept on the instance (this.lastKey = dk) leaves with the instance",
      code: `import { createHmac } from 'node:crypto';
export class Cache {
  constructor(kms) { this.kms = kms; }
  async refresh(note) {
    const dk = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    this.lastKey = dk;
    return createHmac('sha256', dk.Plaintext).update(note).digest();
  }
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 11, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export class Cache {
  constructor(kms) { this.kms = kms; }
  async refresh(note) {
    const dk = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    this.lastKey = dk;
    return createHmac('sha256', dk.Plaintext).update(note).digest();
  }
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
      name: "a finally that scrubs another response: an exception from the HMAC leaves this key live",
      code: `import { createHmac } from 'node:crypto';
function scrub(response) { response.Plaintext.fill(0); }
export async function sign(kms, note, previous) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  let mac;
  try {
    mac = createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    scrub(previous);
  }
  dk.Plaintext.fill(0);
  return mac;
}`,
      errors: [
        { messageId: 'notZeroizedOnThrow', line: 4, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
function scrub(response) { response.Plaintext.fill(0); }
export async function sign(kms, note, previous) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    let mac;
    try {
      mac = createHmac('sha256', dk.Plaintext).update(note).digest();
    } finally {
      scrub(previous);
    }
    dk.Plaintext.fill(0);
    return mac;
  } finally {
    dk.Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "a finally that scrubs this response; the HMAC may throw",
      code: `import { createHmac } from 'node:crypto';
function scrub(response) { response.Plaintext.fill(0); }
export async function sign(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  let mac;
  try {
    mac = createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    scrub(dk);
  }
  return mac;
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 14, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
function scrub(response) { response.Plaintext.fill(0); }
export async function sign(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  let mac;
  try {
    mac = createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    scrub(dk);
  }
  return mac;
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
      name: "near miss: the bytes handed five helpers deep, the last keeps them: past the bound, not a hand-off",
      code: `import { createHmac } from 'node:crypto';
const kept = [];
function keep5(b) { kept.push(b); }
function keep4(b) { keep5(b); }
function keep3(b) { keep4(b); }
function keep2(b) { keep3(b); }
function keep1(b) { keep2(b); }
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  keep1(Plaintext);
  return note.length;
}`,
      errors: [
        { messageId: 'notZeroized', line: 9, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
const kept = [];
function keep5(b) { kept.push(b); }
function keep4(b) { keep5(b); }
function keep3(b) { keep4(b); }
function keep2(b) { keep3(b); }
function keep1(b) { keep2(b); }
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    keep1(Plaintext);
    return note.length;
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "the bytes handed three helpers deep, the last keeps them: a hand-off",
      code: `import { createHmac } from 'node:crypto';
const kept = [];
function keep3(b) { kept.push(b); }
function keep2(b) { keep3(b); }
function keep1(b) { keep2(b); }
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  keep1(Plaintext);
  return note.length;
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 12, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
const kept = [];
function keep3(b) { kept.push(b); }
function keep2(b) { keep3(b); }
function keep1(b) { keep2(b); }
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  keep1(Plaintext);
  return note.length;
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
      name: "v2: the request kept in a const, then destructured from await request.promise(): its Plaintext is the key, wiped in finally",
      code: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const request = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const { Plaintext } = await request.promise();
  try {
    return createHmac('sha256', Plaintext).update(note).digest();
  } finally {
    Plaintext.fill(0);
  }
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 12, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const request = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const { Plaintext } = await request.promise();
  try {
    return createHmac('sha256', Plaintext).update(note).digest();
  } finally {
    Plaintext.fill(0);
  }
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
      name: "near miss: the request kept in a const, destructured from await request.promise(), never wiped (no suggestion: the name is declared after the acquisition)",
      code: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const request = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const { Plaintext } = await request.promise();
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 3, column: 9, suggestions: [] },
      ],
    },
    {
      name: "v2: the pending .promise() kept in a const, then destructured from its await, wiped in finally",
      code: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const pending = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();
  const { Plaintext } = await pending;
  try {
    return createHmac('sha256', Plaintext).update(note).digest();
  } finally {
    Plaintext.fill(0);
  }
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 12, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const pending = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();
  const { Plaintext } = await pending;
  try {
    return createHmac('sha256', Plaintext).update(note).digest();
  } finally {
    Plaintext.fill(0);
  }
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
      name: "hand-off: done(null, key) to two callers, each returning early on its own callback's error and wiping the key in finally",
      code: `import { createHmac } from 'node:crypto';
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, data.Plaintext);
  });
}
export function signA(kms, note) {
  makeKey(kms, (err, key) => {
    if (err) return console.error(err);
    try {
      console.log(createHmac('sha256', key).update(note).digest('hex'));
    } finally {
      key.fill(0);
    }
  });
}
export function signB(kms, note) {
  makeKey(kms, (failure, secret) => {
    if (failure) return console.error(failure);
    try {
      console.log(createHmac('sha256', secret).update(note).digest('hex'));
    } finally {
      secret.fill(0);
    }
  });
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 29, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, data.Plaintext);
  });
}
export function signA(kms, note) {
  makeKey(kms, (err, key) => {
    if (err) return console.error(err);
    try {
      console.log(createHmac('sha256', key).update(note).digest('hex'));
    } finally {
      key.fill(0);
    }
  });
}
export function signB(kms, note) {
  makeKey(kms, (failure, secret) => {
    if (failure) return console.error(failure);
    try {
      console.log(createHmac('sha256', secret).update(note).digest('hex'));
    } finally {
      secret.fill(0);
    }
  });
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
      name: "near miss: the caller's early return tests another value than its callback's error: the key may be live there",
      code: `import { createHmac } from 'node:crypto';
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, data.Plaintext);
  });
}
export function signA(kms, note) {
  makeKey(kms, (err, key) => {
    if (note) return console.error(note);
    try {
      console.log(createHmac('sha256', key).update(note).digest('hex'));
    } finally {
      key.fill(0);
    }
  });
}`,
      errors: [
        { messageId: 'notZeroized', line: 9, column: 22, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(err);
    done(null, data.Plaintext);
  });
}
export function signA(kms, note) {
  makeKey(kms, (err, key) => {
    try {
      if (note) return console.error(note);
      try {
        console.log(createHmac('sha256', key).update(note).digest('hex'));
      } finally {
        key.fill(0);
      }
    } finally {
      key.fill(0);
    }
  });
}` },
        ] },
      ],
    },
    {
      name: "hand-off: done(key) with no error slot; the caller's callback returns early when there is no key",
      code: `import { createHmac } from 'node:crypto';
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(null);
    done(data.Plaintext);
  });
}
export function sign(kms, note) {
  makeKey(kms, (key) => {
    if (!key) return;
    try {
      console.log(createHmac('sha256', key).update(note).digest('hex'));
    } finally {
      key.fill(0);
    }
  });
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 19, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
function makeKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    if (err) return done(null);
    done(data.Plaintext);
  });
}
export function sign(kms, note) {
  makeKey(kms, (key) => {
    if (!key) return;
    try {
      console.log(createHmac('sha256', key).update(note).digest('hex'));
    } finally {
      key.fill(0);
    }
  });
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
  ],
};

const typeScriptCases: RunTests<MessageId, Options> = {
  valid: [],
  invalid: [
    {
      name: "TypeScript: the v2 request awaited through .promise() as a type",
      code: `import { createHmac } from 'node:crypto';
export async function sign(kms: any, note: string) {
  const request = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const dk = (await request.promise()) as { Plaintext: Buffer };
  try {
    return createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    dk.Plaintext.fill(0);
  }
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 12, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export async function sign(kms: any, note: string) {
  const request = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const dk = (await request.promise()) as { Plaintext: Buffer };
  try {
    return createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    dk.Plaintext.fill(0);
  }
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
      name: "TypeScript: the pending v2 promise awaited with a non-null assertion",
      code: `import { createHmac } from 'node:crypto';
export async function sign(kms: any, note: string) {
  const request = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const dk = (await request.promise())!;
  try {
    return createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    dk.Plaintext.fill(0);
  }
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 12, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export async function sign(kms: any, note: string) {
  const request = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const dk = (await request.promise())!;
  try {
    return createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    dk.Plaintext.fill(0);
  }
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
  ],
};

untyped.run('require-data-key-zeroization holders, instance fields and helper bounds (JavaScript)', rule, cases);
typeScriptOnly.run('require-data-key-zeroization renamed responses under as and ! (TypeScript, no types)', rule, typeScriptCases);
