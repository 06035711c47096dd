// How context sites are compared (src/sdk/context/compare.ts), on sites read from small sources without ESLint
// (fast; StrykerJS runs this file, see stryker/context.config.mjs).
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyse, keySet, projectFindings, type Finding } from '../../src/sdk/context/compare.js';
import type { ContextIndex, ContextSite } from '../../src/sdk/context/types.js';
import { contextSitesOfFile } from '../../src/sdk/contextIndex.js';

const header = "import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';\nconst kms = new KMSClient({});\n";

/** The sites of several files, each one module (with the SDK import prepended). */
function sitesOf(files: Record<string, string>): ContextSite[] {
  return Object.entries(files).flatMap(([name, body]) => contextSitesOfFile(ts, name, header + body));
}

const enc = (key: string, ctx: string) => `await kms.send(new EncryptCommand({ KeyId: '${key}', Plaintext: p, EncryptionContext: ${ctx} }));\n`;
const dec = (key: string, ctx: string) => `await kms.send(new DecryptCommand({ KeyId: '${key}', CiphertextBlob: b, EncryptionContext: ${ctx} }));\n`;

const all = { compareSeparators: false, checkKeySets: true };

/** Findings as `file:line kind key->expected @ref` strings, in the order analyse gives them per file. */
function summary(findings: Map<string, Finding[]>): string[] {
  return [...findings.entries()].flatMap(([file, list]) =>
    list.map((f) => {
      expect(f.file).toBe(file);
      if (f.kind === 'drift') return `${file}:${f.occ.line} drift ${f.occ.name}->${f.expected} @${f.ref.file}:${f.ref.line}${f.separators ? ' sep' : ''}`;
      expect(f.kind).toBe('keySet');
      return `${file}:${f.site.line} keySet missing[${f.missing.join(',')}] extra[${f.extra.join(',')}] @${f.ref.file}:${f.ref.line}`;
    }),
  );
}

