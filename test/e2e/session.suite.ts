import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { authEvents, signIn, useBrowser } from './support/browser.js';
import { METRICS_TOKEN, USER } from './support/stack.js';

/** A session in the browser (DESIGN.md's cookie mode): the access token in memory, the refresh token in an HttpOnly cookie. */
export const sessionSuite = (): void =>
  describe('a session in the browser', () => {
    const { open } = useBrowser();
    const REFRESH_COOKIE = '__Host-candlecast_refresh';
    const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

    it('signs in on the login page, and shows the navigation with the markets', async () => {
      const page = await (await open()).newPage();
      await page.goto('/login');
      await signIn(page, USER);
      await expect(nav(page).getByRole('link', { name: 'Markets' }).isVisible()).resolves.toBe(true);
      await expect(nav(page).getByRole('button', { name: 'Sign out' }).isVisible()).resolves.toBe(true);
    });

    it('sends a deep link without a session to /login?next=…, and back to it after signing in', async () => {
      const page = await (await open()).newPage();
      const deep = '/markets/BTC?interval=1d';
      await page.goto(deep);
      await page.waitForURL(/\/login\?next=/);
      expect(new URL(page.url()).searchParams.get('next')).toBe(deep);
      await signIn(page, USER);
      await page.waitForURL((url) => `${url.pathname}${url.search}` === deep);
    });

    it('keeps the session over a reload', async () => {
      const page = await (await open()).newPage();
      await signIn(page, USER, { path: '/login' });
      await page.reload();
      await nav(page).waitFor();
      expect(new URL(page.url()).pathname).not.toBe('/login');
    });

    it('keeps no token or secret where a script could read it', async () => {
      const page = await (await open()).newPage();
      await page.goto('/login');
      const answer = page.waitForResponse((res) => res.url().endsWith('/auth/login') && res.request().method() === 'POST');
      await signIn(page, USER);
      const body = (await (await answer).json()) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
      await page.reload();
      await nav(page).waitFor();
      const readable = await page.evaluate<string>(`JSON.stringify({
      local: Object.entries(localStorage), session: Object.entries(sessionStorage), cookie: document.cookie })`);
      expect(readable).not.toContain(String(body.access_token));
      expect(readable).not.toContain('candlecast_refresh');
      expect(readable).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT of any kind
      expect(readable).not.toContain(USER.password);
    });

    it('holds the refresh token in a __Host- cookie: HttpOnly, Secure, SameSite=Strict, for this session only unless "Stay signed in"', async () => {
      for (const stay of [false, true]) {
        const context = await open();
        const page = await context.newPage();
        await signIn(page, USER, { path: '/login', stay });
        const cookies = await context.context.cookies();
        expect(cookies.map((c) => c.name)).toEqual([REFRESH_COOKIE]);
        const [cookie] = cookies;
        expect({
          stay,
          domain: cookie.domain,
          path: cookie.path,
          httpOnly: cookie.httpOnly,
          secure: cookie.secure,
          sameSite: cookie.sameSite,
        }).toEqual({
          stay,
          domain: 'localhost',
          path: '/',
          httpOnly: true,
          secure: true,
          sameSite: 'Strict',
        });
        if (stay) expect(cookie.expires * 1000).toBeGreaterThan(Date.now() + 86_400_000);
        else expect(cookie.expires).toBe(-1);
      }
    });

    it('opens four tabs at once, and reloads them at once, without ending the session or tripping reuse detection', async () => {
      const reusedBefore = await authEvents('refresh_reuse', METRICS_TOKEN);
      const context = await open();
      const first = await context.newPage();
      await signIn(first, USER, { path: '/login' });
      const tabs = [first, ...(await Promise.all([1, 2, 3].map(() => context.newPage())))];
      await Promise.all(tabs.slice(1).map((tab) => tab.goto('/markets')));
      await Promise.all(tabs.map((tab) => nav(tab).waitFor()));
      await Promise.all(tabs.map((tab) => tab.reload()));
      await Promise.all(tabs.map((tab) => nav(tab).waitFor()));
      expect(tabs.map((tab) => new URL(tab.url()).pathname).filter((path) => path === '/login')).toEqual([]);
      expect(await authEvents('refresh_reuse', METRICS_TOKEN)).toBe(reusedBefore);
    });

    it('signs out in one tab and ends the session in the others', async () => {
      const context = await open();
      const [one, two] = [await context.newPage(), await context.newPage()];
      await signIn(one, USER, { path: '/login' });
      await two.goto('/markets');
      await nav(two).waitFor();
      await nav(one).getByRole('button', { name: 'Sign out' }).click();
      await one.waitForURL(/\/login/);
      await two.waitForURL(/\/login/);
      expect(await context.context.cookies()).toEqual([]);
      await two.goto('/markets');
      await two.waitForURL(/\/login/);
    });
  });
