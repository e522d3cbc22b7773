/**
 * `npm run test:e2e`: the browser tests (`*.e2e.spec.ts`, test/e2e/). Playwright drives Debian's
 * Chromium (/usr/bin/chromium) against the real stack as processes. The global setup builds first
 * (the web app too) and recreates the test databases, as for the stack tier.
 */
import { base, tiers, withTestDatabases } from './jest.config.js';

export default {
  ...base,
  ...withTestDatabases,
  ...tiers.e2e,
  testTimeout: 60_000,
  // Read by test/global-setup.ts.
  globals: { buildFirst: true },
};