describe('casing drift', () => {
  it('the encrypt-side spelling wins and each other spelling is reported where it is written', () => {
    const sites = sitesOf({ '/r/a.ts': enc('k', "{ TenantId: 't' }"), '/r/b.ts': dec('k', "{ tenantId: 't' }") + dec('k', "{ tenantId: 't' }") });
    expect(summary(analyse(sites, all))).toEqual(['/r/b.ts:3 drift tenantId->TenantId @/r/a.ts:3', '/r/b.ts:4 drift tenantId->TenantId @/r/a.ts:3']);
  });

  it('among encrypt-side spellings the most used wins; on a tie, the first in path order', () => {
    const most = sitesOf({ '/r/a.ts': enc('k', "{ tenantId: 't' }"), '/r/b.ts': enc('k', "{ TenantId: 't' }") + enc('k', "{ TenantId: 't' }") });
    expect(summary(analyse(most, all))).toEqual(['/r/a.ts:3 drift tenantId->TenantId @/r/b.ts:3']);
    const tie = sitesOf({ '/r/b.ts': enc('k', "{ tenantId: 't' }"), '/r/a.ts': enc('k', "{ TenantId: 't' }") });
    expect(summary(analyse(tie, all))).toEqual(['/r/b.ts:3 drift tenantId->TenantId @/r/a.ts:3']);
    // Within one file, the earlier line comes first; on one line, the earlier column.
    const sameFile = sitesOf({ '/r/a.ts': enc('k', "{ tenantId: 't' }") + enc('k', "{ TenantId: 't' }") });
    expect(summary(analyse(sameFile, all))).toEqual(['/r/a.ts:4 drift TenantId->tenantId @/r/a.ts:3']);
    const sameLine = sitesOf({ '/r/a.ts': enc('k', "{ TenantId: 't', Other: 1 }").trimEnd() + ' ' + enc('k', "{ tenantId: 't', Other: 1 }") });
    expect(summary(analyse(sameLine, all))).toEqual(['/r/a.ts:3 drift tenantId->TenantId @/r/a.ts:3']);
  });

  it('path order decides ties whatever the lines, and whatever order the files come in', () => {
    const later = (n: number) => '\n'.repeat(n);
    const files = { '/r/b.ts': enc('k', "{ tenantId: 't' }"), '/r/a.ts': later(4) + enc('k', "{ TenantId: 't' }") };
    expect(summary(analyse(sitesOf(files), all))).toEqual(['/r/b.ts:3 drift tenantId->TenantId @/r/a.ts:7']);
    const swapped = { '/r/a.ts': files['/r/a.ts'], '/r/b.ts': files['/r/b.ts'] };
    expect(summary(analyse(sitesOf(swapped), all))).toEqual(['/r/b.ts:3 drift tenantId->TenantId @/r/a.ts:7']);
  });

  it('the reference is the first occurrence in path order, though the files come in another order', () => {
    const sites = sitesOf({ '/r/b.ts': enc('k', "{ TenantId: 't' }"), '/r/a.ts': '\n' + enc('k', "{ TenantId: 't' }"), '/r/c.ts': dec('k', "{ tenantId: 't' }") });
    expect(summary(analyse(sites, all))).toEqual(['/r/c.ts:3 drift tenantId->TenantId @/r/a.ts:4']);
  });

  it('a spelling used on the encrypt side at least once outranks one used more often only on the decrypt side', () => {
    const sites = sitesOf({ '/r/a.ts': enc('k', "{ OrderId: 'o' }") + dec('k', "{ OrderId: 'o' }"), '/r/b.ts': dec('k', "{ orderId: 'o' }").repeat(3) });
    expect(summary(analyse(sites, all))).toEqual(['/r/b.ts:3 drift orderId->OrderId @/r/a.ts:3', '/r/b.ts:4 drift orderId->OrderId @/r/a.ts:3', '/r/b.ts:5 drift orderId->OrderId @/r/a.ts:3']);
  });

  it('findings of different keys in one file come by line, and on one line by column', () => {
    const byLine = sitesOf({ '/r/a.ts': enc('k', '{ Aa: 1, Bb: 2 }'), '/r/b.ts': dec('k', '{ bB: 2 }') + dec('k', '{ aA: 1 }') });
    expect(summary(analyse(byLine, all))).toEqual(['/r/b.ts:3 drift bB->Bb @/r/a.ts:3', '/r/b.ts:4 drift aA->Aa @/r/a.ts:3']);
    const byColumn = sitesOf({ '/r/a.ts': enc('k', '{ Aa: 1, Bb: 2, Cc: 3 }'), '/r/b.ts': dec('k', '{ cC: 3, bB: 2, aA: 1 }') });
    expect(summary(analyse(byColumn, all))).toEqual(['/r/b.ts:3 drift cC->Cc @/r/a.ts:3', '/r/b.ts:3 drift bB->Bb @/r/a.ts:3', '/r/b.ts:3 drift aA->Aa @/r/a.ts:3']);
  });

  it('letter case is compared as lower case: keys that only upper-case folding makes equal are different keys', () => {
    const sites = sitesOf({ '/r/a.ts': enc('alias/x', "{ 'Straße': 1 }") + dec('alias/x', '{ STRASSE: 1 }') });
    // Not casing drift (KMS would see two different keys, and so does the key-set check).
    expect(summary(analyse(sites, all))).toEqual(['/r/a.ts:4 keySet missing[Straße] extra[STRASSE] @/r/a.ts:3']);
  });

  it('only keys that start with aws: are AWS-reserved', () => {
    const sites = sitesOf({ '/r/a.ts': enc('k', "{ 'myaws:Tenant': 1 }"), '/r/b.ts': dec('k', "{ 'myaws:tenant': 1 }") });
    expect(summary(analyse(sites, all))).toEqual(["/r/b.ts:3 drift myaws:tenant->myaws:Tenant @/r/a.ts:3"]);
  });

  it('a decrypt-only pair: the most used spelling wins and the reference is its first occurrence', () => {
    const sites = sitesOf({ '/r/a.ts': dec('k', "{ orderId: 'o' }"), '/r/b.ts': dec('k', "{ OrderId: 'o' }") + dec('k', "{ OrderId: 'o' }") });
    expect(summary(analyse(sites, all))).toEqual(['/r/a.ts:3 drift orderId->OrderId @/r/b.ts:3']);
  });

  it('the reference is an encrypt-side occurrence even when a decrypt of the same spelling comes first', () => {
    const sites = sitesOf({ '/r/a.ts': dec('k', "{ OrderId: 'o' }"), '/r/b.ts': enc('k', "{ OrderId: 'o' }"), '/r/c.ts': dec('k', "{ orderID: 'o' }") });
    expect(summary(analyse(sites, all))).toEqual(['/r/c.ts:3 drift orderID->OrderId @/r/b.ts:3']);
  });

  it("separators are compared only when asked, and the finding says so; AWS's own aws: keys are never compared", () => {
    const sites = sitesOf({ '/r/a.ts': enc('k', "{ tenant_id: 't', 'aws:s3:arn': 'x' }"), '/r/b.ts': dec('k', "{ tenantId: 't', 'AWS:S3:ARN': 'x' }") });
    expect(summary(analyse(sites, { compareSeparators: false, checkKeySets: false }))).toEqual([]);
    expect(summary(analyse(sites, { compareSeparators: true, checkKeySets: false }))).toEqual(['/r/b.ts:3 drift tenantId->tenant_id @/r/a.ts:3 sep']);
    const casing = sitesOf({ '/r/a.ts': enc('k', "{ tenant_id: 't' }"), '/r/b.ts': dec('k', "{ TENANT_ID: 't' }") });
    expect(summary(analyse(casing, { compareSeparators: true, checkKeySets: false }))).toEqual(['/r/b.ts:3 drift TENANT_ID->tenant_id @/r/a.ts:3']);
    expect(summary(analyse(sitesOf({ '/r/a.ts': enc('k', "{ 'a-b': 1, a_b: 2 }") }), { compareSeparators: true, checkKeySets: false }))).toHaveLength(1);
  });
});

