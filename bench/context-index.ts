// What the repository-wide context index costs: consistent-encryption-context alone on one generated repository
// of 20 packages, laid out twice with the same files: P, every package with its own tsconfig (20 Programs, the
// other packages' files read from disk until their Program opens), and S, one tsconfig over everything (one
// Program). The rule's own time comes from ESLint's stats (what TIMING=1 prints); the findings of P and S must be
// identical. Scope 'program' on P is run once for contrast: it cannot see drift between packages.
//
// The run fails (exit 1) when the findings differ between layouts or runs, or are not the drift the generator plants.
//
// Usage: npx tsx bench/context-index.ts [--files 2000] [--reps 5] [--quick] [--plant-difference]
//   --plant-difference: one more drift in P's copy only (a separate folder), to see the comparison fail.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { alternate, median, runChild } from './child.js';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '2000' },
    reps: { type: 'string', default: '5' },
    quick: { type: 'boolean', default: false },
    'plant-difference': { type: 'boolean', default: false },
  },
});
const plant = values['plant-difference'];
const files = Number(values.files);
const reps = Number(values.reps);
// --quick: no warm-up run and no scope-program contrast run (a 2,000-file run takes minutes on a busy machine).
const quick = values.quick;
if (!Number.isInteger(files) || files < 200 || !Number.isInteger(reps) || reps < 1) {
  console.error('usage: npx tsx bench/context-index.ts [--files N >= 200] [--reps N >= 1] [--quick] [--plant-difference]');
  process.exit(2);
}

const PACKAGES = 20;
const here = path.dirname(new URL(import.meta.url).pathname);
const work = path.join(here, '.work', `context-index-${files}${plant ? '-planted' : ''}`);
// index.js reads ../package.json (name and version): the compiled plugin sits in a dist/ beside a copy of it.
const pluginDir = path.join(here, '.work', 'context-index-plugin', 'dist');

const tsconfig = (include: string[]) =>
  JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: ['node'] }, include }, null, 2);

const pkg = (p: number) => `p${String(p).padStart(2, '0')}`;

/** Package p seals records of pair p; package p+1 opens them (a cross-package pair). Pairs 0, 7 and 14 drift. */
const driftingPairs = (p: number) => p % 7 === 0;
/** The findings every layout must give: one drift at each drifting pair's decrypt. */
const expectedFindings = Array.from({ length: PACKAGES }, (_, p) => p).filter(driftingPairs).length;
function sealModule(p: number): string {
  return `import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { RECORD_KEY, recordBase } from './keys.js';

const kms = new KMSClient({});

export async function sealRecord${p}(owner: string, body: Uint8Array) {
  const out = await kms.send(new EncryptCommand({ KeyId: RECORD_KEY, Plaintext: body, EncryptionContext: { ...recordBase, Owner${p}: owner, TenantId: 't' } }));
  return out.CiphertextBlob;
}
`;
}

function keysModule(p: number): string {
  return `// The key and the fixed context fields of this package's records.
export const RECORD_KEY = 'alias/records-${p}';
export const recordBase = { Stream${p}: 'records', Version: '1' } as const;
`;
}

function openModule(p: number, from: number, planted = false): string {
  const owner = driftingPairs(from) || planted ? `owner${from}` : `Owner${from}`;
  return `import { DecryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { RECORD_KEY, recordBase } from '../../${pkg(from)}/src/keys.js';

const kms = new KMSClient({});

export async function openRecord${from}(owner: string, blob: Uint8Array) {
  const out = await kms.send(new DecryptCommand({ KeyId: RECORD_KEY, CiphertextBlob: blob, EncryptionContext: { ...recordBase, ${owner}: owner, TenantId: 't' } }));
  return out.Plaintext;
}
`;
}

/** A package-local round trip that agrees with itself (and spells TenantId as everyone does). */
function localModule(p: number): string {
  return `import { KMS } from '@aws-sdk/client-kms';

const kms = new KMS({});

export async function roundTrip${p}(tenant: string, body: Uint8Array) {
  const sealed = await kms.encrypt({ KeyId: 'alias/local-${p}', Plaintext: body, EncryptionContext: { TenantId: tenant, Local${p}: 'x' } });
  return kms.decrypt({ KeyId: 'alias/local-${p}', CiphertextBlob: sealed.CiphertextBlob!, EncryptionContext: { TenantId: tenant, Local${p}: 'x' } });
}
`;
}

function plainModule(p: number, i: number): string {
  const lines = [
    `// Ordinary code of package ${p}: look-alike names, nothing here is AWS.`,
    `export interface Order${i} { id: string; lines: { sku: string; qty: number; price: number }[] }`,
    `const vault = { encrypt(value: string) { return value.split('').reverse().join(''); } };`,
    `export function total${i}(order: Order${i}): number {`,
    `  let sum = 0;`,
    `  for (const line of order.lines) { sum += line.qty * line.price; vault.encrypt(line.sku); }`,
    `  return Math.round(sum * 100) / 100;`,
    `}`,
    `export const settings${i} = { label: 'not a KMS call', retries: ${i % 5} };`,
  ];
  for (let k = 0; lines.length < 100; k++) lines.push(`export const constant${i}_${k} = { name: 'c${k}', weight: ${k % 7}, tags: ['a', 'b'] as const };`);
  return `${lines.join('\n')}\n`;
}

