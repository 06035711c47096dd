// AWS CDK constructs the rules judge: "which construct is this `new`, and what do its props say?"
// Recognition is by the class symbol's declaring package with types, by following imports without them, as for
// SDK calls (recognize.ts). Props are read through the same object view (input.ts): literals, `const`s, spreads,
// same-file factory functions.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { EnumDeclaration } from 'typescript';
import { constInitOf, originOfExpression, staticPropertyName, variableOf } from './bindings.js';
import { evaluate, evaluateString } from './constant.js';
import { readObject, type FieldOption, type FieldState, type ObjectView } from './input.js';
import { getTypeInfo, symbolAt, typeAt, type TypeInfo } from './typeInfo.js';
import { unwrapTs as unwrap } from './ast.js';
import { fileTextGate } from './fileFacts.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
export type Present = Extract<FieldOption, { present: true }>;

/** The constructs the rules judge, by CDK submodule. */
export type CdkConstruct = 'Bucket' | 'CfnBucket' | 'BucketDeployment' | 'Key' | 'CfnKey';
const constructs: ReadonlyMap<string, CdkConstruct> = new Map([
  ['aws-s3/Bucket', 'Bucket'],
  ['aws-s3/CfnBucket', 'CfnBucket'],
  ['aws-s3-deployment/BucketDeployment', 'BucketDeployment'],
  ['aws-kms/Key', 'Key'],
  ['aws-kms/CfnKey', 'CfnKey'],
]);

const judgedNames: ReadonlySet<string> = new Set(constructs.values());

export interface CdkConstructUse {
  construct: CdkConstruct;
  node: TSESTree.NewExpression;
  /** The props argument (`new Bucket(scope, id, props)`); null when not given, undefined when a spread hides it. */
  props: TSESTree.Node | null | undefined;
}

