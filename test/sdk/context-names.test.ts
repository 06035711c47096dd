// What a name is bound to, where an import leads and what a project module exports, read syntactically
// (src/sdk/context/names.ts), without ESLint (fast; StrykerJS runs this file, see stryker/context.config.mjs).
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { NameResolver } from '../../src/sdk/context/names.js';
import type { Binding, Origin, SourceFileLookup } from '../../src/sdk/context/syntax.js';

const MAIN = '/r/main.ts';

function parse(name: string, text: string): ts.SourceFile {
  const kind = /\.tsx$/.test(name) ? ts.ScriptKind.TSX : /\.[cm]?jsx?$/.test(name) ? ts.ScriptKind.JSX : ts.ScriptKind.TS;
  return ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, kind);
}

/** The protected questions of the resolver, asked directly. */
class Probe extends NameResolver {
  binding(id: ts.Identifier, file: ts.SourceFile): Binding {
    return this.lookup(id, file);
  }
  resolved(id: ts.Identifier, file: ts.SourceFile): Binding {
    return this.resolveIdentifier(id, file, 0);
  }
  keyName(name: ts.PropertyName, file: ts.SourceFile): string | null {
    return this.propertyName(name, file);
  }
  exported(file: ts.SourceFile, name: string, depth = 0): Binding {
    return this.exportedBinding(file, name, depth);
  }
  aws(module: string): boolean {
    return this.isAwsModule(module);
  }
}

function lookupOf(files: Record<string, string>, packageModule?: (s: string) => string[] | null): { probe: Probe; sfs: Map<string, ts.SourceFile> } {
  const sfs = new Map(Object.entries(files).map(([name, text]) => [name, parse(name, text)]));
  const lookup: SourceFileLookup = { crossFile: true, get: (name) => sfs.get(name), packageModule };
  return { probe: new Probe(ts, lookup), sfs };
}

