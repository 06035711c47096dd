// Custom key stores, answered as KMS answers an account that has none (issue 18: "custom key stores may answer as
// AWS does for an account without one"). Members are read with the model's constraints (botocore's KMS model); then
// no CustomKeyStoreId or name names a store (CustomKeyStoreNotFoundException), no CloudHSM cluster exists to back a
// new AWS_CLOUDHSM store (CloudHsmClusterNotFoundException), and no external key store proxy is reachable from the
// engine (XksProxyUriUnreachableException). The exceptions are the model's; their messages are ours (unrecorded).
import { AwsError } from '../../types.js';
import type { Keystore, Operation } from '../keystore.js';
import type { Ctx, Output } from '../model.js';
import { Input } from '../wire.js';

export const customKeyStoreOperations: Record<string, Operation> = {
  CreateCustomKeyStore: createCustomKeyStore,
  DescribeCustomKeyStores: describeCustomKeyStores,
  ConnectCustomKeyStore: storeById,
  DisconnectCustomKeyStore: storeById,
  DeleteCustomKeyStore: storeById,
  UpdateCustomKeyStore: updateCustomKeyStore,
};

const notFound = (what: string) => new AwsError('CustomKeyStoreNotFoundException', `Custom key store ${what} does not exist in this account and Region.`);

function readXks(input: Input): void {
  input.string('XksProxyUriEndpoint', { min: 10, max: 128 });
  input.string('XksProxyUriPath', { min: 10, max: 128 });
  input.string('XksProxyVpcEndpointServiceName', { min: 20, max: 64 });
  input.string('XksProxyVpcEndpointServiceOwner', { min: 12, max: 12 });
  input.object('XksProxyAuthenticationCredential');
  input.enumValue('XksProxyConnectivity', ['PUBLIC_ENDPOINT', 'VPC_ENDPOINT_SERVICE'] as const);
}

function createCustomKeyStore(ks: Keystore, input: Input, ctx: Ctx): Output {
  input.string('CustomKeyStoreName', { required: true, max: 256 });
  const cluster = input.string('CloudHsmClusterId', { min: 19, max: 24 });
  input.string('TrustAnchorCertificate', { max: 5000 });
  input.string('KeyStorePassword', { min: 7, max: 32 });
  const type = input.enumValue('CustomKeyStoreType', ['AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] as const) ?? 'AWS_CLOUDHSM';
  readXks(input);
  ks.noKeyOwnerOnly(ctx);
  if (type === 'EXTERNAL_KEY_STORE') throw new AwsError('XksProxyUriUnreachableException', 'KMS cannot reach the external key store proxy: the engine has no network.');
  throw new AwsError('CloudHsmClusterNotFoundException', `CloudHSM cluster ${cluster ?? '(none given)'} does not exist in this account and Region.`);
}

/** API_DescribeCustomKeyStores: all stores (none), or the one named by ID or name (not found). */
function describeCustomKeyStores(ks: Keystore, input: Input, ctx: Ctx): Output {
  const id = input.string('CustomKeyStoreId', { max: 64 });
  const name = input.string('CustomKeyStoreName', { max: 256 });
  input.int('Limit', { min: 1, max: 1000 });
  const marker = input.string('Marker', { max: 1024, pattern: /^[\u0020-\u00FF]*$/ });
  ks.noKeyOwnerOnly(ctx);
  if (id !== undefined) throw notFound(id);
  if (name !== undefined) throw notFound(name);
  if (marker !== undefined) throw new AwsError('InvalidMarkerException', `The marker ${marker} is not valid.`);
  return { CustomKeyStores: [], Truncated: false };
}

function storeById(ks: Keystore, input: Input, ctx: Ctx): Output {
  const id = input.string('CustomKeyStoreId', { required: true, max: 64 });
  ks.noKeyOwnerOnly(ctx);
  throw notFound(id);
}

function updateCustomKeyStore(ks: Keystore, input: Input, ctx: Ctx): Output {
  const id = input.string('CustomKeyStoreId', { required: true, max: 64 });
  input.string('NewCustomKeyStoreName', { max: 256 });
  input.string('KeyStorePassword', { min: 7, max: 32 });
  input.string('CloudHsmClusterId', { min: 19, max: 24 });
  readXks(input);
  ks.noKeyOwnerOnly(ctx);
  throw notFound(id);
}