// `'aws-cdk-lib'`, `'aws-cdk-lib/aws-s3'`, `'@aws-cdk/aws-kms'` (v1), `'@aws-cdk/core'`: a module the file names.
const cdkMention = /['"](?:aws-cdk-lib(?:\/[\w-]+)?|@aws-cdk\/(?:aws-s3|aws-s3-deployment|aws-kms|core))['"]/;
/** Cheap per-file gate: a file that names no CDK module cannot construct a CDK bucket or key, so rules skip it. */
export const fileImportsCdk = fileTextGate(cdkMention);

/** A name inside the CDK: its submodule (`aws-s3`, `core` for aws-cdk-lib's root) and the path below it. */
export interface CdkName {
  submodule: string;
  path: string[];
}

/** `aws-cdk-lib` + `['aws_s3', 'Bucket']` → `aws-s3` + `['Bucket']`; `@aws-cdk/aws-s3` + `['Bucket']` likewise. */
function normalise(module: string, path: string[]): CdkName | null {
  if (module === 'aws-cdk-lib') {
    const first = path[0];
    // The root exports each submodule as a namespace named aws_<submodule> (aws_s3, aws_s3_deployment).
    if (first?.startsWith('aws_')) return { submodule: first.replace(/_/g, '-'), path: path.slice(1) };
    return { submodule: 'core', path };
  }
  const sub = /^(?:aws-cdk-lib|@aws-cdk)\/([\w-]+)$/.exec(module)?.[1];
  return sub ? { submodule: sub, path } : null;
}

const MAX_DEPTH = 8;

/** Without types: follows member accesses, `const` aliases and imports back to a CDK module. */
export function cdkNameOf(context: Context, node: TSESTree.Node): CdkName | null {
  const raw = moduleNameOf(context, node, 0);
  return raw ? normalise(raw.module, raw.path) : null;
}

function moduleNameOf(context: Context, node: TSESTree.Node, depth: number): { module: string; path: string[] } | null {
  if (depth > MAX_DEPTH) return null;
  const n = unwrap(node);
  if (n.type === 'MemberExpression') {
    const name = staticPropertyName(n);
    const base = moduleNameOf(context, n.object, depth + 1);
    return base && name !== null ? { module: base.module, path: [...base.path, name] } : null;
  }
  if (n.type !== 'Identifier') return null;
  const init = constInitOf(variableOf(context, n));
  if (init && (unwrap(init).type === 'MemberExpression' || unwrap(init).type === 'Identifier')) return moduleNameOf(context, init, depth + 1);
  const origin = originOfExpression(context, n);
  if (!origin) return null;
  if (origin.kind === 'module') return { module: origin.module, path: [] };
  return { module: origin.module, path: origin.name === 'default' ? [] : [origin.name] };
}

/** The CDK submodule a declaration file belongs to, by its path (npm, pnpm and yarn layouts). */
export function cdkSubmoduleOfFile(fileName: string | undefined): string | null {
  if (!fileName) return null;
  const m = /\/node_modules\/(?:aws-cdk-lib|@aws-cdk)\/([\w-]+)\//.exec(fileName.replace(/\\/g, '/'));
  return m ? m[1] : null;
}

/** A name the checker resolved: its declaring CDK submodule (null when not the CDK's), 'unknown' when it cannot say. */
type Verdict = { submodule: string | null; name: string } | 'unknown';

/** With types: the class or enum member a name resolves to (through aliases), and the package that declares it. */
function symbolVerdict(info: TypeInfo, node: TSESTree.Node, flag: 'Class' | 'EnumMember'): Verdict {
  const symbol = symbolAt(info, node.type === 'MemberExpression' ? node.property : node);
  if (!symbol || !(symbol.flags & info.ts.SymbolFlags[flag])) return 'unknown';
  // A class or enum member always has a declaration; an enum member's sits in its enum's.
  const decl = symbol.declarations![0];
  const submodule = cdkSubmoduleOfFile(decl.getSourceFile().fileName);
  const owner = flag === 'EnumMember' ? `${(decl.parent as EnumDeclaration).name.getText()}.` : '';
  return { submodule, name: `${owner}${symbol.getName()}` };
}

const useCache = new WeakMap<TSESTree.Node, CdkConstructUse | null>();

/** Is this `new X(scope, id, props)` one of the CDK constructs the rules judge? Never throws. */
export function recognizeCdkConstruct(context: Context, node: TSESTree.NewExpression): CdkConstructUse | null {
  if (useCache.has(node)) return useCache.get(node) ?? null;
  let result: CdkConstructUse | null = null;
  try {
    result = recognize(context, node);
  } catch {
    result = null;
  }
  useCache.set(node, result);
  return result;
}

function recognize(context: Context, node: TSESTree.NewExpression): CdkConstructUse | null {
  if (!fileImportsCdk(context)) return null;
  const callee = node.callee;
  // Syntax first: `new s3.Bucket(...)` names the construct itself, so `new ec2.Vpc(...)` costs no type question. (A
  // plain identifier may be an import alias: judged below.) Saves work only; the answer is the same without it.
  if (callee.type === 'MemberExpression' && !judgedNames.has(staticPropertyName(callee) ?? '')) return null;
  // (A class declared in this file needs no test of its own: it has no import to follow, nor a CDK declaration.)
  const info = getTypeInfo(context);
  // A class the checker places outside the CDK (submodule null) is no construct: no lookup by name then.
  let found = info ? symbolVerdict(info, callee, 'Class') : 'unknown';
  if (found === 'unknown') {
    const name = cdkNameOf(context, callee);
    if (!name) return null;
    found = { submodule: name.submodule, name: name.path.join('.') };
  }
  const construct = constructs.get(`${found.submodule}/${found.name}`);
  if (!construct) return null;
  // A spread among the arguments hides which argument the props are (`new Key(...args)`, `new Key(scope, ...rest)`).
  const hidden = node.arguments.some((a) => a.type === 'SpreadElement');
  const props = hidden ? undefined : (node.arguments[2] ?? null);
  return { construct, node, props };
}

/** `s3.BucketEncryption.KMS` → `BucketEncryption.KMS` (with its submodule), through `const` aliases. */
export function cdkEnumMemberOf(context: Context, node: TSESTree.Node, depth = 0): { submodule: string | null; name: string } | null {
  if (depth > MAX_DEPTH) return null;
  const n = unwrap(node);
  if (n.type === 'Identifier') {
    const init = constInitOf(variableOf(context, n));
    return init ? cdkEnumMemberOf(context, init, depth + 1) : null;
  }
  if (n.type !== 'MemberExpression') return null;
  const info = getTypeInfo(context);
  // With types, a member of an enum outside the CDK comes back with submodule null: no lookup by name then.
  const verdict = info ? symbolVerdict(info, n, 'EnumMember') : 'unknown';
  if (verdict !== 'unknown') return verdict;
  const name = cdkNameOf(context, n);
  return name && name.path.length === 2 ? { submodule: name.submodule, name: name.path.join('.') } : null;
}

/**
 * The value of an enum-typed prop: a CDK enum member (`KeySpec.RSA_2048`) or the string it stands for
 * (`'RSA_2048'`, as JavaScript callers may pass). Null when unknown or not from `enumName` of `submodule`.
 */
export function cdkEnumValue(context: Context, node: TSESTree.Node, submodule: string, enumName: string): string | null {
  const member = cdkEnumMemberOf(context, node);
  if (member) {
    const [owner, value] = member.name.split('.');
    return member.submodule === submodule && owner === enumName ? value : null;
  }
  // A member of some other enum or object is not the CDK's, whatever its value.
  return unwrap(node).type === 'MemberExpression' ? null : evaluateString(context, node);
}

// ---------------------------------------------------------------------------------------------------------
// S3 buckets: does this bucket encrypt with SSE-KMS, and does it enable the S3 Bucket Key?

/** aws-s3 `BucketEncryption` member → what it means. Its values equal the member names (aws-cdk-lib 2.x, 1.x). */
type Encryption = 'kms' | 'dsse' | 's3' | 'none';
const bucketEncryptions: Record<string, Encryption> = {
  KMS: 'kms',
  KMS_MANAGED: 'kms',
  DSSE: 'dsse',
  DSSE_MANAGED: 'dsse',
  S3_MANAGED: 's3',
  UNENCRYPTED: 'none',
};

/** Is this `encryptionKey` value certainly a key (never undefined at run time)? */
function isDefinitelyKey(context: Context, node: TSESTree.Node, depth = 0): boolean | null {
  const n = unwrap(node);
  if (n.type === 'NewExpression') return true;
  if (n.type === 'Identifier' && depth < MAX_DEPTH) {
    const init = constInitOf(variableOf(context, n));
    if (init) return isDefinitelyKey(context, init, depth + 1);
  }
  // `kms.Key.fromKeyArn(this, 'K', arn)` and the like return a key.
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && /^from/.test(staticPropertyName(n.callee) ?? '')) return true;
  const info = getTypeInfo(context);
  if (!info) return null;
  const type = typeAt(info, n);
  if (!type || type.flags & (info.ts.TypeFlags.Any | info.ts.TypeFlags.Unknown)) return null;
  const parts = type.isUnion() ? type.types : [type];
  return !parts.some((p) => p.flags & (info.ts.TypeFlags.Undefined | info.ts.TypeFlags.Null | info.ts.TypeFlags.Void));
}

