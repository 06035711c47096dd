// In-process checks of the parts a spawned kms-lint cannot reach: the progress spinner needs a TTY,
// and a missing TypeScript install cannot be staged while this repository's node_modules is on the path.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { startProgress, underCi } from '../../src/cli/progress.js';
import { resolveTypeScriptSupport } from '../../src/cli/project.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream, writes };
}

describe('progress on stderr', () => {
  afterEach(() => vi.useRealTimers());

  it('shows elapsed time on an interactive terminal after a second, and clears it', () => {
    vi.useFakeTimers();
    const { stream, writes } = fakeStream(true);
    const stop = startProgress(stream, {}, 'linting');
    vi.advanceTimersByTime(500);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1600);
    expect(writes.at(-1)).toMatch(/^\r. kms-lint: linting 2s$/);
    stop();
    expect(writes.at(-1)).toBe('\r\x1b[2K');
  });

  it.each([
    ['not a TTY', false, {}],
    ['under CI', true, { CI: 'true' }],
  ])('stays silent when %s', (_name, isTTY, env) => {
    vi.useFakeTimers();
    const { stream, writes } = fakeStream(isTTY);
    const stop = startProgress(stream, env, 'linting');
    vi.advanceTimersByTime(5000);
    stop();
    expect(writes).toEqual([]);
  });

  it('reads CI the way CI systems set it', () => {
    expect(underCi({ CI: 'true' })).toBe(true);
    expect(underCi({ CI: '1' })).toBe(true);
    expect(underCi({ CI: 'false' })).toBe(false);
    expect(underCi({})).toBe(false);
  });
});

describe('TypeScript missing when a tsconfig asks for it', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const project = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kms-lint-nots-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'tsconfig.json'), '{}');
    return dir;
  };

  it('names the missing parser and the install command', () => {
    const dir = project();
    const call = () => resolveTypeScriptSupport(dir, 'src/a.ts is TypeScript', [pathToFileURL(path.join(dir, 'package.json')).href]);
    expect(call).toThrow(UsageError);
    expect(call).toThrow(`src/a.ts is TypeScript, but '@typescript-eslint/parser' is not installed: run 'npm install --save-dev typescript-eslint typescript' in ${dir}.`);
  });

  it("names the missing 'typescript' package when the parser is there", () => {
    const dir = project();
    const parserDir = path.join(dir, 'node_modules/@typescript-eslint/parser');
    mkdirSync(parserDir, { recursive: true });
    writeFileSync(path.join(parserDir, 'package.json'), '{"name":"@typescript-eslint/parser","main":"index.js"}');
    writeFileSync(path.join(parserDir, 'index.js'), 'module.exports = {};');
    const call = () => resolveTypeScriptSupport(dir, 'tsconfig.json asks for typed linting', [path.join(dir, 'package.json')]);
    expect(call).toThrow(`tsconfig.json asks for typed linting, but the 'typescript' package is not installed: run 'npm install --save-dev typescript' in ${dir}.`);
  });

  it('finds both from this package when they are installed', () => {
    const dir = project();
    const found = resolveTypeScriptSupport(dir, path.join(dir, 'tsconfig.json'));
    expect(found.parser).toMatch(/@typescript-eslint[\\/]parser/);
    expect(found.typescript).toMatch(/typescript/);
  });
});
