#!/usr/bin/env node
// kms-lint: zero-config front end on ESLint's Node API. All logic lives in run.ts (testable in-process).
import { run } from './run.js';

const code = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
process.exitCode = code;