/** The identifier written right after the `/*@*\/` marker. */
function marked(sf: ts.SourceFile): ts.Identifier {
  const at = sf.text.indexOf('/*@*/') + '/*@*/'.length;
  let found: ts.Identifier | undefined;
  const visit = (n: ts.Node): void => {
    if (!found && ts.isIdentifier(n) && n.getStart(sf) === at) found = n;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  if (!found) throw new Error(`no identifier after the marker in ${sf.fileName}`);
  return found;
}

const originText = (o: Origin | null) => (!o ? 'null' : o.kind === 'module' ? `module ${o.module}` : o.kind === 'export' ? `export ${o.module}#${o.name}` : `odd ${JSON.stringify(o)}`);

function bindingText(b: Binding): string {
  const where = b.kind !== 'unknown' && b.file.fileName !== MAIN ? ` in ${b.file.fileName}` : '';
  switch (b.kind) {
    case 'unknown':
      return 'unknown';
    case 'init':
      return `init ${b.node.getText(b.file)}${where}`;
    case 'typed':
      return `typed ${b.type.getText(b.file)}${where}`;
    case 'function':
      return `function ${b.node.name?.getText(b.file) ?? '(anonymous)'}${where}`;
    case 'class':
      return `class ${b.node.name?.getText(b.file) ?? '(anonymous)'}${where}`;
    case 'origin':
      return `origin ${originText(b.origin)}${where}`;
    case 'destructured':
      return `destructured ${b.from.getText(b.file)} ${b.path.join('.')}${where}`;
  }
}

/** What the marked identifier of `main` is bound to (lookup alone, no import followed). */
function bound(main: string, others: Record<string, string> = {}): string {
  const { probe, sfs } = lookupOf({ [MAIN]: main, ...others });
  const sf = sfs.get(MAIN)!;
  return bindingText(probe.binding(marked(sf), sf));
}

/** What the marked identifier ultimately names, imports of project modules followed. */
function resolved(main: string, others: Record<string, string> = {}, packageModule?: (s: string) => string[] | null): string {
  const { probe, sfs } = lookupOf({ [MAIN]: main, ...others }, packageModule);
  const sf = sfs.get(MAIN)!;
  return bindingText(probe.resolved(marked(sf), sf));
}

/** Where the value of the file's last expression statement comes from. */
function origin(main: string, others: Record<string, string> = {}, options: { crossFile?: boolean; packageModule?: (s: string) => string[] | null } = {}): string {
  const sfs = new Map(Object.entries({ [MAIN]: main, ...others }).map(([name, text]) => [name, parse(name, text)]));
  const probe = new Probe(ts, { crossFile: options.crossFile ?? true, get: (name) => sfs.get(name), packageModule: options.packageModule });
  const sf = sfs.get(MAIN)!;
  const last = sf.statements[sf.statements.length - 1];
  if (!ts.isExpressionStatement(last)) throw new Error('the last statement is no expression');
  return originText(probe.originOf(last.expression, sf));
}

describe('lookup: scopes', () => {
  it('a const, let or var initialiser; the nearest scope wins; declarations are hoisted', () => {
    expect(bound('const a = 1;\n/*@*/a;')).toBe('init 1');
    expect(bound('let a = 1;\n/*@*/a;')).toBe('init 1');
    expect(bound('/*@*/a;\nvar a = 1;')).toBe('init 1');
    expect(bound('const a = 1;\n{ const a = 2; /*@*/a; }')).toBe('init 2');
    expect(bound('const a = 1;\n{ const b = 2; /*@*/a; }')).toBe('init 1');
    expect(bound('const b = 1, a = 2;\n/*@*/a;')).toBe('init 2');
    expect(bound('/*@*/a;')).toBe('unknown');
  });

  it('parameters shadow: typed by an annotation on a plain name, otherwise unknown', () => {
    expect(bound('const kms = 1;\nfunction f(kms: KMS) { /*@*/kms; }')).toBe('typed KMS');
    expect(bound('const kms = 1;\nfunction f(kms) { /*@*/kms; }')).toBe('unknown');
    expect(bound('const kms = 1;\nfunction f({ kms }: Clients) { /*@*/kms; }')).toBe('unknown');
    expect(bound('const kms = 1;\nconst f = (other, kms: KMS) => /*@*/kms;')).toBe('typed KMS');
    expect(bound('const kms = 1;\nfunction f(other) { /*@*/kms; }')).toBe('init 1');
  });

  it("a function or class expression's own name is unknown inside it, but not the name itself", () => {
    expect(bound('const g = 1;\nconst f = function g() { /*@*/g; };')).toBe('unknown');
    expect(bound('const K = 1;\nconst C = class K { m() { /*@*/K; } };')).toBe('unknown');
    expect(bound('const g = 1;\nconst f = function h() { /*@*/g; };')).toBe('init 1');
    expect(bound('const g = 1;\nconst f = function /*@*/g() {};')).toBe('init 1');
    expect(bound('const g = 1;\nfunction g2() { /*@*/g; }')).toBe('init 1');
    // A function declaration's name inside it is the declaration (found in the enclosing statements).
    expect(bound('function g() { /*@*/g; }')).toBe('function g');
    expect(bound('const x = 1;\nconst f = function () { /*@*/x; };')).toBe('init 1');
  });

  it('a catch variable is unknown; a catch without one shadows nothing', () => {
    expect(bound('const e = 1;\ntry {} catch (e) { /*@*/e; }')).toBe('unknown');
    expect(bound('const e = 1;\ntry {} catch ({ e }) { /*@*/e; }')).toBe('unknown');
    expect(bound('const e = 1;\ntry {} catch (x) { /*@*/e; }')).toBe('init 1');
    expect(bound('const e = 1;\ntry {} catch { /*@*/e; }')).toBe('init 1');
  });

  it('loop variables: for-of and for-in are unknown, a for const with an initialiser is that initialiser', () => {
    expect(bound('const x = 1;\nfor (const x of xs) { /*@*/x; }')).toBe('unknown');
    expect(bound('const x = 1;\nfor (const x in xs) { /*@*/x; }')).toBe('unknown');
    expect(bound('const i = 1;\nfor (const i = 0; ; ) { /*@*/i; }')).toBe('init 0');
    expect(bound('const i = 1;\nfor (let i = 0; ; ) { /*@*/i; }')).toBe('unknown');
    expect(bound('const i = 1;\nfor (const [i] = [0]; ; ) { /*@*/i; }')).toBe('unknown');
    expect(bound('const i = 1;\nfor (const j = 0, i = 2; ; ) { /*@*/i; }')).toBe('init 2');
    expect(bound('const i = 1;\nfor (const j = 0; ; ) { /*@*/i; }')).toBe('init 1');
    expect(bound('const x = 1;\nfor (const y of xs) { /*@*/x; }')).toBe('init 1');
    expect(bound('const x = 1;\nlet y;\nfor (y of xs) { /*@*/x; }')).toBe('init 1');
    expect(bound('const x = 1;\nfor (;;) { /*@*/x; }')).toBe('init 1');
  });

  it('statements of namespaces and switch clauses are scopes too', () => {
    expect(bound('const a = 1;\nnamespace N { const a = 2; /*@*/a; }')).toBe('init 2');
    expect(bound('const a = 1;\nswitch (v) { case 1: const a = 2; /*@*/a; }')).toBe('init 2');
    expect(bound('const a = 1;\nswitch (v) { default: const a = 3; /*@*/a; }')).toBe('init 3');
  });
});

describe('lookup: declarations', () => {
  it('a declaration without initialiser: its type, or unknown', () => {
    expect(bound('let a: KMS;\n/*@*/a;')).toBe('typed KMS');
    expect(bound('let a;\n/*@*/a;')).toBe('unknown');
  });

  it('a let or var reassigned anywhere (any assignment operator) is unknown; a const or a comparison is not a reassignment', () => {
    expect(bound('let a = 1;\na = 2;\n/*@*/a;')).toBe('unknown');
    expect(bound('let a = 1;\nfunction f() { a = 2; }\n/*@*/a;')).toBe('unknown');
    expect(bound('var a = 1;\na += 2;\n/*@*/a;')).toBe('unknown');
    expect(bound('let a = 1;\na ^= 2;\n/*@*/a;')).toBe('unknown');
    expect(bound('let a = 1;\na === 2;\na instanceof B;\n/*@*/a;')).toBe('init 1');
    expect(bound('let a = 1;\nlet b = 0;\nb = 2;\nx.a = 3;\n/*@*/a;')).toBe('init 1');
    expect(bound('let a = 1;\n/*@*/a;\nlet b = 0;\nb = a;')).toBe('init 1');
  });

  it('requires and dynamic imports are origins, also under a const that is reassigned nowhere', () => {
    expect(bound("const a = require('m');\n/*@*/a;")).toBe('origin module m');
    expect(bound("let a = require('m').X;\na = 1;\n/*@*/a;")).toBe('origin export m#X');
    expect(bound("const a = await import('m');\n/*@*/a;")).toBe('origin module m');
  });

  it('destructuring: the property path, or an origin one level into a require', () => {
    expect(bound('const { a } = obj;\n/*@*/a;')).toBe('destructured obj a');
    expect(bound('const { x: { a } } = obj;\n/*@*/a;')).toBe('destructured obj x.a');
    expect(bound("const { 'x': a } = obj;\n/*@*/a;")).toBe('destructured obj x');
    expect(bound('const [a] = arr;\n/*@*/a;')).toBe('unknown');
    expect(bound('const { [k]: a } = obj;\n/*@*/a;')).toBe('unknown');
    expect(bound('let { a };\n/*@*/a;')).toBe('unknown');
    expect(bound("const { X: a } = require('m');\n/*@*/a;")).toBe('origin export m#X');
    expect(bound("const { X } = require('m').Y;\n/*@*/X;")).toBe('origin export m#Y');
    expect(bound("const { X } = require('m').default;\n/*@*/X;")).toBe('origin export m#X');
    expect(bound("const { X: { Y } } = require('m');\n/*@*/Y;")).toBe("destructured require('m') X.Y");
    expect(bound('const { b, ...a } = obj;\n/*@*/a;')).toBe('unknown');
  });

  it('functions, classes, imports of every form; enums and namespaces of the name are unknown', () => {
    expect(bound('/*@*/f;\nfunction f() {}')).toBe('function f');
    expect(bound('/*@*/C;\nclass C {}')).toBe('class C');
    expect(bound('/*@*/f;\nfunction g() {}\nclass C {}')).toBe('unknown');
    expect(bound("import d from 'm';\n/*@*/d;")).toBe('origin export m#default');
    expect(bound("import d, * as ns from 'm';\n/*@*/ns;")).toBe('origin module m');
    expect(bound("import * as other from 'm';\n/*@*/ns;")).toBe('unknown');
    expect(bound("import { A, B as b } from 'm';\n/*@*/b;")).toBe('origin export m#B');
    expect(bound("import { A, B as b } from 'm';\n/*@*/A;")).toBe('origin export m#A');
    expect(bound("import d from 'm';\n/*@*/e;")).toBe('unknown');
    expect(bound("import 'side-effect';\n/*@*/e;")).toBe('unknown');
    expect(bound("import k = require('m');\n/*@*/k;")).toBe('origin module m');
    expect(bound('import k = N.inner;\n/*@*/k;')).toBe('unknown');
    expect(bound('import other = N.inner;\nconst k = 1;\n/*@*/k;')).toBe('init 1');
    expect(bound('/*@*/E;\nenum E { A }\nconst E = 1;')).toBe('unknown');
    expect(bound('/*@*/N;\nnamespace N {}\nconst N = 1;')).toBe('unknown');
    expect(bound("/*@*/N;\ndeclare module 'N' {}\nenum F {}\nconst N = 1;")).toBe('init 1');
    // Anonymous default declarations name nothing.
    expect(bound('/*@*/a;\nexport default function () {}\nconst a = 1;')).toBe('init 1');
    expect(bound('/*@*/a;\nexport default class {}\nconst a = 1;')).toBe('init 1');
  });
});

describe('origins', () => {
  it('require, import(), members of them, through every wrapper TypeScript allows', () => {
    expect(origin("require('m');")).toBe('module m');
    expect(origin("import('m');")).toBe('module m');
    expect(origin("require('m').X;")).toBe('export m#X');
    expect(origin("require('m').default.X;")).toBe('export m#X');
    expect(origin("require('m').X.Y;")).toBe('null');
    expect(origin("((<any>(await import('m'))) as any)!.X satisfies unknown;")).toBe('export m#X');
    expect(origin("require(`m`);")).toBe('module m');
  });

  it('calls that are not a require', () => {
    expect(origin("require('m', 'n');")).toBe('null');
    expect(origin('require(name);')).toBe('null');
    expect(origin("load('m');")).toBe('null');
    expect(origin("factory('m').X;")).toBe('null');
    expect(origin('x.y.z;')).toBe('null');
    expect(origin('f();')).toBe('null');
  });

  it('through consts, imports and members', () => {
    expect(origin("const m = require('m');\nconst c = m;\nc;")).toBe('module m');
    expect(origin("const m = require('m');\nm.X;")).toBe('export m#X');
    expect(origin("import { KMS } from 'aws-sdk';\nKMS;")).toBe('export aws-sdk#KMS');
    expect(origin("import AWS from 'aws-sdk';\nAWS.KMS;")).toBe('export aws-sdk#KMS');
    expect(origin("import * as AWS from 'aws-sdk';\nconst K = AWS.KMS;\nK;")).toBe('export aws-sdk#KMS');
    expect(origin('function f() {}\nf;')).toBe('null');
    expect(origin('unknownName;')).toBe('null');
  });

  it('a chain of consts is followed ten steps deep, not eleven (the require is the first const\'s origin, no step)', () => {
    const chain = (n: number) => {
      const lines = ["const a1 = require('m');"];
      for (let i = 2; i <= n; i++) lines.push(`const a${i} = a${i - 1};`);
      return `${lines.join('\n')}\na${n};`;
    };
    expect(origin(chain(11))).toBe('module m');
    expect(origin(chain(12))).toBe('null');
  });
});

describe('re-exports of project modules', () => {
  const aws = "export { KMSClient, EncryptCommand as Seal } from '@aws-sdk/client-kms';\n";

  it('an import of a project module is followed to the SDK export it re-exports', () => {
    expect(origin("import { Seal } from './aws';\nSeal;", { '/r/aws.ts': aws })).toBe('export @aws-sdk/client-kms#EncryptCommand');
    expect(origin("import { KMSClient } from './aws.js';\nKMSClient;", { '/r/aws.ts': aws })).toBe('export @aws-sdk/client-kms#KMSClient');
    // A name the module does not export, or a module that is not there: the import as written.
    expect(origin("import { Other } from './aws';\nOther;", { '/r/aws.ts': aws })).toBe('export ./aws#Other');
    expect(origin("import { Seal } from './missing';\nSeal;", { '/r/aws.ts': aws })).toBe('export ./missing#Seal');
    // Without cross-file reading nothing is followed.
    expect(origin("import { Seal } from './aws';\nSeal;", { '/r/aws.ts': aws }, { crossFile: false })).toBe('export ./aws#Seal');
    // A package that is not the project's is not read, though a file of that name exists.
    expect(origin("import { Seal } from 'aws';\nSeal;", { '/r/aws.ts': aws, aws: aws })).toBe('export aws#Seal');
  });

  it('a module exporting a const of a require, a namespace member, or a function', () => {
    const files = {
      '/r/m.ts': "const sdk = require('@aws-sdk/client-kms');\nexport const Cmd = sdk.EncryptCommand;\nexport function helper() {}\nexport const two = 2;\n",
    };
    expect(origin("import { Cmd } from './m';\nCmd;", files)).toBe('export @aws-sdk/client-kms#EncryptCommand');
    expect(origin("import { helper } from './m';\nhelper;", files)).toBe('export ./m#helper');
    // A const whose value has no origin: the import as written.
    expect(origin("import { two } from './m';\ntwo;", files)).toBe('export ./m#two');
    expect(origin("import * as m from './m';\nm.Cmd;", files)).toBe('export @aws-sdk/client-kms#EncryptCommand');
  });

  it('re-exports through several project modules, and a workspace package by name', () => {
    const files = { '/r/a.ts': "export { Seal as S } from './b';\n", '/r/b.ts': "export { Seal } from './c';\n", '/r/c.ts': aws };
    expect(origin("import { S } from './a';\nS;", files)).toBe('export @aws-sdk/client-kms#EncryptCommand');
    const packageModule = (s: string) => (s === '@acme/aws' ? ['/r/pkg/src/index', '/r/pkg/index'] : null);
    expect(origin("import { Seal } from '@acme/aws';\nSeal;", { '/r/pkg/index.ts': aws }, { packageModule })).toBe('export @aws-sdk/client-kms#EncryptCommand');
    expect(origin("import { Seal } from '@acme/other';\nSeal;", { '/r/pkg/index.ts': aws }, { packageModule })).toBe('export @acme/other#Seal');
    // A workspace package is not followed without cross-file reading.
    expect(origin("import { Seal } from '@acme/aws';\nSeal;", { '/r/pkg/index.ts': aws }, { packageModule, crossFile: false })).toBe('export @acme/aws#Seal');
  });

  it('a re-export cycle ends', () => {
    const files = { '/r/a.ts': "export { X } from './b';\n", '/r/b.ts': "export { X } from './a';\n" };
    expect(origin("import { X } from './a';\nX;", files)).toMatch(/^export \.\/[ab]#X$/);
  });
});

describe('module resolution', () => {
  const target = "export { EncryptCommand as Seal } from '@aws-sdk/client-kms';\n";
  const via = (specifier: string, file: string, from = MAIN) => {
    const sfs = new Map([
      [from, parse(from, `import { Seal } from '${specifier}';\nSeal;`)],
      [file, parse(file, target)],
    ]);
    const probe = new Probe(ts, { crossFile: true, get: (name) => sfs.get(name) });
    const sf = sfs.get(from)!;
    return originText(probe.originOf((sf.statements[1] as ts.ExpressionStatement).expression, sf));
  };
  const found = 'export @aws-sdk/client-kms#EncryptCommand';

  it('every source extension, a .js specifier for its TypeScript source, and index files', () => {
    for (const ext of ['ts', 'tsx', 'mts', 'cts', 'js', 'mjs', 'cjs']) expect(via('./m', `/r/m.${ext}`), ext).toBe(found);
    expect(via('./m.ts', '/r/m.ts')).toBe(found);
    expect(via('./m.js', '/r/m.ts')).toBe(found);
    expect(via('./m.js', '/r/m.js')).toBe(found);
    expect(via('./m.mjs', '/r/m.mts')).toBe(found);
    expect(via('./m.cjs', '/r/m.cts')).toBe(found);
    expect(via('./m.jsx', '/r/m.tsx')).toBe(found);
    expect(via('./dir', '/r/dir/index.ts')).toBe(found);
    expect(via('./dir', '/r/dir/index.js')).toBe(found);
    expect(via('../up/m', '/up/m.ts', '/r/main.ts')).toBe(found);
    expect(via('./sub/m', '/r/sub/m.ts')).toBe(found);
  });

  it('only a trailing script extension is replaced; other files are not modules', () => {
    expect(via('./a.js/m', '/r/a.js/m.ts')).toBe(found);
    expect(via('./m.json', '/r/m.ts')).toBe('export ./m.json#Seal');
    expect(via('./m', '/r/m.d.ts.x')).toBe('export ./m#Seal');
    expect(via('./dir', '/r/dir/index.tsx')).toBe('export ./dir#Seal');
    expect(via('./m', '/r/other/m.ts')).toBe('export ./m#Seal');
  });
});

describe('exports of a module', () => {
  const exportsOf = (text: string, others: Record<string, string> = {}) => {
    const { probe, sfs } = lookupOf({ '/r/m.ts': text, ...others });
    return (name: string, depth = 0) => bindingText(probe.exported(sfs.get('/r/m.ts')!, name, depth));
  };

  it('exported consts, functions and classes; what is not exported is unknown', () => {
    const of = exportsOf('export const A = 1, B = 2;\nconst C = 3;\nexport function f() {}\nfunction g() {}\nexport class K {}\nclass L {}\nexport const { D } = obj;\nexport let E: KMS;\n');
    expect(of('A')).toBe('init 1 in /r/m.ts');
    expect(of('B')).toBe('init 2 in /r/m.ts');
    expect(of('C')).toBe('unknown');
    expect(of('f')).toBe('function f in /r/m.ts');
    expect(of('g')).toBe('unknown');
    expect(of('K')).toBe('class K in /r/m.ts');
    expect(of('L')).toBe('unknown');
    expect(of('D')).toBe('destructured obj D in /r/m.ts');
    expect(of('E')).toBe('typed KMS in /r/m.ts');
    expect(of('default')).toBe('unknown');
    // Other modifiers are not export.
    const declared = exportsOf('declare const D: KMS;\nasync function g() {}\nexport enum E { A }\nexport interface I {}\n');
    expect(declared('D')).toBe('unknown');
    expect(declared('g')).toBe('unknown');
    expect(declared('E')).toBe('unknown');
    expect(declared('I')).toBe('unknown');
  });

  it('default exports: a function or class declaration, an identifier, a function value, any other value; never export =', () => {
    expect(exportsOf('export default function f() {}\n')('default')).toBe('function f in /r/m.ts');
    expect(exportsOf('export default function f() {}\n')('f')).toBe('unknown');
    expect(exportsOf('export default class K {}\n')('default')).toBe('class K in /r/m.ts');
    expect(exportsOf('const ctx = { A: 1 };\nexport default ctx;\n')('default')).toBe('init { A: 1 } in /r/m.ts');
    expect(exportsOf('export default (t: string) => ({ A: t });\n')('default')).toBe('function (anonymous) in /r/m.ts');
    expect(exportsOf('export default function () { return 1; }\n')('default')).toBe('function (anonymous) in /r/m.ts');
    expect(exportsOf('export default (function named() { return 1; });\n')('default')).toBe('function named in /r/m.ts');
    expect(exportsOf('export default { A: 1 };\n')('default')).toBe('init { A: 1 } in /r/m.ts');
    expect(exportsOf('export default { A: 1 };\n')('A')).toBe('unknown');
    expect(exportsOf('const ctx = { A: 1 };\nexport = ctx;\n')('default')).toBe('unknown');
  });

  it('export lists, renamed, from another module; type-only lists are not values', () => {
    const of = exportsOf("const a = 1;\nconst b = 2;\nexport { a, b as B };\nexport { X as Y } from './x';\nexport { Z } from './z';\nexport type { T } from './t';\nexport { missing };\n");
    expect(of('a')).toBe('init 1 in /r/m.ts');
    expect(of('B')).toBe('init 2 in /r/m.ts');
    expect(of('b')).toBe('unknown');
    expect(of('Y')).toBe('origin export ./x#X in /r/m.ts');
    expect(of('Z')).toBe('origin export ./z#Z in /r/m.ts');
    expect(of('X')).toBe('unknown');
    expect(of('T')).toBe('unknown');
    expect(of('missing')).toBe('unknown');
  });

  it('export * from project modules (tried in order), from the SDK, and not from other packages', () => {
    const others = { '/r/one.ts': 'export const A = 1;\n', '/r/two.ts': 'export const A = 2;\nexport const B = 3;\n' };
    const of = exportsOf("export * from './none';\nexport * from './one';\nexport * from './two';\nexport * from 'lodash';\nexport * as ns from './two';\n", others);
    expect(of('A')).toBe('init 1 in /r/one.ts');
    expect(of('B')).toBe('init 3 in /r/two.ts');
    expect(of('C')).toBe('unknown');
    expect(of('ns')).toBe('unknown');
    expect(exportsOf("export * from 'lodash';\nexport * from '@aws-sdk/client-kms';\n")('KMSClient')).toBe('origin export @aws-sdk/client-kms#KMSClient in /r/m.ts');
    expect(exportsOf("export * from 'lodash';\n")('KMSClient')).toBe('unknown');
    // A namespace re-export names only the namespace.
    expect(exportsOf("export * as ns from './two';\n", others)('B')).toBe('unknown');
    expect(exportsOf("export * as sdk from '@aws-sdk/client-kms';\n")('KMSClient')).toBe('unknown');
  });

  it('two names of one module are looked up apart (the cache is per name), and a deep lookup gives up', () => {
    const of = exportsOf('export const A = 1;\nexport const B = 2;\n');
    expect(of('A')).toBe('init 1 in /r/m.ts');
    expect(of('B')).toBe('init 2 in /r/m.ts');
    expect(exportsOf('export const A = 1;\n')('A', 11)).toBe('unknown');
    expect(exportsOf('export const A = 1;\n')('A', 10)).toBe('init 1 in /r/m.ts');
  });

  it('a star-export cycle ends with unknown', () => {
    const of = exportsOf("export * from './b';\n", { '/r/b.ts': "export * from './m';\n" });
    expect(of('A')).toBe('unknown');
  });
});

describe('resolving an identifier across modules', () => {
  it('an import of a project module is the binding it names there, through re-exports', () => {
    const others = { '/r/ctx.ts': "export const CTX = { Purpose: 'p' };\nexport { CTX as AGAIN };\n", '/r/idx.ts': "export { CTX as VIA } from './ctx';\n" };
    expect(resolved("import { CTX } from './ctx';\n/*@*/CTX;", others)).toBe("init { Purpose: 'p' } in /r/ctx.ts");
    expect(resolved("import { AGAIN } from './ctx';\n/*@*/AGAIN;", others)).toBe("init { Purpose: 'p' } in /r/ctx.ts");
    expect(resolved("import { VIA } from './idx';\n/*@*/VIA;", others)).toBe("init { Purpose: 'p' } in /r/ctx.ts");
    expect(resolved("import { NONE } from './ctx';\n/*@*/NONE;", others)).toBe('unknown');
    expect(resolved("import { CTX } from './nowhere';\n/*@*/CTX;", others)).toBe('unknown');
    // Not a project module, or a namespace import: the lookup's own answer.
    expect(resolved("import { CTX } from 'ctx';\n/*@*/CTX;", others)).toBe('origin export ctx#CTX');
    expect(resolved("import * as c from './ctx';\n/*@*/c;", others)).toBe('origin module ./ctx');
    expect(resolved('const c = 1;\n/*@*/c;', others)).toBe('init 1');
    // A workspace package by name.
    expect(resolved("import { CTX } from '@acme/ctx';\n/*@*/CTX;", others, (s) => (s === '@acme/ctx' ? ['/r/ctx'] : null))).toBe("init { Purpose: 'p' } in /r/ctx.ts");
  });

  it('a re-export chain of project modules is followed so far and no further', () => {
    const chain = (n: number) => {
      const files: Record<string, string> = { [`/r/m${n}.ts`]: 'export const CTX = 1;\n' };
      for (let i = 1; i < n; i++) files[`/r/m${i}.ts`] = `export { CTX } from './m${i + 1}';\n`;
      return files;
    };
    expect(resolved("import { CTX } from './m1';\n/*@*/CTX;", chain(4))).toBe('init 1 in /r/m4.ts');
    expect(resolved("import { CTX } from './m1';\n/*@*/CTX;", chain(12))).toBe('unknown');
  });
});

describe('property names', () => {
  /** The key of the property or class member whose name is written right after the marker. */
  const keyOf = (text: string) => {
    const { probe, sfs } = lookupOf({ [MAIN]: text });
    const sf = sfs.get(MAIN)!;
    const at = sf.text.indexOf('/*@*/') + '/*@*/'.length;
    let name: ts.PropertyName | undefined;
    const visit = (n: ts.Node): void => {
      if ((ts.isPropertyAssignment(n) || ts.isPropertyDeclaration(n)) && n.name.getStart(sf) === at) name = n.name;
      ts.forEachChild(n, visit);
    };
    visit(sf);
    return probe.keyName(name!, sf);
  };
  const keyAt = (text: string) => {
    const { probe, sfs } = lookupOf({ [MAIN]: text });
    const sf = sfs.get(MAIN)!;
    const obj = (sf.statements[sf.statements.length - 1] as ts.ExpressionStatement).expression as ts.ParenthesizedExpression;
    const literal = obj.expression as ts.ObjectLiteralExpression;
    return probe.keyName((literal.properties[0] as ts.PropertyAssignment).name, sf);
  };

  it('identifiers, private names, strings, numbers, computed strings and template strings', () => {
    expect(keyOf('({ /*@*/Tenant: 1 });')).toBe('Tenant');
    expect(keyOf('class C { /*@*/#secret = 1; }')).toBe('#secret');
    expect(keyAt("({ 'aws:tag': 1 });")).toBe('aws:tag');
    expect(keyAt('({ 42: 1 });')).toBe('42');
    expect(keyAt("({ ['Tenant']: 1 });")).toBe('Tenant');
    expect(keyAt('({ [`Tenant`]: 1 });')).toBe('Tenant');
    expect(keyAt("({ [('Tenant' as const)]: 1 });")).toBe('Tenant');
  });

  it('a computed key through a constant string; anything else is unknown', () => {
    expect(keyAt("const K = 'Tenant';\n({ [K]: 1 });")).toBe('Tenant');
    expect(keyAt("const K = ('Tenant' as const);\n({ [K]: 1 });")).toBe('Tenant');
    expect(keyAt('const K = 7;\n({ [K]: 1 });')).toBeNull();
    expect(keyAt("import { K } from 'keys';\n({ [K]: 1 });")).toBeNull();
    expect(keyAt('({ [K]: 1 });')).toBeNull();
    expect(keyAt('({ [k.x]: 1 });')).toBeNull();
    expect(keyAt('({ [1 + 2]: 1 });')).toBeNull();
    expect(keyAt('({ 1n: 1 });')).toBeNull();
  });
});

describe('AWS modules', () => {
  it('v3 packages, v2 and its subpaths, the Encryption SDK; nothing that only looks alike', () => {
    const probe = new Probe(ts, { crossFile: false, get: () => undefined });
    for (const m of ['@aws-sdk/client-kms', 'aws-sdk', 'aws-sdk/clients/kms', '@aws-crypto/client-node']) expect(probe.aws(m), m).toBe(true);
    for (const m of ['aws-sdk-mock', 'x/@aws-sdk/client-kms', '@aws-sdkx/a', '@aws-crypto', 'aws-sdkx', 'my-aws-sdk', '@aws-sdk']) expect(probe.aws(m), m).toBe(false);
  });
});
