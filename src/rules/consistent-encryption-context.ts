import path from 'node:path';
import { createRequire } from 'node:module';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { getTypeInfo } from '../sdk/index.js';
import {
  contextIndexOf,
  contextSitesOfFile,
  normaliseFileName,
  type ContextIndex,
  type ContextSite,
  type KeyOccurrence,
} from '../sdk/contextIndex.js';
import { createRule } from '../util/createRule.js';

export interface RuleOptions {
  compareSeparators: boolean;
  checkKeySets: boolean;
  reportMissingTypes: boolean;
}
export type Options = [Partial<RuleOptions>];
export type MessageId = 'casingDrift' | 'separatorDrift' | 'keySetMismatch' | 'typedServicesUnavailable' | 'renameKey';

const defaults: RuleOptions = { compareSeparators: false, checkKeySets: true, reportMissingTypes: false };

/** Keys AWS services put in contexts themselves (`aws:s3:arn`, `aws:lambda:FunctionName`): never compared. */
const reservedKey = /^aws:/i;

type Finding =
  | { kind: 'drift'; file: string; occ: KeyOccurrence; expected: string; ref: { file: string; line: number }; separators: boolean }
  | { kind: 'keySet'; file: string; site: ContextSite; ref: ContextSite; missing: string[]; extra: string[] };

function byPosition(a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

function normaliseKey(name: string, separators: boolean): string {
  const lower = name.toLowerCase();
  return separators ? lower.replace(/[_-]/g, '') : lower;
}

/** Casing (and optionally separator) drift over every key occurrence of the sites, deterministic. */
function driftFindings(sites: readonly ContextSite[], separators: boolean): Finding[] {
  const occurrences = new Set<KeyOccurrence>();
  for (const site of sites) for (const k of site.keys) if (!reservedKey.test(k.name)) occurrences.add(k);
  const groups = new Map<string, Map<string, KeyOccurrence[]>>();
  for (const occ of occurrences) {
    const norm = normaliseKey(occ.name, separators);
    let spellings = groups.get(norm);
    if (!spellings) groups.set(norm, (spellings = new Map()));
    const list = spellings.get(occ.name) ?? [];
    list.push(occ);
    spellings.set(occ.name, list);
  }
  const out: Finding[] = [];
  for (const spellings of groups.values()) {
    if (spellings.size < 2) continue;
    // The spelling that binds ciphertexts wins; then the most used; then the first in path order.
    const ranked = [...spellings.entries()]
      .map(([name, occs]) => {
        occs.sort(byPosition);
        return { name, occs, encrypt: occs.some((o) => o.sides.has('encrypt')) };
      })
      .sort((a, b) => Number(b.encrypt) - Number(a.encrypt) || b.occs.length - a.occs.length || byPosition(a.occs[0], b.occs[0]));
    const canonical = ranked[0];
    const refOcc = canonical.occs.find((o) => o.sides.has('encrypt')) ?? canonical.occs[0];
    for (const other of ranked.slice(1)) {
      for (const occ of other.occs) {
        out.push({
          kind: 'drift',
          file: occ.file,
          occ,
          expected: canonical.name,
          ref: { file: refOcc.file, line: refOcc.line },
          separators: occ.name.toLowerCase() !== canonical.name.toLowerCase(),
        });
      }
    }
  }
  return out;
}

function keySet(site: ContextSite): Set<string> {
  return new Set(site.keys.map((k) => k.name).filter((n) => !reservedKey.test(n)));
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((k) => b.has(k));
}

/** Decrypt sites in a module whose exact key set no encrypt site for the same key (or factory) in that module binds. */
function keySetFindings(sites: readonly ContextSite[]): Finding[] {
  const groups = new Map<string, ContextSite[]>();
  for (const site of sites) {
    if (!site.complete || site.side === 'grant') continue;
    for (const id of [site.keyRef && `key:${site.keyRef}`, site.factory && `factory:${site.factory}`]) {
      if (!id) continue;
      const gid = `${site.file}\u0000${id}`;
      groups.set(gid, [...(groups.get(gid) ?? []), site]);
    }
  }
  const out: Finding[] = [];
  const reported = new Set<ContextSite>();
  for (const group of groups.values()) {
    const encrypts = group.filter((s) => s.side === 'encrypt').sort(byPosition);
    if (encrypts.length === 0) continue;
    for (const site of group.filter((s) => s.side === 'decrypt').sort(byPosition)) {
      if (reported.has(site)) continue;
      const mine = keySet(site);
      // Decrypting and then encrypting in one function re-binds the data to a new context on purpose.
      const comparable = encrypts.filter((e) => !(e.scope === site.scope && e.start > site.start));
      if (comparable.length === 0) continue;
      const encryptSets = comparable.map(keySet);
      if (encryptSets.some((set) => sameSet(set, mine))) continue;
      // Keys that differ only in case are casing drift, reported per key; don't report them twice.
      const lower = (s: Set<string>) => new Set([...s].map((k) => k.toLowerCase()));
      if (encryptSets.some((set) => sameSet(lower(set), lower(mine)))) continue;
      const ref = comparable[0];
      const refSet = encryptSets[0];
      reported.add(site);
      out.push({
        kind: 'keySet',
        file: site.file,
        site,
        ref,
        missing: [...refSet].filter((k) => !mine.has(k)).sort(),
        extra: [...mine].filter((k) => !refSet.has(k)).sort(),
      });
    }
  }
  return out;
}

function analyse(sites: readonly ContextSite[], options: RuleOptions): Map<string, Finding[]> {
  const all = [...driftFindings(sites, options.compareSeparators), ...(options.checkKeySets ? keySetFindings(sites) : [])];
  const byFile = new Map<string, Finding[]>();
  for (const f of all) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const list of byFile.values()) {
    list.sort((a, b) => byPosition(a.kind === 'drift' ? a.occ : a.site, b.kind === 'drift' ? b.occ : b.site));
  }
  return byFile;
}

