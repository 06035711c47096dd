// What the encryption-context index holds: sites (where a context binds or is presented) and key occurrences.
import { operations } from '../operations.js';
/** Which way a context binds: written with a ciphertext, presented to open one, or both (a grant constraint). */
export type ContextSide = 'encrypt' | 'decrypt' | 'grant';
export type ContextSource = 'kms' | 's3' | 'esdk';

/** One spelling of a key, where it is written (a property key, a shorthand, a key read, or a base64 string). */
export interface KeyOccurrence {
  name: string;
  file: string;
  start: number;
  end: number;
  /** 1-based line, 0-based column (ESLint's `loc`). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Sides of every site this key reaches (a helper's literal may serve both encrypt and decrypt sites). */
  sides: Set<ContextSide>;
  /** How to respell the key in place: a plain key is replaced, a shorthand `{ k }` becomes `{ K: k }`. */
  rename: { kind: 'key' | 'shorthand' | 'string-key'; start: number; end: number } | null;
}

export interface ContextSite {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  side: ContextSide;
  source: ContextSource;
  /** `Encrypt`, `ReEncrypt`, `CreateGrant`, `PutObject`, `encrypt` (ESDK), `messageHeader` (ESDK check). */
  operation: string;
  field: string;
  keys: KeyOccurrence[];
  /** Every key is known: no computed keys, no spread or conditional whose keys are unknown. */
  complete: boolean;
  /** The KMS key the site uses, as written (`alias/x`, `KEY_ARN`, `process.env.KEY_ID`), when known. */
  keyRef: string | null;
  /** `file#function` when the context comes from a helper function call. */
  factory: string | null;
  /** Start offset of the enclosing function (-1 at module level), and of the site: for ordering within a function. */
  scope: number;
  start: number;
}

export interface ContextIndex {
  sites: ContextSite[];
  /** Files walked for sites (after the text prefilter). */
  filesWalked: number;
}


/** Counts index builds (per Program and per repository), so tests can assert how often without timing anything. */
export const contextIndexStats = { builds: 0, filesWalked: 0 };

/** Files that may hold a context site mention one of these spellings (KMS, S3 SSEKMS..., ESDK, grant constraints). */
const contextField = /EncryptionContext|encryptionContext/;

/** An SDK or ESDK package named anywhere (an import, a require, a comment): the walker follows the file's names. */
const sdkPackage = /aws-sdk|@aws-crypto\//;

/**
 * Words that let a file hold a site by itself: a command or client method of the operations table (ESDK's `encrypt`
 * is one), `Upload`, the ESDK's `buildClient` and `messageHeader`.
 */
const siteWords = new RegExp(
  `\\b(?:${[...new Set([...operations.flatMap((op) => [op.command, op.method ?? '']), 'buildClient', 'messageHeader'])].filter(Boolean).join('|')})\\b`,
);

// What a file imports, and under which local names: `import d, { a as b } from`, `import * as ns from`, and (only in
// a text that calls require or import()) `import x = require(…)`, `const { a } = require(…)`, `= await import(…)`.
const esImport = /\bimport\s+(?:type\s+)?([\w$\s{},*]+?)\s+from\s*['"]/g;
const requireImport = /\bimport\s+([\w$]+)\s*=\s*require\s*\(|\b(?:const|let|var)\s+([\w$\s{},:]+?)\s*=\s*(?:await\s+)?(?:require|import)\s*\(/g;

/** The local names a text binds to imported values (over-approximated: every identifier of an import clause). */
function importedNames(text: string): Set<string> {
  const names = new Set<string>();
  const add = (clause: string) => {
    for (const n of clause.split(/[\s{},*:]+/)) if (/^[A-Za-z_$][\w$]*$/.test(n) && n !== 'as' && n !== 'type') names.add(n);
  };
  for (const m of text.matchAll(esImport)) add(m[1]);
  if (/\b(?:require|import)\s*\(/.test(text)) for (const m of text.matchAll(requireImport)) add(m[1] ?? m[2]);
  return names;
}

const identifierChar = /[\w$]/;

/**
 * `new X`, `new X.Y`, `X(`, `X<…>(`, `= X`: the imported value `X` is constructed (itself or as a namespace),
 * called or aliased, which is every way the walker reaches an import from a site without a site word. Scanned with
 * indexOf (a RegExp of the name would be compiled anew in every file).
 */
function usesAsValue(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1] ?? '';
    const after = text[at + name.length] ?? '';
    if (identifierChar.test(before) || before === '.' || identifierChar.test(after)) continue;
    let next = at + name.length;
    while (next < text.length && /\s/.test(text[next])) next++;
    if (text[next] === '(' || text[next] === '<') return true;
    let prev = at - 1;
    while (prev >= 0 && /\s/.test(text[prev])) prev--;
    if (text[prev] === '=' || (prev >= 2 && text.slice(prev - 2, prev + 1) === 'new' && !identifierChar.test(text[prev - 3] ?? ''))) return true;
  }
  return false;
}

/**
 * Could the walker find a site in this file? It mentions a context field, and names an SDK package or a site word,
 * or uses an imported value as a constructor, a callee or an alias (`new Enc(…)`, `new aws.Enc(…)`, `seal(…)`,
 * `= Enc`): a project module may re-export a command or the ESDK's `encrypt` under any name. A file whose imports are
 * only read (a label in a template literal) and that names none of the words holds no site, and is not walked.
 */
export const contextPrefilter = {
  test(text: string): boolean {
    if (!contextField.test(text)) return false;
    if (sdkPackage.test(text) || siteWords.test(text)) return true;
    for (const name of importedNames(text)) if (usesAsValue(text, name)) return true;
    return false;
  },
};
