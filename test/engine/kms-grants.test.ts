// Grants: a principal other than the key owner may use a key only through a grant whose Operations include
// the call and whose constraints the request's encryption context meets. API_GrantConstraints: keys in a
// constraint match case-insensitively, values case-sensitively.
import {
  CreateGrantCommand, DecryptCommand, DescribeKeyCommand, DisableKeyCommand, EncryptCommand, GenerateDataKeyCommand,
  ListGrantsCommand, ReEncryptCommand, RetireGrantCommand, RevokeGrantCommand, SignCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsEngine } from '../../src/engine/index.js';
import { expectAwsError, text, utf8 } from './kms-helpers.js';

const WORKER = 'arn:aws:iam::111122223333:role/worker';
const OTHER = 'arn:aws:iam::111122223333:role/other';

function setup() {
  const engine = createKmsEngine();
  return { engine, owner: engine.kmsClient(), worker: engine.kmsClient({ principal: WORKER }), other: engine.kmsClient({ principal: OTHER }) };
}

describe('grants', () => {
  it('without a grant a principal gets AccessDeniedException; with one it may do exactly the granted operations', async () => {
    const { engine, owner, worker } = setup();
    const { keyId, arn } = engine.createKey({ alias: 'alias/shared' });
    const enc = await owner.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('for the worker') }));
    await expectAwsError(worker.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })), 'AccessDeniedException');
    const grant = await owner.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: WORKER, Operations: ['Decrypt'] }));
    expect(grant.GrantId).toMatch(/^[0-9a-f]{64}$/);
    expect(text((await worker.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }))).Plaintext)).toBe('for the worker');
    await expectAwsError(worker.send(new EncryptCommand({ KeyId: arn, Plaintext: utf8('x') })), 'AccessDeniedException');
    await expectAwsError(worker.send(new DescribeKeyCommand({ KeyId: arn })), 'AccessDeniedException');
    await expectAwsError(worker.send(new DisableKeyCommand({ KeyId: keyId })), 'AccessDeniedException');
    const audit = engine.audit().entries.filter((e) => e.principal === WORKER);
    expect(audit.map((e) => [e.operation, e.errorCode])).toEqual([
      ['Decrypt', 'AccessDeniedException'], ['Decrypt', undefined], ['Encrypt', 'AccessDeniedException'],
      ['DescribeKey', 'AccessDeniedException'], ['DisableKey', 'AccessDeniedException'],
    ]);
    expect(audit[1].grantId).toBe(grant.GrantId);
  });

  it('EncryptionContextEquals: exact pairs, keys case-insensitive, values case-sensitive', async () => {
    const { engine, owner, worker } = setup();
    const { keyId } = engine.createKey();
    await owner.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: WORKER, Operations: ['Encrypt', 'Decrypt'],
      Constraints: { EncryptionContextEquals: { Tenant: 'acme' } } }));
    const ok = await worker.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x'), EncryptionContext: { tenant: 'acme' } }));
    expect(text((await worker.send(new DecryptCommand({ CiphertextBlob: ok.CiphertextBlob, EncryptionContext: { tenant: 'acme' } }))).Plaintext)).toBe('x');
    await expectAwsError(worker.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x'), EncryptionContext: { tenant: 'ACME' } })), 'AccessDeniedException');
    await expectAwsError(worker.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x'), EncryptionContext: { tenant: 'acme', extra: '1' } })), 'AccessDeniedException');
    await expectAwsError(worker.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x') })), 'AccessDeniedException');
  });

  it('EncryptionContextSubset: the request must include the pairs and may add more', async () => {
    const { engine, owner, worker } = setup();
    const { keyId } = engine.createKey();
    await owner.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: WORKER, Operations: ['GenerateDataKey'],
      Constraints: { EncryptionContextSubset: { dept: 'IT' } } }));
    const dk = await worker.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { DEPT: 'IT', file: 'a' } }));
    dk.Plaintext!.fill(0);
    await expectAwsError(worker.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { dept: 'it' } })), 'AccessDeniedException');
    await expectAwsError(worker.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' })), 'AccessDeniedException');
  });

  it('ReEncrypt needs ReEncryptFrom on the source key and ReEncryptTo on the destination key', async () => {
    const { engine, owner, worker } = setup();
    const src = engine.createKey().keyId;
    const dst = engine.createKey().keyId;
    const enc = await owner.send(new EncryptCommand({ KeyId: src, Plaintext: utf8('x') }));
    await owner.send(new CreateGrantCommand({ KeyId: src, GranteePrincipal: WORKER, Operations: ['ReEncryptFrom'] }));
    await expectAwsError(worker.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, DestinationKeyId: dst })), 'AccessDeniedException');
    await owner.send(new CreateGrantCommand({ KeyId: dst, GranteePrincipal: WORKER, Operations: ['ReEncryptTo'] }));
    const re = await worker.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, DestinationKeyId: dst }));
    expect(text((await owner.send(new DecryptCommand({ CiphertextBlob: re.CiphertextBlob }))).Plaintext)).toBe('x');
  });

  it('CreateGrant validation: unknown or unsupported operations, constraints on asymmetric keys, pair limits', async () => {
    const { engine, owner } = setup();
    const sym = engine.createKey().keyId;
    const signer = engine.createKey({ keySpec: 'ECC_NIST_P256' }).keyId;
    await expectAwsError(owner.send(new CreateGrantCommand({ KeyId: sym, GranteePrincipal: WORKER, Operations: ['Fly' as never] })), 'ValidationException');
    await expectAwsError(owner.send(new CreateGrantCommand({ KeyId: sym, GranteePrincipal: WORKER, Operations: ['Sign'] })), 'ValidationException');
    await expectAwsError(owner.send(new CreateGrantCommand({ KeyId: signer, GranteePrincipal: WORKER, Operations: ['Sign'],
      Constraints: { EncryptionContextSubset: { a: 'b' } } })), 'ValidationException');
    const nine = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, 'v']));
    await expectAwsError(owner.send(new CreateGrantCommand({ KeyId: sym, GranteePrincipal: WORKER, Operations: ['Decrypt'],
      Constraints: { EncryptionContextEquals: nine } })), 'ValidationException');
    await expectAwsError(owner.send(new CreateGrantCommand({ KeyId: sym, GranteePrincipal: WORKER, Operations: ['Decrypt'],
      Constraints: { EncryptionContextEquals: { a: 'v'.repeat(385) } } })), 'ValidationException');
    await expectAwsError(owner.send(new CreateGrantCommand({ KeyId: sym, GranteePrincipal: WORKER, Operations: [] })), 'ValidationException');
    // A Sign grant on a signing key works and ignores the (absent) context.
    await owner.send(new CreateGrantCommand({ KeyId: signer, GranteePrincipal: WORKER, Operations: ['Sign'] }));
    const worker = engine.kmsClient({ principal: WORKER });
    expect((await worker.send(new SignCommand({ KeyId: signer, Message: utf8('m'), SigningAlgorithm: 'ECDSA_SHA_256' }))).Signature).toBeDefined();
  });

  it('CreateGrant on a disabled key is DisabledException; it is idempotent by Name', async () => {
    const { engine, owner } = setup();
    const { keyId } = engine.createKey();
    const a = await owner.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: WORKER, Operations: ['Decrypt'], Name: 'job-1' }));
    const b = await owner.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: WORKER, Operations: ['Decrypt'], Name: 'job-1' }));
    expect(b.GrantId).toBe(a.GrantId);
    await owner.send(new DisableKeyCommand({ KeyId: keyId }));
    await expectAwsError(owner.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: WORKER, Operations: ['Decrypt'] })), 'DisabledException');
  });

  it('grant tokens: at most 10, each issued by KMS (InvalidGrantTokenException otherwise)', async () => {
    const { engine, owner, worker } = setup();
    const { keyId } = engine.createKey();
    const g = await owner.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: WORKER, Operations: ['Encrypt'] }));
    await worker.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x'), GrantTokens: [g.GrantToken!] }));
    await expectAwsError(worker.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x'), GrantTokens: ['forged'] })), 'InvalidGrantTokenException');
    await expectAwsError(worker.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x'), GrantTokens: Array(11).fill(g.GrantToken!) })), 'ValidationException');
  });

  it('ListGrants, RetireGrant (retiring principal or token) and RevokeGrant', async () => {
    const { engine, owner, worker, other } = setup();
    const { keyId, arn } = engine.createKey();
    const g1 = await owner.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: WORKER, RetiringPrincipal: OTHER, Operations: ['Decrypt'],
      Constraints: { EncryptionContextSubset: { a: 'b' } } }));
    const g2 = await owner.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: WORKER, Operations: ['Encrypt'] }));
    const g3 = await owner.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: WORKER, Operations: ['GenerateDataKey'] }));
    const listed = await owner.send(new ListGrantsCommand({ KeyId: keyId }));
    expect(listed.Grants?.map((g) => g.GrantId)).toEqual([g1.GrantId, g2.GrantId, g3.GrantId]);
    expect(listed.Grants?.[0]).toMatchObject({ KeyId: arn, GranteePrincipal: WORKER, RetiringPrincipal: OTHER, Operations: ['Decrypt'],
      Constraints: { EncryptionContextSubset: { a: 'b' } } });
    await expectAwsError(worker.send(new ListGrantsCommand({ KeyId: keyId })), 'AccessDeniedException');
    // The grantee may not retire a grant unless it includes RetireGrant; the retiring principal may.
    await expectAwsError(worker.send(new RetireGrantCommand({ KeyId: arn, GrantId: g1.GrantId })), 'AccessDeniedException');
    await other.send(new RetireGrantCommand({ KeyId: arn, GrantId: g1.GrantId }));
    await owner.send(new RetireGrantCommand({ GrantToken: g2.GrantToken }));
    await expectAwsError(owner.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: 'not-a-grant-id' })), 'InvalidGrantIdException');
    await owner.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: g3.GrantId }));
    await expectAwsError(owner.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: g3.GrantId })), 'NotFoundException');
    expect((await owner.send(new ListGrantsCommand({ KeyId: keyId }))).Grants).toEqual([]);
    await expectAwsError(worker.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x') })), 'AccessDeniedException');
  });

  it('a grantee holding CreateGrant may pass on only a subset, with constraints at least as strict', async () => {
    const { engine, owner, worker } = setup();
    const { keyId } = engine.createKey();
    await owner.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: WORKER, Operations: ['CreateGrant', 'Decrypt'],
      Constraints: { EncryptionContextSubset: { tenant: 't1' } } }));
    await expectAwsError(worker.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: OTHER, Operations: ['Encrypt'],
      Constraints: { EncryptionContextSubset: { tenant: 't1' } } })), 'AccessDeniedException');
    await expectAwsError(worker.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: OTHER, Operations: ['Decrypt'] })), 'AccessDeniedException');
    const g = await worker.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: OTHER, Operations: ['Decrypt'],
      Constraints: { EncryptionContextEquals: { tenant: 't1' } } }));
    expect(g.GrantId).toBeDefined();
  });
});
