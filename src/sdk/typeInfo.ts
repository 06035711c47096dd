import { createRequire } from 'node:module';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

/** Type information for one file, when typed linting is on. The checker is fetched lazily. */
export interface TypeInfo {
  program: ts.Program;
  readonly checker: ts.TypeChecker;
  ts: typeof ts;
  tsNode(node: TSESTree.Node): ts.Node | undefined;
}

const requireFromHere = createRequire(import.meta.url);
let tsModule: typeof ts | null | undefined;

function loadTypeScript(): typeof ts | null {
  // Loaded only when a parser already handed us a Program, so untyped JavaScript projects need no TypeScript.
  if (tsModule === undefined) {
    try {
      tsModule = requireFromHere('typescript') as typeof ts;
    } catch {
      tsModule = null;
    }
  }
  return tsModule;
}

const cache = new WeakMap<object, TypeInfo | null>();

/**
 * Reads parser services defensively: never throws (unlike `getParserServices`), null when the file is
 * linted without a TypeScript Program (espree, or typescript-eslint without `project`/`projectService`).
 */
export function getTypeInfo(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TypeInfo | null {
  const sourceCode = context.sourceCode;
  const key = sourceCode.ast;
  if (cache.has(key)) return cache.get(key) ?? null;
  let info: TypeInfo | null = null;
  try {
    const services = sourceCode.parserServices as
      | { program?: ts.Program | null; esTreeNodeToTSNodeMap?: { get(n: TSESTree.Node): ts.Node } }
      | undefined;
    const program = services?.program;
    const map = services?.esTreeNodeToTSNodeMap;
    const tsLib = program && map ? loadTypeScript() : null;
    if (program && map && tsLib) {
      let checker: ts.TypeChecker | undefined;
      info = {
        program,
        ts: tsLib,
        get checker() {
          checker ??= program.getTypeChecker();
          return checker;
        },
        tsNode(node) {
          try {
            return map.get(node);
          } catch {
            return undefined;
          }
        },
      };
    }
  } catch {
    info = null;
  }
  cache.set(key, info);
  return info;
}

/** Counts checker questions; the performance test asserts it stays 0 on files without AWS code. */
export const checkerStats = { symbolQueries: 0, typeQueries: 0 };

export function symbolAt(info: TypeInfo, node: TSESTree.Node): ts.Symbol | undefined {
  const tsNode = info.tsNode(node);
  if (!tsNode) return undefined;
  checkerStats.symbolQueries++;
  try {
    let symbol = info.checker.getSymbolAtLocation(tsNode);
    if (symbol && symbol.flags & info.ts.SymbolFlags.Alias) symbol = info.checker.getAliasedSymbol(symbol);
    return symbol;
  } catch {
    return undefined;
  }
}

export function typeAt(info: TypeInfo, node: TSESTree.Node): ts.Type | undefined {
  const tsNode = info.tsNode(node);
  if (!tsNode) return undefined;
  checkerStats.typeQueries++;
  try {
    return info.checker.getTypeAtLocation(tsNode);
  } catch {
    return undefined;
  }
}

/** The file that declares a symbol (first declaration), normalised to forward slashes. */
export function declarationFile(symbol: ts.Symbol | undefined): string | undefined {
  const decl = symbol?.declarations?.[0];
  return decl?.getSourceFile().fileName.replace(/\\/g, '/');
}

/** Which AWS package a declaration file belongs to, by its path (works for npm, pnpm and yarn layouts). */
export function awsPackageOfFile(fileName: string | undefined): string | undefined {
  if (!fileName) return undefined;
  const m = /\/node_modules\/((?:@aws-sdk|@aws-crypto)\/[^/]+|aws-sdk)\//.exec(fileName);
  return m?.[1];
}
