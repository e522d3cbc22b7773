/**
 * `npm run test:resilience`: the stack as real processes against a Redis and a Postgres that the
 * suite starts itself, on ports of its own; it never touches the machine's shared servers, so
 * there is no globalSetup and no test database here. Build first (`npm run build`): the specs
 * run the apps from dist/.
 */
import { base } from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/resilience/**/*.spec.ts'],
  // Each spec runs a whole stack with its own servers: one at a time.
  maxWorkers: 1,
  // Generous: a shared CI machine may be slow; the specs wait for recovery with their own deadlines.
  testTimeout: 300_000,
};
