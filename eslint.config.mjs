// The linter: a small rule set on top of the recommended ones, and the layer boundaries.
// Formatting is Prettier's job (`npm run format:check`); the one layout rule here is max-len, for comments.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The boundaries, as import rules the editor shows while typing. test/architecture/boundaries.test.ts
// checks the same rules on resolved paths (an allowlist per layer); docs/architecture.md explains them.
const NO_VSCODE = { name: 'vscode', message: 'This layer runs outside VS Code: only src/extension imports vscode.' };
const NO_NODE = {
  regex: `^(node:.*|${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/.*)?$`,
  message: 'This layer is pure: no Node built-ins (only src/extension and src/cli run on Node).',
};
const NO_CORE_INSIDE = {
  regex: '(^|/)core/.',
  message: "Import the core through its public surface (src/core/index.ts, `'../core'`); widen it if needed.",
};
const NO_ADAPTER_FROM_CORE = {
  regex: '^(\\.\\./)+(extension|cli|derivations|webview|protocol)(/|$)',
  message: 'The core imports no adapter: adapters import the core.',
};
const ONLY_PROTOCOL = {
  regex: '^(?!\\./|\\.\\./protocol/)',
  message: 'The webview imports only src/protocol (and its own files).',
};
const NOTHING_OUTSIDE = { regex: '^(?!\\./)', message: 'The protocol imports nothing: both sides read it.' };

/** One `no-restricted-imports` rule (a later config object replaces, not merges, an earlier one's). */
const restrict = (paths, patterns) => ['error', { paths, patterns }];

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
      // `==` coerces; the one idiom worth keeping is `x == null` for "null or undefined".
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Prettier wraps code at 120 but not comments: this catches a long comment. Strings, template
      // literals and regular expressions are left long (breaking them would hurt more than it helps).
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([NO_VSCODE], [NO_NODE, NO_ADAPTER_FROM_CORE]),
      // No silent failure: a catch in the core names what it caught and either expects it (a typed
      // evaluation failure) or reports it (src/core/check/failures.ts).
      'no-restricted-syntax': [
        'error',
        { selector: 'CatchClause[param=null]', message: 'Name the error: expect its type or report it (failures.ts).' },
      ],
    },
  },
  { files: ['src/protocol/**/*.ts'], rules: { 'no-restricted-imports': restrict([NO_VSCODE], [NOTHING_OUTSIDE]) } },
  { files: ['src/webview/**/*.ts'], rules: { 'no-restricted-imports': restrict([NO_VSCODE], [ONLY_PROTOCOL]) } },
  {
    files: ['src/derivations/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([NO_VSCODE], [NO_NODE, NO_CORE_INSIDE]) },
  },
  { files: ['src/cli/**/*.ts'], rules: { 'no-restricted-imports': restrict([NO_VSCODE], [NO_CORE_INSIDE]) } },
  { files: ['src/extension/**/*.ts'], rules: { 'no-restricted-imports': restrict([], [NO_CORE_INSIDE]) } },
  // The pure half of the extension: what it computes is tested under plain node, without an editor.
  {
    files: ['src/extension/pure/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([NO_VSCODE], [NO_NODE, NO_CORE_INSIDE]) },
  },
);
