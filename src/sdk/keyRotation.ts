// Automatic key rotation: which keys can rotate, and what a CDK key's props or a CreateKey request say about it.
// AWS (API_EnableKeyRotation, AWS::KMS::Key EnableKeyRotation): automatic rotation exists only for symmetric
// encryption keys (KeySpec SYMMETRIC_DEFAULT) whose material KMS made (Origin AWS_KMS, no custom key store);
// asymmetric, HMAC, imported-material and custom-key-store keys cannot rotate. RotationPeriodInDays is 90..2560.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { staticPropertyName } from './bindings.js';
import { cdkEnumValue, cdkNameOf, type CdkConstructUse, type Present } from './cdk.js';
import { evaluate, evaluateString } from './constant.js';
import { readObject, type FieldState } from './input.js';
import { unwrapTs as unwrap } from './ast.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export const ROTATION_PERIOD_DAYS = { min: 90, max: 2560 } as const;
const SYMMETRIC_DEFAULT = 'SYMMETRIC_DEFAULT';
const KMS_ORIGIN = 'AWS_KMS';

/** Can keys created this way rotate automatically? 'unknown' when some value cannot be read or paths disagree. */
export type Rotatability = 'rotatable' | 'not-rotatable' | 'unknown';

function combine(values: Rotatability[]): Rotatability {
  if (values.every((v) => v === 'rotatable')) return 'rotatable';
  return values.every((v) => v === 'not-rotatable') ? 'not-rotatable' : 'unknown';
}

/** A field whose absence means the rotatable default and whose value `allowed` also does (KeySpec, Origin). */
function fieldRotatability(state: FieldState, read: (node: TSESTree.Node) => string | null, allowed: string): Rotatability {
  if (state.kind !== 'known') return 'unknown';
  return combine(
    state.options.map((o) => {
      if (!o.present) return 'rotatable';
      const value = read(o.value);
      if (value === null) return 'unknown';
      return value === allowed ? 'rotatable' : 'not-rotatable';
    }),
  );
}

/** A field any value of which makes the key unrotatable (CustomKeyStoreId). */
function presenceRotatability(state: FieldState): Rotatability {
  if (state.kind !== 'known') return 'unknown';
  return combine(state.options.map((o) => (o.present ? 'not-rotatable' : 'rotatable')));
}

/** Both must allow rotation for the key to rotate; either one forbidding it is enough to forbid it. */
function both(a: Rotatability, b: Rotatability): Rotatability {
  if (a === 'not-rotatable' || b === 'not-rotatable') return 'not-rotatable';
  return a === 'rotatable' && b === 'rotatable' ? 'rotatable' : 'unknown';
}

export type RotationFinding =
  /** A rotatable key without rotation: `literal` is the props object to add `enableKeyRotation: true` to. */
  | { kind: 'missing'; node: TSESTree.Node; literal: TSESTree.ObjectExpression | null }
  /** A rotatable key with `enableKeyRotation: false`. */
  | { kind: 'disabled'; option: Present }
  /** `enableKeyRotation: true` on a key that cannot rotate (CloudFormation and CDK reject it). */
  | { kind: 'unsupported'; option: Present }
  /** A rotation period outside 90..2560 days. */
  | { kind: 'period'; node: TSESTree.Node; days: number };
export type PeriodFinding = Extract<RotationFinding, { kind: 'period' }>;

function booleanOf(context: Context, node: TSESTree.Node): boolean | null {
  const v = evaluate(context, node);
  return v?.kind === 'boolean' ? v.value : null;
}

/** `Duration.days(n)` from the CDK's core → n; null for any other expression (hours, a variable Duration…). */
function durationDays(context: Context, node: TSESTree.Node): number | null {
  const n = unwrap(node);
  if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression' || staticPropertyName(n.callee) !== 'days') return null;
  const owner = cdkNameOf(context, n.callee.object);
  if (!owner || owner.submodule !== 'core' || owner.path.join('.') !== 'Duration') return null;
  const v = evaluate(context, n.arguments[0]);
  return v?.kind === 'number' ? v.value : null;
}

function numberOf(context: Context, node: TSESTree.Node): number | null {
  const v = evaluate(context, node);
  return v?.kind === 'number' ? v.value : null;
}

function periodFindings(context: Context, state: FieldState, days: (node: TSESTree.Node) => number | null): PeriodFinding[] {
  if (state.kind !== 'known') return [];
  const out: PeriodFinding[] = [];
  for (const o of state.options) {
    if (!o.present) continue;
    const d = days(o.value);
    if (d !== null && (d < ROTATION_PERIOD_DAYS.min || d > ROTATION_PERIOD_DAYS.max)) out.push({ kind: 'period', node: o.value, days: d });
  }
  return out;
}

