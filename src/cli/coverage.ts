import type { ESLint, Linter, Rule } from 'eslint';
import type * as ts from 'typescript';

/**
 * What kms-lint learns about each file while linting it: whether the rules had type information, and
 * which AWS SDK imports did not resolve to declarations. A probe rule reports it once per file as a
 * message that run.ts takes out of the results again. A message, because it is the one channel that
 * reaches the main thread from ESLint's `--concurrency` worker threads; a file with no probe message
 * was never handed to the rules, so it could not be parsed.
 */
export const PROBE_PLUGIN = 'kms-lint';
export const PROBE_RULE = 'coverage';
export const PROBE_RULE_ID = `${PROBE_PLUGIN}/${PROBE_RULE}`;

export interface FileProbe {
  /** The parser gave the rules a TypeScript program for this file. */
  typed: boolean;
  /** With types: AWS SDK module specifiers that resolved to no declarations (dependencies not installed). */
  unresolved: string[];
}

/** Modules whose types the rules recognise calls by. */
export const SDK_MODULE = /^(?:@aws-sdk\/|@aws-crypto\/|aws-sdk(?:\/|$))/;

type Literalish = { type: string; value?: unknown };
const sdkSpecifier = (node: Literalish | null | undefined): node is Literalish & { value: string } =>
  node?.type === 'Literal' && typeof node.value === 'string' && SDK_MODULE.test(node.value);

interface TypedServices {
  program: ts.Program;
  esTreeNodeToTSNodeMap: { get(node: unknown): ts.Node };
}

const probeRule: Rule.RuleModule = {
  meta: { type: 'suggestion', schema: [], docs: { description: 'kms-lint internal: what the rules saw of this file' } },
  create(context) {
    const services = context.sourceCode.parserServices as Partial<TypedServices> | undefined;
    const typed = services?.program != null && services.esTreeNodeToTSNodeMap != null;
    const specifiers: Literalish[] = [];
    // A plain require() in a .ts file is not resolved by TypeScript at all: only JS files count it.
    const isJs = /\.[cm]?jsx?$/.test(context.filename);
    const collect = (node: Literalish | null | undefined) => {
      if (sdkSpecifier(node)) specifiers.push(node);
    };
    return {
      ImportDeclaration: (node) => collect(node.source),
      ExportNamedDeclaration: (node) => collect(node.source),
      ExportAllDeclaration: (node) => collect(node.source),
      ImportExpression: (node) => collect(node.source as Literalish),
      CallExpression(node) {
        if (isJs && node.callee.type === 'Identifier' && node.callee.name === 'require') collect(node.arguments[0] as Literalish);
      },
      // import kms = require('aws-sdk/clients/kms'): not in ESLint's own node types.
      ...({ TSExternalModuleReference: (node: { expression: Literalish }) => collect(node.expression) } as Rule.RuleListener),
      'Program:exit'(program) {
        const unresolved = new Set<string>();
        if (typed) {
          const { program: tsProgram, esTreeNodeToTSNodeMap } = services as TypedServices;
          const checker = tsProgram.getTypeChecker();
          for (const specifier of specifiers) {
            // The module symbol of a specifier is what every type the rules ask about is declared in.
            const tsNode = esTreeNodeToTSNodeMap.get(specifier) as ts.Node | undefined;
            if (tsNode !== undefined && checker.getSymbolAtLocation(tsNode) === undefined) unresolved.add(specifier.value as string);
          }
        }
        const probe: FileProbe = { typed, unresolved: [...unresolved].sort() };
        context.report({ node: program, message: JSON.stringify(probe) });
      },
    };
  },
};

export const probePlugin: ESLint.Plugin = { meta: { name: PROBE_PLUGIN }, rules: { [PROBE_RULE]: probeRule } };

/** The config block that runs the probe on every linted file (last, so no project config turns it off). */
export const probeConfig: Linter.Config = {
  name: 'kms-lint/coverage',
  plugins: { [PROBE_PLUGIN]: probePlugin },
  rules: { [PROBE_RULE_ID]: 'warn' },
};