/** The encryption each path of a Bucket's props ends up with; 'unknown' where the code cannot say. */
function bucketEncryptionsOf(context: Context, view: ObjectView): { value: Encryption | 'unknown'; option: Present | null }[] | null {
  const encryption = view.field('encryption');
  if (encryption.kind !== 'known') return null;
  const out: { value: Encryption | 'unknown'; option: Present | null }[] = [];
  for (const option of encryption.options) {
    if (option.present) {
      const member = cdkEnumValue(context, option.value, 'aws-s3', 'BucketEncryption');
      out.push({ value: (member && bucketEncryptions[member]) || 'unknown', option });
      continue;
    }
    // No `encryption`: an `encryptionKey` makes it KMS, otherwise the bucket is unencrypted (CDK's parseEncryption).
    const key = view.field('encryptionKey');
    if (key.kind !== 'known') {
      out.push({ value: 'unknown', option: null });
      continue;
    }
    for (const k of key.options) {
      if (!k.present) out.push({ value: 'none', option: null });
      else out.push({ value: isDefinitelyKey(context, k.value) ? 'kms' : 'unknown', option: k });
    }
  }
  return out;
}

export type BucketKeyFinding =
  /** SSE-KMS on some path and no `bucketKeyEnabled`: `anchor` is where to report, `insertAfter` where a fix goes. */
  | { kind: 'missing'; anchor: TSESTree.Node; insertAfter: TSESTree.Property | null }
  /** SSE-KMS with `bucketKeyEnabled: false`. */
  | { kind: 'disabled'; option: Present }
  /** The code does not say whether the bucket uses SSE-KMS (reported under strict options only). */
  | { kind: 'undecidable'; anchor: TSESTree.Node };

