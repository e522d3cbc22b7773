import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Metrics } from '#libs/observability';
import { sample } from '../../../../test/support/metrics.js';
import { bootGateway } from '../../../../test/support/nest-app.js';
import { eventually } from '../../../../test/support/queues.js';
import { API_PREFIXES } from './api-prefixes.js';

/** A built web app as Vite lays it out: the page, and its hashed files under static/. */
const INDEX =
  '<!doctype html><html><head><script type="module" src="/static/app-3f9a1c2b.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'document.getElementById("root").textContent = "Candlecast";\n';
const IMMUTABLE = 'public, max-age=31536000, immutable';

const CLIENT_PATHS = [
  '/',
  '/login',
  '/login?next=%2Fmarkets%2FBTC',
  '/signup',
  '/markets',
  '/markets/BTC?interval=1d&from=2024-01-01',
  '/models',
  '/models/7f1c',
  '/account',
  '/admin/assets',
  '/admin/jobs',
  '/admin/users',
  // Only a whole first segment is an API prefix.
  '/cryptocurrency',
  '/authors/x',
];

function expectJson404(res: request.Response): void {
  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.any(String) });
}

describe('the web app, served by the gateway', () => {
  let app: NestExpressApplication;
  let root: string;
  const http = () => request(app.getHttpServer());
  const requests = async (route: string, status: number) =>
    sample(
      await app.get(Metrics).scrape(),
      `candlecast_http_requests_total{service="gateway",method="GET",route="${route}",status="${status}"}`,
    ) ?? 0;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'candlecast-web-'));
    mkdirSync(join(root, 'static'));
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'static', 'app-3f9a1c2b.js'), SCRIPT);
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await bootGateway({ WEB_ROOT: root, QUEUE_PREFIX: 'web-app-spec', PREDICTION_URL: 'http://127.0.0.1:9' });
  });

  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it.each(CLIENT_PATHS)('answers GET %s with the page, to be revalidated on every load', async (path) => {
    const res = await http().get(path).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toBe(INDEX);
  });

  it('answers HEAD of a page like its GET, without the body', async () => {
    for (const path of ['/', '/markets/ETH']) {
      const res = await http().head(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text ?? '').toBe('');
    }
  });

  it('lets a browser revalidate the page and the files: 304 while they have not changed', async () => {
    for (const [path, again] of [
      ['/markets', '/'],
      ['/static/app-3f9a1c2b.js', '/static/app-3f9a1c2b.js'],
    ]) {
      const first = await http().get(path).expect(200);
      expect(first.headers['last-modified']).toEqual(expect.any(String));
      await http().get(again).set('If-Modified-Since', first.headers['last-modified']).expect(304);
    }
  });

  it('serves the hashed files under /static/ to be kept for good', async () => {
    const res = await http().get('/static/app-3f9a1c2b.js').expect(200);
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.text).toBe(SCRIPT);
    const head = await http().head('/static/app-3f9a1c2b.js').expect(200);
    expect(head.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('serves the other files of the build (favicon) to be revalidated, not kept', async () => {
    const res = await http().get('/favicon.svg').expect(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it.each(['/static/app-00000000.js', '/static/', '/static', '/STATIC/nothing.css', '/static/nested/missing.woff2'])(
    'answers a missing file %s with a JSON 404, never the page',
    async (path) => {
      expectJson404(await http().get(path));
    },
  );

  // Two segments at least: one alone may be a route's parameter (GET /alerts/{id}), which is that route's, a 401 without a token.
  it.each(API_PREFIXES.flatMap((prefix) => [`${prefix}/no-such/route`, `${prefix}/a/b/c?x=1`, prefix.toUpperCase() + '/no/pe']))(
    'answers an unknown API path %s with a JSON 404, never the page',
    async (path) => {
      expectJson404(await http().get(path));
      const head = await http().head(path);
      expect(head.status).toBe(404);
      expect(head.headers['content-type']).toMatch(/^application\/json/);
    },
  );

  it('answers the page to GET and HEAD only: a POST to a client path is a JSON 404', async () => {
    expectJson404(await http().post('/markets').send({}));
    expectJson404(await http().delete('/'));
  });

  it('keeps every API route under one of the API prefixes, so that no page can hide one', async () => {
    const docs = (await http().get('/docs-json').expect(200)).body as { paths: Record<string, unknown> };
    const paths = Object.keys(docs.paths);
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths)
      expect({ path, underPrefix: API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`)) }).toEqual({ path, underPrefix: true });
  });

  it('counts static files and pages apart from <unmatched>, which stays the unknown URLs', async () => {
    const before = {
      files: await requests('/static/*', 200),
      pages: await requests('<web-app>', 200),
      unmatched: await requests('<unmatched>', 404),
    };
    await http().get('/static/app-3f9a1c2b.js').expect(200);
    await http().get('/static/app-3f9a1c2b.js').expect(200);
    await http().get('/markets/BTC').expect(200);
    await http().get('/').expect(200);
    await http().get('/favicon.svg').expect(200);
    await http().get('/static/gone.js').expect(404);
    await http().get('/crypto/nope').expect(404);
    const expected = { files: before.files + 2, pages: before.pages + 3, unmatched: before.unmatched + 2 };
    const after = await eventually(
      async () => ({
        files: await requests('/static/*', 200),
        pages: await requests('<web-app>', 200),
        unmatched: await requests('<unmatched>', 404),
      }),
      (counts) => counts.files >= expected.files && counts.pages >= expected.pages && counts.unmatched >= expected.unmatched,
      5000,
      'the requests to be counted',
    );
    expect(after).toEqual(expected);
  });

  it('sends a strict Content-Security-Policy with the page: scripts, fonts and requests from its own origin only', async () => {
    const res = await http().get('/').expect(200);
    const policy = new Map(
      String(res.headers['content-security-policy'])
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('script-src-attr')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('font-src')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.has('upgrade-insecure-requests')).toBe(true);
    // No other origin anywhere: no scheme (https:), no host.
    for (const [name, values] of policy) {
      for (const value of values)
        expect({ name, value, allowed: /^('[a-z-]+'|data:)$/.test(value) }).toEqual({ name, value, allowed: true });
    }
  });
});
