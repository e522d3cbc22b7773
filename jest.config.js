/** Jest in ESM mode (NestJS 12 is ESM-only), TypeScript compiled by SWC with decorator metadata. */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

// The tests' own databases, recreated by test/global-setup.ts on every run.
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/candlecast_test';
process.env.TEST_REDIS_URL ??= 'redis://127.0.0.1:6379/1';

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^#libs/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
  // `npm run test:resilience` (jest.resilience.config.js): a suite of its own, with servers of its own.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/resilience/'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 30_000,
  // Specs share one Postgres and one Redis: one at a time keeps them from stepping on each other.
  maxWorkers: 1,
};
