// Issue 16, section 4 and the tracking around it: what counts as zeroizing a data key when the code is not a plain
// `.fill(0)` (same-file helpers that wipe their parameter or the response's Plaintext, `this.method()`), where
// `break`/`continue` cross a wiping `finally`, the pending response renamed by `.promise()`, v2 callbacks that test
// `!err`, and keys held two named containers deep. One shape a case; where a case is valid its shape could hide a
// crash (the rule stays silent when its analysis throws), so another function of the same file leaks on purpose.
// Each program is written for this file; StrykerJS (stryker/data-keys.config.mjs) runs it against effects.ts,
// events.ts and leak.ts.
import type { RunTests } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../src/rules/require-data-key-zeroization.js';
import { createUntypedRuleTester } from '../RuleTester.js';

const untyped = createUntypedRuleTester();

const cases: RunTests<MessageId, Options> = {
  valid: [
    { name: "a holder helper wipes the response (v2 Buffer) handed to it as a statement after the last use, outside any try", code: `import { createHmac } from 'node:crypto';
function scrub(response) {
  if (Buffer.isBuffer(response.Plaintext)) response.Plaintext.fill(0);
}
export async function keyLength(kms) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();
  const length = dk.Plaintext.length;
  scrub(dk);
  return length;
}` },
    { name: "a holder helper given the response as its second argument wipes it", code: `import { createHmac } from 'node:crypto';
function release(reason, response) {
  console.log(reason);
  response.Plaintext.fill(0);
}
export async function sign(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    release('done', dk);
  }
}` },
    { name: "a labelled continue to an outer loop crosses the wiping finally of the inner one", code: `import { createHmac } from 'node:crypto';
export async function signAll(kms, groups) {
  const out = [];
  outer: for (const group of groups) {
    for (const note of group) {
      const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
      try {
        if (!note) continue outer;
        out.push(createHmac('sha256', Plaintext).update(note).digest());
      } finally {
        Plaintext.fill(0);
      }
    }
  }
  return out;
}` },
    { name: "a break out of a switch inside the try stays inside the try (the finally still runs after)", code: `import { createHmac } from 'node:crypto';
export async function signAll(kms, notes) {
  const out = [];
  for (const note of notes) {
    const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      switch (note) {
        case 'skip':
          break;
        default:
          out.push(createHmac('sha256', Plaintext).update(note).digest());
      }
    } finally {
      Plaintext.fill(0);
    }
  }
  return out;
}` },
    { name: "v2-or-v3 response awaited through a conditional .promise(), wiped by the awaited name", code: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const res = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const dk = await ('promise' in res ? res.promise() : res);
  try {
    return createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    dk.Plaintext.fill(0);
  }
}` },
    { name: "v2-or-v3 response: the conditional picks the v3 promise first", code: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const res = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const dk = await (typeof res.then === 'function' ? res : res.promise());
  try {
    return createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    dk.Plaintext.fill(0);
  }
}` },
    { name: "a response compared with another value is not a use that a later step can leave behind", code: `import { createHmac } from 'node:crypto';
export async function sign(kms, note, previous) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    dk.Plaintext.fill(0);
    if (previous === dk) console.log('same');
  }
}` },
    { name: "v2 callback: if (!err) hands the key on, else reports the error (no key on that branch)", code: `export function newKey(kms, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    if (!err) {
      done(null, data.Plaintext);
    } else {
      done(err);
    }
  });
}` },
    { name: "a key in a const object held by another const that is returned: handed out, not dropped", code: `export async function mintKey(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const material = { key: Plaintext };
  const bundle = { material, wrapped: CiphertextBlob };
  return bundle;
}` },
  ],
  invalid: [
    {
      name: "a helper that is not declared in the file (a global) is not known to wipe",
      code: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createHmac('sha256', Plaintext).update(note).digest();
  } finally {
    zeroBuffer(Plaintext);
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 3, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      zeroBuffer(Plaintext);
    }
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "a function declared twice in one body: the later declaration (which only reads) is the one called",
      code: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  function release(b) { b.fill(0); }
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createHmac('sha256', Plaintext).update(note).digest();
  } finally {
    release(Plaintext);
  }
  function release(b) { console.log(b.length); }
}`,
      errors: [
        { messageId: 'notZeroized', line: 4, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  function release(b) { b.fill(0); }
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      release(Plaintext);
    }
    function release(b) { console.log(b.length); }
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "a let-bound wiping arrow may be replaced before the call: not a zeroization",
      code: `import { createHmac } from 'node:crypto';