/** The object literal the props are written in, in the call itself (where a fix can add a property), or null. */
function ownLiteral(props: TSESTree.Node): TSESTree.ObjectExpression | null {
  const n = unwrap(props);
  return n.type === 'ObjectExpression' ? n : null;
}

/**
 * Verdict on the rotation fields of a key: `enableKeyRotation` (and, for kms.Key, `rotationPeriod`, which turns
 * rotation on when `enableKeyRotation` is left out: CDK's Key constructor).
 */
function rotationFindings(
  context: Context,
  rotatable: Rotatability,
  rotation: FieldState,
  impliedByPeriod: boolean,
  node: TSESTree.Node,
  literal: TSESTree.ObjectExpression | null,
): RotationFinding[] {
  if (rotatable === 'unknown' || rotation.kind !== 'known') return [];
  if (rotatable === 'not-rotatable') {
    const on = rotation.options.find((o): o is Present => o.present && booleanOf(context, o.value) === true);
    return on ? [{ kind: 'unsupported', option: on }] : [];
  }
  const off = rotation.options.find((o): o is Present => o.present && booleanOf(context, o.value) === false);
  if (off) return [{ kind: 'disabled', option: off }];
  if (!rotation.options.some((o) => !o.present) || impliedByPeriod) return [];
  // Written but undefined on some path (`cond ? true : undefined`): a second enableKeyRotation would not compile.
  return [{ kind: 'missing', node, literal: rotation.options.some((o) => o.present) ? null : literal }];
}

/** `new kms.Key(scope, id, props)` or `new kms.CfnKey(scope, id, props)`. */
export function cdkKeyRotationFindings(context: Context, use: CdkConstructUse): RotationFinding[] {
  if (use.construct !== 'Key' && use.construct !== 'CfnKey') return [];
  // No props: a symmetric key without rotation (both constructs default to SYMMETRIC_DEFAULT and no rotation).
  if (use.props === null) return [{ kind: 'missing', node: use.node, literal: null }];
  // Props a spread hides (undefined) or that cannot be read: nothing certain.
  const view = readObject(context, use.props);
  if (!view) return [];
  const literal = ownLiteral(use.props!);
  if (use.construct === 'Key') {
    const spec = fieldRotatability(view.field('keySpec'), (n) => cdkEnumValue(context, n, 'aws-kms', 'KeySpec'), SYMMETRIC_DEFAULT);
    const period = view.field('rotationPeriod');
    const implied = period.kind === 'known' && period.options.every((o) => o.present);
    return [
      ...rotationFindings(context, spec, view.field('enableKeyRotation'), implied, use.node, literal),
      ...periodFindings(context, period, (n) => durationDays(context, n)),
    ];
  }
  const read = (n: TSESTree.Node) => evaluateString(context, n);
  const rotatable = both(fieldRotatability(view.field('keySpec'), read, SYMMETRIC_DEFAULT), fieldRotatability(view.field('origin'), read, KMS_ORIGIN));
  return [
    ...rotationFindings(context, rotatable, view.field('enableKeyRotation'), false, use.node, literal),
    ...periodFindings(context, view.field('rotationPeriodInDays'), (n) => numberOf(context, n)),
  ];
}

/** Field names of the KMS API (API_CreateKey, API_EnableKeyRotation). */
export const createKeyFields = {
  keySpec: 'KeySpec',
  /** The deprecated name of KeySpec, still accepted. */
  legacyKeySpec: 'CustomerMasterKeySpec',
  origin: 'Origin',
  customKeyStore: 'CustomKeyStoreId',
} as const;
export const enableKeyRotationFields = { period: 'RotationPeriodInDays' } as const;

/** A CreateKey request: can the key it creates rotate? */
export function createKeyRotatability(context: Context, input: TSESTree.Node | null | undefined): Rotatability {
  if (input === null) return 'rotatable'; // an empty request creates a symmetric encryption key
  const view = readObject(context, input); // null for a spread (undefined) or a request the rule cannot read
  if (!view) return 'unknown';
  const read = (n: TSESTree.Node) => evaluateString(context, n);
  const spec = both(
    fieldRotatability(view.field(createKeyFields.keySpec), read, SYMMETRIC_DEFAULT),
    fieldRotatability(view.field(createKeyFields.legacyKeySpec), read, SYMMETRIC_DEFAULT),
  );
  const origin = both(
    fieldRotatability(view.field(createKeyFields.origin), read, KMS_ORIGIN),
    presenceRotatability(view.field(createKeyFields.customKeyStore)),
  );
  return both(spec, origin);
}

/** An EnableKeyRotation request's RotationPeriodInDays outside 90..2560. */
export function enableKeyRotationFindings(context: Context, input: TSESTree.Node | null | undefined): PeriodFinding[] {
  const view = input ? readObject(context, input) : null;
  return view ? periodFindings(context, view.field(enableKeyRotationFields.period), (n) => numberOf(context, n)) : [];
}
