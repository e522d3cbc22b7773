import { afterAll, afterEach, beforeAll, expect } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core, headless. Each context is a fresh profile (never
 * `--user-data-dir`: Playwright refuses it), on `http://localhost:<port>` so that the `__Host-`
 * Secure cookie holds on plain HTTP.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const EVIDENCE = join(tmpdir(), 'candlecast-e2e');

export const origin = (): string => {
  const value = process.env.E2E_ORIGIN;
  if (!value) throw new Error('E2E_ORIGIN is not set: run the browser tests with `npm run test:e2e`');
  return value;
};

export const launchBrowser = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });

export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} satisfies Record<string, BrowserContextOptions>;

/** What every context shares: UTC, device scale 1, no motion, English. */
export const FIXED: BrowserContextOptions = { timezoneId: 'UTC', locale: 'en-US', deviceScaleFactor: 1, reducedMotion: 'reduce' };

/**
 * A browser's failed fetches appear as console errors. The app meets these on purpose: 401 before
 * signing in (no session yet), 403 where a user tries an admin route. Anything else is a problem.
 */
const EXPECTED_FAILED_LOAD = /^Failed to load resource: the server responded with a status of (401|403) /;

/**
 * A fresh context whose pages are watched: console errors, uncaught exceptions, CSP violations and
 * requests to any origin but ours are collected in `problems`, which every test asserts is empty.
 */
export class GuardedContext {
  readonly problems: string[] = [];

  private constructor(readonly context: BrowserContext) {}

  static async open(browser: Browser, options: BrowserContextOptions = {}): Promise<GuardedContext> {
    const context = await browser.newContext({ ...FIXED, ...VIEWPORTS.desktop, ...options, baseURL: origin() });
    const guarded = new GuardedContext(context);
    const ours = new URL(origin()).origin;
    // securitypolicyviolation is reported to the page, not to Playwright: pass it on as a console message.
    await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
      console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI));`);
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === ours) return route.continue();
      guarded.problems.push(`request leaving the origin: ${route.request().method()} ${url.href}`);
      return route.abort('blockedbyclient');
    });
    context.on('console', (message) => {
      if (message.type() === 'error' && !EXPECTED_FAILED_LOAD.test(message.text()))
        guarded.problems.push(`console error: ${message.text()}`);
    });
    context.on('weberror', (error) => guarded.problems.push(`uncaught: ${error.error().message}`));
    return guarded;
  }

  newPage(): Promise<Page> {
    return this.context.newPage();
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

export interface Credentials {
  username: string;
  password: string;
}

/** Signs in through the login page as a person does, and waits for the app's navigation. */
export async function signIn(page: Page, who: Credentials, options: { path?: string; stay?: boolean } = {}): Promise<void> {
  if (options.path !== undefined || !page.url().includes('/login')) await page.goto(options.path ?? '/login');
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  if (options.stay) await page.getByLabel('Stay signed in').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG2_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core's WCAG 2 A and AA rules on the page as it is now. The page must come from a context
 * opened with `bypassCSP` (the strict CSP refuses the injected script): never one that asserts
 * there is no CSP violation.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG2_A_AA)} }, resultTypes: ['violations'] })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })))`,
  );
}

/**
 * Registers the hooks of a spec that uses the browser: one Chromium for the file, and after each
 * test every context it opened closed and its problems (console errors, CSP violations, requests
 * leaving the origin) asserted to be none.
 */
export function useBrowser(): { open: (options?: BrowserContextOptions) => Promise<GuardedContext>; browser: () => Browser } {
  let browser: Browser | undefined;
  let opened: GuardedContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const problems = opened.flatMap((context) => context.problems);
    // What each page showed last, for whoever reads a failure: /tmp/candlecast-e2e/<test>-<n>.png.
    mkdirSync(EVIDENCE, { recursive: true });
    const test = (expect.getState().currentTestName ?? 'test').replace(/\W+/g, '-').slice(-80);
    const pages = opened.flatMap((context) => context.context.pages());
    await Promise.all(
      pages.map((page, n) => page.screenshot({ path: join(EVIDENCE, `${test}-${n}.png`), fullPage: true }).catch(() => undefined)),
    );
    await Promise.all(opened.map((context) => context.close()));
    opened = [];
    expect(problems).toEqual([]);
  });
  const current = () => {
    if (!browser) throw new Error('the browser is not running yet');
    return browser;
  };
  return {
    browser: current,
    open: async (options) => {
      const context = await GuardedContext.open(current(), options);
      opened.push(context);
      return context;
    },
  };
}

/** The gateway's counter of one security event (`candlecast_auth_events_total{event}`), read from /metrics. */
export async function authEvents(event: string, metricsToken: string): Promise<number> {
  const res = await fetch(`${origin()}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  const text = await res.text();
  // A counter with labels has no line before its first event: make sure it is the right page at least.
  if (!res.ok || !text.includes('# TYPE candlecast_auth_events_total counter'))
    throw new Error(`the gateway's /metrics: HTTP ${res.status}`);
  const line = text.split('\n').find((l) => l.startsWith('candlecast_auth_events_total{') && l.includes(`event="${event}"`));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}
