// Key encapsulation: Encapsulate and Decapsulate with ML-KEM keys (KeyUsage ENCAPSULATE_DECAPSULATE), operations of
// the KMS API model that @aws-sdk/client-kms 3.1164 carries (botocore 1.43.11 on this machine predates them). Node
// 20's node:crypto has no ML-KEM, so the engine cannot make ML-KEM keys (CreateKey: UnsupportedOperationException);
// these operations read their members, resolve, authorize and check the key's state and usage as every operation
// does, so every key the engine has is refused as AWS refuses a key of another usage (InvalidKeyUsageException).
import { AwsError } from '../../types.js';
import type { Keystore, Operation } from '../keystore.js';
import type { Ctx, KeyRecord, Output } from '../model.js';
import type { Input } from '../wire.js';

export const encapsulationOperations: Record<string, Operation> = {
  Encapsulate: (ks, input, ctx) => {
    encapsulationKey(ks, input, ctx, 'Encapsulate');
    return unreachable();
  },
  Decapsulate: (ks, input, ctx) => {
    input.blob('SharedSecretCiphertextBlob', { required: true, max: 6144 });
    encapsulationKey(ks, input, ctx, 'Decapsulate');
    return unreachable();
  },
};

function encapsulationKey(ks: Keystore, input: Input, ctx: Ctx, op: 'Encapsulate' | 'Decapsulate'): KeyRecord {
  const keyId = ks.keyIdMember(input);
  input.enumValue('EncapsulationAlgorithm', ['ML_KEM'] as const, true);
  ks.readTokens(input, ctx);
  const key = ks.resolve(keyId, ctx);
  ks.authorize(key, op, ctx);
  ks.requireUsable(key);
  ks.requireUsage(key, 'ENCAPSULATE_DECAPSULATE', op);
  return key;
}

/** No key passes the usage check: the engine makes no ML-KEM keys. */
function unreachable(): Output {
  throw new AwsError('UnsupportedOperationException', 'ML-KEM keys are not supported by this engine (node:crypto on Node 20 has no ML-KEM).');
}
