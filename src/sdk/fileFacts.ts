import type { TSESLint } from '@typescript-eslint/utils';

const awsMention = /@aws-sdk\/|['"]aws-sdk['"/]|@aws-crypto\/|\bKMS\b|GenerateDataKey|Decrypt(?:Command|Response|Output)/;
const cache = new WeakMap<object, boolean>();

/**
 * Cheap per-file gate for rules whose listeners fire on common nodes (every call, every log line): a file
 * that never mentions the AWS SDK cannot hold a KMS response, so such rules skip it without asking the checker.
 */
export function fileMentionsAws(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): boolean {
  const key = context.sourceCode.ast;
  let result = cache.get(key);
  if (result === undefined) {
    result = awsMention.test(context.sourceCode.text);
    cache.set(key, result);
  }
  return result;
}

const relativeImport = /\bfrom\s*['"]\.|\brequire\s*\(\s*['"]\.|\bimport\s*\(\s*['"]\./;
const relCache = new WeakMap<object, boolean>();

/** Does the file import from the project's own modules (which may re-export SDK classes under other names)? */
export function fileImportsRelative(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): boolean {
  const key = context.sourceCode.ast;
  let result = relCache.get(key);
  if (result === undefined) {
    result = relativeImport.test(context.sourceCode.text);
    relCache.set(key, result);
  }
  return result;
}
