// Promisified aliases of client methods with types (test/sdk/promisified.test.ts has the untyped cases): the
// receiver's type decides, and a look-alike object stays silent.
import { createTypedRuleTester } from '../RuleTester.js';
import { recognitionProbe } from './probe.js';

const typed = createTypedRuleTester();
const call = (operation: string, style: string, service = 'kms') => ({ messageId: 'call' as const, data: { operation, style, service } });

typed.run('promisified aliases of client methods (types)', recognitionProbe, {
  valid: [
    `import { promisify } from 'util';
const store = { decrypt(p: { CiphertextBlob: Buffer }, cb: (e: Error | null, d?: string) => void) { cb(null, 'x'); } };
const open = promisify(store.decrypt.bind(store));
export const x = open({ CiphertextBlob: Buffer.alloc(1) });`,
  ],
  invalid: [
    {
      code: `import { promisify } from 'util';
import { KMS } from 'aws-sdk';
const kms = new KMS();
const decryptAsync = promisify(kms.decrypt.bind(kms));
export async function env(): Promise<string> {
  const res = await decryptAsync({ CiphertextBlob: Buffer.from(String(process.env.SECRET), 'base64') });
  return String(res.Plaintext);
}`,
      errors: [{ ...call('Decrypt', 'v2'), line: 6 }],
    },
  ],
});
