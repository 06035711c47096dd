import { isBuiltin } from 'node:module';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { assignedValuesOf, constInitOf, importedNameOf, originOfExpression, staticPropertyName, variableOf, type Origin } from './bindings.js';
import {
  clientClasses,
  operationByCommand,
  operationsByMethod,
  type OperationSpec,
  type Service,
} from './operations.js';
import { childrenOf } from './ast.js';
import { awsPackageOfFile, declarationFile, getTypeInfo, symbolAt, typeAt, type TypeInfo } from './typeInfo.js';
import { programFacts } from './programFacts.js';
// constant.js reaches back here through output.js; both sides only call each other inside functions.
import { evaluateString } from './constant.js';
import { fileImportsModules, fileMentionsAws, fileTextGate } from './fileFacts.js';
import { followLocalReexport } from './localModules.js';
import { fileMayHoldRequestShapes, operationByShape, receiverIsKnownNotAws, styleOfUse } from './shape.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export type ApiStyle = 'v3-command' | 'v3-client' | 'v2' | 'lib-storage';

/** One recognised AWS SDK call, whatever API style wrote it. */
export interface SdkCall {
  spec: OperationSpec;
  service: Service;
  operation: OperationSpec['operation'];
  style: ApiStyle;
  /** `new EncryptCommand(...)`, `kms.encrypt(...)`, `new Upload(...)`: where rules report. */
  node: TSESTree.NewExpression | TSESTree.CallExpression;
  /**
   * The expression holding the request input (for `Upload`, the `params` object), `null` when no
   * argument is given, `undefined` when it exists but cannot be located statically.
   */
  input: TSESTree.Node | null | undefined;
  /** True when the type checker identified the call; false when import tracking did. */
  byType: boolean;
  /**
   * True when only the request's shape identified it (operations.ts `shape`): the receiver's type was unknown
   * (untyped, `any`, unresolved import) and imports did not say what it is.
   */
  byShape?: boolean;
  /**
   * Called through a promisified alias (`const decryptAsync = promisify(kms.decrypt.bind(kms))`): the call gives a
   * promise of the response, whatever `style` the method has.
   */
  promisified?: boolean;
}

/** What an AWS class is, once we know where it is declared. */
type AwsClass =
  | { kind: 'command'; spec: OperationSpec }
  | { kind: 'client'; service: Service; style: 'v3-client' | 'v2' }
  | { kind: 'upload' };

const commandLikeNames = new Set([...operationByCommand.keys(), ...Object.values(clientClasses).flat(), 'Upload']);

function classifyAws(pkg: string, name: string): AwsClass | null {
  if (pkg === '@aws-sdk/client-kms' || pkg === '@aws-sdk/client-s3') {
    const service: Service = pkg === '@aws-sdk/client-kms' ? 'kms' : 's3';
    const spec = operationByCommand.get(name);
    if (spec && spec.service === service && spec.operation !== 'Upload') return { kind: 'command', spec };
    // The bare KMSClient/S3Client has only `send`; the aggregated KMS/S3 class has one method an operation.
    if (name === (service === 'kms' ? 'KMS' : 'S3')) return { kind: 'client', service, style: 'v3-client' };
    return null;
  }
  if (pkg === '@aws-sdk/lib-storage') return name === 'Upload' ? { kind: 'upload' } : null;
  if (pkg === 'aws-sdk') {
    if (name === 'KMS') return { kind: 'client', service: 'kms', style: 'v2' };
    if (name === 'S3') return { kind: 'client', service: 's3', style: 'v2' };
  }
  return null;
}

function classifyOrigin(origin: Origin | null): AwsClass | null {
  if (!origin || origin.kind !== 'export') return null;
  const v2Client = /^aws-sdk\/clients\/(kms|s3)(?:\.js)?$/.exec(origin.module);
  if (v2Client) {
    // `import KMS from 'aws-sdk/clients/kms'` (default) or `require('aws-sdk/clients/kms')` used as the class.
    if (origin.name === 'default' || origin.name === v2Client[1].toUpperCase()) {
      return { kind: 'client', service: v2Client[1] as Service, style: 'v2' };
    }
    return null;
  }
  const pkg = /^(@aws-sdk\/[^/]+|aws-sdk)/.exec(origin.module)?.[1];
  return pkg ? classifyAws(pkg, origin.name) : null;
}

