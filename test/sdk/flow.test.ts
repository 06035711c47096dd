// src/sdk/flow.ts: node positions on ESLint's code paths and the forward solver, through a probe rule that
// reports functions where some path reaches the end after `open()` without a later `close()`.
import type { TSESTree } from '@typescript-eslint/utils';
import { Linter, type Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import { createPathRecorder, frameRootOf, nestedFunctionIn, solveForward, type FlowEvent, type Segment } from '../../src/sdk/flow.js';

const probe: Rule.RuleModule = {
  meta: { type: 'problem', schema: [], messages: { open: 'open on some path to the end' } },
  create(context) {
    const recorder = createPathRecorder((rec) => {
      for (const frame of rec.frames) {
        const events = new Map<Segment, FlowEvent<number>[]>();
        for (const node of walk(frame.root)) {
          if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier') continue;
          if (frameRootOf(node) !== frame.root) continue;
          const name = node.callee.name;
          if (name !== 'open' && name !== 'close') continue;
          const position = rec.positionOf(node)!;
          for (const segment of position.exitSegments) {
            const list = events.get(segment) ?? [];
            list.push({ seq: position.exitSeq, apply: () => (name === 'open' ? 1 : 0) });
            events.set(segment, list);
          }
        }
        const solution = solveForward<number>({
          frame,
          initial: 0,
          bottom: 0,
          join: (a, b) => a | b,
          equal: (a, b) => a === b,
          eventsOf: (segment) => events.get(segment) ?? [],
        });
        if (frame.codePath.returnedSegments.some((s) => solution.out.get(s) === 1)) {
          context.report({ node: frame.root as never, messageId: 'open' });
        }
      }
    });
    return recorder.listeners as unknown as Rule.RuleListener;
  },
};

function walk(node: TSESTree.Node): TSESTree.Node[] {
  const out: TSESTree.Node[] = [node];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (child && typeof child === 'object' && typeof (child as TSESTree.Node).type === 'string') out.push(...walk(child as TSESTree.Node));
    }
  }
  return out;
}

const linter = new Linter({ configType: 'flat' });
const lint = (code: string): number[] =>
  linter
    .verify(code, [{ plugins: { p: { rules: { probe } } }, rules: { 'p/probe': 'error' }, languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } }], 'x.js')
    .map((m) => {
      expect(m.fatal).toBeFalsy();
      return m.line;
    });

describe('createPathRecorder + solveForward', () => {
  it('straight line: closed', () => {
    expect(lint('function f() { open(); work(); close(); }')).toEqual([]);
  });
  it('early return before the close', () => {
    expect(lint('function f(x) {\n open();\n if (x) return;\n close();\n}')).toEqual([1]);
  });
  it('close in finally covers returns', () => {
    expect(lint('function f(x) { open(); try { if (x) return 1; work(); } finally { close(); } }')).toEqual([]);
  });
  it('loops: a path that exits the loop after open', () => {
    expect(lint('function f(xs) { for (const x of xs) { open(); if (x) break; close(); } }')).toEqual([1]);
    expect(lint('function f(xs) { for (const x of xs) { open(); close(); } }')).toEqual([]);
  });
  it('frames are per function: a nested function does not close for its parent', () => {
    expect(lint('function f() {\n open();\n const g = () => close();\n g();\n}')).toEqual([1]);
  });
  it('the Program is a frame too, ended last', () => {
    expect(lint('open();')).toEqual([1]);
  });
});

describe('nestedFunctionIn and frameRootOf', () => {
  it('place a node in its own frame and find the function directly inside an outer root', () => {
    const seen: string[] = [];
    const rule: Rule.RuleModule = {
      meta: { type: 'problem', schema: [] },
      create: () => ({
        'CallExpression[callee.name="h"]'(node: Rule.Node) {
          const call = node as unknown as TSESTree.CallExpression;
          const root = frameRootOf(call);
          const outer = frameRootOf(root);
          seen.push(`${root.type}<${outer.type}`);
          seen.push(String(nestedFunctionIn(outer, call) === root));
          seen.push(String(nestedFunctionIn(root, call)));
        },
      }),
    };
    linter.verify('function f() { const g = () => { h(); }; }', [{ plugins: { p: { rules: { rule } } }, rules: { 'p/rule': 'error' } }], 'x.js');
    expect(seen).toEqual(['ArrowFunctionExpression<FunctionDeclaration', 'true', 'null']);
  });
});
