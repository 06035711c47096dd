// onSdkCall recognises a file's SDK calls once, before ESLint's traversal (sdkCallsOfFile), and registers no listener
// in a file that has none: ESLint then calls none of the SDK rules for that file's calls. The handler still runs
// when ESLint reaches each call, in source order, once per call.
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { onSdkCall, sdkCallStats, sdkCallsOfFile } from '../../src/sdk/recognize.js';

const createProbe = ESLintUtils.RuleCreator((name) => name);

interface Seen {
  listeners: string[];
  handled: string[];
  /** Operations found with ESLint's traversal steps hidden, so that the plain walk runs. */
  walked: string[];
  /** Whether a second question in the same file got the same answer object (recognised once a file). */
  cached: boolean;
}

function lint(code: string, hideTraverse = false): Seen {
  const seen: Seen = { listeners: [], handled: [], walked: [], cached: false };
  const probe = createProbe({
    name: 'probe',
    meta: { type: 'problem', docs: { description: 'probe' }, schema: [], messages: { x: 'x' } },
    defaultOptions: [],
    create(context) {
      if (hideTraverse) {
        const sourceCode = new Proxy(context.sourceCode, {
          get: (target, key) => (key === 'traverse' ? undefined : (Reflect.get(target, key, target) as unknown)),
        });
        const view = Object.create(context, { sourceCode: { value: sourceCode } }) as typeof context;
        seen.walked = [...sdkCallsOfFile(view).values()].map((c) => `${c.operation}@${c.node.loc.start.line}`);
      }
      const listeners = onSdkCall(context, (call) => seen.handled.push(`${call.operation}@${call.node.loc.start.line}`));
      seen.listeners = Object.keys(listeners);
      if (seen.listeners.length > 0) seen.cached = sdkCallsOfFile(context) === sdkCallsOfFile(context);
      return listeners;
    },
  });
  const linter = new Linter();
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser as Linter.Parser, sourceType: 'module' },
      plugins: { p: { rules: { probe: probe as unknown as TSESLint.RuleModule<string> } } as never },
      rules: { 'p/probe': 'error' },
    },
  ];
  const messages = linter.verify(code, config, 'file.ts');
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return seen;
}

describe('onSdkCall', () => {
  it('calls the handler once per SDK call, in source order, when ESLint reaches it', () => {
    const seen = lint(`import { KMSClient, EncryptCommand, DecryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
const other = new Map();
other.get('x');
await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'k' }));
await kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: data }));`);
    expect(seen.listeners.sort()).toEqual(['CallExpression', 'NewExpression']);
    expect(seen.handled).toEqual(['Decrypt@5', 'Encrypt@6']);
    expect(seen.cached).toBe(true);
  });

  it('asks about each call and new once, and about nothing else', () => {
    const before = { ...sdkCallStats };
    // Three news (KMSClient, Map, DecryptCommand) and three calls (get, send, log); identifiers, members and
    // objects are not asked about.
    lint(`import { KMSClient, DecryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
const other = new Map();
other.get('x');
const out = await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'k' }));
console.log(out.KeyId);`);
    expect(sdkCallStats.filesScanned - before.filesScanned).toBe(1);
    expect(sdkCallStats.nodesAsked - before.nodesAsked).toBe(6);
  });

  it('scans no file that cannot reach the SDK', () => {
    const before = sdkCallStats.filesScanned;
    lint(`const m = new Map(); m.set('a', 1); console.log(m.get('a'));`);
    expect(sdkCallStats.filesScanned).toBe(before);
  });

  it('sees a call in a file that names the SDK but no request field (the input is built elsewhere)', () => {
    const seen = lint(`import { KMSClient, EncryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export const seal = (input: never) => kms.send(new EncryptCommand(input));`);
    expect(seen.handled).toEqual(['Encrypt@3']);
  });

  it('sees a call known by its request shape alone in a file that names no AWS package', () => {
    const seen = lint(`export async function open(client: any, blob: Uint8Array) {
  return client.decrypt({ CiphertextBlob: blob }).promise();
}`);
    expect(seen.handled).toEqual(['Decrypt@2']);
  });

  it('registers no listener in a file that names the SDK but makes no call to it', () => {
    const seen = lint(`import type { EncryptCommandInput } from '@aws-sdk/client-kms';
class Command1 { constructor(readonly input: EncryptCommandInput) {} }
const made = new Command1({ KeyId: 'k', Plaintext: new Uint8Array(4) });
console.log(made.input.KeyId);`);
    expect(seen.listeners).toEqual([]);
    expect(seen.handled).toEqual([]);
  });

  it('registers no listener in a file that cannot reach the SDK', () => {
    const seen = lint(`const m = new Map(); m.set('a', 1); console.log(m.get('a'));`);
    expect(seen.listeners).toEqual([]);
  });

  it('finds the same calls by walking the tree where ESLint offers no traversal steps', () => {
    const code = `import { KMSClient, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import AWS from 'aws-sdk';
const kms = new KMSClient({});
const v2 = new AWS.KMS();
function make() {
  return kms.send(new GenerateDataKeyCommand({ KeyId: 'k', KeySpec: 'AES_256' }));
}
const later = async () => v2.decrypt({ CiphertextBlob: blob }).promise();
let pending;
function idle() { return; }
void [make, later, pending, idle];`;
    const seen = lint(code, true);
    expect(seen.walked.sort()).toEqual(['Decrypt@8', 'GenerateDataKey@6']);
    expect(seen.handled).toEqual(['GenerateDataKey@6', 'Decrypt@8']);
  });
});
