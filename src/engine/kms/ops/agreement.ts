// Key agreement: DeriveSharedSecret with KEY_AGREEMENT keys (NIST P-256, P-384, P-521). API_DeriveSharedSecret:
// KeyAgreementAlgorithm ECDH only; PublicKey "must be a DER-encoded X.509 public key, also known as
// SubjectPublicKeyInfo", 1..8192 bytes, on the same curve as the KMS key; the response carries the raw shared secret,
// the key ARN, the algorithm and KeyOrigin. Recorded (LocalStack's test_kms.snapshot.json, test_derive_shared_secret):
// a key of another usage is InvalidKeyUsageException "<key ARN> key usage is SIGN_VERIFY which is not valid for
// DeriveSharedSecret.", a public key that is not SPKI DER is ValidationException with an empty message.
import crypto from 'node:crypto';
import { AwsError } from '../../types.js';
import type { Keystore, Operation } from '../keystore.js';
import type { Ctx, Output } from '../model.js';
import { Input, validation } from '../wire.js';

export const agreementOperations: Record<string, Operation> = {
  DeriveSharedSecret: deriveSharedSecret,
};

function deriveSharedSecret(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const algorithm = input.enumValue('KeyAgreementAlgorithm', ['ECDH'] as const, true);
  const peerDer = input.blob('PublicKey', { required: true, max: 8192 });
  if (input.has('Recipient')) throw new AwsError('UnsupportedOperationException', 'Recipient (Nitro Enclaves attestation) is not supported by this engine.');
  ks.readTokens(input, ctx);
  const key = ks.resolve(keyId, ctx);
  ks.authorize(key, 'DeriveSharedSecret', ctx);
  ks.requireUsable(key);
  ks.requireUsage(key, 'KEY_AGREEMENT', 'DeriveSharedSecret');
  let peer: crypto.KeyObject;
  try {
    peer = crypto.createPublicKey({ key: peerDer, format: 'der', type: 'spki' });
  } catch {
    throw validation('');
  }
  // Both key pairs "must be on the same elliptic curve" (API reference); AWS's wording for a mismatch is unrecorded,
  // so it answers as for any public key it cannot use.
  const ours = key.material.privateKey!;
  if (peer.asymmetricKeyType !== 'ec' || peer.asymmetricKeyDetails?.namedCurve !== ours.asymmetricKeyDetails?.namedCurve) throw validation('');
  ks.dryRun(input);
  const secret = crypto.diffieHellman({ privateKey: ours, publicKey: peer });
  const out = { KeyId: key.arn, SharedSecret: secret.toString('base64'), KeyAgreementAlgorithm: algorithm, KeyOrigin: key.origin };
  secret.fill(0);
  return out;
}