let wipe = (b) => b.fill(0);
export function setWipe(fn) { wipe = fn; }
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createHmac('sha256', Plaintext).update(note).digest();
  } finally {
    wipe(Plaintext);
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 5, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
let wipe = (b) => b.fill(0);
export function setWipe(fn) { wipe = fn; }
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      wipe(Plaintext);
    }
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "the key passed beyond a helper's parameters, or to a destructured parameter, is not wiped by it",
      code: `import { createHmac } from 'node:crypto';
function wipeFirst(first) { first.fill(0); }
function wipeLength({ length }) { return length; }
export async function sign(kms, note, scratch) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createHmac('sha256', Plaintext).update(note).digest();
  } finally {
    wipeFirst(scratch, Plaintext);
    wipeLength(Plaintext);
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 5, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
function wipeFirst(first) { first.fill(0); }
function wipeLength({ length }) { return length; }
export async function sign(kms, note, scratch) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      wipeFirst(scratch, Plaintext);
      wipeLength(Plaintext);
    }
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "a helper that fills another buffer (not its parameter) does not wipe the key",
      code: `import { createHmac } from 'node:crypto';
const scratch = new Uint8Array(32);
function reset(buf) {
  console.log(buf.length);
  scratch.fill(0);
}
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createHmac('sha256', Plaintext).update(note).digest();
  } finally {
    reset(Plaintext);
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 8, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
const scratch = new Uint8Array(32);
function reset(buf) {
  console.log(buf.length);
  scratch.fill(0);
}
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      reset(Plaintext);
    }
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "an arrow helper with an expression body wipes (one function), while another function of the file leaks",
      code: `import { createHmac } from 'node:crypto';
const wipe = (b) => b.fill(0);
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createHmac('sha256', Plaintext).update(note).digest();
  } finally {
    wipe(Plaintext);
  }
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 12, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
const wipe = (b) => b.fill(0);
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createHmac('sha256', Plaintext).update(note).digest();
  } finally {
    wipe(Plaintext);
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
      name: "this.method(): only a method of the class the call is in, with a body, not a static or getter of that name",
      code: `import { createHmac } from 'node:crypto';
