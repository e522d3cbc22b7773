/** `npm run test:int`: the specs against the real Postgres and Redis, on the test databases (`*.int.spec.ts`). */
import { base, tiers, withTestDatabases } from './jest.config.js';

export default {
  ...base,
  ...withTestDatabases,
  ...tiers.int,
};
