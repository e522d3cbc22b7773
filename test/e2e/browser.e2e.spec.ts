import { afterAll, beforeAll, describe } from '@jest/globals';
import { accessibilitySuite } from './accessibility.suite.js';
import { adminSuite } from './admin.suite.js';
import { alertsSuite } from './alerts.suite.js';
import { backtestSuite } from './backtest.suite.js';
import { chartSuite } from './chart.suite.js';
import { guardsSuite } from './guards.suite.js';
import { marketsSuite } from './markets.suite.js';
import { rolesSuite } from './roles.suite.js';
import { sessionSuite } from './session.suite.js';
import { startE2eStack, type E2eStack } from './support/stack.js';

/**
 * The browser tests, against one real stack started once for all of them (a stack per spec file
 * would cost a minute each). Each suite lives in its own file; pick some with
 * `npm run test:e2e -- -t 'a session'`.
 */
describe('the web app in Chromium', () => {
  let stack: E2eStack;

  beforeAll(async () => {
    stack = await startE2eStack();
    process.env.E2E_ORIGIN = stack.origin;
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    if (process.env.E2E_STACK_LOG) console.log(stack?.launcher.output());
  }, 30_000);

  guardsSuite();
  sessionSuite();
  rolesSuite();
  adminSuite();
  chartSuite();
  backtestSuite();
  marketsSuite();
  accessibilitySuite();
  // Last: it brings BTC a new candle, which the other suites' pictures do not expect.
  alertsSuite(() => stack);
});