function isExplicitFalse(context: Context, option: FieldOption): option is Present {
  if (!option.present) return false;
  const v = evaluate(context, option.value);
  return v?.kind === 'boolean' && !v.value;
}

/**
 * The options of `bucketKeyEnabled`: disabled (an explicit false wins), missing, or fine/unknown (null). `written`:
 * the property is there but undefined on some path (`cond ? true : undefined`), so a fix must not add a second one.
 */
function bucketKeyVerdict(
  context: Context,
  state: FieldState,
): { kind: 'disabled'; option: Present } | { kind: 'missing'; written: boolean } | null {
  if (state.kind !== 'known') return null;
  const off = state.options.find((o) => isExplicitFalse(context, o));
  if (off) return { kind: 'disabled', option: off };
  return state.options.some((o) => !o.present) ? { kind: 'missing', written: state.options.some((o) => o.present) } : null;
}

/** Where `bucketKeyEnabled: true` can be written: after a property of an object literal, not inside a conditional. */
function insertionPoint(option: Present | null): TSESTree.Property | null {
  const property = option?.property;
  if (!property) return null;
  return unwrap(property.value).type === 'ConditionalExpression' ? null : property;
}

/** `new s3.Bucket(scope, id, props)`: does a path encrypt with SSE-KMS without an S3 Bucket Key? */
export function bucketKeyFindingOf(context: Context, use: CdkConstructUse): BucketKeyFinding | null {
  if (use.props === null) return null; // no props: unencrypted (S3 then applies SSE-S3), no KMS request at all
  const view = readObject(context, use.props);
  if (!view) return { kind: 'undecidable', anchor: use.node };
  const paths = bucketEncryptionsOf(context, view);
  if (!paths) return { kind: 'undecidable', anchor: use.node };
  const kms = paths.filter((p) => p.value === 'kms');
  const verdict = bucketKeyVerdict(context, view.field('bucketKeyEnabled'));
  if (kms.length === 0) {
    // Whatever the encryption, an explicit bucket key leaves nothing to report.
    const unknown = paths.find((p) => p.value === 'unknown');
    return unknown && verdict ? { kind: 'undecidable', anchor: unknown.option?.value ?? use.node } : null;
  }
  if (!verdict) return null;
  if (verdict.kind === 'disabled') return verdict;
  const first = kms[0];
  // CDK rejects bucketKeyEnabled on an unencrypted bucket: no fix when some path is unencrypted.
  const fixable = !verdict.written && !paths.some((p) => p.value === 'none' || p.value === 'unknown');
  return { kind: 'missing', anchor: first.option?.property ?? first.option?.value ?? use.node, insertAfter: fixable ? insertionPoint(first.option) : null };
}

/** The array literal behind `[...]` or a `const` holding one (`Rules: rules`). */
export function arrayOf(context: Context, node: TSESTree.Node): TSESTree.ArrayExpression | null {
  let n = unwrap(node);
  if (n.type === 'Identifier') {
    const init = constInitOf(variableOf(context, n));
    if (!init) return null;
    n = unwrap(init);
  }
  return n.type === 'ArrayExpression' ? n : null;
}

const SSE_KMS = 'aws:kms';

/**
 * `new s3.CfnBucket(scope, id, { bucketEncryption: { serverSideEncryptionConfiguration: [rule…] } })`: each rule
 * whose `serverSideEncryptionByDefault.sseAlgorithm` is `aws:kms` and whose `bucketKeyEnabled` is absent or false.
 * An absent value means disabled here: this is the bucket's own default, there is nothing to inherit.
 */
export function cfnBucketFindingsOf(context: Context, use: CdkConstructUse): BucketKeyFinding[] {
  const out: BucketKeyFinding[] = [];
  const config = readObject(context, use.props)?.field('bucketEncryption');
  if (config?.kind !== 'known') return out;
  for (const c of config.options) {
    if (!c.present) continue;
    const rules = readObject(context, c.value)?.field('serverSideEncryptionConfiguration');
    if (rules?.kind !== 'known') continue;
    for (const r of rules.options) {
      const array = r.present ? arrayOf(context, r.value) : null;
      // Holes and spreads in the array read as no object.
      for (const element of array?.elements ?? []) {
        const rule = readObject(context, element);
        const byDefault = rule?.field('serverSideEncryptionByDefault');
        if (byDefault?.kind !== 'known') continue;
        const defaults = byDefault.options.find((d): d is Present => d.present);
        const algorithm = readObject(context, defaults?.value)?.field('sseAlgorithm');
        if (algorithm?.kind !== 'known') continue;
        const kms = algorithm.options.find((a): a is Present => a.present && evaluateString(context, a.value) === SSE_KMS);
        if (!kms) continue;
        const verdict = bucketKeyVerdict(context, rule!.field('bucketKeyEnabled'));
        if (verdict?.kind === 'disabled') out.push(verdict);
        else if (verdict?.kind === 'missing') {
          const anchor = defaults!.property ?? null;
          const fixable = anchor && anchor.parent === unwrap(element!) && !verdict.written;
          out.push({ kind: 'missing', anchor: kms.property ?? kms.value, insertAfter: fixable ? anchor : null });
        }
      }
    }
  }
  return out;
}

