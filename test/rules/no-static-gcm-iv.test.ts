import rule from '../../src/rules/no-static-gcm-iv.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
const pre = `import { createCipheriv, randomBytes } from 'node:crypto';
declare const key: Buffer;
declare const records: string[];
`;

typed.run('no-static-gcm-iv', rule, {
  valid: [
    `${pre}const iv = randomBytes(12);
const cipher = createCipheriv('aes-256-gcm', key, iv);`,
    // A fresh IV per item.
    `${pre}for (const r of records) { const iv = randomBytes(12); createCipheriv('aes-256-gcm', key, iv).update(r); }`,
    // A same-file helper that draws a fresh IV per call.
    `${pre}function freshIv() { return randomBytes(12); }
export function seal(s: string) { return createCipheriv('aes-256-gcm', key, freshIv()).update(s); }`,
    // A deterministic counter IV written per message (NIST SP 800-38D 8.2.1).
    `${pre}const iv = Buffer.alloc(12);
let counter = 0;
export function seal(s: string) { iv.writeUInt32BE(++counter, 8); return createCipheriv('aes-256-gcm', key, iv).update(s); }`,
    // Not GCM: CBC IV rules differ and are not this rule's business.
    `${pre}createCipheriv('aes-256-cbc', key, Buffer.alloc(16));`,
    // One IV, but a different key per iteration: (key, IV) never repeats.
    `${pre}declare function keyFor(tenant: string): Buffer;
export function sealPerTenant(tenants: string[]) {
  const iv = randomBytes(12);
  for (const tenant of tenants) { const tenantKey = keyFor(tenant); createCipheriv('aes-256-gcm', tenantKey, iv).update(tenant); }
}`,
    // The IV arrives as a parameter.
    `${pre}export function seal(s: string, iv: Buffer) { return createCipheriv('aes-256-gcm', key, iv).update(s); }`,
    // A user's own createCipheriv.
    `function createCipheriv(alg: string, k: Buffer, iv: Buffer) { return { alg, k, iv }; }
createCipheriv('aes-256-gcm', Buffer.alloc(32), Buffer.alloc(12));`,
  ],
  invalid: [
    {
      // Through the project's own facade: recognised by the declaration in @types/node.
      code: `import { makeCipher } from './crypto-reexports.js';
declare const key: Buffer;
export const seal = (s: string) => makeCipher('aes-256-gcm', key, Buffer.alloc(12)).update(s);`,
      errors: [{ messageId: 'constantIv', line: 3, column: 67 }],
    },
    {
      code: `${pre}const cipher = createCipheriv('aes-256-gcm', key, Buffer.alloc(12));`,
      errors: [{ messageId: 'constantIv', line: 4, column: 51, data: { what: 'Buffer.alloc(12)' } }],
    },
    {
      // Through a module-level constant and a same-file helper.
      code: `${pre}const IV = Buffer.from('0123456789ab');
function ivFor() { return IV; }
export const seal = (s: string) => createCipheriv('aes-128-gcm', key, ivFor()).update(s);`,
      errors: [{ messageId: 'constantIv', line: 6, column: 71, data: { what: "Buffer.from('0123456789ab')" } }],
    },
    {
      code: `${pre}const IV = randomBytes(12);
export const seal = (s: string) => createCipheriv('aes-256-gcm', key, IV).update(s);`,
      errors: [{ messageId: 'moduleIv', line: 5, column: 71, data: { name: 'IV' } }],
    },
    {
      code: `${pre}export function sealAll() {
  const iv = randomBytes(12);
  return records.map((r) => createCipheriv('aes-256-gcm', key, iv).update(r));
}`,
      errors: [{ messageId: 'ivReusedInLoop', line: 6, column: 64, data: { name: 'iv' } }],
    },
    {
      code: `${pre}export function sealAll() {
  const iv = randomBytes(12);
  const out = [];
  for (const r of records) out.push(createCipheriv('aes-256-gcm', key, iv).update(r));
  return out;
}`,
      errors: [{ messageId: 'ivReusedInLoop', line: 7, column: 72 }],
    },
    {
      code: `${pre}declare const dataKey: Uint8Array;
export const seal = (s: string) => createCipheriv('aes-256-gcm', dataKey, dataKey.subarray(0, 12)).update(s);`,
      errors: [{ messageId: 'ivFromKey', line: 5, column: 75, data: { what: 'dataKey.subarray(0, 12)' } }],
    },
    {
      // The length check is advice, reported only when asked for (strict and all turn it on).
      code: `${pre}export const seal = (s: string) => createCipheriv('aes-256-gcm', key, randomBytes(16)).update(s);`,
      options: [{ checkIvLength: true }],
      errors: [{ messageId: 'ivLength', line: 4, column: 71, data: { bytes: '16' } }],
    },
    {
      // Whatever the spelling of the cipher name, and with it held in a const.
      code: `${pre}const ALG = 'id-aes256-GCM';
export const seal = (s: string) => createCipheriv(ALG, key, Buffer.alloc(12)).update(s);`,
      errors: [{ messageId: 'constantIv', line: 5, column: 61 }],
    },
  ],
});