/** `require('aws-sdk/clients/kms')` bound to a name is the class itself, not a namespace. */
function classifyModuleValue(origin: Origin | null): AwsClass | null {
  if (origin?.kind !== 'module') return null;
  const v2Client = /^aws-sdk\/clients\/(kms|s3)(?:\.js)?$/.exec(origin.module);
  return v2Client ? { kind: 'client', service: v2Client[1] as Service, style: 'v2' } : null;
}

type Verdict = AwsClass | 'not-aws' | 'unknown';

/** An origin in a project module (`./aws.js`) followed to the package that module re-exports it from. */
function originThroughProject(context: Context, origin: Origin | null): Origin | null {
  if (origin?.kind !== 'export' || !origin.module.startsWith('.')) return origin;
  // Once per file, module and name: a file constructs its project's classes many times over.
  let memo = followedByFile.get(context.sourceCode.ast);
  if (!memo) followedByFile.set(context.sourceCode.ast, (memo = new Map()));
  const key = `${origin.module}\0${origin.name}`;
  if (!memo.has(key)) memo.set(key, followLocalReexport(context.filename, origin));
  return memo.get(key) ?? origin;
}
const followedByFile = new WeakMap<object, Map<string, Origin | null>>();

/**
 * May a call in this file reach the AWS SDK at all? The file names an AWS package (or KMS types), or it
 * imports some non-built-in module while the Program holds the SDK's declarations (a project module, a
 * `paths` alias or a workspace package may hand it a client). Otherwise no checker question is worth it.
 * Without types, recognition follows imports only, so the file must name the SDK.
 */
export function fileMayUseAws(context: Context, info: TypeInfo | null = getTypeInfo(context)): boolean {
  if (fileMentionsAws(context)) return true;
  return !!info && fileImportsModules(context) && programFacts(info.program).importsAwsSdk;
}

function classifySymbolOfType(info: TypeInfo, node: TSESTree.Node): Verdict {
  const type = typeAt(info, node);
  if (!type || type.flags & (info.ts.TypeFlags.Any | info.ts.TypeFlags.Unknown)) return 'unknown';
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  if (!symbol) return 'unknown';
  const file = declarationFile(symbol);
  if (!file) return 'unknown';
  const pkg = awsPackageOfFile(file);
  if (!pkg) return 'not-aws';
  return classifyAws(pkg, symbol.getName()) ?? 'not-aws';
}

/**
 * The class a constructor name resolves to, through import aliases and re-exports, from the symbol alone:
 * no expression is type-checked (asking for the type of the `new` expression checks its argument object
 * against the SDK's input types). Unknown when the name is a variable, parameter or anything but a class.
 */
function classifyCalleeSymbol(info: TypeInfo, callee: TSESTree.Node): Verdict {
  const target = callee.type === 'MemberExpression' ? callee.property : callee;
  if (target.type !== 'Identifier') return 'unknown';
  const symbol = symbolAt(info, target);
  if (!symbol || !(symbol.flags & info.ts.SymbolFlags.Class)) return 'unknown';
  const pkg = awsPackageOfFile(declarationFile(symbol));
  if (!pkg) return 'not-aws';
  return classifyAws(pkg, symbol.getName()) ?? 'not-aws';
}

function calleeIsAny(info: TypeInfo, callee: TSESTree.Node): boolean {
  const type = typeAt(info, callee);
  return !!type && !!(type.flags & info.ts.TypeFlags.Any);
}

function classifyConstructor(context: Context, info: TypeInfo | null, newExpr: TSESTree.NewExpression): Verdict {
  if (info && fileMayUseAws(context, info)) {
    const bySymbol = classifyCalleeSymbol(info, newExpr.callee);
    if (bySymbol !== 'unknown') return bySymbol;
    // `new` of an `any` (an import whose types did not resolve) is `any` too: the verdict would be unknown, and the
    // callee's type is far cheaper to ask than the construction's (which checks every argument).
    const verdict = calleeIsAny(info, newExpr.callee) ? 'unknown' : classifySymbolOfType(info, newExpr);
    if (verdict !== 'unknown') return verdict;
  }
  const origin = originThroughProject(context, originOfExpression(context, newExpr.callee));
  return classifyOrigin(origin) ?? classifyModuleValue(origin) ?? (info ? 'unknown' : 'not-aws');
}

