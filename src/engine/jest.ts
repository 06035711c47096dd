// eslint-plugin-kms/engine/jest: a jest setup file. Add it to `setupFilesAfterEnv`; each test file then runs
// against a fresh engine installed for the whole file (jest evaluates setup files once per test file), reachable
// through installedKmsEngine(), with the matchers on `expect`. Uses jest's globals `expect` and `afterAll`.
import { installKmsEngine } from './install/index.js';
import { kmsEngineMatchers, type KmsEngineMatchers } from './testing/matchers.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Matchers<R, T = {}> extends KmsEngineMatchers<R> {}
  }
}

interface JestGlobals {
  expect?: { extend(matchers: Record<string, unknown>): void };
  afterAll?: (fn: () => void) => void;
}

const globals = globalThis as JestGlobals;
if (typeof globals.expect?.extend !== 'function' || typeof globals.afterAll !== 'function') {
  throw new Error('eslint-plugin-kms/engine/jest: jest\'s globals expect and afterAll are missing. List this file in setupFilesAfterEnv (not setupFiles), and keep injectGlobals on.');
}
globals.expect.extend(kmsEngineMatchers);
const engine = installKmsEngine({ refuseOtherServices: true });
globals.afterAll(() => engine.uninstall());
