import { describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { origin, signIn, useBrowser, VIEWPORTS } from './support/browser.js';
import { compareWithBaseline, countColour, plotScreenshot } from './support/pixels.js';
import { eventually } from '../support/queues.js';
import { ADMIN, login, SEARCH_PAIR, USER } from './support/stack.js';

/** The shipped daily history of a pair, by open time (seconds): what the overview's numbers must agree with. */
function dailyCloses(file: string): Map<number, { close: number; volume: number }> {
  const rows = readFileSync(`data/history/${file}`, 'utf8').trim().split('\n').slice(1);
  return new Map(
    rows.map((line) => {
      const [time, , , , close, volume] = line.split(',');
      return [Number(time), { close: Number(close), volume: Number(volume) }];
    }),
  );
}
const HISTORY: Record<string, Map<number, { close: number; volume: number }>> = {
  BTC: dailyCloses('kraken-XBTUSD-1440.csv'),
  ETH: dailyCloses('kraken-ETHUSD-1440.csv'),
};
/** The first two lines' colours of the Compare chart (apps/web/src/compare/compare-data.ts's SERIES_COLORS). */
const LINE_COLOURS = { light: ['#2962ff', '#e65100'], dark: ['#5b9cff', '#ffa726'] } as const;
const DAY = 86_400;
/** A past time both shipped histories cover: the table is as of the daily close at 2024-03-01T00:00Z. */
const AS_OF = '2024-03-01T00:00';
const AS_OF_SECONDS = Date.UTC(2024, 2, 1) / 1000;

/** What the raw CSV says a row of the overview as of AS_OF must hold: the close of the candle that closed then, and its changes. */
function expectedRow(symbol: string) {
  const history = HISTORY[symbol];
  const at = (daysBack: number) => history.get(AS_OF_SECONDS - DAY - daysBack * DAY)!;
  const now = at(0);
  const change = (days: number) => (now.close / at(days).close - 1) * 100;
  return { price: now.close, change24h: change(1), change7d: change(7), change30d: change(30), volume24h: now.volume };
}

const tableSymbols = (page: Page) =>
  page.locator('.market-table tbody tr th a').evaluateAll((links) => links.map((a) => a.textContent ?? ''));

/** The page as docs/screenshots/<name>.png, for the README. */
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('docs/screenshots', { recursive: true });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true, animations: 'disabled' });
}

/** Each row's symbol and price (the Price cell: "61,180.90 USD"), top to bottom. */
const tablePrices = (page: Page) =>
  page.locator('.market-table tbody tr').evaluateAll((rows) =>
    rows.map((row) => ({
      symbol: row.querySelector('th a')?.textContent ?? '',
      price: Number((row.querySelectorAll('td')[2]?.textContent ?? '').replace(/[^0-9.]/g, '')),
    })),
  );

/**
 * Step 9's market views in the browser: the overview sorted by the API, as of a past time, its CSV
 * saved and checked line by line against the shipped CSVs; the live ticker in the asset header;
 * the Compare chart; search, and an admin tracking a pair found there.
 */
