import { describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { signIn, useBrowser, VIEWPORTS } from './support/browser.js';
import { compareWithBaseline, countColours, plotScreenshot, type Theme } from './support/pixels.js';
import { ADMIN, USER } from './support/stack.js';

/**
 * BTC's chart as a user sees it: the shipped daily history and the forecast of a small seeded model
 * (trained by the global setup), so the same picture every run. Counted, then compared.
 */
export const chartSuite = (): void =>
  describe("BTC's chart", () => {
    const { open } = useBrowser();
    const ASSET = '/markets/BTC?interval=1d';
    /** Share of pixels that may differ from the baseline: anti-aliasing varies a little between machines. */
    const MAX_MISMATCH = 0.01;

    const chartPage = async (theme: Theme, viewport: keyof typeof VIEWPORTS): Promise<Page> => {
      const page = await (await open({ ...VIEWPORTS[viewport], colorScheme: theme })).newPage();
      await signIn(page, USER, { path: '/login' });
      await page.goto(ASSET);
      // Step 8: the forecast carries intervals, drawn as the band.
      await page.locator('[data-testid="price-chart"][data-drawn~="candles"][data-drawn~="forecast"][data-drawn~="band"]').waitFor();
      return page;
    };

    for (const theme of ['light', 'dark'] as const) {
      for (const viewport of ['desktop', 'phone'] as const) {
        it(`draws candles and then the forecast and its band to the right of the last one, as the baseline shows (${theme}, ${viewport})`, async () => {
          const page = await chartPage(theme, viewport);
          const png = await plotScreenshot(page);
          const pixels = countColours(png, theme);
          expect(pixels.up.thickColumns.length).toBeGreaterThan(0);
          expect(pixels.down.thickColumns.length).toBeGreaterThan(0);
          expect(pixels.forecast.pixels).toBeGreaterThan(0);
          const lastCandle = Math.max(pixels.up.thickColumns.at(-1)!, pixels.down.thickColumns.at(-1)!);
          const firstCandle = Math.min(pixels.up.thickColumns[0], pixels.down.thickColumns[0]);
          // The forecast starts at the last close (the last candle's middle) and runs into the future.
          expect(pixels.forecast.columns.at(-1)!).toBeGreaterThan(lastCandle);
          expect(pixels.forecast.columns[0]).toBeGreaterThan(firstCandle);
          // The band (the 90% interval, where the 80% one does not cover it) lies after the last candle only.
          expect(pixels.band.pixels).toBeGreaterThan(0);
          expect(pixels.band.columns.at(-1)!).toBeGreaterThan(lastCandle);
          expect(pixels.band.columns[0]).toBeGreaterThan(lastCandle - 8);

          const baseline = compareWithBaseline(`asset-${theme}-${viewport}`, png);
          expect({
            mismatch: baseline.mismatch <= MAX_MISMATCH ? 'within' : baseline.mismatch,
            diff: baseline.mismatch <= MAX_MISMATCH ? undefined : baseline.diffPath,
          }).toEqual({
            mismatch: 'within',
            diff: undefined,
          });

          if (theme === 'light' && viewport === 'desktop') {
            mkdirSync('docs/screenshots', { recursive: true });
            await page.screenshot({ path: 'docs/screenshots/asset.png', fullPage: true, animations: 'disabled' });
          }
        });
      }
    }

    it('fits a phone without sideways scrolling, on every page', async () => {
      for (const [who, paths] of [
        [
          USER,
          [
            '/markets',
            ASSET,
            '/markets/BTC/backtest?interval=1d',
            '/markets/BTC/analysis?interval=1d',
            '/compare?series=BTC,ETH',
            '/models',
            '/watched',
            '/inbox',
            '/account',
          ],
        ],
        [ADMIN, ['/admin/assets', '/admin/jobs', '/admin/users', '/models', '/markets/BTC/backtest?interval=1d']],
      ] as const) {
        const page = await (await open(VIEWPORTS.phone)).newPage();
        await signIn(page, who, { path: '/login' });
        for (const path of paths) {
          await page.goto(path);
          await page.getByRole('heading').first().waitFor();
          const widths = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
            '({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth })',
          );
          expect({ path, sideways: widths.scrollWidth > widths.innerWidth }).toEqual({ path, sideways: false });
        }
      }
    });
  });
