// require-key-rotation's meta as the generated docs show it: the README's rule list row and the rule page's header
// (eslint-doc-generator writes both from meta; `npm run lint:docs` fails when they drift). Checked here too, against
// this rule alone, so that StrykerJS's cdk config sees a meta change ('untyped': no type information needed).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { presetRules } from '../../src/configs.js';
import rule from '../../src/rules/require-key-rotation.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const name = 'require-key-rotation';

describe('require-key-rotation meta (untyped)', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const row = readme.split('\n').find((l) => l.startsWith(`| [${name}](rules-docs/${name}.md)`)) ?? '';
  // | name | description | configs | warn | suggestions | options |
  const cells = row.split('|').slice(1, -1).map((c) => c.trim());
  const page = readFileSync(path.join(root, 'rules-docs', `${name}.md`), 'utf8');
  const header = page.slice(0, page.indexOf('<!-- end auto-generated rule header -->'));

  it('has the README row its meta makes', () => {
    expect(cells).toHaveLength(6);
    expect(cells[1]).toBe(rule.meta.docs?.description);
    expect(cells[2].includes('✅')).toBe(`kms/${name}` in presetRules({ [name]: rule }, 'recommended'));
    expect(cells[4] === '💡').toBe(rule.meta.hasSuggestions === true);
  });

  it('has the page header its meta makes, at the URL its name makes', () => {
    expect(header).toContain(`# kms/${name}`);
    expect(header.includes('💡')).toBe(rule.meta.hasSuggestions === true);
    expect(header.includes('💭')).toBe(rule.meta.docs?.requiresTypeChecking);
    expect(rule.meta.docs?.url).toMatch(new RegExp(`/rules-docs/${name}\\.md$`));
    // Reported as problems (code that deploys or runs wrong), not style.
    expect(rule.meta.type).toBe('problem');
  });
});
