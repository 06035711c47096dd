// "Every operation in the KMS API reference that an application calls belongs in the engine" (issue 18): every
// command the real @aws-sdk/client-kms exports (generated from the KMS API model) reaches an operation of the engine,
// which answers it with AWS's own codes (here: an empty request fails the model's checks or finds nothing, but never
// as an unknown operation).
import * as sdk from '@aws-sdk/client-kms';
import { CreateKeyCommand, DecapsulateCommand, EncapsulateCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsEngine } from '../../src/engine/index.js';
import { expectAwsError } from './kms-helpers.js';

const operations = Object.keys(sdk)
  .filter((name) => /^[A-Z]\w*Command$/.test(name) && typeof (sdk as Record<string, unknown>)[name] === 'function')
  .map((name) => name.slice(0, -'Command'.length))
  .sort();

describe('operation coverage', () => {
  it('the SDK knows the KMS API\'s operations (54 in the model this SDK was generated from, at least)', () => {
    expect(operations.length).toBeGreaterThanOrEqual(54);
    expect(operations).toContain('DeriveSharedSecret');
  });

  it.each(operations)('%s is an operation of the engine', (operation) => {
    const engine = createKmsEngine();
    let code: string | undefined;
    try {
      engine.kms.call(operation, {}, { region: 'us-east-1', accountId: '111122223333' });
    } catch (e) {
      code = (e as { code?: string }).code;
    }
    expect(code).not.toBe('UnknownOperationException');
    expect(code).not.toBe('KMSInternalException');
  });
});

describe('ML-KEM (Encapsulate, Decapsulate), which node:crypto on Node 20 cannot compute', () => {
  it('CreateKey with an ML_KEM spec is UnsupportedOperationException; a key of another usage is refused as AWS refuses it', async () => {
    const engine = createKmsEngine();
    const kms = engine.kmsClient();
    await expectAwsError(kms.send(new CreateKeyCommand({ KeySpec: 'ML_KEM_768', KeyUsage: 'ENCAPSULATE_DECAPSULATE' })), 'UnsupportedOperationException');
    await expectAwsError(kms.send(new CreateKeyCommand({ KeySpec: 'ML_KEM_768', KeyUsage: 'SIGN_VERIFY' })), 'ValidationException');
    const { keyId, arn } = engine.createKey();
    const enc = await expectAwsError(kms.send(new EncapsulateCommand({ KeyId: keyId, EncapsulationAlgorithm: 'ML_KEM' })), 'InvalidKeyUsageException');
    expect(enc.message).toBe(`${arn} key usage is ENCRYPT_DECRYPT which is not valid for Encapsulate.`);
    const dec = await expectAwsError(kms.send(new DecapsulateCommand({ KeyId: keyId, EncapsulationAlgorithm: 'ML_KEM', SharedSecretCiphertextBlob: new Uint8Array(8) })), 'InvalidKeyUsageException');
    expect(dec.message).toBe(`${arn} key usage is ENCRYPT_DECRYPT which is not valid for Decapsulate.`);
  });
});
