import { isBuiltin } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * A cheap per-file gate: does the file's text match `pattern`? Tested once per file (keyed by its AST, which
 * every rule of one lint run shares), so a dozen rules asking cost one regular-expression test.
 */
export function fileTextGate(pattern: RegExp): (context: Context) => boolean {
  const cache = new WeakMap<object, boolean>();
  return (context) => {
    const key = context.sourceCode.ast;
    let result = cache.get(key);
    if (result === undefined) cache.set(key, (result = pattern.test(context.sourceCode.text)));
    return result;
  };
}

/**
 * Cheap per-file gate for rules whose listeners fire on common nodes (every call, every log line): a file
 * that never mentions the AWS SDK cannot hold a KMS response, so such rules skip it without asking the checker.
 */
export const fileMentionsAws = fileTextGate(/@aws-sdk\/|['"]aws-sdk['"/]|@aws-crypto\/|\bKMS\b|GenerateDataKey|Decrypt(?:Command|Response|Output)/);

// `from '…'`, `import '…'`, `require('…')`, `import('…')`: the module specifiers a file names.
const moduleSpecifier = /\b(?:from|import|require)\s*\(?\s*(['"])([^'"\n]+)\1/g;
const modulesCache = new WeakMap<object, boolean>();

/**
 * Does the file import any module besides Node's built-ins? A module of the project (relative, a `paths`
 * alias, a workspace package) may hand it an SDK client or command under any name; a file that imports
 * nothing but `node:*` cannot reach the SDK without naming it.
 */
export function fileImportsModules(context: Context): boolean {
  const key = context.sourceCode.ast;
  let result = modulesCache.get(key);
  if (result === undefined) {
    result = false;
    for (const match of context.sourceCode.text.matchAll(moduleSpecifier)) {
      if (!isBuiltin(match[2])) {
        result = true;
        break;
      }
    }
    modulesCache.set(key, result);
  }
  return result;
}