describe('key sets', () => {
  it('a decrypt whose keys no encrypt of the same module and KMS key binds is reported with what is missing and extra', () => {
    const sites = sitesOf({ '/r/a.ts': enc('alias/x', "{ A: 1, B: 2 }") + dec('alias/x', "{ A: 1, C: 3 }") + dec('alias/x', "{ A: 1, B: 2 }") + dec('alias/y', '{ A: 1 }') });
    expect(summary(analyse(sites, all))).toEqual(['/r/a.ts:4 keySet missing[B] extra[C] @/r/a.ts:3']);
    expect(summary(analyse(sites, { compareSeparators: false, checkKeySets: false }))).toEqual([]);
  });

  it('only missing, or only extra, keys', () => {
    const missing = sitesOf({ '/r/a.ts': enc('alias/x', '{ A: 1, B: 2 }') + dec('alias/x', '{ A: 1 }') });
    expect(summary(analyse(missing, all))).toEqual(['/r/a.ts:4 keySet missing[B] extra[] @/r/a.ts:3']);
    const extra = sitesOf({ '/r/a.ts': enc('alias/x', '{ A: 1 }') + dec('alias/x', '{ A: 1, B: 2 }') });
    expect(summary(analyse(extra, all))).toEqual(['/r/a.ts:4 keySet missing[] extra[B] @/r/a.ts:3']);
  });

  it('sites in different modules, or without a shared key, are not compared for key sets', () => {
    const sites = sitesOf({ '/r/a.ts': enc('alias/x', '{ A: 1, B: 2 }'), '/r/b.ts': dec('alias/x', '{ A: 1 }') });
    expect(summary(analyse(sites, all))).toEqual([]);
  });

  it('any matching encrypt set is enough; the first encrypt is the reference', () => {
    const sites = sitesOf({ '/r/a.ts': enc('alias/x', '{ A: 1 }') + enc('alias/x', '{ A: 1, B: 2 }') + dec('alias/x', '{ A: 1, B: 2 }') + dec('alias/x', '{ C: 1 }') });
    expect(summary(analyse(sites, all))).toEqual(['/r/a.ts:6 keySet missing[A] extra[C] @/r/a.ts:3']);
  });

  it('keys differing only in case are casing drift, not a key-set mismatch too', () => {
    const sites = sitesOf({ '/r/a.ts': enc('alias/x', '{ A: 1, Bb: 2 }') + dec('alias/x', '{ A: 1, bB: 2 }') });
    expect(summary(analyse(sites, all))).toEqual(['/r/a.ts:4 drift bB->Bb @/r/a.ts:3']);
  });

  it('a decrypt before a later encrypt in the same function re-binds on purpose; in another function it is compared', () => {
    const rebind = `async function rotate() {\n${dec('alias/x', '{ A: 1 }')}${enc('alias/x', '{ A: 1, B: 2 }')}}\n`;
    expect(summary(analyse(sitesOf({ '/r/a.ts': rebind }), all))).toEqual([]);
    const apart = `async function open() {\n${dec('alias/x', '{ A: 1 }')}}\nasync function seal() {\n${enc('alias/x', '{ A: 1, B: 2 }')}}\n`;
    expect(summary(analyse(sitesOf({ '/r/a.ts': apart }), all))).toEqual(['/r/a.ts:4 keySet missing[B] extra[] @/r/a.ts:7']);
    const after = `async function both() {\n${enc('alias/x', '{ A: 1, B: 2 }')}${dec('alias/x', '{ A: 1 }')}}\n`;
    expect(summary(analyse(sitesOf({ '/r/a.ts': after }), all))).toEqual(['/r/a.ts:5 keySet missing[B] extra[] @/r/a.ts:4']);
  });

  it('incomplete sites and grants are never compared for key sets; the same factory ties sites like a key', () => {
    const partial = sitesOf({ '/r/a.ts': `declare const k: string;\n${enc('alias/x', '{ A: 1, B: 2 }')}${dec('alias/x', '{ A: 1, [k]: 2 }')}` });
    expect(summary(analyse(partial, all))).toEqual([]);
    // No KMS key both sides name, no factory both call: not compared. The same key ties them.
    const apart = sitesOf({ '/r/a.ts': `const ctx = (a: string) => ({ A: a, B: 'b' });\n${enc('alias/one', "ctx('1')")}${dec('alias/two', "{ A: '1' }")}` });
    expect(apart.some((s) => s.factory)).toBe(true);
    expect(summary(analyse(apart, all))).toEqual([]);
    const tied = sitesOf({ '/r/a.ts': `const ctx = (a: string) => ({ A: a, B: 'b' });\n${enc('alias/one', "ctx('1')")}${dec('alias/one', "{ A: '1' }")}` });
    expect(summary(analyse(tied, all))).toEqual(['/r/a.ts:5 keySet missing[B] extra[] @/r/a.ts:4']);
  });

  it('a decrypt is reported once even when it shares both a key and a factory with the encrypt', () => {
    const sites = sitesOf({
      '/r/a.ts': `const ctx = () => ({ A: 1, B: 2 });\n${enc('alias/x', 'ctx()')}${dec('alias/x', 'ctx()')}`,
    });
    const decrypt = sites.find((s) => s.side === 'decrypt');
    expect(decrypt?.factory).toBeTruthy();
    // Give the decrypt site a key set of its own, keeping its key and factory.
    const changed = sites.map((s) => (s === decrypt ? { ...s, keys: s.keys.filter((k) => k.name === 'A') } : s));
    expect(summary(analyse(changed, all))).toEqual(['/r/a.ts:5 keySet missing[B] extra[] @/r/a.ts:4']);
  });

  it('sites without a KMS key the rule can read are not tied by that', () => {
    const sites = sitesOf({
      '/r/a.ts': `declare const params: { KeyId: string };\nawait kms.send(new EncryptCommand({ ...params, Plaintext: p, EncryptionContext: { A: 1, B: 2 } }));\nawait kms.send(new DecryptCommand({ CiphertextBlob: b, EncryptionContext: { A: 1 } }));\n`,
    });
    expect(sites.map((s) => s.keyRef)).toEqual([null, null]);
    expect(summary(analyse(sites, all))).toEqual([]);
  });

  it('the same factory ties sites of different KMS keys', () => {
    const sites = sitesOf({ '/r/a.ts': `const ctx = () => ({ A: 1, B: 2 });\n${enc('alias/one', 'ctx()')}${dec('alias/two', 'ctx()')}` });
    const decrypt = sites.find((s) => s.side === 'decrypt');
    expect(decrypt?.factory).toBeTruthy();
    const changed = sites.map((s) => (s === decrypt ? { ...s, keys: s.keys.filter((k) => k.name === 'A') } : s));
    expect(summary(analyse(changed, all))).toEqual(['/r/a.ts:5 keySet missing[B] extra[] @/r/a.ts:4']);
  });

  it('a key set that matches one encrypt only in letter case is left to the casing check, though another encrypt differs', () => {
    const sites = sitesOf({ '/r/a.ts': enc('alias/x', '{ A: 1, Bb: 2 }') + enc('alias/x', '{ C: 1 }') + dec('alias/x', '{ A: 1, bB: 2 }') });
    expect(summary(analyse(sites, all))).toEqual(['/r/a.ts:5 drift bB->Bb @/r/a.ts:3']);
  });

  it('missing and extra keys are listed sorted', () => {
    const sites = sitesOf({ '/r/a.ts': enc('alias/x', '{ Z: 1, Y: 2, A: 1 }') + dec('alias/x', '{ A: 1, W: 1, V: 2 }') });
    expect(summary(analyse(sites, all))).toEqual(['/r/a.ts:4 keySet missing[Y,Z] extra[V,W] @/r/a.ts:3']);
  });

  it('the same findings whatever order the sites come in', () => {
    const sites = sitesOf({
      '/r/a.ts': enc('alias/x', '{ A: 1, B: 2 }') + enc('alias/x', '{ A: 1, C: 2 }') + dec('alias/x', '{ A: 1 }') + dec('alias/x', '{ A: 1, D: 1 }'),
      '/r/b.ts': dec('k', '{ a: 1 }'),
    });
    const expected = ['/r/a.ts:5 keySet missing[B] extra[] @/r/a.ts:3', '/r/a.ts:6 keySet missing[B] extra[D] @/r/a.ts:3', '/r/b.ts:3 drift a->A @/r/a.ts:3'];
    expect(summary(analyse(sites, all)).sort()).toEqual(expected);
    // (Files may come in another order; each file's list is the same.)
    expect(summary(analyse([...sites].reverse(), all)).sort()).toEqual(expected);
  });

  it('keySet leaves out aws: keys', () => {
    const [site] = sitesOf({ '/r/a.ts': enc('k', "{ A: 1, 'aws:x': 2 }") });
    expect([...keySet(site)]).toEqual(['A']);
  });
});

