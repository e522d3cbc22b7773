import { describe, expect, it } from '@jest/globals';
import { signIn, useBrowser } from './support/browser.js';
import { ADMIN, USER } from './support/stack.js';

/**
 * The backtest page against the real stack: the walk-forward the worker stored when it trained BTC's
 * LSTM (the global setup's seeded training), and a backtest an admin starts from the page.
 */
export const backtestSuite = (): void =>
  describe('the backtest page', () => {
    const { open } = useBrowser();
    const PAGE = '/markets/BTC/backtest?interval=1d';

    it("draws the LSTM's rolling coverage and PIT histogram from its training's walk-forward, and its figures in the table", async () => {
      const page = await (await open()).newPage();
      await signIn(page, USER, { path: '/login' });
      await page.goto(`${PAGE}&family=lstm`);
      const coverage = page.getByTestId('coverage-chart');
      await coverage.waitFor({ timeout: 20_000 });
      // A daily training walks forward over 365 origins: the 90-forecast window gives a point from the 90th on.
      expect(Number(await coverage.getAttribute('data-points'))).toBeGreaterThan(200);
      expect(await page.getByText(/^Rolling 90% coverage over the last 90 forecasts: latest \d+\.\d%/).count()).toBeGreaterThan(0);
      const bins = await page
        .getByTestId('pit-histogram')
        .locator('rect')
        .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-count'))));
      expect(bins).toHaveLength(10);
      expect(bins.reduce((a, b) => a + b, 0)).toBeGreaterThan(300);
      const lstm = page.getByRole('row', { name: /^lstm/ });
      expect(await lstm.getByRole('cell').first().textContent()).toMatch(/^\d{1,3}(,\d{3})*$/);
    });

    it("lets an admin backtest a baseline, follow its job and then see that baseline's coverage", async () => {
      const page = await (await open()).newPage();
      await signIn(page, ADMIN, { path: '/login' });
      await page.goto(PAGE);
      const form = page.getByRole('form', { name: 'Start a backtest' });
      await form.getByLabel('Model family').selectOption('naive');
      await form.getByRole('button', { name: 'Start backtest' }).click();
      await page.getByTestId('backtest-job').getByText('completed').waitFor({ timeout: 60_000 });
      await page.getByRole('heading', { name: 'Coverage over time: naive' }).waitFor();
      expect(page.url()).toMatch(/family=naive/);
      const coverage = page.getByTestId('coverage-chart');
      await coverage.waitFor({ timeout: 20_000 });
      expect(Number(await coverage.getAttribute('data-points'))).toBeGreaterThan(0);
      expect(await page.getByText(/^From the newest stored backtest of naive/).count()).toBe(1);
    }, 90_000);
  });
