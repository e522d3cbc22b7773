import { describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { eventually } from '../support/queues.js';
import { axeViolations, origin, signIn, useBrowser, VIEWPORTS } from './support/browser.js';
import { ADMIN, login, type E2eStack } from './support/stack.js';

const DAY = 86_400;
/** BTC's newest shipped daily candle (2026-03-31) and its close: the Kraken stand-in's answers start from it. */
const BTC_LAST = { time: 1_774_915_200, close: 68_219.7 };

let users = 0;
/** A user of this test alone (an admin signs them up), so that no other test's rules or inbox meet it. */
async function freshUser(): Promise<{ username: string; password: string }> {
  const who = { username: `step10-${Date.now().toString(36)}-${users++}`, password: 'a long and private phrase 42' };
  const admin = await login(origin(), ADMIN);
  const res = await fetch(`${origin()}/auth/signup`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...who, email: `${who.username}@example.com` }),
  });
  if (res.status !== 201) throw new Error(`signing up ${who.username}: HTTP ${res.status} ${await res.text()}`);
  return who;
}

/** Kraken's daily OHLC answer for XBTUSD: the newest stored candle, then candles with these closes, the last one still forming. */
function btcCandles(closes: number[]) {
  const rows = [BTC_LAST.close, ...closes].map((close, i) => {
    const c = close.toFixed(1);
    return [BTC_LAST.time + i * DAY, c, c, c, c, c, '12.5', 100];
  });
  return { error: [], result: { XXBTZUSD: rows, last: BTC_LAST.time + closes.length * DAY } };
}

