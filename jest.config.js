/** Jest 30 + ts-jest in native ESM mode; type checking is `npm run typecheck`'s job. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/core', '<rootDir>/bot', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.check.json', diagnostics: false }],
    // jose and strip-bom are ESM-only; the Agents SDK's jwks-rsa and @microsoft/app-manifest
    // require() them, which Node 20.19+ allows but
    // Jest's module loader does not: ts-jest hands jose over
    // as CommonJS where it is require()d and as ESM where it is imported.
    '^.+/node_modules/(jose|strip-bom)/.+\\.js$': [
      'ts-jest',
      { useESM: true, tsconfig: { allowJs: true, target: 'ES2022' }, diagnostics: false },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|strip-bom)/)'],
  testTimeout: 60000,
  maxWorkers: 2,
};