function gitInit(dir: string): void {
  try {
    execFileSync('git', ['init', '-q'], { cwd: dir, stdio: 'ignore' });
  } catch {
    fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
  }
}

/** Writes both layouts (once; a marker file says they are complete). */
function generate(): { split: string; single: string; awsFiles: number } {
  const split = path.join(work, 'split');
  const single = path.join(work, 'single');
  const perPackage = Math.floor(files / PACKAGES);
  const awsFiles = PACKAGES * 4;
  const marker = path.join(work, '.complete');
  if (fs.existsSync(marker)) return { split, single, awsFiles };
  fs.rmSync(work, { recursive: true, force: true });
  for (const [root, layout] of [[split, 'split'], [single, 'single']] as const) {
    for (let p = 0; p < PACKAGES; p++) {
      const src = path.join(root, 'packages', pkg(p), 'src');
      fs.mkdirSync(src, { recursive: true });
      fs.writeFileSync(path.join(root, 'packages', pkg(p), 'package.json'), JSON.stringify({ name: `@bench/${pkg(p)}`, private: true, type: 'module' }));
      if (layout === 'split') fs.writeFileSync(path.join(root, 'packages', pkg(p), 'tsconfig.json'), tsconfig(['src/**/*.ts']));
      fs.writeFileSync(path.join(src, 'keys.ts'), keysModule(p));
      fs.writeFileSync(path.join(src, 'seal.ts'), sealModule(p));
      fs.writeFileSync(path.join(src, 'open.ts'), openModule(p, (p + PACKAGES - 1) % PACKAGES, plant && layout === 'split' && p === 4));
      fs.writeFileSync(path.join(src, 'local.ts'), localModule(p));
      for (let i = 4; i < perPackage; i++) fs.writeFileSync(path.join(src, `m${i}.ts`), plainModule(p, p * perPackage + i));
    }
    if (layout === 'single') fs.writeFileSync(path.join(root, 'tsconfig.json'), tsconfig(['packages/*/src/**/*.ts']));
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'bench-monorepo', private: true, workspaces: ['packages/*'] }));
    gitInit(root);
  }
  fs.writeFileSync(marker, 'ok');
  return { split, single, awsFiles };
}

interface RunResult {
  scope: string;
  ms: number;
  ruleMs: number;
  /** process.cpuUsage() inside the rule's create() and listeners. */
  ruleCpuMs: number;
  files: number;
  findings: string[];
  builds: number;
  repository: { builds: number; programsMerged: number; filesRead: number; filesParsed: number; freshnessChecks: number };
}

