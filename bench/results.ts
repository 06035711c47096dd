// bench/RESULTS.md is written by several benchmarks, each into its own section between `<!-- name -->` and
// `<!-- /name -->`: a benchmark replaces its section and keeps every other one, hand-written notes included.

/**
 * `previous` with the section `name` replaced by `body` (or appended at the end when the file has none yet).
 * A section written before it had a closing marker ends where the next `<!-- …` marker starts.
 */
export function replaceSection(previous: string, name: string, body: string): string {
  const open = `<!-- ${name} -->`;
  const close = `<!-- /${name} -->`;
  const block = `${open}\n${body.trim()}\n${close}`;
  const start = previous.indexOf(open);
  if (start < 0) return previous.trim() ? `${previous.trimEnd()}\n\n${block}\n` : `${block}\n`;
  const closeAt = previous.indexOf(close, start + open.length);
  let stop: number;
  if (closeAt >= 0) stop = closeAt + close.length;
  else {
    const next = previous.indexOf('<!-- ', start + open.length);
    stop = next >= 0 ? next : previous.length;
  }
  const after = previous.slice(stop).replace(/^\n*/, '');
  return `${previous.slice(0, start)}${block}\n${after ? `\n${after}` : ''}`;
}

/** `previous` with everything before the first section marker replaced by `header` (the file's title block). */
export function replaceHeader(previous: string, header: string): string {
  const first = previous.indexOf('<!-- ');
  return `${header.trimEnd()}\n\n${first >= 0 ? previous.slice(first) : previous.trimStart()}`;
}
