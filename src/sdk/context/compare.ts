// Comparing context sites: casing (and separator) drift over every key occurrence, and key-set mismatches of a
// decrypt site against the encrypt sites of its module for the same KMS key or context factory. Deterministic: the
// same sites give the same findings in the same order, whatever order the files were read in.
import type { ContextIndex, ContextSite, KeyOccurrence } from './types.js';

export interface CompareOptions {
  compareSeparators: boolean;
  checkKeySets: boolean;
}

/** Keys AWS services put in contexts themselves (`aws:s3:arn`, `aws:lambda:FunctionName`): never compared. */
const reservedKey = /^aws:/i;

export type Finding =
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

export function keySet(site: ContextSite): Set<string> {
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

export function analyse(sites: readonly ContextSite[], options: CompareOptions): Map<string, Finding[]> {
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

export function projectFindings(index: ContextIndex, options: CompareOptions): Map<string, Finding[]> {
  let perOptions = findingsCache.get(index);
  if (!perOptions) findingsCache.set(index, (perOptions = new Map()));
  const key = `${options.compareSeparators}/${options.checkKeySets}`;
  let result = perOptions.get(key);
  if (!result) perOptions.set(key, (result = analyse(index.sites, options)));
  return result;
}
