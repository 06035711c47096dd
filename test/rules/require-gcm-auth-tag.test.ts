import rule from '../../src/rules/require-gcm-auth-tag.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
const pre = `import { createDecipheriv } from 'node:crypto';
declare const key: Buffer;
declare const iv: Buffer;
declare const sealed: Buffer;
`;

typed.run('require-gcm-auth-tag', rule, {
  valid: [
    `${pre}export function open(tag: Buffer) {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]);
}`,
    // Tag split off the sealed message: the last 16 bytes.
    `${pre}export function open() {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(sealed.subarray(-16));
  return Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()]);
}`,
    // A missing tag is rejected before the decipher is used.
    `${pre}export function open(tag?: Buffer) {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  if (!tag) throw new Error('message has no authentication tag');
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]);
}`,
    // Short tags declared explicitly.
    `${pre}export function open() {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 12 });
  decipher.setAuthTag(sealed.subarray(-12));
  return Buffer.concat([decipher.update(sealed.subarray(0, -12)), decipher.final()]);
}`,
    // Not GCM.
    `${pre}export function open() {
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([decipher.update(sealed), decipher.final()]);
}`,
    // The decipher is handed to a helper that may set the tag.
    `${pre}declare function withTag(d: unknown): void;
export function open() {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  withTag(decipher);
  return Buffer.concat([decipher.update(sealed), decipher.final()]);
}`,
  ],
  invalid: [
    {
      // Through the project's own facade: recognised by the declaration in @types/node.
      code: `import { makeDecipher } from './crypto-reexports.js';
export function open(key: Buffer, iv: Buffer, sealed: Buffer) {
  const decipher = makeDecipher('aes-256-gcm', key, iv);
  return Buffer.concat([decipher.update(sealed), decipher.final()]);
}`,
      errors: [{ messageId: 'missingAuthTag', line: 3, column: 20 }],
    },
    {
      code: `${pre}export function open() {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([decipher.update(sealed), decipher.final()]);
}`,
      errors: [{ messageId: 'missingAuthTag', line: 6, column: 20 }],
    },
    {
      code: `${pre}export function open(tag?: Buffer) {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  if (tag) decipher.setAuthTag(tag);
  const head = decipher.update(sealed);
  return Buffer.concat([head, decipher.final()]);
}`,
      errors: [{ messageId: 'authTagNotOnEveryPath', line: 9, column: 31 }],
    },
    {
      code: `${pre}export function open(tag: Buffer) {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag.subarray(0, 4));
  return Buffer.concat([decipher.update(sealed), decipher.final()]);
}`,
      errors: [{ messageId: 'shortAuthTag', line: 7, column: 23, data: { bytes: '4' } }],
    },
    {
      // final() before the tag is set.
      code: `${pre}export function open(tag: Buffer) {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  const out = Buffer.concat([decipher.update(sealed), decipher.final()]);
  decipher.setAuthTag(tag);
  return out;
}`,
      errors: [{ messageId: 'authTagNotOnEveryPath', line: 7, column: 55 }],
    },
  ],
});

untyped.run('require-gcm-auth-tag (no types)', rule, {
  valid: [
    `const crypto = require('crypto');
function open(key, iv, tag, sealed) {
  const d = crypto.createDecipheriv('aes-128-gcm', key, iv);
  d.setAuthTag(tag);
  return Buffer.concat([d.update(sealed), d.final()]);
}`,
    // Not node:crypto.
    `const c = require('./crypto-shim');
function open(key, iv, sealed) { const d = c.createDecipheriv('aes-128-gcm', key, iv); return d.final(); }`,
  ],
  invalid: [
    {
      code: `const crypto = require('node:crypto');
function open(key, iv, sealed, tag) {
  const d = crypto.createDecipheriv('aes-256-gcm', key, iv);
  try {
    d.setAuthTag(tag);
  } catch (e) {
    console.warn('bad tag', e);
  }
  return Buffer.concat([d.update(sealed), d.final()]);
}`,
      errors: [{ messageId: 'authTagNotOnEveryPath', line: 9, column: 43 }],
    },
  ],
});

untyped.run('require-gcm-auth-tag: the algorithm kept on the instance (real code)', rule, {
  valid: [
    `const crypto = require('crypto');
class Box {
  constructor(key) { this.algorithm = 'aes-256-gcm'; this.key = key; }
  open(iv, body, tag) {
    const d = crypto.createDecipheriv(this.algorithm, this.key, iv);
    d.setAuthTag(tag);
    return Buffer.concat([d.update(body), d.final()]);
  }
}`,
    // Another cipher on the instance: CBC has no tag.
    `const crypto = require('crypto');
class Box {
  algorithm = 'aes-256-cbc';
  open(key, iv, body) { const d = crypto.createDecipheriv(this.algorithm, key, iv); return Buffer.concat([d.update(body), d.final()]); }
}`,
  ],
  invalid: [
    {
      code: `const crypto = require('crypto');
class Box {
  constructor(key) { this.algorithm = 'id-aes256-GCM'; this.key = key; }
  open(iv, body) {
    const d = crypto.createDecipheriv(this.algorithm, this.key, iv);
    return Buffer.concat([d.update(body), d.final()]);
  }
}`,
      errors: [{ messageId: 'missingAuthTag', line: 5, column: 15 }],
    },
  ],
});

typed.run('require-gcm-auth-tag: an algorithm typed as GCM names', rule, {
  valid: [
    `import * as crypto from 'node:crypto';
export const open = (alg: crypto.CipherCCMTypes, key: Buffer, iv: Buffer, body: Buffer) => { const d = crypto.createDecipheriv(alg, key, iv, { authTagLength: 16 }); return d.update(body); };`,
  ],
  invalid: [
    {
      code: `import * as crypto from 'node:crypto';
export class Sealed {
  constructor(private readonly options: { algorithm: crypto.CipherGCMTypes }) {}
  open(key: Buffer, iv: Buffer, body: Buffer): Buffer {
    const d = crypto.createDecipheriv(this.options.algorithm, key, iv);
    return Buffer.concat([d.update(body), d.final()]);
  }
}`,
      errors: [{ messageId: 'missingAuthTag', line: 5, column: 15 }],
    },
  ],
});
