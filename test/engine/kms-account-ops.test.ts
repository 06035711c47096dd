// The remaining operations of the KMS API reference: ListRetirableGrants, UpdatePrimaryRegion, GetKeyLastUsage, and
// the custom key store operations answered as for an account without custom key stores. Through the real KMSClient;
// operation contracts from the API reference (botocore's KMS model).
import {
  ConnectCustomKeyStoreCommand, CreateCustomKeyStoreCommand, CreateKeyCommand, CreateGrantCommand, DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand, DescribeKeyCommand, EncryptCommand, GenerateDataKeyCommand, GetKeyLastUsageCommand,
  KMSClient, ListRetirableGrantsCommand, ReplicateKeyCommand, UpdatePrimaryRegionCommand,
} from '@aws-sdk/client-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKmsEngine, type KmsEngine } from '../../src/engine/index.js';
import { expectAwsError, utf8 } from './kms-helpers.js';

let engine: KmsEngine;
let kms: KMSClient;
let now = Date.parse('2026-03-01T00:00:00Z');

beforeAll(() => {
  engine = createKmsEngine({ clock: () => now });
  kms = engine.kmsClient();
});

describe('ListRetirableGrants', () => {
  it('lists the Region\'s grants whose retiring principal is the one asked for, across keys', async () => {
    const retiring = 'arn:aws:iam::111122223333:role/retirer';
    const a = engine.createKey().keyId;
    const b = engine.createKey().keyId;
    const g1 = await kms.send(new CreateGrantCommand({ KeyId: a, GranteePrincipal: 'arn:aws:iam::111122223333:role/app', RetiringPrincipal: retiring, Operations: ['Encrypt'] }));
    const g2 = await kms.send(new CreateGrantCommand({ KeyId: b, GranteePrincipal: 'arn:aws:iam::111122223333:role/app', RetiringPrincipal: retiring, Operations: ['Decrypt'] }));
    await kms.send(new CreateGrantCommand({ KeyId: b, GranteePrincipal: 'arn:aws:iam::111122223333:role/app', RetiringPrincipal: 'arn:aws:iam::111122223333:role/other', Operations: ['Decrypt'] }));
    const out = await kms.send(new ListRetirableGrantsCommand({ RetiringPrincipal: retiring }));
    expect(out.Grants?.map((g) => g.GrantId).sort()).toEqual([g1.GrantId, g2.GrantId].sort());
    expect(out.Grants?.every((g) => g.RetiringPrincipal === retiring)).toBe(true);
    const first = await kms.send(new ListRetirableGrantsCommand({ RetiringPrincipal: retiring, Limit: 1 }));
    expect(first).toMatchObject({ Truncated: true });
    await expectAwsError(kms.send(new ListRetirableGrantsCommand({ RetiringPrincipal: 'not a principal' })), 'ValidationException');
  });
});

describe('UpdatePrimaryRegion', () => {
  it('makes the replica in PrimaryRegion the primary; the old primary becomes a replica', async () => {
    const { keyId } = engine.createKey({ multiRegion: true });
    await kms.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-2' }));
    await expectAwsError(kms.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: 'ap-south-1' })), 'NotFoundException');
    await kms.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: 'eu-west-2' }));
    const here = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.MultiRegionConfiguration!;
    expect(here.MultiRegionKeyType).toBe('REPLICA');
    expect(here.PrimaryKey?.Region).toBe('eu-west-2');
    const west = engine.kmsClient({ region: 'eu-west-2' });
    expect((await west.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.MultiRegionConfiguration!.MultiRegionKeyType).toBe('PRIMARY');
    // The old primary is now a replica: it can no longer change the primary Region.
    await expectAwsError(kms.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: 'eu-west-2' })), 'UnsupportedOperationException');
    await expectAwsError(kms.send(new UpdatePrimaryRegionCommand({ KeyId: engine.createKey().keyId, PrimaryRegion: 'eu-west-2' })), 'UnsupportedOperationException');
  });
});

