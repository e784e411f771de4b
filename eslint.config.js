// Lint for the whole repository (`npm run lint`, part of `npm test`): typescript-eslint everywhere;
// Lit, web-component and lit-a11y rules for the elements in src/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['dist/', 'storybook-static/', 'cdk.out/', 'infra/cdk.out/', '.local-data/', '.demo-build/', '.bench-data/', 'test/.tmp/', 'coverage/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // `_`-prefixed names say "deliberately unused" (interface-shaped callbacks, destructured rests).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts'],
    ...litA11y.configs.recommended,
    rules: {
      ...litA11y.configs.recommended.rules,
      // A modal <dialog> focuses its `autofocus` element on showModal(): the ARIA dialog pattern puts
      // focus on the least destructive action (the delete confirmation's "Cancelar").
      'lit-a11y/no-autofocus': 'off',
    },
  },
  {
    // chai's property assertions (`expect(x).to.exist`) are expressions by design.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    // CloudFormation templates are untyped JSON: the template assertions walk them as `any`.
    files: ['test/node/infra/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
