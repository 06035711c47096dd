import type { TSESLint } from '@typescript-eslint/utils';
import type { KmsRuleDocs } from './util/createRule.js';

type RuleMap = Record<string, { meta?: { docs?: Partial<KmsRuleDocs> } }>;
export type PresetName = 'recommended' | 'strict' | 'all';

/** Rule severities for a preset, derived from each rule's meta.docs so presets never drift from the rules. */
export type PresetEntry = 'error' | 'warn' | ['error' | 'warn', ...unknown[]];

export function presetRules(rules: RuleMap, preset: PresetName): Record<string, PresetEntry> {
  const out: Record<string, PresetEntry> = {};
  for (const name of Object.keys(rules).sort()) {
    const docs = rules[name].meta?.docs ?? {};
    const severity = docs.severity ?? 'error';
    const inPreset =
      preset === 'all' ||
      (preset === 'strict' && (docs.recommended === 'recommended' || docs.recommended === 'strict')) ||
      (preset === 'recommended' && docs.recommended === 'recommended');
    if (!inPreset) continue;
    // Strict and all turn advisory rules into errors: those presets are for teams that gate on them.
    const level = preset === 'recommended' ? severity : 'error';
    // Rules with opt-in hygiene checks declare the options strict and all turn on (meta.docs.strictOptions).
    const options = preset === 'recommended' ? undefined : docs.strictOptions;
    out[`kms/${name}`] = options && options.length > 0 ? [level, ...options] : level;
  }
  return out;
}

export function buildConfigs(plugin: TSESLint.FlatConfig.Plugin, rules: RuleMap): Record<PresetName, TSESLint.FlatConfig.Config> {
  const make = (preset: PresetName): TSESLint.FlatConfig.Config => ({
    name: `kms/${preset}`,
    plugins: { kms: plugin },
    rules: presetRules(rules, preset),
  });
  return { recommended: make('recommended'), strict: make('strict'), all: make('all') };
}
