// Invoices stored per tenant: each invoice is sealed with its own data key (envelope encryption, AES-256-GCM),
// the data key is bound to the tenant and invoice by the KMS encryption context, and the sealed invoice is kept in
// S3 under SSE-KMS with an S3 Bucket Key. The clients are built here, at module level, as real services do.
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const kms = new KMSClient({});
const s3 = new S3Client({});

export const INVOICE_KEY = process.env.INVOICE_KEY_ID ?? 'alias/invoices';
export const INVOICE_BUCKET = process.env.INVOICE_BUCKET ?? 'invoice-vault';

interface SealedInvoice {
  wrappedKey: string;
  iv: string;
  tag: string;
  sealed: string;
}

// Invoice IDs are unique across tenants, so objects are keyed by invoice alone; what keeps a tenant from reading
// another tenant's invoice is the encryption context, which names the tenant.
function objectKey(invoiceId: string): string {
  return `invoices/${invoiceId}.json`;
}

export async function storeInvoice(tenantId: string, invoiceId: string, invoice: string): Promise<void> {
  const { Plaintext: dataKey, CiphertextBlob } = await kms.send(new GenerateDataKeyCommand({
    KeyId: INVOICE_KEY,
    KeySpec: 'AES_256',
    EncryptionContext: { tenantId, invoiceId },
  }));
  if (!dataKey || !CiphertextBlob) throw new Error('KMS returned no data key');
  try {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
    const sealed = Buffer.concat([cipher.update(invoice, 'utf8'), cipher.final()]);
    const record: SealedInvoice = {
      wrappedKey: Buffer.from(CiphertextBlob).toString('base64'),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      sealed: sealed.toString('base64'),
    };
    await s3.send(new PutObjectCommand({
      Bucket: INVOICE_BUCKET,
      Key: objectKey(invoiceId),
      Body: JSON.stringify(record),
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: INVOICE_KEY,
      BucketKeyEnabled: true,
    }));
  } finally {
    dataKey.fill(0);
  }
}

/** Reads an invoice as `tenantId`: KMS refuses the data key unless that tenant stored it. */
export async function readInvoice(tenantId: string, invoiceId: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: INVOICE_BUCKET, Key: objectKey(invoiceId) }));
  const record = JSON.parse(await object.Body!.transformToString()) as SealedInvoice;
  const { Plaintext: dataKey } = await kms.send(new DecryptCommand({
    KeyId: INVOICE_KEY,
    CiphertextBlob: Buffer.from(record.wrappedKey, 'base64'),
    EncryptionContext: { tenantId, invoiceId },
  }));
  if (!dataKey) throw new Error('KMS returned no data key');
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(record.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(record.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(record.sealed, 'base64')), decipher.final()]).toString('utf8');
  } finally {
    dataKey.fill(0);
  }
}