describe('GetKeyLastUsage', () => {
  it('is empty for an unused key, then names the last successful cryptographic operation, its time and request ID', async () => {
    const { keyId } = engine.createKey();
    const fresh = await kms.send(new GetKeyLastUsageCommand({ KeyId: keyId }));
    expect(fresh.KeyLastUsage).toBeUndefined();
    expect(fresh.TrackingStartDate?.getTime()).toBe(now);
    expect(fresh.KeyCreationDate?.getTime()).toBe(now);
    now += 5000;
    await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x') }));
    now += 5000;
    const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    dk.Plaintext?.fill(0);
    // A refused request is not a use.
    await expectAwsError(kms.send(new GenerateDataKeyCommand({ KeyId: keyId })), 'ValidationException');
    const used = await kms.send(new GetKeyLastUsageCommand({ KeyId: keyId }));
    expect(used.KeyLastUsage).toMatchObject({ Operation: 'GenerateDataKey', KmsRequestId: dk.$metadata.requestId, CloudTrailEventId: dk.$metadata.requestId });
    expect(used.KeyLastUsage?.Timestamp?.getTime()).toBe(now);
    await expectAwsError(kms.send(new GetKeyLastUsageCommand({ KeyId: 'alias/anything' })), 'NotFoundException');
  });
});

describe('GetKeyLastUsage on multi-Region keys', () => {
  it('a replica tracks its own use: the primary\'s use does not show on it', async () => {
    const { keyId } = engine.createKey({ multiRegion: true });
    await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x') }));
    await kms.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'sa-east-1' }));
    const replica = engine.kmsClient({ region: 'sa-east-1' });
    expect((await replica.send(new GetKeyLastUsageCommand({ KeyId: keyId }))).KeyLastUsage).toBeUndefined();
    expect((await kms.send(new GetKeyLastUsageCommand({ KeyId: keyId }))).KeyLastUsage?.Operation).toBe('Encrypt');
  });
});

describe('custom key stores, for an account without one', () => {
  it('DescribeCustomKeyStores lists none; naming one is CustomKeyStoreNotFoundException, as are Connect and Delete', async () => {
    expect(await kms.send(new DescribeCustomKeyStoresCommand({}))).toMatchObject({ CustomKeyStores: [], Truncated: false });
    await expectAwsError(kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: 'cks-1234567890abcdef0' })), 'CustomKeyStoreNotFoundException');
    await expectAwsError(kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: 'cks-1234567890abcdef0' })), 'CustomKeyStoreNotFoundException');
    await expectAwsError(kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: 'cks-1234567890abcdef0' })), 'CustomKeyStoreNotFoundException');
  });

  it('CreateCustomKeyStore finds no CloudHSM cluster and no reachable proxy; CreateKey with a CustomKeyStoreId finds no store', async () => {
    await expectAwsError(kms.send(new CreateCustomKeyStoreCommand({ CustomKeyStoreName: 'hsm', CloudHsmClusterId: 'cluster-1a23b4cdefg', TrustAnchorCertificate: 'x', KeyStorePassword: 'password1' })), 'CloudHsmClusterNotFoundException');
    await expectAwsError(kms.send(new CreateCustomKeyStoreCommand({ CustomKeyStoreName: 'xks', CustomKeyStoreType: 'EXTERNAL_KEY_STORE', XksProxyUriEndpoint: 'https://proxy.example', XksProxyUriPath: '/kms/xks/v1', XksProxyConnectivity: 'PUBLIC_ENDPOINT' })), 'XksProxyUriUnreachableException');
    await expectAwsError(kms.send(new CreateCustomKeyStoreCommand({ CustomKeyStoreName: 'hsm', KeyStorePassword: 'short' })), 'ValidationException');
    await expectAwsError(kms.send(new CreateKeyCommand({ CustomKeyStoreId: 'cks-1234567890abcdef0', Origin: 'AWS_CLOUDHSM' })), 'CustomKeyStoreNotFoundException');
  });
});
