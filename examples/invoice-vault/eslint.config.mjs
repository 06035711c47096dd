import tseslint from 'typescript-eslint';
import kms from 'eslint-plugin-kms';

export default [
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  kms.configs.recommended,
];
