// eslint-doc-generator: writes each rules-docs/<name>.md header and the README rules table from the
// built plugin (dist/), and `npm run lint:docs` (part of `npm test`) fails when they are stale.
/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  pathRuleDoc: 'rules-docs/{name}.md',
  pathRuleList: 'README.md',
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
    ['all', '🌐'],
  ],
  ruleListColumns: [
    'name',
    'description',
    'configsError',
    'configsWarn',
    'configsOff',
    'fixable',
    'hasSuggestions',
    'options',
    'requiresTypeChecking',
    'deprecated',
  ],
  ruleDocNotices: ['deprecated', 'configs', 'fixableAndHasSuggestions', 'requiresTypeChecking', 'options'],
  // Every page explains itself the same way. `## Options` (one `### <option>` heading each) is required for rules
  // with options by test/meta/rules.test.ts; rules without options may keep an Options section saying so,
  // which the generator's own ruleDocSectionOptions check would reject.
  ruleDocSectionInclude: ['Examples', 'When Not To Use It', 'Further Reading'],
  ruleDocSectionOptions: false,
};

export default config;
