#!/usr/bin/env node
// kms-engine: serves the reference engine over HTTP on loopback for tests in other processes and languages.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { NonLoopbackHostError, startKmsEngineServer } from './server.js';

export const USAGE = `Usage: kms-engine serve [--port N] [--host H] [--allow-non-loopback]

Serves an in-memory AWS KMS (and S3 SSE-KMS slice) emulator over HTTP. Point any AWS SDK's endpoint at the
printed URL (S3 clients need path-style addressing). It is a test emulator, not a key store.

Options:
  --port N               TCP port (default 0: a free port, printed on start)
  --host H               address to bind (default 127.0.0.1); loopback only unless --allow-non-loopback
  --allow-non-loopback   allow a non-loopback --host (exposes the emulator to the network)
  -h, --help             show this help`;

export class UsageError extends Error {}

export interface ServeOptions {
  port: number;
  host: string;
  allowNonLoopback: boolean;
}

/** Parses argv (without node and the script); throws UsageError with a one-line message on bad input. */
export function parseCommandLine(argv: string[]): { help: true } | { help: false; command: 'serve'; options: ServeOptions } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-non-loopback': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // parseArgs messages can span lines; keep the first, which names the flag.
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length === 0) throw new UsageError('missing command; expected "serve"');
  if (positionals[0] !== 'serve') throw new UsageError(`unknown command "${positionals[0]}"; expected "serve"`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  const portText = values.port ?? '0';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new UsageError(`--port must be an integer from 0 to 65535, got "${portText}"`);
  }
  const host = values.host ?? '127.0.0.1';
  if (host.trim() === '') throw new UsageError('--host must not be empty');
  return { help: false, command: 'serve', options: { port: Number(portText), host, allowNonLoopback: values['allow-non-loopback'] ?? false } };
}

export async function run(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`kms-engine: ${error.message}\nTry "kms-engine --help".\n`);
    return 2;
  }
  if (command.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let server;
  try {
    server = await startKmsEngineServer(command.options);
  } catch (error) {
    if (error instanceof NonLoopbackHostError) {
      process.stderr.write(`kms-engine: ${error.message}\n`);
      return 2;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      process.stderr.write(`kms-engine: cannot listen on ${command.options.host}:${command.options.port} (${code})\n`);
      return 1;
    }
    throw error;
  }
  process.stdout.write(`kms-engine listening on ${server.url}\n`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => {
    // Runs until a signal stops it.
  });
}

/** True when this file is the process's entry point (the bin, through npm's symlink or directly). */
function isEntryPoint(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`kms-engine: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
