import { describe, expect, it } from '@jest/globals';
import { origin, signIn, useBrowser } from './support/browser.js';
import { ADMIN, login, USER } from './support/stack.js';

/** The admin pages are hidden from users, and refused when typed; the API's 403 is the control. */
export const rolesSuite = (): void =>
  describe('roles in the browser', () => {
    const { open } = useBrowser();
    const ADMIN_PAGES = { Assets: '/admin/assets', Jobs: '/admin/jobs', Users: '/admin/users' };

    it('shows a user no link to the admin pages, and an admin all three', async () => {
      for (const [who, expected] of [
        [USER, []],
        [ADMIN, Object.keys(ADMIN_PAGES)],
      ] as const) {
        const page = await (await open()).newPage();
        await signIn(page, who, { path: '/login' });
        const nav = page.getByRole('navigation', { name: 'Main' });
        // Until the role is read (GET /auth/users/me), the navigation is busy and may still grow.
        await page.locator('nav[aria-label="Main"][aria-busy="false"]').waitFor();
        const shown = [];
        for (const name of Object.keys(ADMIN_PAGES)) if ((await nav.getByRole('link', { name, exact: true }).count()) > 0) shown.push(name);
        expect({ who: who.username, shown }).toEqual({ who: who.username, shown: expected });
      }
    });

    it('answers "Not allowed" to a user who types an admin address', async () => {
      const page = await (await open()).newPage();
      await signIn(page, USER, { path: '/login' });
      for (const path of Object.values(ADMIN_PAGES)) {
        await page.goto(path);
        await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
        await expect(page.getByRole('button', { name: 'Track' }).count()).resolves.toBe(0);
        await expect(page.getByRole('button', { name: 'Start training' }).count()).resolves.toBe(0);
      }
    });

    it("refuses a user's token on the admin routes behind those pages with 403", async () => {
      const token = await login(origin(), USER);
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const calls: [string, string, object?][] = [
        ['GET', '/prediction/jobs'],
        ['GET', '/prediction/hyperparameters'],
        ['GET', '/auth/users'],
        ['POST', '/crypto/assets', { krakenPair: 'LTCUSD' }],
        ['POST', '/prediction/train', { asset: 'BTC', interval: '1d' }],
      ];
      const statuses = [];
      for (const [method, path, body] of calls) {
        const res = await fetch(`${origin()}${path}`, { method, headers, body: body && JSON.stringify(body) });
        statuses.push({ method, path, status: res.status });
      }
      expect(statuses).toEqual(calls.map(([method, path]) => ({ method, path, status: 403 })));
    });
  });
