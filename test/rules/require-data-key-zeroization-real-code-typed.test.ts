// Issue 16, sections 3-4, with type information: a v2 client typed `any` (recognised by its request shape) and a
// typed v3 helper that returns the key to its caller. Kept apart from the untyped cases, which run in a fraction of
// the time (the typed project service dominates), so that mutation testing can run the untyped file alone.
import rule from '../../src/rules/require-data-key-zeroization.js';
import { createTypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();

typed.run('require-data-key-zeroization on real-code shapes (typed)', rule, {
  valid: [
    {
      name: 'typed: v2 .promise() on a client typed any, zeroized in finally',
      code: `export class Sealer {
  constructor(private readonly kms: any) {}
  async seal(text: string): Promise<number> {
    const dk = await this.kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
    try {
      return dk.Plaintext.length + text.length;
    } finally {
      dk.Plaintext.fill(0);
    }
  }
}`,
    },
    {
      name: 'typed: v3 response handed two helpers deep, the second wipes Plaintext (optional chaining on the typed field)',
      code: `import { KMSClient, GenerateDataKeyCommand, type GenerateDataKeyCommandOutput } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
function forget(out: GenerateDataKeyCommandOutput): void {
  out.Plaintext?.fill(0);
}
function finish(out: GenerateDataKeyCommandOutput, log: (msg: string) => void): void {
  log(\`released \${out.KeyId}\`);
  forget(out);
}
export async function sealNote(note: string, log: (msg: string) => void): Promise<Buffer> {
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/notes', KeySpec: 'AES_256' }));
  try {
    return createCipheriv('aes-256-gcm', dk.Plaintext!, randomBytes(12)).update(note);
  } finally {
    finish(dk, log);
  }
}`,
    },
  ],
  invalid: [
    {
      name: 'typed: v2 .promise() on a client typed any, never zeroized',
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
export class Sealer {
  constructor(private readonly kms: any) {}
  async seal(text: string): Promise<Buffer> {
    const dk = await this.kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
    return createCipheriv('aes-256-gcm', dk.Plaintext, randomBytes(12)).update(text);
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 5, column: 11, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { createCipheriv, randomBytes } from 'node:crypto';
export class Sealer {
  constructor(private readonly kms: any) {}
  async seal(text: string): Promise<Buffer> {
    const dk = await this.kms.generateDataKey({ KeyId: 'alias/notes', KeySpec: 'AES_256' }).promise();
    try {
      return createCipheriv('aes-256-gcm', dk.Plaintext, randomBytes(12)).update(text);
    } finally {
      dk.Plaintext.fill(0);
    }
  }
}` },
        ] },
      ],
    },
    {
      name: 'typed: v3 helper returns the key to a caller that drops it: reported at the caller only',
      code: `import { KMSClient, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
async function mintKey(): Promise<{ raw: Uint8Array; sealed: Uint8Array }> {
  const out = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/notes', KeySpec: 'AES_256' }));
  return { raw: out.Plaintext!, sealed: out.CiphertextBlob! };
}
export async function sealNote(note: string): Promise<Buffer> {
  const pair = await mintKey();
  return createCipheriv('aes-256-gcm', pair.raw, randomBytes(12)).update(note);
}`,
      errors: [
        { messageId: 'notZeroized', line: 9, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
async function mintKey(): Promise<{ raw: Uint8Array; sealed: Uint8Array }> {
  const out = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/notes', KeySpec: 'AES_256' }));
  return { raw: out.Plaintext!, sealed: out.CiphertextBlob! };
}
export async function sealNote(note: string): Promise<Buffer> {
  const pair = await mintKey();
  try {
    return createCipheriv('aes-256-gcm', pair.raw, randomBytes(12)).update(note);
  } finally {
    pair.raw?.fill(0);
  }
}` },
        ] },
      ],
    },
    {
      name: 'typed: near miss, v3 response handed two helpers deep and the second only logs it (reported once, at the acquisition)',
      code: `import { KMSClient, GenerateDataKeyCommand, type GenerateDataKeyCommandOutput } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
function audit(out: GenerateDataKeyCommandOutput, log: (msg: string) => void): void {
  log(\`used \${out.KeyId} (\${out.Plaintext?.length} bytes)\`);
}
function finish(out: GenerateDataKeyCommandOutput, log: (msg: string) => void): void {
  audit(out, log);
}
export async function sealNote(note: string, log: (msg: string) => void): Promise<Buffer> {
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/notes', KeySpec: 'AES_256' }));
  try {
    return createCipheriv('aes-256-gcm', dk.Plaintext!, randomBytes(12)).update(note);
  } finally {
    finish(dk, log);
  }
}`,
      errors: [
        { messageId: 'notZeroized', line: 11, column: 9, suggestions: [
          { messageId: 'wrapInTryFinally', output: `import { KMSClient, GenerateDataKeyCommand, type GenerateDataKeyCommandOutput } from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
const kms = new KMSClient({});
function audit(out: GenerateDataKeyCommandOutput, log: (msg: string) => void): void {
  log(\`used \${out.KeyId} (\${out.Plaintext?.length} bytes)\`);
}
function finish(out: GenerateDataKeyCommandOutput, log: (msg: string) => void): void {
  audit(out, log);
}
export async function sealNote(note: string, log: (msg: string) => void): Promise<Buffer> {
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/notes', KeySpec: 'AES_256' }));
  try {
    try {
      return createCipheriv('aes-256-gcm', dk.Plaintext!, randomBytes(12)).update(note);
    } finally {
      finish(dk, log);
    }
  } finally {
    dk.Plaintext?.fill(0);
  }
}` },
        ] },
      ],
    },
  ],
});
