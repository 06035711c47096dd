// Loaded by ESLint.fromOptionsModule in the main thread and in every `--concurrency` worker: the
// spec travels as JSON in the environment, which worker threads inherit from the main thread.
import { eslintOptions, SPEC_ENV, type LintSpec } from './options.js';

const raw = process.env[SPEC_ENV];
if (raw === undefined) throw new Error(`${SPEC_ENV} is not set: this module is loaded by kms-lint only`);

export default eslintOptions(JSON.parse(raw) as LintSpec);
