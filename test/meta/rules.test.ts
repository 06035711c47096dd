// Every rule is exported under its file name, documented, described by a well-formed meta, and placed in
// the presets its meta.docs ask for. Derived from src/rules and the plugin object: no list of rules here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const ruleFiles = readdirSync(path.join(root, 'src/rules'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const names = Object.keys(plugin.rules).sort();

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema & { description?: string }>;
  additionalProperties?: unknown;
}
interface RuleMeta {
  type?: string;
  messages?: Record<string, string>;
  schema?: JsonSchema[] | JsonSchema;
  defaultOptions?: unknown[];
  hasSuggestions?: boolean;
  docs?: {
    description?: string;
    url?: string;
    recommended?: string;
    severity?: string;
    requiresTypeChecking?: boolean;
    strictOptions?: readonly unknown[];
  };
}
const metaOf = (name: string) => plugin.rules[name].meta as RuleMeta;
const schemaObjects = (meta: RuleMeta): JsonSchema[] => (Array.isArray(meta.schema) ? meta.schema : meta.schema ? [meta.schema] : []);
const docPath = (name: string) => path.join(root, 'rules-docs', `${name}.md`);
const headings = (markdown: string) =>
  markdown
    .replace(/^```[\s\S]*?^```/gm, '') // headings inside code blocks are code
    .split('\n')
    .filter((l) => /^#{1,6} /.test(l))
    .map((l) => l.trim());

describe('the plugin object', () => {
  it('carries name, version (from package.json) and namespace', () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'kms' });
  });

  it('has at least one rule', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  it('registers every file of src/rules under its file name, and nothing else', () => {
    expect(names).toEqual(ruleFiles);
  });

  it.each(ruleFiles)('src/rules/%s.ts is the module registered under its name', async (name) => {
    const mod = (await import(pathToFileURL(path.join(root, 'src/rules', `${name}.ts`)).href)) as { default: unknown };
    expect(plugin.rules[name]).toBe(mod.default);
  });
});

describe.each(names)('rule %s', (name) => {
  const meta = metaOf(name);

  it('has a type, a description, messages, and docs.url to its rules-docs page', () => {
    expect(['problem', 'suggestion', 'layout']).toContain(meta.type);
    expect(meta.docs?.description).toMatch(/\S/);
    expect(Object.keys(meta.messages ?? {}).length).toBeGreaterThan(0);
    expect(meta.docs?.url).toMatch(new RegExp(`/rules-docs/${name}\\.md$`));
    expect(['recommended', 'strict']).toContain(meta.docs?.recommended);
    expect(typeof meta.docs?.requiresTypeChecking).toBe('boolean');
    if (meta.docs?.severity !== undefined) expect(['error', 'warn']).toContain(meta.docs.severity);
  });

  it('has an options schema of closed objects with a description on every property, and defaults when it has options', () => {
    const objects = schemaObjects(meta);
    for (const object of objects) {
      expect(object.type).toBe('object');
      expect(object.additionalProperties).toBe(false);
      for (const [property, definition] of Object.entries(object.properties ?? {})) {
        expect(definition.description, `${name} option ${property}`).toMatch(/\S/);
      }
    }
    const hasOptions = objects.some((o) => Object.keys(o.properties ?? {}).length > 0);
    if (hasOptions) expect(Array.isArray(meta.defaultOptions) && meta.defaultOptions.length > 0).toBe(true);
  });

  it('has a rules-docs page with the required sections', () => {
    expect(existsSync(docPath(name)), docPath(name)).toBe(true);
    const doc = readFileSync(docPath(name), 'utf8');
    const found = headings(doc);
    expect(found[0]).toBe(`# kms/${name}`);
    for (const required of ['## Examples', '### ❌ Incorrect', '### ✅ Correct', '## When Not To Use It', '## Further Reading']) {
      expect(found, `${name}.md lacks "${required}"`).toContain(required);
    }
    const options = schemaObjects(meta).flatMap((o) => Object.keys(o.properties ?? {}));
    if (options.length > 0) {
      expect(found).toContain('## Options');
      // One heading per option, so each can be linked to.
      for (const option of options) expect(found, `${name}.md has no heading for option ${option}`).toContain(`### ${option}`);
    }
  });
});

describe('presets follow meta.docs', () => {
  const expected = (preset: 'recommended' | 'strict' | 'all') =>
    Object.fromEntries(
      names
        .filter((n) => {
          const level = metaOf(n).docs?.recommended;
          return preset === 'all' || level === 'recommended' || (preset === 'strict' && level === 'strict');
        })
        .map((n) => {
          if (preset === 'recommended') return [`kms/${n}`, metaOf(n).docs?.severity ?? 'error'];
          // Strict and all are gates: errors, with the opt-in checks a rule lists in docs.strictOptions.
          const strictOptions = metaOf(n).docs?.strictOptions ?? [];
          return [`kms/${n}`, strictOptions.length > 0 ? ['error', ...strictOptions] : 'error'];
        }),
    );

  it.each(['recommended', 'strict', 'all'] as const)('%s', (preset) => {
    const config = plugin.configs[preset];
    expect(config.plugins?.kms).toBe(plugin);
    expect(config.rules).toEqual(expected(preset));
  });

  it('recommended ⊂ strict ⊆ all, and all holds every rule', () => {
    const ids = (preset: 'recommended' | 'strict' | 'all') => Object.keys(plugin.configs[preset].rules ?? {});
    for (const id of ids('recommended')) expect(ids('strict')).toContain(id);
    expect(ids('all').sort()).toEqual(names.map((n) => `kms/${n}`));
  });
});
