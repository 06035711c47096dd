// One entry a rule, alphabetical. The meta tests check each name matches its file.
import type { TSESLint } from '@typescript-eslint/utils';
import noCommitmentPolicyDowngrade from './no-commitment-policy-downgrade.js';
import noDataKeyLogging from './no-data-key-logging.js';
import noKmsInLoop from './no-kms-in-loop.js';
import noStaticGcmIv from './no-static-gcm-iv.js';
import preferReencrypt from './prefer-reencrypt.js';
import requireGcmAuthTag from './require-gcm-auth-tag.js';
import requireLambdaEnvContext from './require-lambda-env-context.js';
import validDataKeySpec from './valid-data-key-spec.js';
import validSignMessage from './valid-sign-message.js';

export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>> = {
  'no-commitment-policy-downgrade': noCommitmentPolicyDowngrade,
  'no-data-key-logging': noDataKeyLogging,
  'no-kms-in-loop': noKmsInLoop,
  'no-static-gcm-iv': noStaticGcmIv,
  'prefer-reencrypt': preferReencrypt,
  'require-gcm-auth-tag': requireGcmAuthTag,
  'require-lambda-env-context': requireLambdaEnvContext,
  'valid-data-key-spec': validDataKeySpec,
  'valid-sign-message': validSignMessage,
};
