import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const noProcessEnv = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Configuration is read in bot/src/config.ts only: take it from Config.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'bench/results/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly' } },
  },
  {
    // Product code: configuration comes from config.ts alone.
    files: ['core/**/*.ts', 'bot/**/*.ts', 'tab/**/*.ts'],
    ignores: ['bot/src/config.ts', '**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', noProcessEnv] },
  },
  {
    // core/ is the pure domain: no I/O, no transport, no clock or randomness of its own.
    files: ['core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'fs/*',
                'http',
                'https',
                'net',
                'child_process',
                'crypto',
                'os',
                'path',
              ],
              message: 'core/ does no I/O: pass what it needs in.',
            },
            {
              group: [
                'express',
                'helmet',
                'kysely',
                'pg',
                'better-sqlite3',
                'pino',
                'jose',
                '@microsoft/*',
                '@azure/*',
              ],
              message: 'core/ is free of transport, storage and SDKs.',
            },
            {
              group: ['**/bot/**', '**/tab/**'],
              message: 'core/ depends on nothing outside core/.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        noProcessEnv,
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'core/ takes the time as an input.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'core/ takes the time as an input.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'core/ takes randomness as an input.',
        },
      ],
    },
  },
);
