// One entry a rule, alphabetical. The meta tests check each name matches its file.
import type { TSESLint } from '@typescript-eslint/utils';
import consistentEncryptionContext from './consistent-encryption-context.js';
import noCommitmentPolicyDowngrade from './no-commitment-policy-downgrade.js';
import noDataKeyLogging from './no-data-key-logging.js';
import noKmsInLoop from './no-kms-in-loop.js';
import noOversizedEncrypt from './no-oversized-encrypt.js';
import noStaticGcmIv from './no-static-gcm-iv.js';
import noUnboundedEncrypt from './no-unbounded-encrypt.js';
import preferReencrypt from './prefer-reencrypt.js';
import requireBucketKey from './require-bucket-key.js';
import requireDataKeyZeroization from './require-data-key-zeroization.js';
import requireDecryptKeyId from './require-decrypt-key-id.js';
import requireEncryptionContext from './require-encryption-context.js';
import requireGcmAuthTag from './require-gcm-auth-tag.js';
import requireKeyRotation from './require-key-rotation.js';
import requireLambdaEnvContext from './require-lambda-env-context.js';
import validDataKeySpec from './valid-data-key-spec.js';
import validSignMessage from './valid-sign-message.js';

export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>> = {
  'consistent-encryption-context': consistentEncryptionContext,
  'no-commitment-policy-downgrade': noCommitmentPolicyDowngrade,
  'no-data-key-logging': noDataKeyLogging,
  'no-kms-in-loop': noKmsInLoop,
  'no-oversized-encrypt': noOversizedEncrypt,
  'no-static-gcm-iv': noStaticGcmIv,
  'no-unbounded-encrypt': noUnboundedEncrypt,
  'prefer-reencrypt': preferReencrypt,
  'require-bucket-key': requireBucketKey,
  'require-data-key-zeroization': requireDataKeyZeroization,
  'require-decrypt-key-id': requireDecryptKeyId,
  'require-encryption-context': requireEncryptionContext,
  'require-gcm-auth-tag': requireGcmAuthTag,
  'require-key-rotation': requireKeyRotation,
  'require-lambda-env-context': requireLambdaEnvContext,
  'valid-data-key-spec': validDataKeySpec,
  'valid-sign-message': validSignMessage,
};
