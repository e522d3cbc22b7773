/**
 * Jest in ESM mode (NestJS 12 is ESM-only), TypeScript compiled by SWC with decorator metadata.
 *
 * The tests come in tiers, told apart by their file names (`npm test` runs them in this order,
 * through tools/test.ts):
 * - unit, `*.spec.ts` (jest.unit.config.js): no Postgres, no Redis, no built files;
 * - int, `*.int.spec.ts` (jest.int.config.js): against the real Postgres and Redis;
 * - stack, `*.stack.spec.ts` (jest.stack.config.js): builds, then starts processes;
 * - e2e, `*.e2e.spec.ts` (jest.e2e.config.js): builds, starts the stack, drives a real Chromium.
 * This file runs the unit and int tiers together (`jest <path>` runs any one of their specs) with the
 * int tier's setup; stack and e2e specs need the build first: `npm run test:stack -- <path>`, `npm run test:e2e -- <path>`.
 */
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

// The tests' own databases, recreated by test/global-setup.ts on every run of the int and stack tiers.
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/candlecast_test';
process.env.TEST_REDIS_URL ??= 'redis://127.0.0.1:6379/1';

/** What every tier shares: how to compile and resolve, and the default timeout. */
export const base = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^#libs/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 30_000,
};

const SPECS = '<rootDir>/{apps,libs,test,tools,bench}/**/';
/** `npm run test:resilience` (jest.resilience.config.js): a suite of its own, with servers of its own. */
const RESILIENCE = '<rootDir>/test/resilience/';
/** The web app's specs run in Vitest (apps/web), not here. */
const WEB = '<rootDir>/apps/web/';

/**
 * The int tier's setup: a recreated test database and an empty test Redis database, which every
 * spec's apps use (test/setup-env.ts), each file under a Redis key prefix of its own. Specs share
 * them: one at a time.
 */
export const withTestDatabases = {
  globalSetup: '<rootDir>/test/global-setup.ts',
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  maxWorkers: 1,
};

export const tiers = {
  unit: {
    testMatch: [`${SPECS}*.spec.ts`],
    testPathIgnorePatterns: ['/node_modules/', RESILIENCE, WEB, '\\.(int|e2e|stack)\\.spec\\.ts$'],
  },
  int: { testMatch: [`${SPECS}*.int.spec.ts`], testPathIgnorePatterns: ['/node_modules/', RESILIENCE, WEB] },
  stack: { testMatch: [`${SPECS}*.stack.spec.ts`], testPathIgnorePatterns: ['/node_modules/', RESILIENCE, WEB] },
  e2e: { testMatch: [`${SPECS}*.e2e.spec.ts`], testPathIgnorePatterns: ['/node_modules/', RESILIENCE, WEB] },
};

export default {
  ...base,
  ...withTestDatabases,
  testMatch: [`${SPECS}*.spec.ts`],
  testPathIgnorePatterns: ['/node_modules/', RESILIENCE, WEB, '\\.(stack|e2e)\\.spec\\.ts$'],
};