/** Cheap syntactic gate: could this `new X(...)` construct an SDK class? No checker involved. */
function constructorMayBeAws(context: Context, info: TypeInfo | null, callee: TSESTree.Node): boolean {
  // A class declared in this file is the user's own (the checker would say the same, at a price).
  if (callee.type === 'Identifier' && variableOf(context, callee)?.defs[0]?.type === 'ClassName') return false;
  const imported = importedNameOf(context, callee);
  if (!imported) return false;
  if (commandLikeNames.has(imported.name)) return true;
  if (callee.type === 'Identifier') {
    // With types, the symbol question below sees through project modules; only untyped code reads them from disk.
    const raw = originOfExpression(context, callee);
    const origin = info ? raw : originThroughProject(context, raw);
    if (origin && (classifyOrigin(origin) || classifyModuleValue(origin))) return true;
    // A class re-exported under another name by a project module (relative, `paths` alias, workspace package):
    // worth a symbol question only when the Program holds the SDK's declarations at all.
    if (info && imported.fromModule && !isBuiltin(imported.fromModule) && programFacts(info.program).importsAwsSdk) return true;
  }
  return false;
}

function inputOfConstructor(context: Context, cls: AwsClass, newExpr: TSESTree.NewExpression): TSESTree.Node | null | undefined {
  const arg = newExpr.arguments[0];
  if (!arg) return null;
  if (arg.type === 'SpreadElement') return undefined;
  if (cls.kind !== 'upload') return arg;
  // new Upload({ client, params: {...} })
  const options = arg.type === 'Identifier' ? constInitOf(variableOf(context, arg)) : arg;
  if (options?.type !== 'ObjectExpression') return undefined;
  for (const prop of options.properties) {
    if (prop.type === 'SpreadElement') return undefined;
    if (staticPropertyName(prop) === 'params') return prop.value;
  }
  return null;
}

const newCache = new WeakMap<TSESTree.Node, SdkCall | null>();

export function recognizeNew(context: Context, node: TSESTree.NewExpression): SdkCall | null {
  if (newCache.has(node)) return newCache.get(node) ?? null;
  let result: SdkCall | null = null;
  try {
    const info = getTypeInfo(context);
    if (constructorMayBeAws(context, info, node.callee)) {
      const verdict = classifyConstructor(context, info, node);
      if (typeof verdict === 'object' && verdict.kind !== 'client') {
        const spec = verdict.kind === 'command' ? verdict.spec : operationByCommand.get('Upload')!;
        result = {
          spec,
          service: spec.service,
          operation: spec.operation,
          style: verdict.kind === 'command' ? 'v3-command' : 'lib-storage',
          node,
          input: inputOfConstructor(context, verdict, node),
          byType: !!info,
        };
      }
    }
  } catch {
    result = null;
  }
  newCache.set(node, result);
  return result;
}

/** `kms: KMS`: a type annotation naming an SDK client class imported from the SDK (read without the checker). */
function clientOfAnnotation(context: Context, annotation: TSESTree.TypeNode | undefined): AwsClass | null {
  if (annotation?.type !== 'TSTypeReference') return null;
  const cls = classifyOrigin(originOfExpression(context, annotation.typeName as TSESTree.Node));
  return cls?.kind === 'client' ? cls : null;
}

