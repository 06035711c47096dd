// Small AST helpers every recogniser and rule needs.
import type { TSESTree } from '@typescript-eslint/utils';

/**
 * Strips what does not change the value at run time: TypeScript's `as`, `satisfies`, `!` and `<T>x`, and the
 * ChainExpression wrapper around an optional chain.
 */
export function unwrapTs(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  while (
    n.type === 'TSAsExpression' ||
    n.type === 'TSSatisfiesExpression' ||
    n.type === 'TSNonNullExpression' ||
    n.type === 'TSTypeAssertion' ||
    n.type === 'ChainExpression'
  ) {
    n = n.expression;
  }
  return n;
}

/** `unwrapTs`, and through `await` too: the value a promise settles to. */
export function unwrapAwait(node: TSESTree.Node): TSESTree.Node {
  let n = unwrapTs(node);
  while (n.type === 'AwaitExpression') n = unwrapTs(n.argument);
  return n;
}

export type LoopNode =
  | TSESTree.ForStatement
  | TSESTree.ForOfStatement
  | TSESTree.ForInStatement
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement;

/** A loop statement of any kind (`for`, `for…of`, `for…in`, `while`, `do…while`). */
export function isLoopNode(node: TSESTree.Node): node is LoopNode {
  return (
    node.type === 'ForStatement' ||
    node.type === 'ForOfStatement' ||
    node.type === 'ForInStatement' ||
    node.type === 'WhileStatement' ||
    node.type === 'DoWhileStatement'
  );
}

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** A function of any syntax (declaration, expression, arrow); false for null and undefined. */
export function isFunctionNode(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return !!node && (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression');
}

/** A node's child nodes, in source order of its keys (every key but `parent`). */
export function childrenOf(node: TSESTree.Node): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  for (const [name, value] of Object.entries(node)) {
    if (name === 'parent') continue;
    if (Array.isArray(value)) {
      for (const child of value) if (child && typeof (child as TSESTree.Node).type === 'string') out.push(child as TSESTree.Node);
    } else if (value && typeof value === 'object' && typeof (value as TSESTree.Node).type === 'string') {
      out.push(value as TSESTree.Node);
    }
  }
  return out;
}
