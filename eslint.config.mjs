// ESLint flat config: type-aware typescript-eslint over every TypeScript file of the project (the files tsconfig.json
// includes), React's hook rules for the Custom UI apps, and eslint-config-prettier last so that no stylistic rule
// argues with Prettier. `npm run lint` runs it with --max-warnings 0: a warning fails like an error.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// A leading underscore marks a binding kept on purpose (a parameter an interface requires, a property left out).
const unusedVars = { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true };

export default defineConfig(
  globalIgnores(['static/*/build/', '.data/', 'coverage/', 'test-results/']),

  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // One TypeScript program from tsconfig.json; the root config files it does not include get a default one.
        projectService: { allowDefaultProject: ['*.mts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Numbers in messages and log lines are the point of a template literal; objects, nullish and unions still fail.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `async` on a method with nothing to await is how an adapter meets a promise-returning port, and it makes a
      // synchronous throw a rejection, which callers rely on.
      '@typescript-eslint/require-await': 'off',
      // A deprecated API (zod 4's string().url(), ...) is a change waiting to break: use its replacement.
      '@typescript-eslint/no-deprecated': 'error',
      '@typescript-eslint/no-unused-vars': ['error', unusedVars],
    },
  },

  {
    // Tests read untyped JSON bodies and mocks, assert on what they just found (`found!`), and write async stubs.
    files: ['test/**/*.{ts,tsx}', '**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // A test reads answers and fixtures whose shape its assertions check; typing each by hand proves nothing more.
      '@typescript-eslint/no-explicit-any': 'off',
      // jest.isolateModules() needs a synchronous require() to load a fresh copy of a module.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },

  {
    files: ['static/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },

  {
    // The few plain JavaScript files: jest configs (CommonJS), the keytar stand-in (CommonJS), this file (ESM).
    files: ['**/*.{js,cjs,mjs}'],
    extends: [js.configs.recommended],
    rules: { 'no-unused-vars': ['error', unusedVars] },
  },
  {
    files: ['**/*.cjs', 'tools/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly' } },
  },

  prettier,
);