export class Signer {
  static wipe(b) { b.fill(0); }
  get scrub() { return (b) => b.fill(0); }
  constructor(kms) { this.kms = kms; }
  async sign(note) {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      this.wipe(Plaintext);
    }
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 7, column: 13, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export class Signer {
  static wipe(b) { b.fill(0); }
  get scrub() { return (b) => b.fill(0); }
  constructor(kms) { this.kms = kms; }
  async sign(note) {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      try {
        return createHmac('sha256', Plaintext).update(note).digest();
      } finally {
        this.wipe(Plaintext);
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
      name: "a holder helper that reads another field into a const and returns it does not keep the key",
      code: `import { createHmac } from 'node:crypto';
function idOf(response) {
  const id = response.KeyId;
  return id;
}
export async function sign(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return [idOf(dk), createHmac('sha256', dk.Plaintext).update(note).digest()];
}`,
      errors: [
        { messageId: 'notZeroized', line: 7, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
function idOf(response) {
  const id = response.KeyId;
  return id;
}
export async function sign(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return [idOf(dk), createHmac('sha256', dk.Plaintext).update(note).digest()];
  } finally {
    dk.Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "a holder helper that logs the response and destructures another field neither keeps nor wipes the key",
      code: `import { createHmac } from 'node:crypto';
function audit(response) {
  console.log(response);
  const { KeyId } = response;
  return KeyId;
}
export async function sign(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  audit(dk);
  return createHmac('sha256', dk.Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 8, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
function audit(response) {
  console.log(response);
  const { KeyId } = response;
  return KeyId;
}
export async function sign(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    audit(dk);
    return createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    dk.Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "a holder helper that wipes Plaintext read into a const of another response does not wipe this one",
      code: `import { createHmac } from 'node:crypto';
let last = null;
function wipeLast(response) {
  const bytes = last.Plaintext;
  bytes.fill(0);
  last = response.KeyId;
}
export async function sign(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    wipeLast(dk);
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 9, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
let last = null;
function wipeLast(response) {
  const bytes = last.Plaintext;
  bytes.fill(0);
  last = response.KeyId;
}
export async function sign(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    try {
      return createHmac('sha256', dk.Plaintext).update(note).digest();
    } finally {
      wipeLast(dk);
    }
  } finally {
    dk.Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "a finally that hands another response to a wiping helper does not wipe this one",
      code: `import { createHmac } from 'node:crypto';
function scrub(response) {
  response.Plaintext.fill(0);
}
export async function sign(kms, note, previous) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return createHmac('sha256', dk.Plaintext).update(note).digest();
  } finally {
    scrub(previous);
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 6, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
function scrub(response) {
  response.Plaintext.fill(0);
}
export async function sign(kms, note, previous) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    try {
      return createHmac('sha256', dk.Plaintext).update(note).digest();
    } finally {
      scrub(previous);
    }
  } finally {
    dk.Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "continue and break inside a try whose finally wipes the key (one function), while another function leaks",
      code: `import { createHmac } from 'node:crypto';
export async function signAll(kms, notes) {
  const out = [];
  for (const note of notes) {
    const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      if (!note) continue;
      if (note === 'stop') break;
      out.push(createHmac('sha256', Plaintext).update(note).digest());
    } finally {
      Plaintext.fill(0);
    }
  }
  return out;
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 17, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export async function signAll(kms, notes) {
  const out = [];
  for (const note of notes) {
    const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      if (!note) continue;
      if (note === 'stop') break;
      out.push(createHmac('sha256', Plaintext).update(note).digest());
    } finally {
      Plaintext.fill(0);
    }
  }
  return out;
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
      name: "continue before the try that wipes: the key is left for the next iteration",
      code: `import { createHmac } from 'node:crypto';
export async function signAll(kms, notes) {
  const out = [];
  for (const note of notes) {
    const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    if (!note) continue;
    try {
      out.push(createHmac('sha256', Plaintext).update(note).digest());
    } finally {
      Plaintext.fill(0);
    }
  }
  return out;
}`,
      errors: [
        { messageId: 'notZeroized', line: 5, column: 13, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export async function signAll(kms, notes) {
  const out = [];
  for (const note of notes) {
    const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      if (!note) continue;
      try {
        out.push(createHmac('sha256', Plaintext).update(note).digest());
      } finally {
        Plaintext.fill(0);
      }
    } finally {
      Plaintext?.fill(0);
    }
  }
  return out;
}` },
        ] },
      ],
    },
    {
      name: "a continue in a finally that does not wipe leaves the key",
      code: `import { createHmac } from 'node:crypto';
export async function signAll(kms, notes) {
  const out = [];
  for (const note of notes) {
    const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      if (!note) continue;
      out.push(createHmac('sha256', Plaintext).update(note).digest());
    } finally {
      out.push(null);
    }
  }
  return out;
}`,
      errors: [
        { messageId: 'notZeroized', line: 5, column: 13, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export async function signAll(kms, notes) {
  const out = [];
  for (const note of notes) {
    const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      try {
        if (!note) continue;
        out.push(createHmac('sha256', Plaintext).update(note).digest());
      } finally {
        out.push(null);
      }
    } finally {
      Plaintext?.fill(0);
    }
  }
  return out;
}` },
        ] },
      ],
    },
    {
      name: "v2-or-v3 response awaited through a conditional .promise(), the awaited response dropped",
      code: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const res = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const dk = await ('promise' in res ? res.promise() : res);
  return createHmac('sha256', dk.Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 3, column: 9, suggestions: [] },
      ],
    },
    {
      name: "a plain alias of the response (no .promise(), no await) keeps the suggestion",
      code: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const same = dk;
  return createHmac('sha256', same.Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 3, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    const same = dk;
    return createHmac('sha256', same.Plaintext).update(note).digest();
  } finally {
    dk.Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "v2 callback: if (!err) uses the key and drops it",
      code: `import { createHmac } from 'node:crypto';
export function sign(kms, note, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    if (!err) {
      done(null, createHmac('sha256', data.Plaintext).update(note).digest());
    } else {
      done(err);
    }
  });
}`,
      errors: [
        { messageId: 'notZeroized', line: 3, column: 71, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export function sign(kms, note, done) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
    try {
      if (!err) {
        done(null, createHmac('sha256', data.Plaintext).update(note).digest());
      } else {
        done(err);
      }
    } finally {
      data.Plaintext.fill(0);
    }
  });
}` },
        ] },
      ],
    },
    {
      name: "a key in a const object held by another const that is only logged: dropped",
      code: `export async function mintKey(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const material = { key: Plaintext };
  const bundle = [material, CiphertextBlob];
  console.log(bundle.length);
  return CiphertextBlob;
}`,
      errors: [
        { messageId: 'notZeroized', line: 2, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `export async function mintKey(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    const material = { key: Plaintext };
    const bundle = [material, CiphertextBlob];
    console.log(bundle.length);
    return CiphertextBlob;
  } finally {
    Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: "acquired inside a try: when the HMAC throws, the catch returns with the key live",
      code: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  let dk;
  try {
    dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    const mac = createHmac('sha256', dk.Plaintext).update(note).digest();
    dk.Plaintext.fill(0);
    return mac;
  } catch (e) {
    console.error(e);
    return null;
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 5, column: 5, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  let dk;
  try {
    dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      const mac = createHmac('sha256', dk.Plaintext).update(note).digest();
      dk.Plaintext.fill(0);
      return mac;
    } finally {
      dk.Plaintext?.fill(0);
    }
  } catch (e) {
    console.error(e);
    return null;
  }
}` },
        ] },
      ],
    },
    {
      name: "acquired in one iteration and used in the next: the loop's back edge carries the key to the end",
      code: `import { createHmac } from 'node:crypto';
export async function signAll(kms, notes) {
  const out = [];
  let dk = null;
  for (const note of notes) {
    if (dk) out.push(createHmac('sha256', dk.Plaintext).update(note).digest());
    else dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  }
  return out;
}`,
      errors: [
        { messageId: 'notZeroized', line: 7, column: 10, suggestions: [] },
      ],
    },
  ],
};

untyped.run('require-data-key-zeroization helpers, jumps and renamed responses (JavaScript)', rule, cases);
