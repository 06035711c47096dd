// eslint-plugin-kms/engine/vitest: a vitest setup file. Add it to `test.setupFiles`; each test file then runs
// against a fresh engine installed for the whole file (every KMS and S3 client the code under test builds is
// answered by it; requests to other AWS services are refused), reachable through installedKmsEngine(), with the
// matchers toHaveReceivedKms, toHaveLeftNoDataKeyUnzeroized and toHaveMadeAtMostKmsRequests on `expect`.
import { afterAll, expect } from 'vitest';
import { installKmsEngine } from './install/index.js';
import { kmsEngineMatchers, type KmsEngineMatchers } from './testing/matchers.js';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends KmsEngineMatchers<T> {}
}

expect.extend(kmsEngineMatchers);

// Installed while the setup file runs, before the test file's own imports: module-level clients are covered
// from their first request, including one made at import time.
const engine = installKmsEngine({ refuseOtherServices: true });
afterAll(() => engine.uninstall());
