import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  constInitOf,
  evaluate,
  evaluateString,
  isSyntheticValue,
  onSdkCall,
  readObject,
  staticPropertyName,
  variableOf,
  type FieldOption,
  type FieldState,
  type ObjectView,
  type SdkCall,
} from '../sdk/index.js';
import { valueBranches } from '../sdk/guards.js';
import { createRule } from '../util/createRule.js';
import { insertPropertyAfter } from '../util/insertProperty.js';
import { unwrapTs as unwrap } from '../sdk/ast.js';
import {
  arrayOf,
  bucketKeyFindingOf,
  cfnBucketFindingsOf,
  deploymentFindingOf,
  fileImportsCdk,
  recognizeCdkConstruct,
  type BucketKeyFinding,
} from '../sdk/cdk.js';

export type Options = [{ reportMissing?: boolean; reportUndecidable?: boolean }];
export type MessageId =
  | 'missingBucketKey'
  | 'bucketKeyDisabled'
  | 'bucketRuleWithoutBucketKey'
  | 'addBucketKey'
  | 'enableBucketKey'
  | 'cdkMissingBucketKey'
  | 'cdkBucketKeyDisabled'
  | 'cdkRuleWithoutBucketKey'
  | 'cdkDeploymentWithoutBucketKey'
  | 'cdkUndecidableEncryption'
  | 'addCdkBucketKey'
  | 'enableCdkBucketKey';

type Context = Parameters<Parameters<typeof createRule>[0]['create']>[0];
type Present = Extract<FieldOption, { present: true }>;

/** SSE-KMS. Not `aws:kms:dsse`: S3 Bucket Keys are not supported with DSSE-KMS. Not `AES256` (SSE-S3). */
const SSE_KMS = 'aws:kms';

/** PutBucketEncryption's shape (API_ServerSideEncryptionRule): Rules[].ApplyServerSideEncryptionByDefault.SSEAlgorithm and Rules[].BucketKeyEnabled. */
const bucketRule = {
  rules: 'Rules',
  byDefault: 'ApplyServerSideEncryptionByDefault',
  algorithm: 'SSEAlgorithm',
  bucketKey: 'BucketKeyEnabled',
} as const;

function isAbsent(option: FieldOption): boolean {
  if (!option.present) return true;
  const v = unwrap(option.value);
  return v.type === 'Literal' && v.value === null;
}

function isExplicitFalse(context: Context, option: FieldOption): option is Present {
  if (!option.present) return false;
  const v = evaluate(context, option.value);
  return v?.kind === 'boolean' && v.value === false;
}

/**
 * The options of the SSE field that may be SSE-KMS (`'aws:kms'`, `ServerSideEncryption.aws_kms`, a constant, one
 * branch of a conditional written inline or held in a `const`, through `as` casts).
 */