// The plugin as shipped (compiled), built into its own folder so that dist/ is left alone.
try {
  execFileSync(process.execPath, [path.join(here, '..', 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(here, '..', 'tsconfig.build.json'), '--outDir', pluginDir], { stdio: 'ignore' });
} catch {
  // Type errors elsewhere in the tree still emit JavaScript; only a missing plugin stops the benchmark.
  if (!fs.existsSync(path.join(pluginDir, 'index.js'))) throw new Error(`could not build the plugin into ${pluginDir}`);
}
fs.copyFileSync(path.join(here, '..', 'package.json'), path.join(pluginDir, '..', 'package.json'));
const layouts = generate();
const script = path.join(here, 'context-index-run.mjs');
const modes = ['S', 'P'] as const;
const dirOf = { S: layouts.single, P: layouts.split };
console.log(`context index: ${files} files in ${PACKAGES} packages (${layouts.awsFiles} with KMS contexts); ${reps} repetitions of S and P, alternating`);
const run = (mode: (typeof modes)[number]) => runChild<RunResult>(script, [pluginDir, dirOf[mode], 'repository']);
const report = (mode: string, rep: number, r: RunResult) =>
  console.log(`  ${mode} #${rep}: rule ${r.ruleMs.toFixed(1)} ms (CPU ${r.ruleCpuMs.toFixed(1)} ms), lint ${(r.ms / 1000).toFixed(1)} s, ${r.findings.length} findings, builds ${r.repository.builds}, Programs merged ${r.repository.programsMerged}, read ${r.repository.filesRead}, parsed ${r.repository.filesParsed}`);
let runs: Map<(typeof modes)[number], RunResult[]>;
if (quick) {
  runs = new Map(modes.map((m) => [m, [] as RunResult[]]));
  for (let i = 0; i < reps; i++) {
    for (const mode of i % 2 ? [...modes].reverse() : modes) {
      const r = run(mode);
      runs.get(mode)!.push(r);
      report(mode, i + 1, r);
    }
  }
} else runs = alternate(modes, reps, run, report);
const programScope = quick ? null : runChild<RunResult>(script, [pluginDir, layouts.split, 'program']);

const s = runs.get('S')!;
const p = runs.get('P')!;
const sRule = median(s.map((r) => r.ruleMs));
const pRule = median(p.map((r) => r.ruleMs));
const perRep = s.map((r, i) => p[i].ruleMs / r.ruleMs);
const sCpu = median(s.map((r) => r.ruleCpuMs));
const pCpu = median(p.map((r) => r.ruleCpuMs));
const perRepCpu = s.map((r, i) => p[i].ruleCpuMs / r.ruleCpuMs);
const same = p.every((r) => JSON.stringify(r.findings) === JSON.stringify(s[0].findings)) && s.every((r) => JSON.stringify(r.findings) === JSON.stringify(s[0].findings));
// Identical but wrong (a generator or rule that finds nothing) is a failure too.
const complete = s[0].findings.length === expectedFindings;
const lines = [
  `## Context index across packages (${files} files, ${PACKAGES} packages)`,
  '',
  `Generated by \`npm run bench:context-index\` on ${new Date().toISOString().slice(0, 10)}: \`npx tsx bench/context-index.ts --files ${files} --reps ${reps}${quick ? ' --quick' : ''}\`.`,
  `consistent-encryption-context alone (scope \`repository\`, the default), typescript-eslint projectService; the rule's own`,
  `time is the sum of ESLint's per-rule stats over all files. P: each package has its own tsconfig (${PACKAGES} Programs);`,
  'S: the same files under one tsconfig (one Program).',
  '',
  'CPU: process.cpuUsage() inside the same calls, which a time slice given to another process does not inflate.',
  '',
  '| layout | rule time, median (ms) | all runs (ms) | rule CPU, median (ms) | all runs (ms) | findings |',
  '| --- | ---: | --- | ---: | --- | ---: |',
  `| S (one tsconfig) | ${sRule.toFixed(1)} | ${s.map((r) => r.ruleMs.toFixed(1)).join(', ')} | ${sCpu.toFixed(1)} | ${s.map((r) => r.ruleCpuMs.toFixed(1)).join(', ')} | ${s[0].findings.length} |`,
  `| P (${PACKAGES} tsconfigs) | ${pRule.toFixed(1)} | ${p.map((r) => r.ruleMs.toFixed(1)).join(', ')} | ${pCpu.toFixed(1)} | ${p.map((r) => r.ruleCpuMs.toFixed(1)).join(', ')} | ${p[0].findings.length} |`,
  '',
  `- **P/S = ${(pRule / sRule).toFixed(3)}** (ratio of medians; target ≤ 1.05); per repetition: ${perRep.map((x) => x.toFixed(3)).join(', ')} (median ${median(perRep).toFixed(3)})`,
  `- **P/S in CPU time = ${(pCpu / sCpu).toFixed(3)}** (ratio of medians); per repetition: ${perRepCpu.map((x) => x.toFixed(3)).join(', ')} (median ${median(perRepCpu).toFixed(3)})`,
  `- Findings of P and S identical in every run: ${same ? 'yes' : 'NO'}; the ${expectedFindings} planted drifts found: ${complete ? 'yes' : `NO (${s[0].findings.length})`}`,
  `- P: one index build per run (${p.map((r) => r.repository.builds).join(', ')}), Programs merged ${p[0].repository.programsMerged}, files read from disk ${p[0].repository.filesRead}, parsed by the rule ${p[0].repository.filesParsed}`,
  `- S: index builds ${s.map((r) => r.repository.builds).join(', ')}, Programs merged ${s[0].repository.programsMerged}, files read from disk ${s[0].repository.filesRead}, parsed by the rule ${s[0].repository.filesParsed}`,
  programScope
    ? `- For contrast, scope \`program\` on P: rule ${programScope.ruleMs.toFixed(1)} ms, ${programScope.findings.length} findings, ${programScope.builds} index builds (one per Program): the drift between packages is not seen`
    : '- (--quick: no warm-up run, no scope-program contrast run)',
  `- Lint wall time, medians: S ${(median(s.map((r) => r.ms)) / 1000).toFixed(1)} s, P ${(median(p.map((r) => r.ms)) / 1000).toFixed(1)} s (projectService's own cost of ${PACKAGES} Programs is in P's)`,
];
console.log(`\n${lines.join('\n')}`);
if (!same || !complete) {
  const differing = p.find((r) => JSON.stringify(r.findings) !== JSON.stringify(s[0].findings)) ?? p[0];
  console.log('\nS findings:\n' + s[0].findings.join('\n') + '\nP findings:\n' + differing.findings.join('\n'));
  console.error(`context-index: FAILED: ${same ? '' : 'findings differ between layouts or runs; '}${complete ? '' : `expected ${expectedFindings} findings, S gave ${s[0].findings.length}`}`);
  process.exitCode = 1;
}
