import { ESLintUtils } from '@typescript-eslint/utils';

/** Which preset first enables a rule, and at what severity there. */
export interface KmsRuleDocs {
  description: string;
  /** `recommended` rules are also in `strict` and `all`; `strict` rules are in `strict` and `all`. */
  recommended: 'recommended' | 'strict';
  /** Severity inside the presets; `error` unless the rule is advisory. */
  severity?: 'error' | 'warn';
  /** Every rule works without types (import tracking) and gets sharper with them. */
  requiresTypeChecking: boolean;
  /**
   * Options the `strict` and `all` presets pass (the `recommended` preset uses the rule's defaults), for rules
   * whose hygiene checks are opt-in: e.g. `[{ strict: true }]`.
   */
  strictOptions?: readonly unknown[];
}

export const docsBaseUrl = 'https://github.com/eslint-plugin-kms/eslint-plugin-kms/blob/main/rules-docs/';

export const createRule = ESLintUtils.RuleCreator<KmsRuleDocs>((name) => `${docsBaseUrl}${name}.md`);
