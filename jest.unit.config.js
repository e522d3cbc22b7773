/**
 * `npm run test:unit`: every spec that needs no Postgres, no Redis and no built files. No global
 * setup: nothing here touches a database, and test/setup-unit.ts points the apps' DATABASE_URL and
 * REDIS_URL at a closed port, so that a spec that does needs renaming to `*.int.spec.ts`.
 */
import { base, tiers } from './jest.config.js';

export default {
  ...base,
  ...tiers.unit,
  setupFiles: ['<rootDir>/test/setup-unit.ts'],
  // Nothing shared to step on: one worker per core (Jest's default leaves a core free; here that halves the speed).
  maxWorkers: '100%',
};
