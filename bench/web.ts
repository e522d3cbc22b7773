/**
 * The web app as a browser meets it: the production build served by the gateway, headless
 * Chromium (Debian's, driven by playwright-core), the asset page of BTC with its full daily history
 * (4,548 candles) and its forecast.
 *
 *   npm run bench:web              (builds first: `npm run build` builds the web app too)
 *   node dist/bench/web.js [--runs 5]
 *
 * Prints the time from navigation to the chart's candles and forecast drawn (the chart sets
 * `data-drawn="candles forecast"` once both series have their data), the median of the runs, each
 * in a fresh browser profile signed in first, and the bundle sizes: the initial JavaScript (the
 * entry script and its module preloads, gzipped) against the aim of 250 KB.
 *
 * Starts the stack as the README does (dist/tools/start.js) in a scratch database
 * (candlecast_bench_web), with no Kraken, and trains a small model so that BTC has a forecast.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { childEnvironment, parseEnv } from '#libs/config';
import { dropDatabase } from '#libs/database';
import { freePort, until } from './support.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(REPO, 'apps/web/dist');
const SCRATCH_DB = 'candlecast_bench_web';
const AIM_INITIAL_JS_GZIP = 250 * 1024;
const AIM_DRAWN_MS = 1500;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
/** Every daily candle since the first (2013-10-06) and the forecast after the last. */
const ASSET_PAGE = '/markets/BTC?interval=1d&range=All';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** The initial JavaScript: what index.html loads before anything else (entry script and module preloads). */
function bundleSizes() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((m) =>
    join(DIST, m[1]),
  );
  if (initial.length === 0) throw new Error(`${DIST}/index.html loads no script`);
  const files = readdirSync(join(DIST, 'static')).map((name) => join(DIST, 'static', name));
  const sum = (list: string[], size: (file: string) => number) => list.reduce((total, file) => total + size(file), 0);
  const js = files.filter((f) => f.endsWith('.js'));
  const css = files.filter((f) => f.endsWith('.css'));
  return {
    initialJs: { files: initial.length, raw: sum(initial, (f) => statSync(f).size), gzip: sum(initial, gzipped) },
    allJs: { files: js.length, raw: sum(js, (f) => statSync(f).size), gzip: sum(js, gzipped) },
    css: { files: css.length, raw: sum(css, (f) => statSync(f).size), gzip: sum(css, gzipped) },
  };
}

const sizes = bundleSizes();
const base = parseEnv(childEnvironment({}));
const scratch = Object.assign(new URL(base.DATABASE_URL), { pathname: `/${SCRATCH_DB}` }).toString();
await dropDatabase(scratch);
const [gatewayPort, predictionPort, workerPort] = [await freePort(), await freePort(), await freePort()];
const origin = `http://localhost:${gatewayPort}`;
const logFile = join(tmpdir(), 'candlecast-bench-web.log');
const log = createWriteStream(logFile);
const stack = spawn(process.execPath, ['dist/tools/start.js'], {
  cwd: REPO,
  env: childEnvironment({
    DATABASE_URL: scratch,
    QUEUE_PREFIX: `bench-web-${Date.now()}`,
    GATEWAY_PORT: String(gatewayPort),
    PREDICTION_PORT: String(predictionPort),
    PREDICTION_URL: `http://127.0.0.1:${predictionPort}`,
    WORKER_METRICS_PORT: String(workerPort),
    PUBLIC_ORIGIN: origin,
    TRACKED_ASSETS: 'BTC',
    TRACKED_INTERVALS: '1d',
    TRAIN_ON_FIRST_START: 'false',
    // No Kraken here: one sync attempt a day fails quietly instead of every five minutes.
    KRAKEN_API_URL: 'http://127.0.0.1:9',
    SYNC_EVERY: '1d',
    LOGIN_LIMIT_PER_IP: '100000',
  }),
  stdio: ['ignore', 'pipe', 'pipe'],
});
stack.stdout!.pipe(log, { end: false });
stack.stderr!.pipe(log, { end: false });

