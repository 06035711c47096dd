// One entry a rule, alphabetical. The meta tests check each name matches its file.
import type { TSESLint } from '@typescript-eslint/utils';
import noDataKeyLogging from './no-data-key-logging.js';
import noKmsInLoop from './no-kms-in-loop.js';
import preferReencrypt from './prefer-reencrypt.js';
import validSignMessage from './valid-sign-message.js';

export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>> = {
  'no-data-key-logging': noDataKeyLogging,
  'no-kms-in-loop': noKmsInLoop,
  'prefer-reencrypt': preferReencrypt,
  'valid-sign-message': validSignMessage,
};
