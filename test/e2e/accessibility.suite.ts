import { describe, expect, it } from '@jest/globals';
import { axeViolations, signIn, useBrowser, type Credentials } from './support/browser.js';
import { ADMIN, USER } from './support/stack.js';

/**
 * axe-core's WCAG 2 A and AA rules on every page, in both themes. axe is injected as a script, which
 * the strict CSP refuses: these contexts bypass CSP, and are the only ones that do.
 */
export const accessibilitySuite = (): void =>
  describe('accessibility', () => {
    const { open } = useBrowser();
    const PAGES: [Credentials | null, string[]][] = [
      [null, ['/login', '/signup']],
      [
        USER,
        [
          '/markets',
          '/markets/BTC?interval=1d',
          '/markets/BTC/backtest?interval=1d',
          // A span ETH's shipped candles reach into (they end 2024-03-31): the correlation matrix has two assets at least.
          '/markets/BTC/analysis?interval=1d&from=2023-01-01&to=2024-03-01',
          '/compare?series=BTC,ETH',
          '/models',
          '/watched',
          '/inbox',
          '/account',
          '/admin/jobs',
        ],
      ],
      [
        ADMIN,
        [
          '/admin/assets',
          '/admin/jobs',
          '/admin/users',
          '/models',
          '/markets/BTC/backtest?interval=1d',
          '/markets?at=2024-03-01T00:00:00Z',
        ],
      ],
    ];

    for (const colorScheme of ['light', 'dark'] as const) {
      it(`finds no WCAG 2 A or AA violation on any page (${colorScheme})`, async () => {
        const found = [];
        for (const [who, paths] of PAGES) {
          const page = await (await open({ bypassCSP: true, colorScheme })).newPage();
          if (who) await signIn(page, who, { path: '/login' });
          for (const path of paths) {
            await page.goto(path);
            await page.getByRole('heading').first().waitFor();
            if (/^\/markets\/[^/]+\?/.test(path)) await page.locator('[data-testid="price-chart"][data-drawn~="candles"]').waitFor();
            if (path.includes('/backtest')) await page.getByRole('heading', { name: 'The served model beside every baseline' }).waitFor();
            // Step 9: the overview's table, the Compare chart, the Analysis figures and matrix, the header's ticker.
            if (path.startsWith('/markets?') || path === '/markets') await page.getByTestId('market-source').waitFor();
            if (/^\/markets\/[^/]+\?/.test(path)) await page.getByTestId('ticker').waitFor();
            if (path.startsWith('/compare')) await page.locator('[data-testid="compare-chart"][data-drawn~="lines"]').waitFor();
            if (path.includes('/analysis')) await page.getByTestId('correlation-matrix').waitFor();
            if (path.includes('/analysis')) await page.getByTestId('return-histogram').waitFor();
            found.push(...(await axeViolations(page)).map((v) => ({ path, who: who?.username ?? 'nobody', ...v })));
          }
        }
        expect(found).toEqual([]);
      }, 120_000);
    }
  });
