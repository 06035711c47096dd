// Issue 16, section 4: `this.wipe(key)` as a zeroization. The member is the class's one instance member of that name,
// a method or a field holding a function (`wipe = (b) => b.fill(0)`), public or private (`this.#wipe`); not a
// setter, a static, a computed name, another object's method, or a name two members share (a field shadows the
// method). Where a case wipes, another function of the file leaks on purpose, so that a crash (which leaves the rule
// silent) fails the case. StrykerJS (stryker/data-keys.config.mjs) runs these against effects.ts (ownMethodOf).
import type { RunTests } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../src/rules/require-data-key-zeroization.js';
import { createUntypedRuleTester } from '../RuleTester.js';

const untyped = createUntypedRuleTester();

const cases: RunTests<MessageId, Options> = {
  valid: [],
  invalid: [
    {
      name: "this.wipe(): a field holding an arrow that wipes its parameter",
      code: `import { createHmac } from 'node:crypto';
export class Signer {
  wipe = (b) => b.fill(0);
  constructor(kms) { this.kms = kms; }
  async sign(note) {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      this.wipe(Plaintext);
    }
  }
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 15, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export class Signer {
  wipe = (b) => b.fill(0);
  constructor(kms) { this.kms = kms; }
  async sign(note) {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      this.wipe(Plaintext);
    }
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
      name: "this.#wipe(): a private method that wipes its parameter",
      code: `import { createHmac } from 'node:crypto';
export class Signer {
  #wipe(b) { b.fill(0); }
  constructor(kms) { this.kms = kms; }
  async sign(note) {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      this.#wipe(Plaintext);
    }
  }
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 15, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export class Signer {
  #wipe(b) { b.fill(0); }
  constructor(kms) { this.kms = kms; }
  async sign(note) {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      this.#wipe(Plaintext);
    }
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
      name: "near miss: this.wipe() where only the private #wipe wipes (the public wipe logs)",
      code: `import { createHmac } from 'node:crypto';
export class Signer {
  #wipe(b) { b.fill(0); }
  wipe(b) { console.log(b.length); }
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
  #wipe(b) { b.fill(0); }
  wipe(b) { console.log(b.length); }
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
      name: "near miss: this.wipe() where the class has only a private #wipe",
      code: `import { createHmac } from 'node:crypto';
export class Signer {
  #wipe(b) { b.fill(0); }
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
        { messageId: 'notZeroized', line: 6, column: 13, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export class Signer {
  #wipe(b) { b.fill(0); }
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
      name: "near miss: a setter named wipe is not a method",
      code: `import { createHmac } from 'node:crypto';
export class Signer {
  set wipe(b) { b.fill(0); }
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
        { messageId: 'notZeroized', line: 6, column: 13, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export class Signer {
  set wipe(b) { b.fill(0); }
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
      name: "near miss: a static field holding a wiping arrow is not on the instance",
      code: `import { createHmac } from 'node:crypto';
export class Signer {
  static wipe = (b) => b.fill(0);
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
        { messageId: 'notZeroized', line: 6, column: 13, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export class Signer {
  static wipe = (b) => b.fill(0);
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
      name: "near miss: a computed member name that happens to be spelled wipe names another method",
      code: `import { createHmac } from 'node:crypto';
const wipe = 'clear';
export class Signer {
  [wipe](b) { b.fill(0); }
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
const wipe = 'clear';
export class Signer {
  [wipe](b) { b.fill(0); }
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
      name: "near miss: this[wipe]() is a computed call, not the wipe method",
      code: `import { createHmac } from 'node:crypto';
const wipe = 'log';
export class Signer {
  wipe(b) { b.fill(0); }
  log(b) { console.log(b.length); }
  constructor(kms) { this.kms = kms; }
  async sign(note) {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      this[wipe](Plaintext);
    }
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 8, column: 13, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
const wipe = 'log';
export class Signer {
  wipe(b) { b.fill(0); }
  log(b) { console.log(b.length); }
  constructor(kms) { this.kms = kms; }
  async sign(note) {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      try {
        return createHmac('sha256', Plaintext).update(note).digest();
      } finally {
        this[wipe](Plaintext);
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
      name: "near miss: another object's wipe() is not this class's method",
      code: `import { createHmac } from 'node:crypto';
const helper = { wipe(b) { console.log(b.length); } };
export class Signer {
  wipe(b) { b.fill(0); }
  constructor(kms) { this.kms = kms; }
  async sign(note) {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      helper.wipe(Plaintext);
    }
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 7, column: 13, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
const helper = { wipe(b) { console.log(b.length); } };
export class Signer {
  wipe(b) { b.fill(0); }
  constructor(kms) { this.kms = kms; }
  async sign(note) {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      try {
        return createHmac('sha256', Plaintext).update(note).digest();
      } finally {
        helper.wipe(Plaintext);
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
      name: "near miss: a method and a field both named wipe: which one runs is not decided",
      code: `import { createHmac } from 'node:crypto';
export class Signer {
  wipe(b) { b.fill(0); }
  wipe = (b) => console.log(b.length);
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
  wipe(b) { b.fill(0); }
  wipe = (b) => console.log(b.length);
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
      name: "an arrow declared in the method calls this.wipe(): this is still the instance",
      code: `import { createHmac } from 'node:crypto';
export class Signer {
  wipe(b) { b.fill(0); }
  constructor(kms) { this.kms = kms; }
  async sign(note) {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    const release = (b) => this.wipe(b);
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      release(Plaintext);
    }
  }
}
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  return createHmac('sha256', Plaintext).update(note).digest();
}`,
      errors: [
        { messageId: 'notZeroized', line: 16, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export class Signer {
  wipe(b) { b.fill(0); }
  constructor(kms) { this.kms = kms; }
  async sign(note) {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    const release = (b) => this.wipe(b);
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      release(Plaintext);
    }
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
      name: "near miss: a function expression declared in the method has its own this",
      code: `import { createHmac } from 'node:crypto';
export class Signer {
  wipe(b) { b.fill(0); }
  constructor(kms) { this.kms = kms; }
  async sign(note) {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    const release = function (b) { this.wipe(b); };
    try {
      return createHmac('sha256', Plaintext).update(note).digest();
    } finally {
      release(Plaintext);
    }
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 6, column: 13, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createHmac } from 'node:crypto';
export class Signer {
  wipe(b) { b.fill(0); }
  constructor(kms) { this.kms = kms; }
  async sign(note) {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    try {
      const release = function (b) { this.wipe(b); };
      try {
        return createHmac('sha256', Plaintext).update(note).digest();
      } finally {
        release(Plaintext);
      }
    } finally {
      Plaintext?.fill(0);
    }
  }
}` },
        ] },
      ],
    },
  ],
};

untyped.run('require-data-key-zeroization this.method() helpers (JavaScript)', rule, cases);
