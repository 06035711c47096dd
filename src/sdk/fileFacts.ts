import { isBuiltin } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const awsMention = /@aws-sdk\/|['"]aws-sdk['"/]|@aws-crypto\/|\bKMS\b|GenerateDataKey|Decrypt(?:Command|Response|Output)/;
const cache = new WeakMap<object, boolean>();

/**
 * Cheap per-file gate for rules whose listeners fire on common nodes (every call, every log line): a file
 * that never mentions the AWS SDK cannot hold a KMS response, so such rules skip it without asking the checker.
 */
export function fileMentionsAws(context: Context): boolean {
  const key = context.sourceCode.ast;
  let result = cache.get(key);
  if (result === undefined) {
    result = awsMention.test(context.sourceCode.text);
    cache.set(key, result);
  }
  return result;
}

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
