import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Installed (npm install here), the plugin comes from node_modules as users get it. Run from the plugin's own
// repository without an install of this folder (its `npm test` does), the plugin's sources stand in for it.
function pluginIsInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('eslint-plugin-kms/package.json');
    return true;
  } catch {
    return false;
  }
}
const sources = (file: string) => fileURLToPath(new URL(`../../src/engine/${file}`, import.meta.url));

const installed = pluginIsInstalled();

export default defineConfig({
  resolve: installed ? {} : {
    alias: [
      { find: /^eslint-plugin-kms\/engine\/vitest$/, replacement: sources('vitest.ts') },
      { find: /^eslint-plugin-kms\/engine$/, replacement: sources('index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // A fresh engine per test file: every KMS and S3 client the service builds is answered by it.
    setupFiles: [installed ? 'eslint-plugin-kms/engine/vitest' : sources('vitest.ts')],
  },
});
