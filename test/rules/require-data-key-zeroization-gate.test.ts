// The text gate before acquisition (acquire.ts, fileMayAcquireDataKeys): a file that names neither the SDK nor any of
// `send`, `await` or a plaintext-returning method is skipped. These keys reach files that name none of the SDK's
// packages or commands, each through one of the gate's words only: each case goes silent when its word is dropped.
import rule from '../../src/rules/require-data-key-zeroization.js';
import { createTypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();

typed.run('require-data-key-zeroization: the acquisition gate keeps files that get a key without naming the SDK', rule, {
  valid: [
    {
      name: 'records that only look like KMS requests and responses, with no call that could return one',
      code: `interface Entry { KeyId: string; Plaintext: string; EncryptionContext: Record<string, string> }
class Command7 { constructor(readonly input: Entry) {} describe() { return this.input.Plaintext; } }
const opening: Entry = { KeyId: 'k', Plaintext: 'p', EncryptionContext: { ledger: '7' } };
export const described = new Command7(opening).describe();
export const copy = { ...opening, Plaintext: opening.Plaintext.slice(0) };`,
    },
  ],
  invalid: [
    {
      name: '`send` alone: a command re-exported under another name, sent by a client a project module hands out',
      code: `import { createDecipheriv } from 'node:crypto';
import { Dec } from './reexports.js';
import { sharedKms } from './clients.js';
export function open(blob: Uint8Array, iv: Buffer, body: Buffer): Promise<Buffer> {
  return sharedKms.send(new Dec({ CiphertextBlob: blob, KeyId: 'alias/app' })).then((out) => {
    return createDecipheriv('aes-256-gcm', out.Plaintext!, iv).update(body);
  });
}`,
      errors: [
        {
          messageId: 'notZeroized',
          line: 5,
          column: 86,
          suggestions: [
            {
              messageId: 'wrapInTryFinally',
              output: `import { createDecipheriv } from 'node:crypto';
import { Dec } from './reexports.js';
import { sharedKms } from './clients.js';
export function open(blob: Uint8Array, iv: Buffer, body: Buffer): Promise<Buffer> {
  return sharedKms.send(new Dec({ CiphertextBlob: blob, KeyId: 'alias/app' })).then((out) => {
    try {
      return createDecipheriv('aes-256-gcm', out.Plaintext!, iv).update(body);
    } finally {
      out.Plaintext?.fill(0);
    }
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a method name alone: a v2 client typed any, passed in, with a callback',
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
export function seal(kms: any, data: Buffer, done: (out: Buffer) => void): void {
  kms.generateDataKey({ KeyId: 'alias/app', KeySpec: 'AES_256' }, (err: unknown, dk: any) => {
    if (err) return;
    done(createCipheriv('aes-256-gcm', dk.Plaintext, randomBytes(12)).update(data));
  });
}`,
      errors: [
        {
          messageId: 'notZeroized',
          line: 3,
          column: 82,
          suggestions: [
            {
              messageId: 'wrapInTryFinally',
              output: `import { createCipheriv, randomBytes } from 'node:crypto';
export function seal(kms: any, data: Buffer, done: (out: Buffer) => void): void {
  kms.generateDataKey({ KeyId: 'alias/app', KeySpec: 'AES_256' }, (err: unknown, dk: any) => {
    if (err) return;
    try {
      done(createCipheriv('aes-256-gcm', dk.Plaintext, randomBytes(12)).update(data));
    } finally {
      dk.Plaintext.fill(0);
    }
  });
}`,
            },
          ],
        },
      ],
    },
  ],
});