/** Findings are computed once per index and option set; each file then picks its own. */
const findingsCache = new WeakMap<ContextIndex, Map<string, Map<string, Finding[]>>>();

function projectFindings(index: ContextIndex, options: RuleOptions): Map<string, Finding[]> {
  let perOptions = findingsCache.get(index);
  if (!perOptions) findingsCache.set(index, (perOptions = new Map()));
  const key = JSON.stringify(options);
  let result = perOptions.get(key);
  if (!result) perOptions.set(key, (result = analyse(index.sites, options)));
  return result;
}

const requireFromHere = createRequire(import.meta.url);
let tsForUntyped: typeof ts | null | undefined;
function loadTypeScript(): typeof ts | null {
  if (tsForUntyped === undefined) {
    try {
      tsForUntyped = requireFromHere('typescript') as typeof ts;
    } catch {
      tsForUntyped = null;
    }
  }
  return tsForUntyped;
}

function isIdentifierName(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name);
}

type Context = Readonly<TSESLint.RuleContext<MessageId, Options>>;

export default createRule<Options, MessageId>({
  name: 'consistent-encryption-context',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require encryption-context keys to be spelled the same at every encrypt and decrypt site of the project, and decrypt contexts to carry the encrypt-side key set',
      recommended: 'recommended',
      severity: 'error',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      casingDrift:
        "Encryption context key '{{key}}' differs only in letter case from '{{expected}}' at {{other}}. KMS compares context keys byte for byte, so a ciphertext bound with one spelling fails to decrypt with the other (InvalidCiphertextException).",
      separatorDrift:
        "Encryption context key '{{key}}' differs only in letter case or '_'/'-' separators from '{{expected}}' at {{other}}. KMS compares context keys byte for byte, so a ciphertext bound with one spelling fails to decrypt with the other (InvalidCiphertextException).",
      keySetMismatch:
        'This {{operation}} presents the context keys {{{keys}}} but the {{otherOperation}} at {{other}} binds {{{otherKeys}}} with the same {{via}}: KMS requires exactly the same key/value pairs ({{diff}}).',
      typedServicesUnavailable:
        'consistent-encryption-context checked encryption contexts within this file only: comparing sites across files needs typed linting (parserOptions.projectService or parserOptions.project).',
      renameKey: "Rename the key to '{{expected}}'.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          compareSeparators: {
            type: 'boolean',
            description: "Also report keys that differ only in '_'/'-' separators (and letter case), such as `tenant_id` and `tenantId`.",
          },
          checkKeySets: {
            type: 'boolean',
            description: 'Report a decrypt site whose key set differs from the encrypt site of the same module for the same KMS key or context factory.',
          },
          reportMissingTypes: {
            type: 'boolean',
            description: 'Without typed linting, say once per file that only that file was checked.',
          },
        },
      },
    ],
    defaultOptions: [defaults],
  },
  defaultOptions: [defaults],
  create(context, [options]) {
    const opts: RuleOptions = { ...defaults, ...options };
    return {
      'Program:exit'(program: TSESTree.Program) {
        let typed = false;
        try {
          typed = check(context, opts);
        } catch {
          // The rule never throws; a project it cannot read is left alone.
          typed = true;
        }
        if (!typed && opts.reportMissingTypes) {
          context.report({ node: program, loc: { line: 1, column: 0 }, messageId: 'typedServicesUnavailable' });
        }
      },
    };
  },
});

