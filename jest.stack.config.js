/**
 * `npm run test:stack`: the specs that start our built apps, or other programs, as processes
 * (`*.stack.spec.ts`). The global setup builds once (`npm run build`), then recreates the test
 * databases as the int tier does.
 */
import { base, tiers, withTestDatabases } from './jest.config.js';

export default {
  ...base,
  ...withTestDatabases,
  ...tiers.stack,
  // Read by test/global-setup.ts.
  globals: { buildFirst: true },
};
