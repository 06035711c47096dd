// Suggestion fixes that add a property to an object literal, keeping its layout (one property a line or inline).
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** Inserts `text` as a new property after `prop`, on its own line when the object lays properties out one a line. */
export function insertPropertyAfter(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  prop: TSESTree.Property,
  text: string,
): TSESLint.RuleFix {
  const literal = prop.parent as TSESTree.ObjectExpression;
  const index = literal.properties.findIndex((p) => p === prop);
  const next = literal.properties[index + 1];
  const closing = sourceCode.getLastToken(literal);
  const ownLine = next ? next.loc.start.line > prop.loc.end.line : !!closing && closing.loc.start.line > prop.loc.end.line;
  const after = sourceCode.getTokenAfter(prop);
  if (!ownLine) return fixer.insertTextAfter(prop, `, ${text}`);
  const indent = ' '.repeat(prop.loc.start.column);
  if (after?.value === ',') return fixer.insertTextAfter(after, `\n${indent}${text},`);
  return fixer.insertTextAfter(prop, `,\n${indent}${text}`);
}

/** Adds `text` as the last property of `literal` (`{}` becomes `{ text }`). */
export function appendProperty(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  literal: TSESTree.ObjectExpression,
  text: string,
): TSESLint.RuleFix {
  const last = literal.properties[literal.properties.length - 1];
  if (last?.type === 'Property') return insertPropertyAfter(fixer, sourceCode, last, text);
  if (last) {
    // After a spread: a later property wins over what the spread says, which is what the fix means.
    const after = sourceCode.getTokenAfter(last);
    return after?.value === ',' ? fixer.insertTextAfter(after, ` ${text},`) : fixer.insertTextAfter(last, `, ${text}`);
  }
  return fixer.replaceText(literal, `{ ${text} }`);
}
