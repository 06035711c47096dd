// Workspace packages (src/sdk/context/workspaces.ts) and imports of them by package name, without ESLint (fast;
// StrykerJS runs this file, see stryker/context.config.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SiteWalker } from '../../src/sdk/context/walker.js';
import { Workspace, workspacePatterns } from '../../src/sdk/context/workspaces.js';

function repository(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kms-workspace-')));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const manifest = (fields: Record<string, unknown>) => JSON.stringify(fields);
const rel = (dir: string, stems: string[] | null) => stems?.map((s) => path.relative(dir, s));

describe('workspace declarations', () => {
  it('reads npm/yarn workspaces (an array, or { packages }) and pnpm-workspace.yaml', () => {
    expect(workspacePatterns(repository({ 'package.json': manifest({ workspaces: ['packages/*', 'apps/*'] }) }))).toEqual(['packages/*', 'apps/*']);
    expect(workspacePatterns(repository({ 'package.json': manifest({ workspaces: { packages: ['libs/*'], nohoist: ['x'] } }) }))).toEqual(['libs/*']);
    expect(workspacePatterns(repository({ 'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n  - '!packages/legacy'\n" }))).toEqual(['packages/*', '!packages/legacy']);
    expect(workspacePatterns(repository({ 'package.json': manifest({ workspaces: ['a/*'] }), 'pnpm-workspace.yaml': 'packages: [b/*]\n' }))).toEqual(['a/*', 'b/*']);
  });

  it('ignores what is not a declaration: no package.json, bad JSON, bad YAML, non-string entries', () => {
    expect(workspacePatterns(repository({}))).toEqual([]);
    expect(workspacePatterns(repository({ 'package.json': '{ not json' }))).toEqual([]);
    expect(workspacePatterns(repository({ 'package.json': '["packages/*"]' }))).toEqual([]);
    expect(workspacePatterns(repository({ 'package.json': manifest({ workspaces: 'packages/*' }) }))).toEqual([]);
    expect(workspacePatterns(repository({ 'package.json': manifest({ workspaces: ['ok/*', 3, null] }) }))).toEqual(['ok/*']);
    expect(workspacePatterns(repository({ 'pnpm-workspace.yaml': 'packages: [unclosed\n' }))).toEqual([]);
    expect(workspacePatterns(repository({ 'pnpm-workspace.yaml': '- a\n- b\n' }))).toEqual([]);
    expect(workspacePatterns(repository({ 'pnpm-workspace.yaml': 'just text\n' }))).toEqual([]);
    expect(workspacePatterns(repository({ 'pnpm-workspace.yaml': '' }))).toEqual([]);
    expect(workspacePatterns(repository({ 'package.json': manifest({ workspaces: null }), 'pnpm-workspace.yaml': 'packages: null\n' }))).toEqual([]);
    expect(workspacePatterns(repository({ 'package.json': 'null' }))).toEqual([]);
  });
});

describe('workspace packages by name', () => {
  it('finds the packages the globs name (not node_modules, not negated ones), the first of a name winning', () => {
    const dir = repository({
      'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n  - 'tools/**'\n  - '!packages/legacy'\n",
      'packages/a/package.json': manifest({ name: '@acme/a' }),
      'packages/b/package.json': manifest({ name: 'b' }),
      'packages/legacy/package.json': manifest({ name: 'legacy' }),
      'packages/noname/package.json': manifest({ private: true }),
      'packages/broken/package.json': '{',
      'packages/a/node_modules/dep/package.json': manifest({ name: 'dep' }),
      'tools/deep/x/package.json': manifest({ name: 'x' }),
      'tools/deep/y/package.json': manifest({ name: 'b' }),
      'other/package.json': manifest({ name: 'other' }),
    });
    expect(new Workspace(dir).names()).toEqual(['@acme/a', 'b', 'x']);
    expect(rel(dir, new Workspace(dir).moduleStems('b'))).toEqual(['packages/b/index']);
    expect(new Workspace(dir).moduleStems('other')).toBeNull();
    expect(new Workspace(dir).moduleStems('dep')).toBeNull();
  });

  it("a package's own manifest wins over a copy in its build output", () => {
    const dir = repository({
      'package.json': manifest({ workspaces: ['packages/**'] }),
      'packages/a/package.json': manifest({ name: 'a', main: 'src/index.ts' }),
      'packages/a/dist/package.json': manifest({ name: 'a', main: 'index.js' }),
    });
    expect(rel(dir, new Workspace(dir).moduleStems('a'))).toEqual(['packages/a/src/index', 'packages/a/index']);
  });

  it('no declaration, no packages', () => {
    const dir = repository({ 'packages/a/package.json': manifest({ name: 'a' }) });
    expect(new Workspace(dir).names()).toEqual([]);
    expect(new Workspace(dir).moduleStems('a')).toBeNull();
  });

  it('a built entry point (main, types, exports) leads to its sources first: src/, then the package root, then itself', () => {
    const dir = repository({
      'package.json': manifest({ workspaces: ['packages/*'] }),
      'packages/main/package.json': manifest({ name: 'main', main: './dist/index.js', types: 'dist/index.d.ts' }),
      'packages/plain/package.json': manifest({ name: 'plain', main: 'src/keys.ts' }),
      'packages/bare/package.json': manifest({ name: 'bare' }),
      'packages/outside/package.json': manifest({ name: 'outside', main: '../elsewhere/index.js' }),
    });
    const ws = new Workspace(dir);
    expect(rel(dir, ws.moduleStems('main'))).toEqual(['packages/main/src/index', 'packages/main/index', 'packages/main/dist/index']);
    expect(rel(dir, ws.moduleStems('plain'))).toEqual(['packages/plain/src/keys', 'packages/plain/index']);
    expect(rel(dir, ws.moduleStems('bare'))).toEqual(['packages/bare/index']);
    expect(rel(dir, ws.moduleStems('outside'))).toEqual(['packages/outside/index']);
    // A subpath without exports is a path in the package.
    expect(rel(dir, ws.moduleStems('main/lib/keys.js'))).toEqual(['packages/main/src/keys', 'packages/main/keys', 'packages/main/lib/keys']);
    // The same answer twice (cached).
    expect(ws.moduleStems('main')).toBe(ws.moduleStems('main'));
  });

  it('exports: a string, conditions (nested, arrays), subpaths and subpath patterns', () => {
    const dir = repository({
      'package.json': manifest({ workspaces: ['p/*'] }),
      'p/str/package.json': manifest({ name: '@s/str', exports: './lib/main.js' }),
      'p/cond/package.json': manifest({ name: 'cond', exports: { types: './types/index.d.ts', node: { import: './esm/index.mjs' }, default: ['./cjs/index.cjs'] } }),
      'p/sub/package.json': manifest({
        name: 'sub',
        main: 'ignored.js',
        exports: { '.': './src/index.ts', './context': { default: './build/context.js' }, './keys/*': './src/keys/*.ts', './a*b*': './never.js' },
      }),
    });
    const ws = new Workspace(dir);
    expect(rel(dir, ws.moduleStems('@s/str'))).toEqual(['p/str/src/main', 'p/str/main', 'p/str/lib/main']);
    expect(rel(dir, ws.moduleStems('@s/str/other'))).toEqual([]);
    // In the conditions' order; types/ is no build folder, so it is taken as it is.
    expect(rel(dir, ws.moduleStems('cond'))).toEqual(['p/cond/types/index', 'p/cond/src/index', 'p/cond/index', 'p/cond/esm/index', 'p/cond/cjs/index']);
    expect(rel(dir, ws.moduleStems('sub'))).toEqual(['p/sub/src/index']);
    expect(rel(dir, ws.moduleStems('sub/context'))).toEqual(['p/sub/src/context', 'p/sub/context', 'p/sub/build/context']);
    expect(rel(dir, ws.moduleStems('sub/keys/tenant'))).toEqual(['p/sub/src/keys/tenant']);
    // The * stands for at least one character.
    expect(rel(dir, ws.moduleStems('sub/keys/'))).toEqual([]);
    expect(rel(dir, ws.moduleStems('sub/axb'))).toEqual([]);
    expect(rel(dir, ws.moduleStems('sub/missing'))).toEqual([]);
    expect(rel(dir, ws.moduleStems('sub/ke'))).toEqual([]);
  });

  it('a subpath pattern with a suffix matches only paths that end with it', () => {
    const dir = repository({
      'package.json': manifest({ workspaces: ['p/*'] }),
      'p/s/package.json': manifest({ name: 's', exports: { './gen/*.js': './src/gen/*.ts', './*': null } }),
    });
    const ws = new Workspace(dir);
    expect(rel(dir, ws.moduleStems('s/gen/keys.js'))).toEqual(['p/s/src/gen/keys']);
    expect(rel(dir, ws.moduleStems('s/gen/keys.cjs'))).toEqual([]);
  });
});

describe('workspace edge cases', () => {
  it('globs with a trailing slash, only negations, and of two packages of one name at one depth the first in path order', () => {
    const dir = repository({
      'package.json': manifest({ workspaces: ['packages/*/', 'apps/*'] }),
      'packages/x/package.json': manifest({ name: 'dup', main: 'p.js' }),
      'apps/x/package.json': manifest({ name: 'dup', main: 'a.js' }),
      'apps/y/package.json': manifest({ name: 'y' }),
    });
    const ws = new Workspace(dir);
    expect(ws.names()).toEqual(['dup', 'y']);
    expect(rel(dir, ws.moduleStems('dup'))).toEqual(['apps/x/a', 'apps/x/index']);
    const negated = repository({ 'package.json': manifest({ workspaces: ['!packages/*'] }), 'packages/a/package.json': manifest({ name: 'a' }) });
    expect(new Workspace(negated).names()).toEqual([]);
  });

  it('exports null or absent fall back to the manifest fields, in their order', () => {
    const dir = repository({
      'package.json': manifest({ workspaces: ['p/*'] }),
      'p/a/package.json': manifest({ name: 'a', exports: null, main: 'main.js', module: 'mod.mjs', typings: 'typ.d.ts', types: 'types.d.ts' }),
      'p/b/package.json': manifest({ name: 'b', main: 7 }),
    });
    const ws = new Workspace(dir);
    expect(rel(dir, ws.moduleStems('a'))).toEqual(['p/a/types', 'p/a/typ', 'p/a/mod', 'p/a/main', 'p/a/index']);
    expect(rel(dir, ws.moduleStems('b'))).toEqual(['p/b/index']);
  });

  it('every build folder leads to src/ and the root; a file named like one, an absolute path and a parent path do not', () => {
    const dir = repository({
      'package.json': manifest({ workspaces: ['p/*'] }),
      'p/a/package.json': manifest({ name: 'a', exports: { './d': './dist/x.js', './b': './build/x.js', './o': './out/x.js', './l': './lib/x.js', './e': './esm/x.js', './c': './cjs/x.js', './s': './source/x.js', './f': './dist.js', './abs': '/abs/x.js', './up': '../x.js', './win': '.\\dist\\x.js' } }),
    });
    const ws = new Workspace(dir);
    for (const sub of ['d', 'b', 'o', 'l', 'e', 'c']) expect(rel(dir, ws.moduleStems(`a/${sub}`)), sub).toEqual(['p/a/src/x', 'p/a/x', `p/a/${{ d: 'dist', b: 'build', o: 'out', l: 'lib', e: 'esm', c: 'cjs' }[sub]}/x`]);
    expect(rel(dir, ws.moduleStems('a/s'))).toEqual(['p/a/source/x']);
    expect(rel(dir, ws.moduleStems('a/f'))).toEqual(['p/a/dist']);
    expect(rel(dir, ws.moduleStems('a/abs'))).toEqual([]);
    expect(rel(dir, ws.moduleStems('a/up'))).toEqual([]);
    expect(rel(dir, ws.moduleStems('a/win'))).toEqual(['p/a/src/x', 'p/a/x', 'p/a/dist/x']);
  });

  it('script extensions are stripped (declaration files too), other extensions kept', () => {
    const dir = repository({
      'package.json': manifest({ workspaces: ['p/*'] }),
      'p/a/package.json': manifest({ name: 'a', exports: { './1': './x.cjs', './2': './x.mts', './3': './x.tsx', './4': './x.jsx', './5': './x.d.cts', './6': './x.json', './7': './x.ts.bak' } }),
    });
    const ws = new Workspace(dir);
    expect(['1', '2', '3', '4', '5'].map((n) => rel(dir, ws.moduleStems(`a/${n}`)))).toEqual(Array(5).fill(['p/a/x']));
    expect(rel(dir, ws.moduleStems('a/6'))).toEqual(['p/a/x.json']);
    expect(rel(dir, ws.moduleStems('a/7'))).toEqual(['p/a/x.ts.bak']);
  });

  it('scoped and unscoped names with subpaths; an unknown name is null, also when asked again', () => {
    const dir = repository({
      'package.json': manifest({ workspaces: ['p/*'] }),
      'p/s/package.json': manifest({ name: '@acme/s' }),
      'p/u/package.json': manifest({ name: 'u' }),
    });
    const ws = new Workspace(dir);
    expect(rel(dir, ws.moduleStems('@acme/s/deep/x'))).toEqual(['p/s/deep/x']);
    expect(rel(dir, ws.moduleStems('u/deep/x'))).toEqual(['p/u/deep/x']);
    expect(ws.moduleStems('@acme')).toBeNull();
    expect(ws.moduleStems('@acme/other')).toBeNull();
    expect(ws.moduleStems('@acme/other')).toBeNull();
    expect(ws.moduleStems('s')).toBeNull();
  });

  it('an exports map without . keys is one set of conditions for the package itself', () => {
    const dir = repository({
      'package.json': manifest({ workspaces: ['p/*'] }),
      'p/a/package.json': manifest({ name: 'a', exports: { import: './esm/i.js', require: './cjs/r.js' } }),
      'p/b/package.json': manifest({ name: 'b', exports: ['./x.js', './y.js'] }),
    });
    const ws = new Workspace(dir);
    expect(rel(dir, ws.moduleStems('a'))).toEqual(['p/a/src/i', 'p/a/i', 'p/a/esm/i', 'p/a/src/r', 'p/a/r', 'p/a/cjs/r']);
    expect(rel(dir, ws.moduleStems('a/sub'))).toEqual([]);
    expect(rel(dir, ws.moduleStems('b'))).toEqual(['p/b/x', 'p/b/y']);
  });
});

describe('workspace edge cases, second set', () => {
  it('names are listed sorted whatever order the globs find them in', () => {
    const dir = repository({
      'package.json': manifest({ workspaces: ['zeta/*', 'alpha/*'] }),
      'zeta/z/package.json': manifest({ name: 'zz' }),
      'alpha/a/package.json': manifest({ name: 'aa' }),
      'alpha/m/package.json': manifest({ name: '@scope/mm' }),
    });
    expect(new Workspace(dir).names()).toEqual(['@scope/mm', 'aa', 'zz']);
  });

  it('a recursive glob never takes a dependency under node_modules, and a shallower manifest wins by folders, not by length', () => {
    const dir = repository({
      'package.json': manifest({ workspaces: ['packages/**'] }),
      'packages/a-package-with-a-long-folder-name/package.json': manifest({ name: 'long', main: 'src/own.ts' }),
      'packages/x/y/package.json': manifest({ name: 'long', main: 'copy.js' }),
      'packages/a-package-with-a-long-folder-name/node_modules/dep/package.json': manifest({ name: 'dep' }),
    });
    const ws = new Workspace(dir);
    expect(ws.names()).toEqual(['long']);
    expect(rel(dir, ws.moduleStems('long'))).toEqual(['packages/a-package-with-a-long-folder-name/src/own', 'packages/a-package-with-a-long-folder-name/index']);
  });

  it('a null condition leads nowhere and the next condition is taken; a one-character match fills a pattern', () => {
    const dir = repository({
      'package.json': manifest({ workspaces: ['p/*'] }),
      'p/a/package.json': manifest({ name: 'a', exports: { '.': { browser: null, default: './src/index.ts' }, './*': './src/*.ts' } }),
    });
    const ws = new Workspace(dir);
    expect(rel(dir, ws.moduleStems('a'))).toEqual(['p/a/src/index']);
    expect(rel(dir, ws.moduleStems('a/k'))).toEqual(['p/a/src/k']);
  });

  it('an exports map with one . key is a subpath map, even beside condition names', () => {
    const dir = repository({
      'package.json': manifest({ workspaces: ['p/*'] }),
      'p/a/package.json': manifest({ name: 'a', exports: { '.': './src/index.ts', default: './elsewhere.js' } }),
    });
    expect(rel(dir, new Workspace(dir).moduleStems('a'))).toEqual(['p/a/src/index']);
  });

  it('a build folder deeper than one level keeps its path below the build folder', () => {
    const dir = repository({
      'package.json': manifest({ workspaces: ['p/*'] }),
      'p/a/package.json': manifest({ name: 'a', main: './dist/esm/keys/index.js' }),
    });
    expect(rel(dir, new Workspace(dir).moduleStems('a'))).toEqual(['p/a/src/esm/keys/index', 'p/a/esm/keys/index', 'p/a/dist/esm/keys/index', 'p/a/index']);
  });
});

describe('imports of workspace packages are followed like relative ones', () => {
  const shared = "export const KEY = 'alias/shared';\nexport const base = { Purpose: 'export', Format: 'csv' } as const;\nexport { base as again };\n";
  const user = (from: string) =>
    `import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';\nimport { KEY, base, again } from '${from}';\nconst kms = new KMSClient({});\nawait kms.send(new EncryptCommand({ KeyId: KEY, Plaintext: p, EncryptionContext: { ...base, Tenant: 't' } }));\nawait kms.send(new EncryptCommand({ KeyId: KEY, Plaintext: p, EncryptionContext: again }));\n`;

  function sitesWith(files: Record<string, string>, packageModule?: (specifier: string) => string[] | null) {
    const sfs = new Map(Object.entries(files).map(([name, text]) => [name, ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)]));
    const walker = new SiteWalker(ts, { crossFile: true, get: (name) => sfs.get(name), packageModule });
    walker.walkFile(sfs.get('/r/app/seal.ts')!);
    return walker.sites.map((s) => `${s.keyRef} ${s.complete ? 'complete' : 'partial'} ${s.keys.map((k) => `${k.name}@${k.file}`).join(',')}`);
  }

  it('a named import of a workspace package reads its constants (the key alias too) and re-exports', () => {
    const packageModule = (specifier: string) => (specifier === '@acme/shared' ? ['/r/shared/src/index', '/r/shared/index'] : null);
    const files = { '/r/shared/src/index.ts': shared, '/r/app/seal.ts': user('@acme/shared') };
    expect(sitesWith(files, packageModule)).toEqual([
      'alias/shared complete Purpose@/r/shared/src/index.ts,Format@/r/shared/src/index.ts,Tenant@/r/app/seal.ts',
      'alias/shared complete Purpose@/r/shared/src/index.ts,Format@/r/shared/src/index.ts',
    ]);
    // The same as a relative import.
    expect(sitesWith({ '/r/shared/src/index.ts': shared, '/r/app/seal.ts': user('../shared/src/index.js') })).toEqual(sitesWith(files, packageModule));
    // Not a workspace package (or no workspace): not followed.
    expect(sitesWith(files, () => null)).toEqual(['/r/app/seal.ts#KEY partial Tenant@/r/app/seal.ts']);
    expect(sitesWith(files)).toEqual(['/r/app/seal.ts#KEY partial Tenant@/r/app/seal.ts']);
    // A later stem is tried when the first has no file.
    expect(sitesWith({ '/r/shared/index.ts': shared, '/r/app/seal.ts': user('@acme/shared') }, packageModule)).toHaveLength(2);
  });

  it('a context factory imported by package name is the same factory as imported by path', () => {
    const factory = "export function exportContext(tenant: string) { return { Purpose: 'export', Tenant: tenant }; }\n";
    const call = (from: string) =>
      `import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';\nimport { exportContext } from '${from}';\nconst kms = new KMSClient({});\nawait kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: p, EncryptionContext: exportContext('t') }));\n`;
    const packageModule = (specifier: string) => (specifier === '@acme/shared' ? ['/r/shared/src/context'] : null);
    const byName = sitesWith({ '/r/shared/src/context.ts': factory, '/r/app/seal.ts': call('@acme/shared') }, packageModule);
    expect(byName).toEqual(['k complete Purpose@/r/shared/src/context.ts,Tenant@/r/shared/src/context.ts']);
    expect(sitesWith({ '/r/shared/src/context.ts': factory, '/r/app/seal.ts': call('../shared/src/context.js') })).toEqual(byName);
    // Not followed: a call of unknown result, no context the rule can compare.
    expect(sitesWith({ '/r/shared/src/context.ts': factory, '/r/app/seal.ts': call('@acme/shared') })).toEqual([]);
  });

  it('export * from a workspace package, and a workspace package re-exporting the SDK', () => {
    const packageModule = (specifier: string) => (specifier === '@acme/shared' ? ['/r/shared/index'] : specifier === '@acme/aws' ? ['/r/aws/index'] : null);
    const files = {
      '/r/shared/index.ts': "export * from '@acme/consts';\nexport * from '@acme/inner';\n",
      '/r/inner/index.ts': shared,
      '/r/aws/index.ts': "export { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';\n",
      '/r/app/seal.ts': `import { EncryptCommand, KMSClient } from '@acme/aws';\nimport { KEY, base } from '@acme/shared';\nconst kms = new KMSClient({});\nawait kms.send(new EncryptCommand({ KeyId: KEY, Plaintext: p, EncryptionContext: base }));\n`,
    };
    const withInner = (specifier: string) => (specifier === '@acme/inner' ? ['/r/inner/index'] : packageModule(specifier));
    expect(sitesWith(files, withInner)).toEqual(['alias/shared complete Purpose@/r/inner/index.ts,Format@/r/inner/index.ts']);
    // Without the SDK re-export followed there is no client, so no site.
    expect(sitesWith(files, (s) => (s === '@acme/aws' ? null : withInner(s)))).toEqual([]);
  });
});
