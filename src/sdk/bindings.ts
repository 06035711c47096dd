import { ASTUtils, TSESTree, type TSESLint } from '@typescript-eslint/utils';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Where a value comes from, as far as imports and requires tell without types. */
export type Origin =
  | { kind: 'module'; module: string } // the module object itself (namespace import, `require('m')`)
  | { kind: 'export'; module: string; name: string }; // one export (`import { X as Y }`, `require('m').X`); default is 'default'

const MAX_DEPTH = 8;

/** The variable an identifier refers to, respecting shadowing. */
export function variableOf(context: Context, id: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  try {
    return ASTUtils.findVariable(context.sourceCode.getScope(id), id) ?? null;
  } catch {
    return null;
  }
}

/** The single expression a variable is bound to, if it is a `const` (or a never-reassigned `let`/`var`) with an initialiser. */
export function constInitOf(variable: TSESLint.Scope.Variable | null): TSESTree.Expression | null {
  if (!variable || variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def.type !== 'Variable') return null;
  const declarator = def.node;
  if (declarator.id.type !== 'Identifier' || !declarator.init) return null;
  if (def.parent.kind !== 'const' && variable.references.some((r) => r.isWrite() && !r.init)) return null;
  return declarator.init;
}

/** `createRequire(import.meta.url)` (from `node:module`), called directly or through a name bound to it. */
function isCreateRequireCall(node: TSESTree.Node | null | undefined): boolean {
  if (node?.type !== 'CallExpression') return false;
  const callee = node.callee;
  return (
    (callee.type === 'Identifier' && callee.name === 'createRequire') ||
    (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'createRequire')
  );
}

function moduleOfRequire(node: TSESTree.Node | null | undefined, context?: Context): string | null {
  let n = node;
  if (n?.type === 'AwaitExpression') n = n.argument;
  if (n?.type === 'ImportExpression' && n.source.type === 'Literal' && typeof n.source.value === 'string') {
    return n.source.value;
  }
  if (n?.type !== 'CallExpression' || n.arguments.length !== 1 || n.arguments[0].type !== 'Literal' || typeof n.arguments[0].value !== 'string') {
    return null;
  }
  const callee = n.callee;
  const isRequire =
    (callee.type === 'Identifier' &&
      (callee.name === 'require' || (!!context && isCreateRequireCall(constInitOf(variableOf(context, callee)))))) ||
    isCreateRequireCall(callee);
  return isRequire ? n.arguments[0].value : null;
}

/**
 * Every value a `let`/`var` is given: its initialiser and each later `x = value` (`null`/`undefined` resets left out),
 * or null when some write is not a plain assignment. For `let AWS; if (needed) AWS = require('aws-sdk')` and a
 * module-level `let kms;` assigned inside a function.
 */
export function assignedValuesOf(variable: TSESLint.Scope.Variable | null): TSESTree.Expression[] | null {
  if (!variable || variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def.type !== 'Variable' || def.node.id.type !== 'Identifier') return null;
  const values: TSESTree.Expression[] = [];
  if (def.node.init) values.push(def.node.init);
  for (const ref of variable.references) {
    if (!ref.isWrite() || ref.init) continue;
    const parent = ref.identifier.parent;
    if (parent?.type !== 'AssignmentExpression' || parent.operator !== '=' || parent.left !== ref.identifier) return null;
    values.push(parent.right);
  }
  const meaningful = values.filter((v) => !(v.type === 'Literal' && v.value === null) && !(v.type === 'Identifier' && v.name === 'undefined'));
  return meaningful.length > 0 ? meaningful : null;
}

const sameOrigin = (a: Origin, b: Origin) => a.kind === b.kind && a.module === b.module && (a.kind === 'module' || a.name === (b as typeof a).name);

export function staticPropertyName(node: TSESTree.MemberExpression | TSESTree.Property): string | null {
  const key = node.type === 'MemberExpression' ? node.property : node.key;
  if (!node.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0].value.cooked ?? null;
  return null;
}

