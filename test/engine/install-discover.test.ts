// Where install looks for SDK copies: npm's hoisted and nested layouts and pnpm's store, from a folder upwards.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clientPackagesIn, discoverClientClasses, nodeModulesChain } from '../../src/engine/install/discover.js';

const root = mkdtempSync(path.join(tmpdir(), 'kms-discover-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A stand-in client package: `__Client` is a class with send, shared by `base` when given. */
function fakeClientPackage(dir: string, body = 'class Client { send() { return "own"; } }\nexports.__Client = Client;'): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: path.basename(dir), main: 'index.js' }));
  writeFileSync(path.join(dir, 'index.js'), body);
  return dir;
}

const app = path.join(root, 'app');
const nm = path.join(app, 'node_modules');
fakeClientPackage(path.join(nm, '@aws-sdk', 'client-kms'));
fakeClientPackage(path.join(nm, 'some-lib', 'node_modules', '@aws-sdk', 'client-kms'));
fakeClientPackage(path.join(nm, '@org', 'tool', 'node_modules', '@aws-sdk', 'client-s3'));
fakeClientPackage(path.join(nm, '.pnpm', '@aws-sdk+client-s3@3.1.0', 'node_modules', '@aws-sdk', 'client-s3'));
fakeClientPackage(path.join(nm, '@aws-sdk', 'client-sqs'));
// Shares the hoisted KMS copy's base class: one class, found twice.
fakeClientPackage(path.join(nm, '@aws-sdk', 'client-kms-alias'), 'exports.__Client = require("@aws-sdk/client-kms").__Client;');
fakeClientPackage(path.join(nm, '@aws-sdk', 'client-broken'), 'throw new Error("cannot load");');
fakeClientPackage(path.join(nm, '@aws-sdk', 'client-odd'), 'exports.__Client = 42;');
fakeClientPackage(path.join(nm, '@aws-sdk', 'client-plain-object'), 'exports.__Client = { prototype: { send() {} } };');
fakeClientPackage(path.join(nm, '@aws-sdk', 'client-no-send'), 'exports.__Client = class {};');
fakeClientPackage(path.join(nm, '@aws-sdk', 'client-arrow'), 'exports.__Client = () => 1;');
// Not client packages, and not where npm puts packages.
fakeClientPackage(path.join(nm, '@aws-sdk', 'core'));
fakeClientPackage(path.join(nm, '.cache', 'node_modules', '@aws-sdk', 'client-kms'));
mkdirSync(path.join(app, 'src', 'deep'), { recursive: true });
// A symlinked copy (npm link, file: dependencies) is the same package once resolved.
symlinkSync(path.join(nm, '@aws-sdk', 'client-kms'), path.join(nm, 'linked-kms'));
mkdirSync(path.join(nm, 'linked-holder', 'node_modules', '@aws-sdk'), { recursive: true });
symlinkSync(path.join(nm, '@aws-sdk', 'client-kms'), path.join(nm, 'linked-holder', 'node_modules', '@aws-sdk', 'client-kms'));

describe('discoverClientClasses', () => {
  it('walks node_modules folders from a folder up to the root, as Node resolves', () => {
    expect(nodeModulesChain(path.join(app, 'src', 'deep'))[0]).toBe(nm);
    expect(nodeModulesChain(path.join(app, 'src', 'deep'))).not.toContain(path.join(app, 'src', 'node_modules'));
  });

  it('finds hoisted, nested (also under a scope) and pnpm copies of the wanted packages only', () => {
    const kmsAndS3 = (name: string) => name === 'client-kms' || name === 'client-s3';
    expect(clientPackagesIn(nm, kmsAndS3).map((p) => path.relative(nm, p)).sort()).toEqual([
      path.join('.pnpm', '@aws-sdk+client-s3@3.1.0', 'node_modules', '@aws-sdk', 'client-s3'),
      path.join('@aws-sdk', 'client-kms'),
      path.join('@org', 'tool', 'node_modules', '@aws-sdk', 'client-s3'),
      path.join('linked-holder', 'node_modules', '@aws-sdk', 'client-kms'),
      path.join('some-lib', 'node_modules', '@aws-sdk', 'client-kms'),
    ].sort());
    expect(clientPackagesIn(path.join(root, 'nowhere'), () => true)).toEqual([]);
  });

  it('loads each copy once, keeps distinct base classes, and reports packages that fail to load', () => {
    const found = discoverClientClasses([path.join(app, 'src', 'deep'), app], () => true);
    // hoisted kms (= kms-alias, = the symlinked one), nested kms, two s3 copies, sqs
    expect(found.baseClasses).toHaveLength(5);
    expect(new Set(found.baseClasses).size).toBe(5);
    expect(found.packages.filter((p) => p.endsWith(path.join('@aws-sdk', 'client-kms')))).toHaveLength(2);
    expect(found.failures).toEqual([{ path: path.join(nm, '@aws-sdk', 'client-broken'), error: 'cannot load' }]);
    expect(found.packages).toContain(path.join(nm, '@aws-sdk', 'client-odd'));
  });

  it('loads only what is wanted', () => {
    const found = discoverClientClasses([app], (name) => name === 'client-sqs');
    expect(found.packages).toEqual([path.join(nm, '@aws-sdk', 'client-sqs')]);
    expect(found.baseClasses).toHaveLength(1);
  });
});