export const marketsSuite = (): void =>
  describe('the market views', () => {
    const { open } = useBrowser();

    const userPage = async (path: string, who = USER, options = {}): Promise<Page> => {
      const page = await (await open(options)).newPage();
      await signIn(page, who, { path: '/login' });
      await page.goto(path);
      return page;
    };

    it('shows the overview as of a past UTC time, sorts it by a clicked header kept in the URL, and explains a future time', async () => {
      const page = await userPage('/markets');
      await page.getByLabel('As of (UTC)').fill(AS_OF);
      await page.getByRole('button', { name: 'Show', exact: true }).click();
      await page.waitForURL(/\/markets\?at=2024-03-01T00%3A00%3A00\.000Z$/);
      const source = page.getByTestId('market-source');
      await source.getByText(/^As of Mar 1, 2024, 00:00 UTC/).waitFor();
      expect(await source.textContent()).toMatch(/from the 1d candles/);
      expect(await tableSymbols(page)).toEqual(expect.arrayContaining(['BTC', 'ETH']));

      await page.getByRole('button', { name: 'Price', exact: true }).click();
      await page.waitForURL(/order_by=price/);
      await page.locator('.market-table[aria-busy="false"] th[aria-sort="descending"]', { hasText: 'Price' }).waitFor();
      const byPriceDesc = await tablePrices(page);
      expect(byPriceDesc.map((r) => r.price)).toEqual(byPriceDesc.map((r) => r.price).sort((a, b) => b - a));
      expect(byPriceDesc[0].symbol).toBe('BTC');
      await page.getByRole('button', { name: 'Price', exact: true }).click();
      await page.waitForURL(/order_by=price&order=asc/);
      await page.locator('.market-table[aria-busy="false"] th[aria-sort="ascending"]', { hasText: 'Price' }).waitFor();
      const byPriceAsc = await tablePrices(page);
      expect(byPriceAsc.map((r) => r.price)).toEqual(byPriceDesc.map((r) => r.price).reverse());
      expect(byPriceAsc.at(-1)!.symbol).toBe('BTC');
      // The address alone brings the same table back.
      await page.reload();
      await page.locator('.market-table[aria-busy="false"] th[aria-sort="ascending"]', { hasText: 'Price' }).waitFor();
      expect(await tablePrices(page)).toEqual(byPriceAsc);

      await page.getByLabel('As of (UTC)').fill('2999-01-01T00:00');
      await page.getByRole('button', { name: 'Show', exact: true }).click();
      await page.getByText('Jan 1, 2999, 00:00 UTC is in the future: the overview exists up to now only.').waitFor();
      await screenshot(page, 'markets');
      expect(await tablePrices(page)).toEqual(byPriceAsc);
    });

    it('downloads the CSV of exactly the table shown, its figures those of the shipped daily CSVs', async () => {
      const page = await userPage(`/markets?order_by=change24h&limit=3&at=${encodeURIComponent(`${AS_OF}:00.000Z`)}`);
      await page.locator('.market-table[aria-busy="false"] th[aria-sort="descending"]', { hasText: '24 h' }).waitFor();
      const shown = await tableSymbols(page);
      expect(shown.length).toBeGreaterThanOrEqual(2);
      expect(shown.length).toBeLessThanOrEqual(3);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toBe('candlecast-market-2024-03-01T00-00-00Z-change24h-desc-top3.csv');
      const lines = readFileSync(await download.path(), 'utf8')
        .trimEnd()
        .split(/\r?\n/);
      expect(lines[0]).toMatch(/^Rank,Symbol,Price USD,Change 24h %,Change 7d %,Change 30d %,Volume 24h,Volume 24h USD/);
      const header = lines[0].split(',');
      const rows = lines.slice(1).map((line) => Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell])));
      expect(rows.map((r) => r.Symbol)).toEqual(shown);
      const changes = rows.map((r) => Number(r['Change 24h %']));
      expect(changes).toEqual([...changes].sort((a, b) => b - a));
      for (const row of rows.filter((r) => r.Symbol in HISTORY)) {
        const expected = expectedRow(row.Symbol);
        expect({ symbol: row.Symbol, price: Number(row['Price USD']), volume: Number(row['Volume 24h']) }).toEqual({
          symbol: row.Symbol,
          price: expected.price,
          volume: expected.volume24h,
        });
        expect(Number(row['Change 24h %'])).toBeCloseTo(expected.change24h, 2);
        expect(Number(row['Change 7d %'])).toBeCloseTo(expected.change7d, 2);
        expect(Number(row['Change 30d %'])).toBeCloseTo(expected.change30d, 2);
      }
    });

    it("shows BTC's live ticker in its header, and reads it again", async () => {
      const page = await (await open()).newPage();
      await signIn(page, USER, { path: '/login' });
      const isTicker = (url: string) => new URL(url).pathname === '/crypto/assets/BTC/ticker';
      const asked: string[] = [];
      page.on('request', (request) => {
        if (isTicker(request.url())) asked.push(request.url());
      });
      await page.goto('/markets/BTC?interval=1d');
      const ticker = page.getByTestId('ticker');
      await ticker.getByText('19,107.00').first().waitFor();
      expect(await ticker.textContent()).toMatch(/Bid \/ ask19,106\.90 \/ 19,107\.00/);
      expect(await page.getByTestId('ticker-freshness').textContent()).toMatch(/^\((live|stale, \d+ s old)\)$/);
      // Read again every TICKER_CACHE_TTL (10 s): the next request after the one shown.
      await page.waitForRequest((request) => isTicker(request.url()), { timeout: 30_000 });
      expect(asked.length).toBeGreaterThanOrEqual(2);
    }, 60_000);

    for (const theme of ['light', 'dark'] as const) {
      it(`draws BTC and ETH on one chart rebased to 100, with a legend, as the baseline shows (${theme})`, async () => {
        const page = await userPage('/compare?series=BTC,ETH', USER, { ...VIEWPORTS.desktop, colorScheme: theme });
        await page.locator('[data-testid="compare-chart"][data-drawn~="lines"]').waitFor();
        const legend = await page.getByRole('list', { name: 'Legend' }).getByRole('listitem').allTextContents();
        expect(legend).toEqual([expect.stringMatching(/^ BTC \(1d\) \d/), expect.stringMatching(/^ ETH \(1d\) \d/)]);
        const png = await plotScreenshot(page, 'compare-chart');
        const [btc, eth] = LINE_COLOURS[theme].map((colour) => countColour(png, colour));
        expect(btc.pixels).toBeGreaterThan(100);
        expect(eth.pixels).toBeGreaterThan(100);
        // The whole shared span in view: the lines start at the plot's left edge, where both read 100 (the one drawn last covers
        // the other there), and both reach its right end.
        expect(Math.min(btc.columns[0], eth.columns[0])).toBeLessThan(20);
        expect(Math.abs(btc.columns.at(-1)! - eth.columns.at(-1)!)).toBeLessThan(20);
        const baseline = compareWithBaseline(`compare-${theme}-desktop`, png);
        expect(baseline.mismatch <= 0.01 ? 'within' : baseline.diffPath).toBe('within');
        if (theme === 'light') await screenshot(page, 'compare');
      });
    }

    it('analyses BTC over a chosen span: its return histogram, rolling volatility, drawdown, and its correlation with ETH', async () => {
      const page = await userPage('/markets/BTC/analysis?interval=1d&from=2023-01-01&to=2024-03-01');
      await page.getByTestId('return-histogram').waitFor();
      const bars = await page
        .getByTestId('return-histogram')
        .locator('rect')
        .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-count'))));
      expect(bars).toHaveLength(40);
      // 2023-01-01 to 2024-03-01: 426 daily candles, a return between each two.
      expect(bars.reduce((a, b) => a + b, 0)).toBe(425);
      expect(await page.getByTestId('rolling-volatility').locator('path').getAttribute('d')).toMatch(
        /^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+){300,}$/,
      );
      expect(await page.getByTestId('drawdown').locator('path').getAttribute('d')).toMatch(/^M/);
      const matrix = page.getByTestId('correlation-matrix');
      const btcRow = await matrix
        .locator('tbody tr')
        .filter({ has: page.getByRole('rowheader', { name: 'BTC' }) })
        .getByRole('cell')
        .allTextContents();
      expect(btcRow[0]).toBe('1.00');
      expect(Number(btcRow[1])).toBeGreaterThan(0.5); // BTC and ETH moved together in 2023
      await page.getByRole('button', { name: '3M', exact: true }).click();
      await page.waitForURL(/span=3M/);
      await page.getByText(/^No other tracked asset has 1d candles in this span/).waitFor();
      await page.goto('/markets/BTC/analysis?interval=1d&from=2023-01-01&to=2024-03-01');
      await matrix.waitFor();
      await screenshot(page, 'analysis');
    });

    it('finds assets and Kraken pairs by name, and an admin tracks a found pair from there', async () => {
      const user = await userPage('/markets');
      await user.getByRole('searchbox', { name: /Search assets and Kraken pairs/ }).fill('xbt');
      const results = user.getByRole('list', { name: 'Results for xbt' });
      await results
        .getByRole('link', { name: /^BTC · / })
        .first()
        .click();
      await user.waitForURL(/\/markets\/BTC$/);
      await user.getByRole('heading', { name: /^BTC/ }).waitFor();

      const page = await userPage('/markets', ADMIN);
      await page.getByRole('searchbox', { name: /Search assets and Kraken pairs/ }).fill('bitcoin');
      const found = page
        .getByRole('list', { name: 'Results for bitcoin' })
        .getByRole('listitem')
        .filter({ hasText: `${SEARCH_PAIR.altname} (${SEARCH_PAIR.wsname})` });
      await found.getByRole('button', { name: `Track as ${SEARCH_PAIR.symbol}` }).click();
      await page.getByText(`${SEARCH_PAIR.symbol} is tracked now (${SEARCH_PAIR.altname})`).waitFor();
      const auth = { headers: { authorization: `Bearer ${await login(origin(), ADMIN)}` } };
      const history = await eventually(
        async () =>
          (await fetch(`${origin()}/crypto/assets/${SEARCH_PAIR.symbol}/history?interval=1d`, auth)).json() as Promise<{ count?: number }>,
        (body) => (body.count ?? 0) >= 719,
        30_000,
        'the backfilled candles of the tracked pair',
      );
      expect(history.count).toBeGreaterThanOrEqual(719);
      // Searched again, it is a tracked asset with its page.
      await page.getByRole('searchbox', { name: /Search assets and Kraken pairs/ }).fill('xbteur');
      await page
        .getByRole('list', { name: 'Results for xbteur' })
        .getByRole('link', { name: new RegExp(`^${SEARCH_PAIR.symbol}`) })
        .waitFor();
    });
  });
