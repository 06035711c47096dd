// The engine's matchers on vitest's expect, for the type checker. (With the plugin installed from the registry,
// "types": ["eslint-plugin-kms/engine/vitest"] in tsconfig.json does the same; this folder links the plugin with
// file:../.., whose own node_modules hold another vitest, so the augmentation is declared here.)
import type { KmsEngineMatchers } from 'eslint-plugin-kms/engine';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends KmsEngineMatchers<T> {}
}
