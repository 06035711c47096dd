// What the benchmarks share: the heap limit every lint child gets, running one child, the alternating loop, and the
// median (the engine benchmark's too).
import { execFileSync } from 'node:child_process';
import os from 'node:os';

// ESLint with projectService holds every file's AST and the Program: at 4,000 files even the no-rules baseline
// outgrows Node's default 4 GB heap, and near an 8 GB limit V8 collects ever more often, so whichever mode allocates
// a little more pays disproportionately. Every mode gets the same heap limit: three quarters of the machine's
// memory, at most 16 GB.
export const heapMb = Math.max(4096, Math.min(16384, Math.floor((os.totalmem() / 2 ** 20) * 0.75)));

/** Runs `node <script> ...args` in a fresh process with the heap limit; its last stdout line is a JSON result. */
export function runChild<T>(script: string, args: string[]): T {
  const out = execFileSync(process.execPath, [`--max-old-space-size=${heapMb}`, script, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Runs every mode `repetitions` times after one warm-up run of the first (processes start cold anyway; the warm-up
 * only brings the files into the OS cache). The order alternates each repetition so that drift in machine load
 * spreads over all modes; run i of every mode belongs to repetition i.
 */
export function alternate<M extends string, R>(modes: readonly M[], repetitions: number, run: (mode: M) => R, report: (mode: M, repetition: number, result: R) => void): Map<M, R[]> {
  const runs = new Map<M, R[]>(modes.map((m) => [m, []]));
  run(modes[0]);
  for (let i = 0; i < repetitions; i++) {
    for (const mode of i % 2 ? [...modes].reverse() : modes) {
      const result = run(mode);
      runs.get(mode)!.push(result);
      report(mode, i + 1, result);
    }
  }
  return runs;
}
