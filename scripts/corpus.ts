// Crash-free over real code (issue 7): lints JavaScript nobody on this project wrote — what installed npm
// packages ship — untyped with every rule on, plus the generated benchmark project typed, and counts rule
// exceptions (must be 0). `npm run corpus` runs the full set; `--sample N` takes N files per source (CI).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { generateProject } from '../bench/generate.js';
import plugin from '../src/index.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_BYTES = 512 * 1024;

export interface CorpusReport {
  filesLinted: number;
  unparseable: number;
  findingsByRule: Record<string, number>;
  crashes: { file: string; error: string }[];
  bySource: Record<string, number>;
}

/** Every .js/.cjs/.mjs file under `dir`, smallest-first order made stable by path; skips huge bundles. */
function listJs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' && d !== dir) continue;
        walk(p);
      } else if (/\.(c|m)?js$/.test(entry.name) && !entry.name.endsWith('.min.js')) {
        if (fs.statSync(p).size <= MAX_BYTES) out.push(p);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** An even sample of `n` files (every k-th), so a reduced run still spans the whole tree. */
function sample<T>(items: T[], n: number | undefined): T[] {
  if (!n || items.length <= n) return items;
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]);
}

export async function runCorpus(options: { sample?: number; typedFiles?: number; log?: (s: string) => void } = {}): Promise<CorpusReport> {
  const log = options.log ?? (() => undefined);
  const nm = path.join(repo, 'node_modules');
  const sources: Record<string, string[]> = {
    '@aws-sdk': sample(listJs(path.join(nm, '@aws-sdk')), options.sample),
    'aws-sdk (v2)': sample(listJs(path.join(nm, 'aws-sdk', 'lib')).concat(listJs(path.join(nm, 'aws-sdk', 'clients'))), options.sample),
    '@smithy': sample(listJs(path.join(nm, '@smithy')), options.sample),
    'typescript/lib': sample(listJs(path.join(nm, 'typescript', 'lib')), options.sample ? Math.min(options.sample, 10) : 40),
    '@aws-crypto': sample(listJs(path.join(nm, '@aws-crypto')), options.sample),
  };
  const report: CorpusReport = { filesLinted: 0, unparseable: 0, findingsByRule: {}, crashes: [], bySource: {} };
  const linter = new Linter({ configType: 'flat' });
  const rules = plugin.configs.all.rules!;
  for (const [source, files] of Object.entries(sources)) {
    log(`${source}: ${files.length} files (untyped)`);
    report.bySource[source] = files.length;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const sourceType = file.endsWith('.mjs') || /\bexport\s|\bimport\s[\w{*]/.test(text) ? 'module' : 'commonjs';
      const config: Linter.Config[] = [
        { files: ['**/*'], plugins: { kms: plugin as never }, rules: rules as Linter.RulesRecord, languageOptions: { ecmaVersion: 'latest', sourceType } },
      ];
      report.filesLinted++;
      try {
        const messages = linter.verify(text, config, { filename: path.relative(repo, file) });
        for (const m of messages) {
          if (m.fatal) report.unparseable++;
          else if (m.ruleId) report.findingsByRule[m.ruleId] = (report.findingsByRule[m.ruleId] ?? 0) + 1;
        }
      } catch (err) {
        report.crashes.push({ file: path.relative(repo, file), error: String((err as Error).stack ?? err).split('\n').slice(0, 4).join(' | ') });
      }
    }
  }
  const typedCount = options.typedFiles ?? 1000;
  if (typedCount > 0) {
    const project = generateProject(path.join(repo, 'bench', '.work'), typedCount);
    log(`generated project: ${project.files.length} files (typed)`);
    report.bySource['generated project (typed)'] = project.files.length;
    const eslint = new ESLint({
      cwd: project.dir,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: project.dir } } },
        plugin.configs.all as never,
      ],
    });
    for (const file of project.files) {
      report.filesLinted++;
      try {
        const [result] = await eslint.lintFiles([file]);
        for (const m of result.messages) {
          if (m.fatal) report.unparseable++;
          else if (m.ruleId) report.findingsByRule[m.ruleId] = (report.findingsByRule[m.ruleId] ?? 0) + 1;
        }
      } catch (err) {
        report.crashes.push({ file: path.relative(repo, file), error: String((err as Error).stack ?? err).split('\n').slice(0, 4).join(' | ') });
      }
    }
  }
  return report;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values } = parseArgs({ options: { sample: { type: 'string' }, typed: { type: 'string', default: '1000' } } });
  const sampleSize = values.sample === undefined ? undefined : Number(values.sample);
  const typedFiles = Number(values.typed);
  if ((sampleSize !== undefined && (!Number.isInteger(sampleSize) || sampleSize < 1)) || !Number.isInteger(typedFiles) || typedFiles < 0) {
    console.error('corpus: --sample takes an integer ≥ 1 and --typed an integer ≥ 0');
    process.exit(2);
  }
  const started = Date.now();
  const report = await runCorpus({ sample: sampleSize, typedFiles, log: (s) => console.error(s) });
  console.log(`files linted: ${report.filesLinted} (${Object.entries(report.bySource).map(([s, n]) => `${s}: ${n}`).join(', ')})`);
  console.log(`unparseable (parse errors, not crashes): ${report.unparseable}`);
  console.log('findings by rule:');
  for (const [rule, n] of Object.entries(report.findingsByRule).sort((a, b) => b[1] - a[1])) console.log(`  ${rule}: ${n}`);
  console.log(`crashes: ${report.crashes.length}`);
  for (const c of report.crashes.slice(0, 20)) console.log(`  ${c.file}: ${c.error}`);
  console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(report.crashes.length === 0 ? 0 : 1);
}
