// A reduced crash corpus for CI; `npm run corpus` runs the full one (see bench/RESULTS.md for its numbers).
import { expect, it } from 'vitest';
import { runCorpus } from '../scripts/corpus.js';

it('no rule throws on real third-party JavaScript and on a generated typed project', async () => {
  const report = await runCorpus({ sample: 150, typedFiles: 120 });
  expect(report.filesLinted).toBeGreaterThan(500);
  expect(report.crashes).toEqual([]);
}, 600_000);
