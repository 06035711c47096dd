/** True when the CI environment variable says we run under CI (any value but '', 'false' or '0'). */
export function underCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/**
 * An elapsed-time spinner on an interactive stderr, shown only once linting takes over a second
 * (typed linting of a large project can take minutes). Silent when stderr is not a TTY or under CI,
 * so logs and piped output never contain control characters. Returns the function that clears it.
 */
export function startProgress(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv, label: string): () => void {
  if (!stream.isTTY || underCi(env)) return () => {};
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  const started = Date.now();
  let tick = 0;
  let shown = false;
  const timer = setInterval(() => {
    const elapsed = Date.now() - started;
    if (elapsed < 1000) return;
    shown = true;
    stream.write(`\r${frames[tick++ % frames.length]} kms-lint: ${label} ${Math.floor(elapsed / 1000)}s`);
  }, 120);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (shown) stream.write('\r\x1b[2K');
  };
}
