// The same cross-tenant read, tested the usual way: aws-sdk-client-mock with hand-written answers. The mock
// answers every Decrypt, whatever its encryption context, so the read succeeds and the test of the tenant
// boundary cannot fail. The engine (next test, no mock) refuses the same read, as KMS does.
import { DecryptCommand, GenerateDataKeyCommand, InvalidCiphertextException, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { installedKmsEngine } from 'eslint-plugin-kms/engine';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { INVOICE_BUCKET, readInvoice, storeInvoice } from '../src/invoices.js';

describe('a tenant reading another tenant\'s invoice', () => {
  it('succeeds under aws-sdk-client-mock: the hand-written Decrypt answer ignores the encryption context', async () => {
    const kms = mockClient(KMSClient);
    const s3 = mockClient(S3Client);
    try {
      const dataKey = randomBytes(32);
      kms.on(GenerateDataKeyCommand).callsFake(() => ({ Plaintext: Uint8Array.from(dataKey), CiphertextBlob: Uint8Array.from([1, 2, 3]) }));
      kms.on(DecryptCommand).callsFake(() => ({ Plaintext: Uint8Array.from(dataKey) }));
      const objects = new Map<string, string>();
      s3.on(PutObjectCommand).callsFake((input: { Key: string; Body: string }) => {
        objects.set(input.Key, input.Body);
        return {};
      });
      s3.on(GetObjectCommand).callsFake((input: { Key: string }) => ({ Body: { transformToString: async () => objects.get(input.Key) ?? '' } }));

      await storeInvoice('tenant-a', 'inv-9', '{"total": 990}');
      // tenant-b gets tenant-a's invoice: the defect is there and the mocked test cannot see it.
      expect(await readInvoice('tenant-b', 'inv-9')).toBe('{"total": 990}');
      expect(kms.commandCalls(DecryptCommand)[0].args[0].input.EncryptionContext).toEqual({ tenantId: 'tenant-b', invoiceId: 'inv-9' });
    } finally {
      kms.restore();
      s3.restore();
    }
  });

  it('is refused on the engine with InvalidCiphertextException, as KMS refuses it', async () => {
    const engine = installedKmsEngine();
    engine.createKey({ alias: 'alias/invoices' });
    await new S3Client({}).send(new CreateBucketCommand({ Bucket: INVOICE_BUCKET }));
    await storeInvoice('tenant-a', 'inv-9', '{"total": 990}');
    await expect(readInvoice('tenant-b', 'inv-9')).rejects.toBeInstanceOf(InvalidCiphertextException);
    expect(engine.audit().entries.at(-1)).toMatchObject({ operation: 'Decrypt', errorCode: 'InvalidCiphertextException', encryptionContext: { tenantId: 'tenant-b', invoiceId: 'inv-9' } });
  });
});
