import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CandleRepository } from '#libs/database';
import type { Candle } from '#libs/domain';
import { BTC_DAILY, emptyDatabase, seedAsset } from '../../../../test/support/fixtures.js';
import { candlesFromTrades } from '../../../../test/support/kraken-trade-candles.js';
import { bootGateway } from '../../../../test/support/nest-app.js';
import { eventually } from '../../../../test/support/queues.js';
import { bearer, loggedIn, type TestUser } from '../../../../test/support/users.js';

/** 1m candles of 2020-12-05 15:44 to 17:31 UTC, built from Kraken's recorded trades; the one in progress left out. */
const MINUTES: Candle[] = candlesFromTrades(1)
  .slice(0, -1)
  .map(([time, open, high, low, close, vwap, volume, trades]) => ({ time, open, high, low, close, vwap, volume, trades }));
const iso = (unix: number) => new Date(unix * 1000).toISOString();
const NEWEST = MINUTES.at(-1)!.time;

interface Page {
  count: number;
  candles: { time: string }[];
  next: string | null;
}

describe('GET /crypto/assets/:symbol/history?last=', () => {
  let app: NestExpressApplication;
  let user: TestUser;
  let btcId: number;
  const history = (query: string) => request(app.getHttpServer()).get(`/crypto/assets/BTC/history?${query}`).set(bearer(user));
  const page = async (query: string): Promise<Page> => (await history(query).expect(200)).body;

  beforeAll(async () => {
    app = await bootGateway();
    await emptyDatabase(app.get(DataSource));
    btcId = (await seedAsset(app, 'BTC', '1m', MINUTES)).id;
    await seedAsset(app, 'BTC', '1d', BTC_DAILY);
    user = await loggedIn(app, 'reader');
  });

  afterAll(async () => {
    await app.close();
  });

  it('gives the last 90 minutes of 1m candles: open times later than the newest open time minus 90 minutes', async () => {
    const body = await page('interval=1m&last=90m');
    expect(body.count).toBe(90);
    expect(body.candles[0].time).toBe(iso(NEWEST - 89 * 60));
    expect(body.candles.at(-1)!.time).toBe(iso(NEWEST));
    expect(body.next).toBeNull();
    expect((await page('interval=1m&last=1m')).candles.map((c) => c.time)).toEqual([iso(NEWEST)]);
    expect((await page('interval=1m&last=2h')).count).toBe(MINUTES.length);
  });

  it('counts the span back from the newest candle, not from now, at any interval', async () => {
    const body = await page('interval=1d&last=2d');
    expect(body.candles.map((c) => c.time)).toEqual([iso(BTC_DAILY[2].time), iso(BTC_DAILY[3].time)]);
    expect((await page('interval=1d&last=1w')).count).toBe(4);
  });

  it('gives the newest limit candles of a longer span, with next where the candles it left out start', async () => {
    const body = await page('interval=1m&last=90m&limit=30');
    expect(body.count).toBe(30);
    expect(body.candles[0].time).toBe(iso(NEWEST - 29 * 60));
    expect(body.candles.at(-1)!.time).toBe(iso(NEWEST));
    expect(body.next).toBe(iso(NEWEST - 89 * 60));

    // The rest of the span: from next to just before the page, oldest first.
    const before = new Date(Date.parse(body.candles[0].time) - 1).toISOString();
    const rest = await page(`interval=1m&from=${body.next}&to=${before}&limit=100`);
    expect(rest.count).toBe(60);
    expect([...rest.candles, ...body.candles].map((c) => c.time)).toEqual((await page('interval=1m&last=90m')).candles.map((c) => c.time));
  });

  it('follows a new candle: the span moves with the newest open time', async () => {
    await page('interval=1m&last=90m');
    const next = { ...MINUTES.at(-1)!, time: NEWEST + 60 };
    await app.get(CandleRepository).upsert(btcId, '1m', [next]);
    const moved = await eventually(
      () => page('interval=1m&last=90m'),
      (body) => body.candles.at(-1)!.time === iso(NEWEST + 60),
    );
    expect(moved.count).toBe(90);
    expect(moved.candles[0].time).toBe(iso(NEWEST - 88 * 60));
    await app
      .get(DataSource)
      .query(`DELETE FROM candles WHERE asset_id = $1 AND interval = 1 AND time = to_timestamp($2)`, [btcId, NEWEST + 60]);
  });

  it.each([
    ['interval=1h&last=30m', 'last=30m is shorter than one 1h candle'],
    ['interval=1d&last=23h', 'last=23h is shorter than one 1d candle'],
    ['interval=1m&last=90m&from=2020-12-05T00:00:00Z', 'last cannot be combined with from or to: it is the newest span'],
    ['interval=1m&last=90m&to=2020-12-06T00:00:00Z', 'last cannot be combined with from or to: it is the newest span'],
  ])('refuses %s with 400', async (query, message) => {
    expect((await history(query).expect(400)).body).toEqual({ statusCode: 400, error: 'Bad Request', message });
  });

  it.each(['90', '90s', '0m', '090m', '-5m', '1.5h', '90 m', '1y', '521w', '99999999m', 'm'])(
    'refuses last=%s as malformed',
    async (last) => {
      const res = await history(`interval=1m&last=${encodeURIComponent(last)}`).expect(400);
      expect(res.body.message).toMatch(/^last must be a span such as 90m, 12h, 7d or 2w/);
    },
  );

  it('refuses a caller without a token', async () => {
    await request(app.getHttpServer()).get('/crypto/assets/BTC/history?interval=1m&last=90m').expect(401);
  });
});