const admin = { username: base.ADMIN_USERNAME, password: base.ADMIN_PASSWORD };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
try {
  await until(`the gateway to be healthy (logs: ${logFile})`, async () => (await fetch(`${origin}/health`)).ok, 120_000, stack);
  const login = await fetch(`${origin}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  const auth = {
    authorization: `Bearer ${((await login.json()) as { access_token: string }).access_token}`,
    'content-type': 'application/json',
  };
  await until(
    'the shipped BTC history',
    async () =>
      ((await (await fetch(`${origin}/crypto/assets/BTC/history?interval=1d`, { headers: auth })).json()) as { count: number }).count ===
      4548,
    120_000,
    stack,
  );
  const train = await fetch(`${origin}/prediction/train`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ asset: 'BTC', interval: '1d', hyperparameters: { units: 4, window: 5, epochs: 2, seed: 42 } }),
  });
  if (train.status !== 202) throw new Error(`training BTC answered ${train.status}: ${await train.text()}`);
  await until(
    'a forecast for BTC',
    async () => (await fetch(`${origin}/prediction/latest?asset=BTC&interval=1d`, { headers: auth })).ok,
    180_000,
    stack,
  );

  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({
      baseURL: origin,
      viewport: { width: 1280, height: 800 },
      timezoneId: 'UTC',
      deviceScaleFactor: 1,
    });
    // The moment the chart says both series are drawn, on the page's own clock (0 = navigation start).
    await context.addInitScript(`new MutationObserver(() => {
      const chart = document.querySelector('[data-testid="price-chart"]');
      const drawn = (chart?.getAttribute('data-drawn') ?? '').split(' ');
      if (drawn.includes('candles') && drawn.includes('forecast') && window.__drawnAt === undefined) window.__drawnAt = performance.now();
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn'] });`);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Username').fill(admin.username);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.goto(ASSET_PAGE);
    await page.waitForFunction(() => (globalThis as { __drawnAt?: number }).__drawnAt !== undefined, undefined, { timeout: 30_000 });
    times.push(await page.evaluate<number>('window.__drawnAt'));
    await context.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];

  console.log(`\nweb app, production build served by the gateway, Chromium ${browser.version()} headless`);
  console.log(`\nnavigation → candles and forecast drawn, BTC 1d, 4548 candles (${ASSET_PAGE}), fresh profile signed in:`);
  console.log(`  runs:   ${times.map((t) => `${Math.round(t)} ms`).join(', ')}`);
  console.log(`  median: ${Math.round(median)} ms (aim: under ${AIM_DRAWN_MS} ms) ${median < AIM_DRAWN_MS ? 'met' : 'NOT MET'}`);
  console.log(`\nbundle (apps/web/dist, gzip -9):`);
  console.log(
    `  initial JS: ${sizes.initialJs.files} files, ${kb(sizes.initialJs.raw)} raw, ${kb(sizes.initialJs.gzip)} gzipped (aim: ≤ ${kb(AIM_INITIAL_JS_GZIP)}) ${sizes.initialJs.gzip <= AIM_INITIAL_JS_GZIP ? 'met' : 'NOT MET'}`,
  );
  console.log(`  all JS:     ${sizes.allJs.files} files, ${kb(sizes.allJs.raw)} raw, ${kb(sizes.allJs.gzip)} gzipped`);
  console.log(`  CSS:        ${sizes.css.files} files, ${kb(sizes.css.raw)} raw, ${kb(sizes.css.gzip)} gzipped`);
  if (sizes.initialJs.gzip > AIM_INITIAL_JS_GZIP) process.exitCode = 1;
} finally {
  await browser.close();
  if (stack.exitCode === null) await new Promise((done) => stack.once('exit', done).kill('SIGTERM'));
  log.end();
  await dropDatabase(scratch);
}