function originOfVariable(context: Context, variable: TSESLint.Scope.Variable, depth: number): Origin | null {
  if (variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def.type === 'ImportBinding') {
    const spec = def.node;
    if (spec.type === 'TSImportEqualsDeclaration') {
      const ref = spec.moduleReference;
      if (ref.type === 'TSExternalModuleReference' && ref.expression.type === 'Literal') {
        return { kind: 'module', module: String(ref.expression.value) };
      }
      return null;
    }
    const decl = def.parent as TSESTree.ImportDeclaration;
    const module = String(decl.source.value);
    if (spec.type === 'ImportNamespaceSpecifier') return { kind: 'module', module };
    if (spec.type === 'ImportDefaultSpecifier') return { kind: 'export', module, name: 'default' };
    const imported = spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
    return { kind: 'export', module, name: imported };
  }
  if (def.type === 'Variable') {
    const declarator = def.node;
    const init = declarator.init;
    if (def.parent.kind !== 'const' && declarator.id.type === 'Identifier' && variable.references.some((r) => r.isWrite() && !r.init)) {
      // Assigned later (a deferred or conditional require): every value it is given must agree.
      const origins = (assignedValuesOf(variable) ?? []).map((v) => originOfExpression(context, v, depth + 1));
      if (origins.length === 0 || origins.some((o) => !o)) return null;
      return origins.every((o) => sameOrigin(o!, origins[0]!)) ? origins[0] : null;
    }
    if (!init) return null;
    if (def.parent.kind !== 'const' && variable.references.some((r) => r.isWrite() && !r.init)) return null;
    const base = originOfExpression(context, init, depth + 1);
    if (declarator.id.type === 'Identifier') return base;
    if (declarator.id.type === 'ObjectPattern' && base) {
      // const { EncryptCommand: Enc } = require('@aws-sdk/client-kms')
      for (const prop of declarator.id.properties) {
        if (prop.type !== 'Property') continue;
        const value = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
        if (value.type === 'Identifier' && value.name === def.name.name) {
          const key = staticPropertyName(prop);
          if (key === null) return null;
          return memberOrigin(base, key);
        }
      }
    }
  }
  return null;
}

function memberOrigin(base: Origin, name: string): Origin | null {
  if (base.kind === 'module') return { kind: 'export', module: base.module, name };
  // `import AWS from 'aws-sdk'` gives the default export, which is the namespace object for CommonJS modules.
  if (base.kind === 'export' && base.name === 'default') return { kind: 'export', module: base.module, name };
  return null;
}

/** Follows identifiers, member accesses, requires and `const` aliases back to an import. */
export function originOfExpression(context: Context, node: TSESTree.Node, depth = 0): Origin | null {
  if (depth > MAX_DEPTH) return null;
  const required = moduleOfRequire(node, context);
  if (required) return { kind: 'module', module: required };
  switch (node.type) {
    case 'Identifier': {
      const variable = variableOf(context, node);
      return variable ? originOfVariable(context, variable, depth) : null;
    }
    case 'MemberExpression': {
      const name = staticPropertyName(node);
      if (name === null) return null;
      const base = originOfExpression(context, node.object, depth + 1);
      return base ? memberOrigin(base, name) : null;
    }
    case 'TSQualifiedName': {
      // A type position: `kms: AWS.KMS`.
      const base = originOfExpression(context, node.left, depth + 1);
      return base ? memberOrigin(base, node.right.name) : null;
    }
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
      return originOfExpression(context, node.expression, depth + 1);
    case 'ChainExpression':
      return originOfExpression(context, node.expression, depth + 1);
    default:
      return null;
  }
}

/** The name an identifier had where it was imported (`import { EncryptCommand as Enc }` → `EncryptCommand`). */
export function importedNameOf(context: Context, node: TSESTree.Node): { name: string; fromModule?: string } | null {
  if (node.type === 'MemberExpression') {
    const name = staticPropertyName(node);
    return name === null ? null : { name };
  }
  if (node.type !== 'Identifier') return null;
  const variable = variableOf(context, node);
  const def = variable?.defs[0];
  if (def?.type === 'ImportBinding' && def.node.type === 'ImportSpecifier') {
    const imported = def.node.imported;
    return {
      name: imported.type === 'Identifier' ? imported.name : String(imported.value),
      fromModule: String((def.parent as TSESTree.ImportDeclaration).source.value),
    };
  }
  if (def?.type === 'ImportBinding' && def.parent?.type === 'ImportDeclaration') {
    return { name: node.name, fromModule: String(def.parent.source.value) };
  }
  return { name: node.name };
}
