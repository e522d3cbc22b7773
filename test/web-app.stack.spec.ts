/**
 * The built gateway, started as `npm start` and the image start it, serving a web app: the
 * in-process specs (apps/gateway/src/web-app) have to hand @nestjs/serve-static its Express
 * loader, which here it must find by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, run, type Running } from './support/processes.js';
import { eventually } from './support/queues.js';

const INDEX = '<!doctype html><html><head><script type="module" src="/static/app-5e1d.js"></script></head><body></body></html>';

describe('the built gateway serving the web app', () => {
  const gateways: Running[] = [];
  let root: string;

  /** A gateway process on a port of its own, once it answers. */
  async function start(webRoot: string): Promise<string> {
    const port = await freePort();
    const gateway = run('dist/apps/gateway/src/main.js', {
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      REDIS_URL: process.env.REDIS_URL!,
      QUEUE_PREFIX: `web-stack-${port}`,
      GATEWAY_PORT: String(port),
      PREDICTION_URL: 'http://127.0.0.1:9',
      WEB_ROOT: webRoot,
      LOG_LEVEL: 'warn',
    });
    gateways.push(gateway);
    const url = `http://127.0.0.1:${port}`;
    await eventually(
      () =>
        fetch(`${url}/docs-json`).then(
          (r) => r.ok,
          () => false,
        ),
      (ok) => ok,
      60_000,
      `the gateway on ${port}; its output: ${gateway.output()}`,
    );
    return url;
  }

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'candlecast-web-stack-'));
    mkdirSync(join(root, 'static'));
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'static', 'app-5e1d.js'), 'export {};\n');
  });

  afterAll(async () => {
    for (const gateway of gateways) {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('answers a client-side path with the page and the hashed files for good', async () => {
    const url = await start(root);
    const page = await fetch(`${url}/markets/BTC?interval=1d`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toBe(INDEX);
    const script = await fetch(`${url}/static/app-5e1d.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const unknown = await fetch(`${url}/crypto/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'Cannot GET /crypto/no-such-route' });
  });

  it('starts without a built web app, warns, and says how to build it', async () => {
    const empty = join(root, 'nothing-here');
    const url = await start(empty);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(404);
    expect(await page.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: `The web app is not built: run npm run build (WEB_ROOT ${empty} has no index.html)`,
    });
    await eventually(
      () => Promise.resolve(gateways.at(-1)!.output()),
      (output) => output.includes('the web app is not built'),
      5000,
      "the gateway's warning",
    );
  });
});