function kmsOptions(context: Context, state: FieldState): Present[] | null {
  if (state.kind !== 'known') return null;
  return state.options.filter(
    (o): o is Present => o.present && valueBranches(context, o.value).some((b) => evaluateString(context, b.node) === SSE_KMS),
  );
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * The BucketKeyEnabled options that go with one SSE-KMS option. Fields written together stay together:
 * `...(kmsKey && { ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true })` has no path with SSE-KMS and no
 * bucket key, and `ServerSideEncryption: prod ? 'aws:kms' : undefined, BucketKeyEnabled: prod ? true : undefined`
 * pairs the branches of the same test.
 */
function bucketKeyOptionsFor(context: Context, view: ObjectView, sse: Present, field: string, outer: FieldState): FieldOption[] | null {
  const property = sse.property;
  const literal = property?.parent;
  if (property && literal?.type === 'ObjectExpression') {
    const sseValue = unwrap(property.value);
    if (sseValue.type === 'ConditionalExpression') {
      let paired: TSESTree.Property | null = null;
      for (const p of literal.properties) {
        if (p.type === 'Property' && staticPropertyName(p) === field && unwrap(p.value).type === 'ConditionalExpression') paired = p;
      }
      const bk = paired ? (unwrap(paired.value) as TSESTree.ConditionalExpression) : null;
      if (bk && context.sourceCode.getText(bk.test) === context.sourceCode.getText(sseValue.test)) {
        const branch = contains(sseValue.consequent, sse.value) ? bk.consequent : contains(sseValue.alternate, sse.value) ? bk.alternate : null;
        if (branch) {
          const b = unwrap(branch);
          const undef = (b.type === 'Identifier' && b.name === 'undefined') || (b.type === 'UnaryExpression' && b.operator === 'void');
          return [undef ? { present: false } : ({ present: true, value: b, property: paired ?? undefined } as FieldOption)];
        }
      }
    }
    if (!view.literals.includes(literal)) {
      // SSE written inside a spread object: what that same object says wins, unless it leaves the field out.
      const inner = readObject(context, literal)?.field(field);
      if (inner?.kind === 'known' && !inner.options.some(isAbsent)) return inner.options;
    }
  }
  return outer.kind === 'known' ? outer.options : null;
}

type Verdict = { kind: 'disabled'; option: Present } | { kind: 'missing' } | null;

function verdictOf(context: Context, options: FieldOption[]): Verdict {
  const off = options.find((o) => isExplicitFalse(context, o));
  if (off?.present) return { kind: 'disabled', option: off };
  return options.some(isAbsent) ? { kind: 'missing' } : null;
}

/**
 * CDK buckets (`aws-s3` Bucket and CfnBucket) and deployments into them (`aws-s3-deployment` BucketDeployment).
 * Recognition and reading live in src/sdk/cdk.ts; this decides what to say and which fix to offer.
 */
function cdkBucketListener(context: Context, reportUndecidable: boolean): (node: TSESTree.NewExpression) => void {
  const sourceCode = context.sourceCode;
  const report = (finding: BucketKeyFinding, construct: string, cfnRule: boolean) => {
    if (finding.kind === 'undecidable') {
      if (reportUndecidable) context.report({ node: finding.anchor, messageId: 'cdkUndecidableEncryption', data: { construct } });
      return;
    }
    if (finding.kind === 'disabled') {
      const v = unwrap(finding.option.value);
      context.report({
        node: finding.option.value,
        messageId: cfnRule ? 'cdkRuleWithoutBucketKey' : 'cdkBucketKeyDisabled',
        data: { construct },
        suggest:
          v.type === 'Literal' && v.value === false && !isSyntheticValue(v)
            ? [{ messageId: 'enableCdkBucketKey', fix: (fixer) => fixer.replaceText(v, 'true') }]
            : [],
      });
      return;
    }
    const at = finding.insertAfter;
    context.report({
      node: finding.anchor,
      messageId: cfnRule ? 'cdkRuleWithoutBucketKey' : 'cdkMissingBucketKey',
      data: { construct },
      suggest: at ? [{ messageId: 'addCdkBucketKey', fix: (fixer) => insertPropertyAfter(fixer, sourceCode, at, 'bucketKeyEnabled: true') }] : [],
    });
  };
  return (node) => {
    try {
      const use = recognizeCdkConstruct(context, node);
      if (!use) return;
      if (use.construct === 'Bucket') {
        const finding = bucketKeyFindingOf(context, use);
        if (finding) report(finding, use.construct, false);
      } else if (use.construct === 'CfnBucket') {
        for (const finding of cfnBucketFindingsOf(context, use)) report(finding, use.construct, true);
      } else if (use.construct === 'BucketDeployment') {
        const finding = deploymentFindingOf(context, use);
        if (!finding) return;
        const at = finding.insertAfter;
        context.report({
          node: finding.sse.property ?? finding.sse.value,
          messageId: 'cdkDeploymentWithoutBucketKey',
          data: { line: String(finding.bucket.node.loc.start.line) },
          suggest: at ? [{ messageId: 'addCdkBucketKey', fix: (fixer) => insertPropertyAfter(fixer, sourceCode, at, 'bucketKeyEnabled: true') }] : [],
        });
      }
    } catch {
      // A rule that cannot decide stays silent.
    }
  };
}

export default createRule<Options, MessageId>({
  name: 'require-bucket-key',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require S3 Bucket Keys with SSE-KMS, so S3 does not call KMS for every object',
      recommended: 'recommended',
      requiresTypeChecking: false,
      strictOptions: [{ reportMissing: true, reportUndecidable: true }],
    },
    hasSuggestions: true,
    messages: {
      missingBucketKey:
        "{{operation}} writes with SSE-KMS ('aws:kms') but does not ask for an S3 Bucket Key: unless the bucket enables one by default, S3 calls KMS for every object, so KMS cost and request rate grow with the object count and share the account's per-Region KMS quota (throttling other services). Set BucketKeyEnabled: true: S3 Bucket Keys cut S3's KMS requests by up to 99%.",
      bucketKeyDisabled:
        "{{operation}} writes with SSE-KMS ('aws:kms') and turns the S3 Bucket Key off: S3 calls KMS for every object, so KMS cost and request rate grow with the object count and share the account's per-Region KMS quota (throttling other services). Set BucketKeyEnabled: true: S3 Bucket Keys cut S3's KMS requests by up to 99%.",
      bucketRuleWithoutBucketKey:
        "{{operation}} makes SSE-KMS ('aws:kms') the bucket's default encryption without an S3 Bucket Key: every object written to the bucket then costs KMS requests, which grow with the object count and share the account's per-Region KMS quota (throttling other services). Set BucketKeyEnabled: true on the rule: S3 Bucket Keys cut S3's KMS requests by up to 99%.",
      addBucketKey: 'Add BucketKeyEnabled: true.',
      enableBucketKey: 'Set BucketKeyEnabled to true.',
      cdkMissingBucketKey:
        "This {{construct}} encrypts with SSE-KMS but leaves bucketKeyEnabled at its default, false: S3 calls KMS for every object written to it, so KMS cost and request rate grow with the object count and share the account's per-Region KMS quota (throttling other services). Set bucketKeyEnabled: true: S3 Bucket Keys cut S3's KMS requests by up to 99%.",
      cdkBucketKeyDisabled:
        "This {{construct}} encrypts with SSE-KMS and turns the S3 Bucket Key off: S3 calls KMS for every object written to it, so KMS cost and request rate grow with the object count and share the account's per-Region KMS quota (throttling other services). Set bucketKeyEnabled: true: S3 Bucket Keys cut S3's KMS requests by up to 99%.",
      cdkRuleWithoutBucketKey:
        "This CfnBucket makes SSE-KMS ('aws:kms') the bucket's default encryption without an S3 Bucket Key (bucketKeyEnabled is false when left out): every object written costs KMS requests, which grow with the object count and share the account's per-Region KMS quota. Set bucketKeyEnabled: true on the rule: S3 Bucket Keys cut S3's KMS requests by up to 99%.",
      cdkDeploymentWithoutBucketKey:
        "This BucketDeployment uploads every object with SSE-KMS into a bucket declared without an S3 Bucket Key (line {{line}}): S3 calls KMS for each object, so KMS cost and request rate grow with the object count and share the account's per-Region KMS quota. Set bucketKeyEnabled: true on the destination bucket.",
      cdkUndecidableEncryption:
        "This {{construct}}'s encryption is decided by a value the rule cannot read, so it may be SSE-KMS without an S3 Bucket Key. Write the encryption where it can be read, or set bucketKeyEnabled: true. (Reported because reportUndecidable is on.)",
      addCdkBucketKey: 'Add bucketKeyEnabled: true.',
      enableCdkBucketKey: 'Set bucketKeyEnabled to true.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          reportMissing: {
            type: 'boolean',
            description:
              'Report SSE-KMS object writes that leave BucketKeyEnabled out (they inherit the bucket default). Set false when every bucket enables S3 Bucket Keys by default, to report only an explicit false. PutBucketEncryption rules and CDK buckets are always checked.',
          },
          reportUndecidable: {
            type: 'boolean',
            description:
              'Report CDK buckets whose encryption the rule cannot read (a variable, a parameter, props from another module): they may be SSE-KMS without an S3 Bucket Key. Off by default; the strict preset turns it on.',
          },
        },
      },
    ],
    defaultOptions: [{ reportMissing: true, reportUndecidable: false }],
  },
  create(context, [options]) {
    const reportMissing = options.reportMissing !== false;
    const sourceCode = context.sourceCode;

    const disabledReport = (messageId: MessageId, data: Record<string, string>, option: Present) => {
      const v = unwrap(option.value);
      context.report({
        node: option.value,
        messageId,
        data,
        suggest:
          v.type === 'Literal' && v.value === false && !isSyntheticValue(v)
            ? [{ messageId: 'enableBucketKey', fix: (fixer) => fixer.replaceText(v, 'true') }]
            : [],
      });
    };

    const checkObjectWrite = (call: SdkCall, sseField: string, bkField: string) => {
      if (!call.input) return;
      const view = readObject(context, call.input);
      if (!view) return;
      const kms = kmsOptions(context, view.field(sseField));
      if (!kms || kms.length === 0) return;
      const outer = view.field(bkField);
      const data = { operation: call.operation };
      let missingAt: Present | null = null;
      for (const sse of kms) {
        const bk = bucketKeyOptionsFor(context, view, sse, bkField, outer);
        if (!bk) return;
        const verdict = verdictOf(context, bk);
        if (verdict?.kind === 'disabled') {
          disabledReport('bucketKeyDisabled', data, verdict.option);
          return;
        }
        if (verdict?.kind === 'missing' && !missingAt) missingAt = sse;
      }
      if (!missingAt || !reportMissing) return;
      const property = missingAt.property;
      const canInsert = !!property && property.parent?.type === 'ObjectExpression' && unwrap(property.value).type !== 'ConditionalExpression';
      context.report({
        node: property ?? call.node,
        messageId: 'missingBucketKey',
        data,
        suggest: canInsert
          ? [{ messageId: 'addBucketKey', fix: (fixer) => insertPropertyAfter(fixer, sourceCode, property, `${bkField}: true`) }]
          : [],
      });
    };

    const checkBucketEncryption = (call: SdkCall, configField: string) => {
      if (!call.input) return;
      const view = readObject(context, call.input);
      const config = view?.field(configField);
      if (config?.kind !== 'known') return;
      const data = { operation: call.operation };
      for (const c of config.options) {
        if (!c.present) continue;
        const rules = readObject(context, c.value)?.field(bucketRule.rules);
        if (rules?.kind !== 'known') continue;
        for (const r of rules.options) {
          if (!r.present) continue;
          const array = arrayOf(context, r.value);
          if (!array) continue;
          for (const element of array.elements) {
            if (!element || element.type === 'SpreadElement') continue;
            const ruleView = readObject(context, element);
            const byDefault = ruleView?.field(bucketRule.byDefault);
            if (!ruleView || byDefault?.kind !== 'known') continue;
            for (const d of byDefault.options) {
              if (!d.present) continue;
              const kms = kmsOptions(context, readObject(context, d.value)?.field(bucketRule.algorithm) ?? { kind: 'unknown' });
              if (!kms || kms.length === 0) continue;
              const bk = ruleView.field(bucketRule.bucketKey);
              if (bk.kind !== 'known') continue;
              // An absent BucketKeyEnabled on a bucket rule means disabled: the bucket has no default to inherit.
              const verdict = verdictOf(context, bk.options);
              if (verdict?.kind === 'disabled') disabledReport('bucketRuleWithoutBucketKey', data, verdict.option);
              else if (verdict?.kind === 'missing') {
                const anchor = d.property;
                const canInsert = !!anchor && anchor.parent === unwrap(element);
                context.report({
                  node: kms[0].property ?? element,
                  messageId: 'bucketRuleWithoutBucketKey',
                  data,
                  suggest: canInsert
                    ? [{ messageId: 'addBucketKey', fix: (fixer) => insertPropertyAfter(fixer, sourceCode, anchor, `${bucketRule.bucketKey}: true`) }]
                    : [],
                });
              }
              break;
            }
          }
        }
      }
    };

    const sdkListeners = onSdkCall(context, (call) => {
      if (call.service !== 's3') return;
      const { sseAlgorithm, bucketKey, bucketEncryption } = call.spec.fields;
      try {
        if (sseAlgorithm && bucketKey) checkObjectWrite(call, sseAlgorithm, bucketKey);
        else if (bucketEncryption) checkBucketEncryption(call, bucketEncryption);
      } catch {
        // A rule that cannot decide stays silent.
      }
    });
    const cdk = fileImportsCdk(context) ? cdkBucketListener(context, options.reportUndecidable === true) : null;
    if (!cdk) return sdkListeners;
    return {
      ...sdkListeners,
      NewExpression(node: TSESTree.NewExpression) {
        sdkListeners.NewExpression?.(node);
        cdk(node);
      },
    };
  },
});