/** Reports this file's findings; returns whether the whole project was compared (typed linting). */
function check(context: Context, options: RuleOptions): boolean {
  const sourceCode = context.sourceCode;
  const info = getTypeInfo(context as never);
  const fileName = normaliseFileName(path.resolve(context.filename));
  let findings: Finding[] | undefined;
  let typed = false;
  if (info) {
    typed = true;
    const index = contextIndexOf(info.ts, info.program);
    const own = info.program.getSourceFile(context.filename);
    if (own && own.text === sourceCode.text) {
      findings = projectFindings(index, options).get(normaliseFileName(own.fileName));
    } else {
      // The Program holds another version of this file (or none): compare the linted text with the other files.
      const mine = contextSitesOfFile(info.ts, fileName, sourceCode.text);
      const others = index.sites.filter((s) => s.file !== fileName && s.file !== normaliseFileName(own?.fileName ?? ''));
      findings = analyse([...others, ...mine], options).get(fileName);
    }
  } else {
    const tsLib = loadTypeScript();
    if (!tsLib) return false;
    findings = analyse(contextSitesOfFile(tsLib, fileName, sourceCode.text), options).get(fileName);
  }
  const where = (file: string, line: number) => `${path.relative(context.cwd, file).split(path.sep).join('/')}:${line}`;
  for (const f of findings ?? []) {
    if (f.kind === 'drift') {
      const { occ } = f;
      const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
      const rename = occ.rename;
      if (rename && sourceCode.text.slice(rename.start, rename.end) === (rename.kind === 'string-key' ? sourceCode.text.slice(rename.start, rename.end) : occ.name)) {
        const quoted = (q: string) => `${q}${f.expected.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`)}${q}`;
        let text: string;
        if (rename.kind === 'string-key') {
          const q = sourceCode.text[rename.start] === '"' ? '"' : "'";
          text = quoted(q);
        } else {
          const key = isIdentifierName(f.expected) ? f.expected : quoted("'");
          text = rename.kind === 'shorthand' ? `${key}: ${occ.name}` : key;
        }
        suggest.push({
          messageId: 'renameKey',
          data: { expected: f.expected },
          fix: (fixer) => fixer.replaceTextRange([rename.start, rename.end], text),
        });
      }
      context.report({
        loc: { start: { line: occ.line, column: occ.column }, end: { line: occ.endLine, column: occ.endColumn } },
        messageId: f.separators ? 'separatorDrift' : 'casingDrift',
        data: { key: occ.name, expected: f.expected, other: where(f.ref.file, f.ref.line) },
        suggest,
      });
    } else {
      const { site, ref } = f;
      const diff = [f.missing.length ? `missing ${f.missing.join(', ')}` : '', f.extra.length ? `unexpected ${f.extra.join(', ')}` : ''].filter(Boolean).join('; ');
      context.report({
        loc: { start: { line: site.line, column: site.column }, end: { line: site.endLine, column: site.endColumn } },
        messageId: 'keySetMismatch',
        data: {
          operation: site.operation,
          keys: [...keySet(site)].sort().join(', '),
          otherOperation: ref.operation,
          other: where(ref.file, ref.line),
          otherKeys: [...keySet(ref)].sort().join(', '),
          via: site.factory && site.factory === ref.factory ? 'context factory' : 'KMS key',
          diff,
        },
      });
    }
  }
  return typed;
}