describe('findings per file', () => {
  it('each file lists its findings by position, drift and key sets together', () => {
    const sites = sitesOf({
      '/r/a.ts': enc('alias/x', "{ TenantId: 't', B: 2 }"),
      '/r/b.ts': enc('alias/y', "{ TenantId: 't', B: 1 }") + dec('alias/y', "{ TenantId: 't' }") + dec('alias/y', "{ tenantid: 't', B: 1 }"),
    });
    expect(summary(analyse(sites, all))).toEqual(['/r/b.ts:4 keySet missing[B] extra[] @/r/b.ts:3', '/r/b.ts:5 drift tenantid->TenantId @/r/a.ts:3']);
  });

  it('projectFindings computes once per index and option set', () => {
    const index: ContextIndex = { sites: sitesOf({ '/r/a.ts': enc('k', "{ A: 1 }"), '/r/b.ts': dec('k', "{ a: 1 }") }), filesWalked: 2 };
    const first = projectFindings(index, all);
    expect(projectFindings(index, all)).toBe(first);
    expect(projectFindings(index, { compareSeparators: true, checkKeySets: true })).not.toBe(first);
    expect(projectFindings(index, { compareSeparators: false, checkKeySets: false })).not.toBe(first);
    expect(projectFindings({ ...index }, all)).not.toBe(first);
    expect(summary(first)).toEqual(['/r/b.ts:3 drift a->A @/r/a.ts:3']);
  });
});
