import { describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { origin, signIn, useBrowser } from './support/browser.js';
import { countColours, plotScreenshot } from './support/pixels.js';
import { eventually } from '../support/queues.js';
import { ADMIN, login, NEW_PAIR } from './support/stack.js';

/** An admin's day: a new asset from Kraken's pairs, a training watched epoch by epoch, its forecast on the chart. */
export const adminSuite = (): void =>
  describe('an admin in the browser', () => {
    const { open } = useBrowser();
    /** Enough epochs to be watched arriving, on 720 daily candles and a model this small: a few seconds. */
    const EPOCHS = 40;

    const adminPage = async (path: string): Promise<Page> => {
      const page = await (await open()).newPage();
      await signIn(page, ADMIN, { path: '/login' });
      await page.goto(path);
      return page;
    };

    it('adds an asset picked from the Kraken pairs, and its backfilled candles arrive', async () => {
      const page = await adminPage('/admin/assets');
      await page.getByRole('searchbox', { name: 'Search Kraken pairs' }).fill(NEW_PAIR.altname);
      const row = page.getByRole('row').filter({ hasText: new RegExp(`\\b${NEW_PAIR.wsname}\\b`) });
      await row.getByRole('button', { name: 'Track' }).click();
      await page.getByRole('row').filter({ hasText: NEW_PAIR.symbol }).getByRole('button', { name: 'Untrack' }).first().waitFor();
      const auth = { headers: { authorization: `Bearer ${await login(origin(), ADMIN)}` } };
      const history = await eventually(
        async () =>
          (await fetch(`${origin()}/crypto/assets/${NEW_PAIR.symbol}/history?interval=1d`, auth)).json() as Promise<{ count?: number }>,
        (body) => (body.count ?? 0) >= 719, // Kraken's still-open last row is not stored
        30_000,
        'the backfilled candles',
      );
      expect(history.count).toBeGreaterThanOrEqual(719);
      await page.goto('/markets');
      await page
        .getByRole('link', { name: new RegExp(`\\b${NEW_PAIR.symbol}\\b`) })
        .first()
        .waitFor();
    });

    it('starts a training from the form, watches its epochs arrive, then sees its forecast on the chart', async () => {
      const page = await adminPage('/admin/jobs');
      const form = page.getByRole('form', { name: 'Start training' });
      await form.getByLabel('Asset').selectOption(NEW_PAIR.symbol);
      await form.getByLabel('Interval').selectOption('1d');
      // One ensemble member (step 8's default is 5): the same curve to watch, a fifth of the fits.
      const set = { units: 4, layers: 1, window: 5, epochs: EPOCHS, patience: EPOCHS, batchSize: 16, seed: 7, seeds: 1 };
      for (const [name, value] of Object.entries(set)) await form.getByLabel(name, { exact: true }).fill(String(value));
      await form.getByRole('button', { name: 'Start training' }).click();

      const epoch = page.getByText(new RegExp(`Epoch \\d+ of ${EPOCHS}`));
      await epoch.first().waitFor({ timeout: 30_000 });
      const firstSeen = Number(/Epoch (\d+)/.exec(await epoch.first().innerText())![1]);
      mkdirSync('docs/screenshots', { recursive: true });
      await page.mouse.move(0, 0);
      await page.screenshot({ path: 'docs/screenshots/jobs.png', fullPage: true, animations: 'disabled' });
      await page.waitForFunction(
        ([first, of]) => {
          const match = new RegExp(`Epoch (\\d+) of ${of}`).exec(
            (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText,
          );
          return match !== null && Number(match[1]) > first;
        },
        [firstSeen, EPOCHS],
        { timeout: 30_000 },
      );

      // train → score → predict: the chart of the new asset gets its forecast.
      const auth = { headers: { authorization: `Bearer ${await login(origin(), ADMIN)}` } };
      await eventually(
        async () => (await fetch(`${origin()}/prediction/latest?asset=${NEW_PAIR.symbol}&interval=1d`, auth)).status,
        (status) => status === 200,
        60_000,
        `the forecast of ${NEW_PAIR.symbol}`,
      );
      await page.goto(`/markets/${NEW_PAIR.symbol}?interval=1d`);
      await page.locator('[data-testid="price-chart"][data-drawn~="forecast"]').waitFor({ timeout: 30_000 });
      const pixels = countColours(await plotScreenshot(page), 'light');
      expect(pixels.forecast.pixels).toBeGreaterThan(0);
    }, 120_000);
  });