/** Is this receiver expression a client instance, by syntax alone? Follows `new`, `const`, `this.x = new ...` and annotations. */
function clientOfReceiver(context: Context, receiver: TSESTree.Node, depth = 0): AwsClass | null {
  if (depth > 6) return null;
  switch (receiver.type) {
    case 'NewExpression': {
      const origin = originThroughProject(context, originOfExpression(context, receiver.callee));
      const cls = classifyOrigin(origin) ?? classifyModuleValue(origin);
      return cls?.kind === 'client' ? cls : null;
    }
    case 'Identifier': {
      const variable = variableOf(context, receiver);
      const init = constInitOf(variable);
      if (init) return clientOfReceiver(context, init, depth + 1);
      // `let kms;` assigned later (`kms = new AWS.KMS()` in an init function): every value must be the same client.
      const assigned = assignedValuesOf(variable);
      if (assigned) {
        const classes = assigned.map((v) => clientOfReceiver(context, v, depth + 1));
        const first = classes[0];
        if (first && classes.every((c) => c?.kind === 'client' && first.kind === 'client' && c.service === first.service && c.style === first.style)) return first;
      }
      // `kms: KMS` annotated with a class imported from the SDK (TypeScript parsed without a Program).
      const annotated = variable?.defs[0]?.name;
      return clientOfAnnotation(context, annotated && 'typeAnnotation' in annotated ? annotated.typeAnnotation?.typeAnnotation : undefined);
    }
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
      return clientOfReceiver(context, receiver.expression, depth + 1);
    case 'MemberExpression': {
      // this.kms, where the class assigns `this.kms = new KMS()`, declares `kms = new KMS()` or `kms: KMS`, or takes
      // `private readonly kms: KMS` as a constructor parameter.
      const name = staticPropertyName(receiver);
      if (receiver.object.type !== 'ThisExpression' || !name) return null;
      let cls: TSESTree.Node | undefined = receiver.parent;
      while (cls && cls.type !== 'ClassBody') cls = cls.parent;
      if (!cls) return null;
      for (const member of cls.body) {
        if (member.type === 'PropertyDefinition' && !member.computed && staticPropertyName(member as never) === name) {
          if (member.value) return clientOfReceiver(context, member.value, depth + 1);
          const declared = clientOfAnnotation(context, member.typeAnnotation?.typeAnnotation);
          if (declared) return declared;
        }
        if (member.type === 'MethodDefinition' && member.kind === 'constructor') {
          for (const param of member.value.params) {
            if (param.type === 'TSParameterProperty' && param.parameter.type === 'Identifier' && param.parameter.name === name) {
              return clientOfAnnotation(context, param.parameter.typeAnnotation?.typeAnnotation);
            }
          }
          for (const stmt of member.value.body?.body ?? []) {
            if (
              stmt.type === 'ExpressionStatement' &&
              stmt.expression.type === 'AssignmentExpression' &&
              stmt.expression.left.type === 'MemberExpression' &&
              stmt.expression.left.object.type === 'ThisExpression' &&
              staticPropertyName(stmt.expression.left) === name
            ) {
              return clientOfReceiver(context, stmt.expression.right, depth + 1);
            }
          }
        }
      }
      return null;
    }
    default:
      return null;
  }
}

const callCache = new WeakMap<TSESTree.Node, SdkCall | null>();

function receiverIsObjectLiteral(context: Context, receiver: TSESTree.Node): boolean {
  if (receiver.type !== 'Identifier') return false;
  const init = constInitOf(variableOf(context, receiver));
  return init?.type === 'ObjectExpression';
}

/** v2 presigning: `s3.getSignedUrl('putObject', params)` names the operation in its first argument. */
const v2PresignMethods = new Set(['getSignedUrl', 'getSignedUrlPromise']);

