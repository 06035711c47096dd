// The README's recipes, run as written: the flat-config snippets (typed and untyped) in a project that
// installs eslint-plugin-kms by name, and the pre-commit hook definition.
import { mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt, makeProject, removeProjects, repoRoot, runCli, TSCONFIG } from './helpers.js';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

/** The fenced block that follows a README heading. */
function blockAfter(heading: string): string {
  const at = readme.indexOf(`\n${heading}\n`);
  expect(at, `README has "${heading}"`).toBeGreaterThan(-1);
  const match = /```\w*\n([\s\S]*?)```/.exec(readme.slice(at));
  expect(match, `a code block after "${heading}"`).not.toBeNull();
  return match![1];
}

/** A project whose node_modules holds this repository's dependencies plus eslint-plugin-kms itself, as after `npm install`. */
function installedProject(files: Record<string, string>): string {
  const dir = makeProject(files, { nodeModules: false });
  const modules = path.join(dir, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(repoRoot, 'node_modules'))) {
    if (entry !== '.bin' && entry !== 'eslint-plugin-kms') symlinkSync(path.join(repoRoot, 'node_modules', entry), path.join(modules, entry), 'dir');
  }
  symlinkSync(repoRoot, path.join(modules, 'eslint-plugin-kms'), 'dir');
  return dir;
}

const OVERSIZED = `import { KMSClient, EncryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export async function seal() {
  return kms.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: Buffer.from('x'.repeat(5000)), EncryptionContext: { app: 'a' } }));
}
`;

vi.setConfig({ testTimeout: 300_000 });
beforeAll(ensureBuilt, 360_000);
afterAll(removeProjects);

describe('README flat-config snippets', () => {
  it('TypeScript (typed): reports an oversized Encrypt with the recommended preset', async () => {
    const dir = installedProject({
      'eslint.config.mjs': blockAfter('### TypeScript (typed)').replace(/^`eslint\.config\.mjs`:\s*/, ''),
      'tsconfig.json': TSCONFIG.replace('"types": []', '"types": ["node"]'),
      'src/seal.ts': OVERSIZED,
    });
    const eslint = new ESLint({ cwd: dir });
    const [result] = await eslint.lintFiles(['src/seal.ts']);
    expect(result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['4:71 kms/no-oversized-encrypt']);
    const config = (await eslint.calculateConfigForFile(path.join(dir, 'src/seal.ts'))) as { languageOptions: { parserOptions: { projectService?: boolean } } };
    expect(config.languageOptions.parserOptions.projectService).toBe(true);
  });

  it('JavaScript (untyped): reports it through require() tracking', async () => {
    const dir = installedProject({
      'eslint.config.mjs': blockAfter('### JavaScript (untyped)'),
      'lib/seal.cjs': OVERSIZED.replace("import { KMSClient, EncryptCommand } from '@aws-sdk/client-kms';", "const { KMSClient, EncryptCommand } = require('@aws-sdk/client-kms');").replace('export async', 'async'),
    });
    const [result] = await new ESLint({ cwd: dir }).lintFiles(['lib/seal.cjs']);
    expect(result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['4:71 kms/no-oversized-encrypt']);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  // js-yaml comes with eslint-doc-generator (cosmiconfig); YAML is parsed, not pattern-matched.
  const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
  const hooks = yaml.load(readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };

  it('defines the kms-lint hook on the package bin, for JS and TS files', () => {
    expect(hooks.map((h) => h.id)).toEqual(['kms-lint']);
    const [hook] = hooks;
    expect(hook.language).toBe('node');
    expect(hook.entry).toBe('kms-lint');
    expect(pkg.bin[hook.entry as string]).toBe('dist/cli/index.js');
    expect(hook.types_or).toEqual(['javascript', 'jsx', 'ts', 'tsx']);
  });

  it('its entry, given staged file names as pre-commit passes them, fails on a finding and passes clean files', async () => {
    const dir = makeProject({ 'tsconfig.json': TSCONFIG.replace('"types": []', '"types": ["node"]'), 'src/seal.ts': OVERSIZED, 'src/ok.ts': 'export const ok = 1;\n' });
    const bad = await runCli(['src/ok.ts', 'src/seal.ts'], dir);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/4:71\s+error\s+.*kms\/no-oversized-encrypt/);
    const good = await runCli(['src/ok.ts'], dir);
    expect(good.status).toBe(0);
    expect(good.stdout).toBe('');
  });
});
