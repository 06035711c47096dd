// createRule merges a rule's defaults into its options once per distinct options value (RuleCreator deep-cloned the
// defaults for every rule and every file): the same object for every file linted with the same options, a merge of
// its own for other options.
import { Linter } from 'eslint';
import { expect, it } from 'vitest';
import { createRule, docsBaseUrl } from '../../src/util/createRule.js';

it('hands every file the same merged options, and other options their own merge', () => {
  const seen: unknown[] = [];
  const rule = createRule<[{ limit: number; names: string[] }], 'x'>({
    name: 'probe',
    meta: {
      type: 'problem',
      docs: { description: 'probe', recommended: 'recommended', requiresTypeChecking: false },
      messages: { x: 'x' },
      schema: [{ type: 'object', properties: { limit: { type: 'number' }, names: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
      defaultOptions: [{ limit: 1, names: ['a'] }],
    },
    create(_context, [options]) {
      seen.push(options);
      return {};
    },
  });
  const linter = new Linter();
  const lint = (options: unknown[]) =>
    linter.verify('const a = 1;', [{ plugins: { p: { rules: { probe: rule as never } } }, rules: { 'p/probe': ['error', ...options] } }]);
  lint([]);
  lint([]);
  lint([{ limit: 5 }]);
  lint([{ limit: 5 }]);
  expect(seen).toHaveLength(4);
  expect(seen[0]).toEqual({ limit: 1, names: ['a'] });
  expect(seen[1]).toBe(seen[0]);
  expect(seen[2]).toEqual({ limit: 5, names: ['a'] });
  expect(seen[3]).toBe(seen[2]);
  expect(seen[2]).not.toBe(seen[0]);
  // Each rule's documentation is its own page under rules-docs/.
  expect(rule.meta.docs?.url).toBe(`${docsBaseUrl}probe.md`);
});
