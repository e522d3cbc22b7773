import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { AssetRepository, CandleRepository, ChangeFeed } from '#libs/database';
import { CandleImporter } from '#libs/market-data';
import { bootGateway } from '../../../../test/support/nest-app.js';
import { emptyDatabase } from '../../../../test/support/fixtures.js';
import { changeFeedListening } from '../../../../test/support/change-feed.js';
import { eventually } from '../../../../test/support/queues.js';
import { rawRequest, type RawReply } from '../../../../test/support/raw-http.js';
import { loggedIn, type TestUser } from '../../../../test/support/users.js';

const SHIPPED_BTC_DAILY = fileURLToPath(new URL('../../../../data/history/kraken-XBTUSD-1440.csv', import.meta.url));
const FULL_DAILY = '/crypto/assets/BTC/history?interval=1d';
const BROWSER = 'gzip, deflate, br, zstd';
const WIRE_LIMIT = 200 * 1024;

interface Page {
  count: number;
  candles: { time: string; close: string }[];
}

/** The body as JSON, decoded from the Content-Encoding it came in. */
function decoded(reply: RawReply): unknown {
  const encoding = reply.headers['content-encoding'];
  const raw = encoding === 'gzip' ? gunzipSync(reply.body) : encoding === 'br' ? brotliDecompressSync(reply.body) : reply.body;
  return JSON.parse(raw.toString('utf8'));
}

/**
 * The history route as a browser meets it: the full daily history compressed and small, kept
 * until a candle of its series changes, revalidated with its ETag.
 */
