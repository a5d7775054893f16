// The linter: a small rule set on top of the recommended ones. Formatting is Prettier's job
// (`npm run format:check`), so no stylistic rule lives here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/e2e/node_modules/**', 'test/e2e/.harness/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // An unused parameter is kept when a visitor or interface dictates the signature; the leading
      // underscore says so. Everything else unused is still an error.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'all', caughtErrorsIgnorePattern: '^_' },
      ],
      // A `catch {}` that swallows everything hides bugs; an empty block elsewhere is as suspect.
      'no-empty': ['error', { allowEmptyCatch: false }],
      // `==` coerces; the one idiom worth keeping is `x == null` for "null or undefined".
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
);
