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
      [USER, ['/markets', '/markets/BTC?interval=1d', '/markets/BTC/backtest?interval=1d', '/models', '/account', '/admin/jobs']],
      [ADMIN, ['/admin/assets', '/admin/jobs', '/admin/users', '/models', '/markets/BTC/backtest?interval=1d']],
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
            found.push(...(await axeViolations(page)).map((v) => ({ path, who: who?.username ?? 'nobody', ...v })));
          }
        }
        expect(found).toEqual([]);
      }, 120_000);
    }
  });
