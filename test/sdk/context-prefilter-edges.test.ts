// The context index's per-file gate (context/types.ts) on the spellings real files use: imports and requires spread
// over several spaces or none, a name used at the very start of a file, names that only contain the imported one, a
// call or `new` with space before the parenthesis, and `buildClient` as a site word of its own.
import { describe, expect, it } from 'vitest';
import { contextPrefilter } from '../../src/sdk/context/types.js';

/** A module whose only reach to the SDK is `Seal`, imported from a project module under the given clause. */
const field = 'EncryptionContext: { tenant: t }';
const gate = (text: string) => contextPrefilter.test(text);

describe('imports, whatever their spacing', () => {
  it.each([
    ['spaces around an ES import', `import   {  Seal  }   from   './aws';\nexport const r = new Seal({ ${field} });`],
    ['an ES import with no space before the module', `import {Seal} from'./aws';\nexport const r = new Seal({ ${field} });`],
    ['import = require with spaces', `import   Seal   =   require  ('./aws');\nexport const r = new Seal({ ${field} });`],
    ['const require with spaces', `const   {  Seal  }   =   require  ('./aws');\nexport const r = new Seal({ ${field} });`],
    ['let with an awaited dynamic import', `let   Seal   =   await   import  ('./aws');\nexport const r = new Seal({ ${field} });`],
  ])('%s: the imported name is found', (_, text) => {
    expect(gate(text)).toBe(true);
  });
});

describe('uses of the imported name', () => {
  const head = "import { Seal } from './aws';\n";

  it.each([
    ['called with space before the parenthesis', `${head}export const r = Seal   ({ ${field} });`],
    ['aliased after an = with spaces', `${head}const Box =    Seal;\nexport const r = Box({ ${field} });`],
    ['constructed without arguments', `${head}export const r = new Seal;\nconst c = { ${field} };`],
    ['returned called, space before the parenthesis', `${head}export function make() { return Seal   ({ ${field} }); }`],
    ['aliased at the very end of the file', `${head}const c = { ${field} };\nexport const Box = Seal`],
  ])('%s: walked', (_, text) => {
    expect(gate(text)).toBe(true);
  });

  it('a use at the very start of the file, and a new there', () => {
    expect(gate(`Seal({ ${field} });\nimport { Seal } from './aws';`)).toBe(true);
    expect(gate(`new Seal;\nimport { Seal } from './aws';\nconst c = { ${field} };`)).toBe(true);
  });

  it.each([
    ['inside a longer name, called', `${head}export const r = unSeal({ ${field} });`],
    ['a longer name after an =', `${head}const Box = Sealed;\nexport const r = { ${field} };`],
    ['a member of another object, called', `${head}export const r = other.Seal({ ${field} });`],
    ['passed as an argument', `${head}register(options, Seal);\nexport const r = { ${field} };`],
    ['after a word ending in new', `${head}const x = anew Seal;\nexport const r = { ${field} };`],
    ['an argument after spaced punctuation', `${head}register( a , Seal );\nexport const r = { ${field} };`],
  ])('%s: not walked', (_, text) => {
    expect(gate(text)).toBe(false);
  });

  it.each([
    ["'as' of a renaming import", `import { Seal as Box } from './aws';\nconst as = 1;\nexport const k = as;\nexport const r = { ${field} };`],
    ["'type' of a type-only import", `import { type Seal } from './aws';\nconst type = 1;\nexport const k = type;\nexport const r = { ${field} };`],
  ])('%s: not walked', (_, text) => {
    expect(gate(text)).toBe(false);
  });
});

describe('site words', () => {
  it('buildClient names the ESDK by itself, imported or not', () => {
    expect(gate(`const client = globalThis.buildClient(policy);\nexport const r = { ${field} };`)).toBe(true);
  });
});