/** Cheap per-file gate: only a file that promisifies or binds something can call a client method through an alias. */
const fileMayAliasMethods = fileTextGate(/\bpromisify\b|\.bind\s*\(/);

/**
 * A method reference called through an alias: `const decryptAsync = util.promisify(kms.decrypt.bind(kms))`,
 * `promisify(kms.decrypt).bind(kms)`, Bluebird's `P.promisify(kms.decrypt, { context: kms })`, `kms.decrypt.bind(kms)`.
 * Returns the `kms.decrypt` member and whether the alias returns a promise of the response.
 */
function aliasedMethodOf(context: Context, callee: TSESTree.Identifier): { member: TSESTree.MemberExpression; promisified: boolean } | null {
  const values = assignedValuesOf(variableOf(context, callee));
  if (values?.length !== 1) return null;
  let promisified = false;
  let e: TSESTree.Node = values[0];
  for (let depth = 0; depth < 6; depth++) {
    while (e.type === 'TSAsExpression' || e.type === 'TSNonNullExpression' || e.type === 'TSSatisfiesExpression') e = e.expression;
    if (e.type === 'MemberExpression') return promisified || depth > 0 ? { member: e, promisified } : null;
    if (e.type !== 'CallExpression') return null;
    const name = e.callee.type === 'Identifier' ? e.callee.name : e.callee.type === 'MemberExpression' ? staticPropertyName(e.callee) : null;
    if (name === 'bind' && e.callee.type === 'MemberExpression') e = e.callee.object;
    else if (name === 'promisify' && e.arguments[0] && e.arguments[0].type !== 'SpreadElement') {
      promisified = true;
      e = e.arguments[0];
    } else return null;
  }
  return null;
}

export function recognizeMethodCall(context: Context, node: TSESTree.CallExpression): SdkCall | null {
  if (callCache.has(node)) return callCache.get(node) ?? null;
  let result: SdkCall | null = null;
  try {
    const callee = node.callee;
    if (callee.type === 'MemberExpression') result = recognizeMember(context, node, callee, false);
    else if (callee.type === 'Identifier' && fileMayAliasMethods(context)) {
      const alias = aliasedMethodOf(context, callee);
      if (alias) result = recognizeMember(context, node, alias.member, alias.promisified);
    }
  } catch {
    result = null;
  }
  callCache.set(node, result);
  return result;
}

/** `node` calls the method `member` names (directly, or through an alias when `promisified`/bound). */
function recognizeMember(context: Context, node: TSESTree.CallExpression, member: TSESTree.MemberExpression, promisified: boolean): SdkCall | null {
  const aliased = node.callee !== member;
  const method = staticPropertyName(member);
  const presign = !aliased && !!method && v2PresignMethods.has(method);
  const operationMethod = presign ? evaluateString(context, node.arguments[0]) : method;
  const candidates = operationMethod ? operationsByMethod.get(operationMethod) : undefined;
  if (!candidates) return null;
  const info = getTypeInfo(context);
  let verdict: { service: Service; style: 'v3-client' | 'v2' } | 'not-aws' | 'unknown' = 'unknown';
  // A receiver that syntax shows to be a client (`const s3 = new S3(…)` with S3 imported from the SDK, `this.kms`
  // assigned one) is one whatever the checker would say, and the checker's answer costs it checking the client's
  // construction against the SDK's config types in every such file: syntax first, the symbol when it cannot tell.
  const syntactic = clientOfReceiver(context, member.object);
  if (syntactic?.kind === 'client') verdict = { service: syntactic.service, style: syntactic.style };
  else if (receiverIsObjectLiteral(context, member.object)) {
    // `const vault = { encrypt() {…} }`: its methods are declared right there, never by the SDK.
    verdict = 'not-aws';
  } else if (info && fileMayUseAws(context, info)) {
    const symbol = symbolAt(info, member.property);
    const file = declarationFile(symbol);
    if (file) {
      const pkg = awsPackageOfFile(file);
      if (pkg === '@aws-sdk/client-kms') verdict = { service: 'kms', style: 'v3-client' };
      else if (pkg === '@aws-sdk/client-s3') verdict = { service: 's3', style: 'v3-client' };
      else if (pkg === 'aws-sdk') {
        // Methods live in clients/<svc>.d.ts; S3's customisations (upload) in lib/services/s3.d.ts.
        const service = /\/(?:clients|lib\/services)\/(kms|s3)\.d\.ts$/.exec(file)?.[1] as Service | undefined;
        verdict = service ? { service, style: 'v2' } : 'not-aws';
      } else verdict = 'not-aws';
    }
  }
  if (verdict === 'unknown' && !presign) {
    const shaped = recognizeByShape(context, info, node, member, candidates);
    return shaped && promisified ? { ...shaped, style: 'v2', promisified } : shaped;
  }
  if (typeof verdict !== 'object') return null;
  const found = verdict;
  const spec = presign && found.style !== 'v2' ? undefined : candidates.find((c) => c.service === found.service && (!c.v2MethodOnly || found.style === 'v2'));
  if (!spec) return null;
  const arg = node.arguments[presign ? 1 : 0];
  return {
    spec,
    service: spec.service,
    operation: spec.operation,
    style: found.style,
    node,
    input: !arg ? null : arg.type === 'SpreadElement' || arg.type.includes('Function') ? undefined : arg,
    byType: !!info,
    ...(promisified ? { promisified } : {}),
  };
}

/**
 * Third tier: the receiver is of unknown type and imports do not say what it is, so the request's shape decides
 * (shape.ts). Syntax first; the checker is asked only once the shape matched, and only whether the receiver's type
 * is unknown: a receiver whose type is known and is not an AWS client is never recognised this way.
 */
function recognizeByShape(
  context: Context,
  info: TypeInfo | null,
  node: TSESTree.CallExpression,
  callee: TSESTree.MemberExpression,
  candidates: readonly OperationSpec[],
): SdkCall | null {
  if (!fileMayHoldRequestShapes(context) || receiverIsKnownNotAws(context, callee.object)) return null;
  const spec = operationByShape(context, node, candidates);
  if (!spec) return null;
  if (info) {
    const type = typeAt(info, callee.object);
    if (!type || !(type.flags & (info.ts.TypeFlags.Any | info.ts.TypeFlags.Unknown))) return null;
  }
  const style = spec.v2MethodOnly ? 'v2' : styleOfUse(context, node);
  return { spec, service: spec.service, operation: spec.operation, style, node, input: node.arguments[0], byType: false, byShape: true };
}

/** Either kind of node: the entry point rules use from `NewExpression` and `CallExpression` listeners. */
export function recognizeCall(context: Context, node: TSESTree.Node): SdkCall | null {
  if (node.type === 'NewExpression') return recognizeNew(context, node);
  if (node.type === 'CallExpression') return recognizeMethodCall(context, node);
  return null;
}

/** One step of `SourceCode#traverse()` (ESLint 9+): a node entered (phase 1) or left (phase 2), or an event. */
interface TraversalStep {
  target?: unknown;
  phase?: number;
}

const callsByFile = new WeakMap<object, ReadonlyMap<TSESTree.Node, SdkCall>>();

/** What the pre-traversal recognition did, for tests that count work instead of timing it. */
export const sdkCallStats = { filesScanned: 0, nodesAsked: 0 };

/**
 * The file's recognised SDK calls by node, found once per file before the traversal: ESLint has parsed the file,
 * set every node's parent and built its scopes before any rule is created. A node whose recognition throws is no
 * call (a rule that cannot decide stays silent).
 */
export function sdkCallsOfFile(context: Context): ReadonlyMap<TSESTree.Node, SdkCall> {
  const sourceCode = context.sourceCode;
  const known = callsByFile.get(sourceCode.ast);
  if (known) return known;
  sdkCallStats.filesScanned++;
  const calls = new Map<TSESTree.Node, SdkCall>();
  const visit = (node: TSESTree.Node) => {
    // Stryker disable next-line OptionalChaining: an entered step's target is always a node
    if (node?.type !== 'CallExpression' && node?.type !== 'NewExpression') return;
    sdkCallStats.nodesAsked++;
    try {
      const call = recognizeCall(context, node);
      if (call) calls.set(node, call);
    } catch {
      // Undecidable: not a call the rules see.
    }
  };
  // ESLint's own traversal steps, computed once per file and shared with it; a plain walk where there are none.
  const traverse = (sourceCode as { traverse?: () => Iterable<TraversalStep> }).traverse;
  // Stryker disable next-line ConditionalExpression,StringLiteral: the plain walk finds the same nodes, only slower
  if (typeof traverse === 'function') {
    for (const step of traverse.call(sourceCode)) {
      // Entered nodes only (phase 1); events (code path starts and ends) carry a name, not a node.
      // Stryker disable next-line EqualityOperator: each node is also left once (phase 2), so either phase asks the same
      if (step.phase === 1) visit(step.target as TSESTree.Node);
    }
  } else {
    walkNodes(sourceCode.ast, visit);
  }
  callsByFile.set(sourceCode.ast, calls);
  return calls;
}

/** The file's nodes, depth first, for a source code without ESLint's traversal steps (a source code whose language offers no `traverse()`). */
function walkNodes(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    stack.push(...childrenOf(node));
  }
}

/**
 * Listener helper: calls `handler` once per recognised SDK call in the file, when ESLint reaches it. The calls are
 * recognised before the traversal (sdkCallsOfFile), so a file without one registers no listener at all: ESLint
 * does not call a dozen rules for every call and `new` of a project's other files.
 */
export function onSdkCall(
  context: Context,
  handler: (call: SdkCall) => void,
): { NewExpression?(node: TSESTree.NewExpression): void; CallExpression?(node: TSESTree.CallExpression): void } {
  // Most files of a project cannot reach the SDK: nothing in them is worth recognising.
  if (!fileMayUseAws(context) && !fileMayHoldRequestShapes(context)) return {};
  const calls = sdkCallsOfFile(context);
  if (calls.size === 0) return {};
  const run = (node: TSESTree.NewExpression | TSESTree.CallExpression) => {
    const call = calls.get(node);
    if (call) handler(call);
  };
  return { NewExpression: run, CallExpression: run };
}