/** A receiver of our own for webhooks: answers 200 and keeps what it got. */
async function receiver(): Promise<{ url: string; bodies: unknown[]; close: () => Promise<void> }> {
  const bodies: unknown[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(text || 'null'));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const levelField = (page: Page) => page.getByRole('form', { name: 'New alert' }).getByLabel('Level (USD)');

/**
 * Step 10 in Chromium: the watchlist star, preferences that follow the user to another browser,
 * an alert set by dragging its line on BTC's chart that fires when the Kraken stand-in brings a candle
 * across it (toast, badge, inbox), and webhooks on the account page.
 */
export const alertsSuite = (stack: () => E2eStack): void =>
  describe('watchlists, alerts and notifications', () => {
    const { open } = useBrowser();

    it('stars an asset on its page, lists it on the Watchlist page with its price, and unstars it there', async () => {
      const who = await freshUser();
      const page = await (await open()).newPage();
      await signIn(page, who, { path: '/login' });
      await page.goto('/markets/BTC?interval=1d');
      const star = page.getByRole('main').getByRole('button', { name: 'Watch BTC', exact: true }).first();
      await expect(star.getAttribute('aria-pressed')).resolves.toBe('false');
      await star.click();
      await page.locator('.asset-title [aria-pressed="true"]').waitFor();

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Watchlist' }).click();
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /BTC/ }) });
      await row.waitFor();
      await row.getByRole('cell', { name: /^[\d,.]+ USD$/ }).waitFor();

      await row.getByRole('button', { name: 'Watch BTC' }).click();
      await page.getByText('Nothing watched yet').waitFor();
      // The server holds it: a reload still shows the list empty.
      await page.reload();
      await page.getByText('Nothing watched yet').waitFor();
    });

    it('keeps preferences on the server: a second browser signed in as the same user gets the theme and the time zone', async () => {
      const who = await freshUser();
      const first = await (await open({ colorScheme: 'light' })).newPage();
      await signIn(first, who, { path: '/login' });
      await first.goto('/account');
      const form = first.getByRole('form', { name: 'Preferences' });
      const saved = first.waitForResponse((r) => r.url().endsWith('/preferences') && r.request().method() === 'PUT' && r.ok());
      await form.getByRole('radio', { name: 'Dark' }).check();
      await saved;
      const savedZone = first.waitForResponse((r) => r.url().endsWith('/preferences') && r.request().method() === 'PUT' && r.ok());
      await form.getByRole('radio', { name: 'UTC' }).check();
      await savedZone;

      const second = await (await open({ colorScheme: 'light' })).newPage();
      await signIn(second, who, { path: '/login' });
      await second.goto('/account');
      await second.locator('html[data-theme="dark"]').waitFor();
      await expect(second.getByRole('form', { name: 'Preferences' }).getByRole('radio', { name: 'UTC' }).isChecked()).resolves.toBe(true);
    });

    it('fires an alert set by dragging its line on the chart when Kraken brings a candle across it: a toast, the badge and the inbox show it', async () => {
      const who = await freshUser();
      const page = await (await open()).newPage();
      await signIn(page, who, { path: '/login' });
      await page.goto('/markets/BTC?interval=1d');
      await page.locator('[data-testid="price-chart"][data-drawn~="candles"]').waitFor();

      await page.getByRole('button', { name: 'New alert' }).click();
      await expect(levelField(page).inputValue()).resolves.toBe('68220');
      const handle = page.getByTestId('alert-handle');
      await handle.waitFor();
      // "New alert" lies below the chart: the page scrolled to it, the line may be out of view.
      await handle.scrollIntoViewIfNeeded();
      const box = (await handle.boundingBox())!;
      // Dragged up by 60 px: a level above the last close, wherever the scale puts it.
      await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2 - 30, { steps: 3 });
      await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2 - 60, { steps: 3 });
      await page.mouse.up();
      const dragged = Number(await levelField(page).inputValue());
      expect(dragged).toBeGreaterThan(BTC_LAST.close + 100);
      // The keyboard moves the same level a tick (10 USD here), the slider says it, the field follows.
      await handle.focus();
      await page.keyboard.press('ArrowUp');
      await expect(levelField(page).inputValue()).resolves.toBe(String(dragged + 10));
      await expect(handle.getAttribute('aria-valuenow')).resolves.toBe(String(dragged + 10));
      const level = dragged + 10;

      await page.getByRole('button', { name: 'Set alert' }).click();
      const rules = page.getByRole('list', { name: 'Alert rules on BTC' });
      await rules.getByText(`Closes above ${level.toLocaleString('en-US', { minimumFractionDigits: 2 })} USD`, { exact: true }).waitFor();
      await expect(page.getByTestId('alert-limit').textContent()).resolves.toMatch(/^1 of your \d+ alert rules in use\.$/);

      // A closed candle across the level (the one after it still forming), synced from the stand-in.
      const closeAbove = level * 1.01;
      stack().kraken.useOhlcFor('XBTUSD', 1440, btcCandles([closeAbove, closeAbove * 1.05]));
      const admin = await login(origin(), ADMIN);
      const sync = await fetch(`${origin()}/prediction/ingest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ asset: 'BTC', interval: '1d', mode: 'sync' }),
      });
      expect(sync.status).toBe(202);

      const toast = page.getByRole('status').filter({ hasText: 'BTC' }).filter({ hasText: /above/ });
      await toast.waitFor({ timeout: 60_000 });
      await page.getByTestId('unread-badge').filter({ hasText: '1' }).waitFor();

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Inbox/ }).click();
      const entries = page.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
      await entries.first().waitFor();
      await expect(entries.count()).resolves.toBe(1);
      const title = (await entries.first().getByRole('heading').textContent())!;
      expect(title).toMatch(/^Unread: BTC closed above /);
      expect(await toast.textContent()).toContain(title.replace(/^Unread: /, ''));

      await entries
        .first()
        .getByRole('button', { name: /^Mark read/ })
        .click();
      await page.getByText('Nothing unread.').waitFor();
      await page.getByTestId('unread-badge').waitFor({ state: 'detached' });
    }, 120_000);

    it('adds a webhook showing its secret once, sends a test that the receiver gets, and lists the delivery as delivered', async () => {
      const hook = await receiver();
      try {
        const who = await freshUser();
        const page = await (await open()).newPage();
        await signIn(page, who, { path: '/login' });
        await page.goto('/account');
        await page.getByLabel('Webhook URL').fill(hook.url);
        await page.getByRole('button', { name: 'Add webhook' }).click();
        await expect(page.getByTestId('webhook-secret').textContent()).resolves.toMatch(/^whsec_/);
        await page.getByText('you will not see it again').waitFor();
        await page.getByRole('button', { name: 'I have kept it' }).click();
        await page.getByTestId('webhook-secret').waitFor({ state: 'detached' });

        await page.getByRole('button', { name: `Send test to ${hook.url}` }).click();
        await page.getByRole('cell', { name: /^delivered/ }).waitFor({ timeout: 30_000 });
        await eventually(
          async () => hook.bodies.length,
          (n) => n === 1,
          10_000,
          'the test delivery at the receiver',
        );
      } finally {
        await hook.close();
      }
    }, 60_000);

    it('finds no WCAG 2 A or AA violation in the alert editor, the inbox the watchlist and the account page, and fits a phone there', async () => {
      const who = await freshUser();
      for (const options of [{ bypassCSP: true }, { bypassCSP: true, ...VIEWPORTS.phone }]) {
        const page = await (await open(options)).newPage();
        await signIn(page, who, { path: '/login' });
        await page.goto('/markets/BTC?interval=1d');
        await page.locator('[data-testid="price-chart"][data-drawn~="candles"]').waitFor();
        await page.getByRole('button', { name: 'New alert' }).click();
        await page.getByTestId('alert-handle').waitFor();
        const found = (await axeViolations(page)).map((v) => ({ path: 'alert editor', ...v }));
        for (const path of ['/watched', '/inbox', '/account']) {
          await page.goto(path);
          await page.getByRole('heading').first().waitFor();
          found.push(...(await axeViolations(page)).map((v) => ({ path, ...v })));
          const widths = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
            '({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth })',
          );
          expect({ path, sideways: widths.scrollWidth > widths.innerWidth }).toEqual({ path, sideways: false });
        }
        expect(found).toEqual([]);
      }
    }, 120_000);
  });