typed.run('no-static-gcm-iv: IV length is advice, off by default', rule, {
  valid: [
    // A fresh random IV of another length is legal GCM (hashed into the counter).
    `${pre}export const seal = (s: string) => createCipheriv('aes-256-gcm', key, randomBytes(16)).update(s);`,
    { code: `${pre}export const seal = (s: string) => createCipheriv('aes-256-gcm', key, randomBytes(12)).update(s);`, options: [{ checkIvLength: true }] },
  ],
  invalid: [],
});

untyped.run('no-static-gcm-iv (no types)', rule, {
  valid: [
    `const crypto = require('crypto');
crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12));`,
    // Not node:crypto.
    `const lib = require('./my-crypto');
lib.createCipheriv('aes-256-gcm', key, Buffer.alloc(12));`,
  ],
  invalid: [
    {
      code: `const crypto = require('crypto');
const cipher = crypto.createCipheriv('id-aes256-GCM', key, '000000000000');`,
      errors: [{ messageId: 'constantIv', line: 2, column: 60 }],
    },
    {
      // An IV configured once per deployment is as static as a literal.
      code: `import { createCipheriv } from 'node:crypto';
const IV = Buffer.from(process.env.GCM_IV, 'hex');
export const seal = (key, s) => createCipheriv('aes-256-gcm', key, IV).update(s);`,
      errors: [{ messageId: 'moduleIv', line: 3, column: 68 }],
    },
    {
      code: `import { createCipheriv } from 'node:crypto';
export const seal = (key, s) => createCipheriv('aes-192-gcm', key, Buffer.alloc(12, 7)).update(s);`,
      errors: [{ messageId: 'constantIv', line: 2, column: 68 }],
    },
    {
      code: `import * as crypto from 'node:crypto';
export function seal(key, s) {
  const iv = Buffer.from(key).subarray(0, 12);
  return crypto.createCipheriv('aes-256-gcm', key, Buffer.from(key)).update(s);
}`,
      errors: [{ messageId: 'ivFromKey', line: 4, column: 52 }],
    },
  ],
});

typed.run('no-static-gcm-iv: IVs hashed from the key', rule, {
  valid: [
    // A per-message input makes the hash something else (a synthetic IV); this rule does not judge it.
    `${pre}import { createHash } from 'node:crypto';
export function seal(key: Buffer, data: Buffer, counter: number) {
  const iv = createHash('sha256').update(key).update(String(counter)).digest().subarray(0, 12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([c.update(data), c.final(), c.getAuthTag()]);
}`,
    // Hashing something other than the key.
    `${pre}import { createHash } from 'node:crypto';
export function seal(key: Buffer, data: Buffer, nonceSeed: Buffer) {
  const c = createCipheriv('aes-256-gcm', key, createHash('sha256').update(nonceSeed).digest().subarray(0, 12));
  return Buffer.concat([c.update(data), c.final(), c.getAuthTag()]);
}`,
  ],
  invalid: [
    {
      code: `${pre}import { createHash, createHmac } from 'node:crypto';
export function seal(key: Buffer, data: Buffer) {
  const iv = createHash('sha256').update(key).digest().subarray(0, 12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const digest = createHmac('sha256', key).update('iv').digest();
  const d = createCipheriv('aes-256-gcm', key, digest.slice(0, 12));
  return Buffer.concat([c.update(data), c.final(), d.update(data), d.final()]);
}`,
      errors: [{ messageId: 'ivFromKey', line: 7 }, { messageId: 'ivFromKey', line: 9 }],
    },
  ],
});
