import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import { buildConfigs } from './configs.js';
import { rules } from './rules/index.js';

const require = createRequire(import.meta.url);
const pkg = require('../package.json') as { name: string; version: string };

const plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: 'kms' },
  rules,
  configs: {} as Record<'recommended' | 'strict' | 'all', TSESLint.FlatConfig.Config>,
};

// Configs reference the plugin object itself, so they are attached after it exists (no import cycle).
Object.assign(plugin.configs, buildConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin, rules));

export default plugin;
export { rules };
// require('eslint-plugin-kms') from CommonJS (Node's require(esm), used by eslint-doc-generator and CJS
// configs) returns this export instead of the module namespace, i.e. the plugin object itself.
export { plugin as 'module.exports' };