/** A `new s3.Bucket(...)` the expression holds (a `const` bound to it, or the `new` itself), or null. */
function bucketConstructed(context: Context, node: TSESTree.Node, depth = 0): CdkConstructUse | null {
  const n = unwrap(node);
  if (n.type === 'NewExpression') {
    const use = recognizeCdkConstruct(context, n);
    return use?.construct === 'Bucket' ? use : null;
  }
  if (n.type === 'Identifier' && depth < MAX_DEPTH) {
    const init = constInitOf(variableOf(context, n));
    return init ? bucketConstructed(context, init, depth + 1) : null;
  }
  return null;
}

export interface DeploymentFinding {
  /** The `serverSideEncryption` value that asks for SSE-KMS. */
  sse: Present;
  /** The bucket this file declares and deploys into, without an S3 Bucket Key. */
  bucket: CdkConstructUse;
  /** Where `bucketKeyEnabled: true` can go in the bucket's props (its encryption allows it), or null. */
  insertAfter: TSESTree.Property | null;
}

/**
 * `new BucketDeployment(scope, id, { destinationBucket, serverSideEncryption: ServerSideEncryption.AWS_KMS })`:
 * the deployment uploads each object with SSE-KMS; without a Bucket Key on the destination bucket (declared in
 * this file) every object costs a KMS request. Null when the bucket is not declared here or says nothing certain.
 */
export function deploymentFindingOf(context: Context, use: CdkConstructUse): DeploymentFinding | null {
  const view = readObject(context, use.props);
  if (!view) return null;
  const sse = view.field('serverSideEncryption');
  if (sse.kind !== 'known') return null;
  const kms = sse.options.find((o): o is Present => o.present && isKmsDeploymentSse(context, o.value));
  if (!kms) return null;
  const destination = view.field('destinationBucket');
  const target = destination.kind === 'known' && destination.options.length === 1 && destination.options[0].present ? destination.options[0].value : null;
  const bucket = target ? bucketConstructed(context, target) : null;
  if (!bucket) return null;
  // Props a spread hides, or that cannot be read (a parameter), may well enable the bucket key: say nothing.
  const bucketView = readObject(context, bucket.props);
  if (bucket.props !== null && !bucketView) return null;
  const verdict = bucketView ? bucketKeyVerdict(context, bucketView.field('bucketKeyEnabled')) : null;
  if (bucketView && !verdict) return null;
  // bucketKeyEnabled is accepted with KMS or S3-managed encryption (CDK rejects it on an unencrypted bucket).
  const paths = bucketView ? bucketEncryptionsOf(context, bucketView) : null;
  // A bucketKeyEnabled already written (false, or undefined on a path) is not added a second time.
  const written = verdict?.kind === 'disabled' || (verdict?.kind === 'missing' && verdict.written);
  const fixable = !written && !!paths && paths.every((p) => p.value === 'kms' || p.value === 's3');
  const anchor = fixable ? paths.find((p) => p.option)?.option ?? null : null;
  return { sse: kms, bucket, insertAfter: insertionPoint(anchor) };
}

/** A deployment's `serverSideEncryption`: `ServerSideEncryption.AWS_KMS`, or its value 'aws:kms' (the S3 header value). */
function isKmsDeploymentSse(context: Context, node: TSESTree.Node): boolean {
  const member = cdkEnumMemberOf(context, node);
  if (member) return member.submodule === 'aws-s3-deployment' && member.name === 'ServerSideEncryption.AWS_KMS';
  return unwrap(node).type !== 'MemberExpression' && evaluateString(context, node) === SSE_KMS;
}