describe('GET /crypto/assets/:symbol/history, compressed and revalidated', () => {
  let app: NestExpressApplication;
  let server: Server;
  let user: TestUser;
  let btcId: number;
  /** The import path of `npm run import`, through the gateway's own repositories. */
  let importer: CandleImporter;
  const get = (path: string, headers: [string, string][] = []) =>
    rawRequest(server, 'GET', path, [['authorization', `Bearer ${user.token}`], ...headers]);
  /** As a process does after writing: once its change feed has heard every change committed before. */
  const caughtUp = () => app.get(ChangeFeed).caughtUp();

  beforeAll(async () => {
    app = await bootGateway({ TRACKED_INTERVALS: '1d,1h' });
    await app.listen(0, '127.0.0.1');
    server = app.getHttpServer() as Server;
    await emptyDatabase(app.get(DataSource));
    importer = new CandleImporter(app.get(AssetRepository), app.get(CandleRepository));
    const imported = await importer.importFile(SHIPPED_BTC_DAILY, 'BTC', '1d');
    expect(imported.rows).toBeGreaterThan(4500);
    btcId = (await app.get(AssetRepository).require('BTC')).id;
    user = await loggedIn(app, 'history-reader');
    await changeFeedListening(app);
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers a client that sends no Accept-Encoding with plain JSON', async () => {
    const reply = await get(FULL_DAILY);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers.vary).toBe('Accept-Encoding');
    expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
    expect((reply.json as Page).count).toBeGreaterThan(4500);
  });

  it('sends the full daily history gzipped in at most 200 KB, decoding to the same JSON', async () => {
    const plain = await get(FULL_DAILY);
    const gzipped = await get(FULL_DAILY, [['accept-encoding', 'gzip']]);
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toBe('Accept-Encoding');
    expect(gzipped.body.length).toBeLessThanOrEqual(WIRE_LIMIT);
    expect(plain.body.length).toBeGreaterThan(600 * 1024);
    expect(decoded(gzipped)).toEqual(plain.json);
  });

  it('sends brotli to a browser once the page has been compressed with it, decoding to the same JSON', async () => {
    const plain = await get(FULL_DAILY);
    const reply = await eventually(
      () => get(FULL_DAILY, [['accept-encoding', BROWSER]]),
      (r) => r.headers['content-encoding'] === 'br',
      60_000,
      'a brotli answer',
    );
    expect(reply.body.length).toBeLessThanOrEqual(WIRE_LIMIT);
    expect(decoded(reply)).toEqual(plain.json);
    // Meanwhile a browser was sent gzip, not a page it waited for: the two are one representation.
    expect(reply.headers.etag).toBe(plain.headers.etag);
    // The client's weights come first.
    expect((await get(FULL_DAILY, [['accept-encoding', 'br;q=0.5, gzip']])).headers['content-encoding']).toBe('gzip');
    expect((await get(FULL_DAILY, [['accept-encoding', 'br;q=0, gzip;q=0']])).headers['content-encoding']).toBeUndefined();
  });

  it('answers 304 with no body to a request that holds the current page, and 200 to one that does not', async () => {
    const first = await get(FULL_DAILY, [['accept-encoding', BROWSER]]);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"[^"]+"$/);
    const again = await get(FULL_DAILY, [
      ['accept-encoding', BROWSER],
      ['if-none-match', etag],
    ]);
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers.vary).toBe('Accept-Encoding');
    expect((await get(FULL_DAILY, [['if-none-match', `"other", ${etag}`]])).status).toBe(304);
    expect((await get(FULL_DAILY, [['if-none-match', 'W/"other"']])).status).toBe(200);
  });

  it('gives each query its own ETag, and the same one to the same query however it is written', async () => {
    const full = (await get(FULL_DAILY)).headers.etag;
    const ten = (await get('/crypto/assets/BTC/history?interval=1d&limit=10')).headers.etag;
    const tenAgain = (await get('/crypto/assets/btc/history?limit=10&interval=1d&from=1970-01-01T00:00:00Z')).headers.etag;
    expect(ten).not.toBe(full);
    expect(tenAgain).toBe(ten);
  });

  it('refuses a caller without a token even when it sends a current ETag', async () => {
    const etag = (await get(FULL_DAILY)).headers.etag as string;
    const reply = await rawRequest(server, 'GET', FULL_DAILY, [['if-none-match', etag]]);
    expect(reply.status).toBe(401);
  });

  it('changes the ETag and the body on the next request after a sync corrects a candle', async () => {
    const before = await get(FULL_DAILY, [['accept-encoding', 'gzip']]);
    const last = (decoded(before) as Page).candles.at(-1)!;
    const corrected = { ...last, close: '12345.678' };
    const time = Date.parse(last.time) / 1000;
    expect(
      await app
        .get(CandleRepository)
        .upsert(btcId, '1d', [{ ...corrected, time, open: '1', high: '99999', low: '1', vwap: null, volume: '1', trades: 7 }]),
    ).toEqual({ inserted: 0, updated: 1 });
    await caughtUp();
    const after = await get(FULL_DAILY, [
      ['accept-encoding', 'gzip'],
      ['if-none-match', before.headers.etag as string],
    ]);
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect((decoded(after) as Page).candles.at(-1)!.close).toBe('12345.678');
  });

  it('changes the ETag and the body on the next request after an import corrects a candle', async () => {
    const before = await get(FULL_DAILY);
    const first = (before.json as Page).candles[0];
    const dir = await mkdtemp(join(tmpdir(), 'history-pages-'));
    try {
      const file = join(dir, 'correction.csv');
      await writeFile(file, `time,open,high,low,close,volume,trades\n${Date.parse(first.time) / 1000},122.0,122.0,122.0,121.5,0.1,1\n`);
      expect(await importer.importFile(file, 'BTC', '1d')).toMatchObject({ inserted: 0, updated: 1 });
    } finally {
      await rm(dir, { recursive: true });
    }
    await caughtUp();
    const after = await get(FULL_DAILY, [['if-none-match', before.headers.etag as string]]);
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect((after.json as Page).candles[0].close).toBe('121.5');
  });

  it('keeps the ETag of a series when a candle of another series changes', async () => {
    const daily = (await get(FULL_DAILY)).headers.etag;
    await app
      .get(CandleRepository)
      .upsert(btcId, '1h', [{ time: 1_700_000_000, open: '1', high: '1', low: '1', close: '1', vwap: null, volume: '1', trades: 1 }]);
    await caughtUp();
    expect((await get(FULL_DAILY)).headers.etag).toBe(daily);
    expect((await get('/crypto/assets/BTC/history?interval=1h')).json).toMatchObject({ count: 1 });
  });

  it('serves what Postgres holds while its change feed is not listening', async () => {
    const feed = app.get(ChangeFeed);
    const before = await get(FULL_DAILY);
    await app
      .get(DataSource)
      .query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'candlecast-change-feed'`,
      );
    await eventually(
      async () => feed.isLive,
      (live) => !live,
      5000,
      'the change feed to notice it was cut off',
    );
    const last = (before.json as Page).candles.at(-1)!;
    await app
      .get(CandleRepository)
      .upsert(btcId, '1d', [
        { time: Date.parse(last.time) / 1000, open: '1', high: '99999', low: '1', close: '54321.5', vwap: null, volume: '1', trades: 9 },
      ]);
    // Unheard: nobody listens now.
    const after = await get(FULL_DAILY);
    expect((after.json as Page).candles.at(-1)!.close).toBe('54321.5');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    await eventually(
      async () => feed.isLive,
      (live) => live,
      10_000,
      'the change feed to listen again',
    );
  });
});
