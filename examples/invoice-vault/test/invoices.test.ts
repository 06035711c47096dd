// The service as it is, its module-level clients answered by the engine (setup file eslint-plugin-kms/engine/vitest).
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { InvalidCiphertextException } from '@aws-sdk/client-kms';
import { installedKmsEngine } from 'eslint-plugin-kms/engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { INVOICE_BUCKET, readInvoice, storeInvoice } from '../src/invoices.js';

const engine = installedKmsEngine();

beforeAll(async () => {
  engine.createKey({ alias: 'alias/invoices' });
  await new S3Client({}).send(new CreateBucketCommand({ Bucket: INVOICE_BUCKET }));
});

describe('invoice vault on the engine', () => {
  it('stores and reads back an invoice, binding its data key to the tenant and invoice', async () => {
    await storeInvoice('tenant-a', 'inv-1', '{"total": 120}');
    expect(await readInvoice('tenant-a', 'inv-1')).toBe('{"total": 120}');
    expect(engine).toHaveReceivedKms('GenerateDataKey', { KeyId: 'alias/invoices', KeySpec: 'AES_256', EncryptionContext: { tenantId: 'tenant-a', invoiceId: 'inv-1' } });
    expect(engine).toHaveReceivedKms('Decrypt', { KeyId: 'alias/invoices', EncryptionContext: { tenantId: 'tenant-a', invoiceId: 'inv-1' } });
  });

  it('leaves no data-key plaintext in memory', () => {
    expect(engine.audit().dataKeys.length).toBeGreaterThan(0);
    expect(engine).toHaveLeftNoDataKeyUnzeroized();
  });

  it('refuses another tenant the invoice: the encryption context names the tenant', async () => {
    await storeInvoice('tenant-a', 'inv-2', '{"total": 75}');
    await expect(readInvoice('tenant-b', 'inv-2')).rejects.toBeInstanceOf(InvalidCiphertextException);
  });

  it('stays within the KMS request budget for a batch: the Bucket Key spares one KMS call per object', async () => {
    const before = engine.requests().total;
    for (let i = 0; i < 20; i += 1) await storeInvoice('tenant-c', `batch-${i}`, '{}');
    // One GenerateDataKey per invoice for the envelope; S3 asks KMS once per bucket-key window, not per object.
    expect(engine.requests().total - before).toBeLessThanOrEqual(21);
    expect(engine).toHaveMadeAtMostKmsRequests(before + 21);
  });
});
