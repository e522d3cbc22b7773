/**
 * One lint configuration for the whole tree. Rules are chosen to catch bugs, not to restyle:
 * typescript-eslint's recommended set, plus the type-aware rules that find promises nobody waits
 * for or passes where a callback's result is ignored. Formatting is Prettier's (`npm run format`).
 */
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['**/dist/', '**/node_modules/', 'coverage/', '.data/', 'apps/web/src/api/schema.d.ts']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // Raw SQL answers `any`: in the storage layer every query declares the row it reads, so none leaks out.
    files: ['libs/database/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/database/src/migrations/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
    },
  },
  {
    // The web app (apps/web, step 7): a browser bundle with a tsconfig of its own.
    files: ['apps/web/**/*.{ts,tsx}'],
    ignores: ['apps/web/vite.config.ts', 'apps/web/scripts/**'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    rules: {
      // Nothing from the API is ever parsed as HTML: asset names and messages come from outside.
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render API strings as text.' },
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Render API strings as text.' },
      ],
    },
  },
  {
    // The web app's build configuration and scripts run in Node.
    files: ['apps/web/vite.config.ts', 'apps/web/scripts/**/*.ts'],
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: false, project: 'apps/web/tsconfig.node.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  prettier,
);
