import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AssetRepository, CandleRepository, ChangeFeed } from '#libs/database';
import { CandleImporter } from '#libs/market-data';
import { emptyDatabase } from '../../../../test/support/fixtures.js';
import { changeFeedListening } from '../../../../test/support/change-feed.js';
import { readRawCandles, sharedDataFile, type RawCandle } from '../../../../test/support/raw-candles.js';
import { bearer, loggedIn, type TestUser } from '../../../../test/support/users.js';
import { bootGateway } from '../../../../test/support/nest-app.js';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const BTC_CSV = sharedDataFile('kraken-XBTUSD-1440.csv');
const ETH_CSV = sharedDataFile('kraken-ETHUSD-1440.csv');
const BTC_HOURLY_CSV = sharedDataFile('kraken-XBTUSD-60.csv');

interface CompareBody {
  mode: string;
  count: number;
  from: string;
  to: string;
  limit: number;
  truncated: boolean;
  kept: string;
  series: { key: string; symbol: string; interval: string }[];
  times: string[];
  values: unknown[][];
}

/**
 * GET /crypto/compare against the real BTC and ETH daily candles of shared/data, imported as
 * `npm run import` does: the times it answers are exactly those both CSVs have.
 */
describe('GET /crypto/compare', () => {
  let app: NestExpressApplication;
  let user: TestUser;
  let btc: RawCandle[];
  let eth: RawCandle[];
  /** The open times both CSVs have, oldest first. */
  let shared: number[];
  const get = (url: string) => request(app.getHttpServer()).get(url).set(bearer(user));
  const compare = async (query: string) => (await get(`/crypto/compare?${query}`).expect(200)).body as CompareBody;
  const refused = async (query: string, status = 400) => (await get(`/crypto/compare?${query}`).expect(status)).body as { message: string };
  const caughtUp = () => app.get(ChangeFeed).caughtUp();

  beforeAll(async () => {
    app = await bootGateway({ TRACKED_INTERVALS: '1d,1h' });
    await emptyDatabase(app.get(DataSource));
    const importer = new CandleImporter(app.get(AssetRepository), app.get(CandleRepository));
    await importer.importFile(BTC_CSV, 'BTC', '1d');
    await importer.importFile(ETH_CSV, 'ETH', '1d');
    btc = readRawCandles(BTC_CSV);
    eth = readRawCandles(ETH_CSV);
    const ethTimes = new Set(eth.map((c) => c.time));
    shared = btc.map((c) => c.time).filter((t) => ethTimes.has(t));
    user = await loggedIn(app, 'comparer');
    await changeFeedListening(app);
  });

  afterAll(async () => {
    await app.close();
  });

  it('refuses a caller without a token with 401', async () => {
    const res = await request(app.getHttpServer()).get('/crypto/compare?series=BTC,ETH').expect(401);
    expect(res.body.statusCode).toBe(401);
  });

  it('answers the closes at exactly the open times both series have, oldest first, as stored', async () => {
    expect(shared.length).toBeGreaterThan(3000);
    const body = await compare('series=btc,eth&mode=line');
    expect(body.series).toEqual([
      { key: 'BTC:1d', symbol: 'BTC', interval: '1d' },
      { key: 'ETH:1d', symbol: 'ETH', interval: '1d' },
    ]);
    expect(body.times).toEqual(shared.map(iso));
    expect(body).toMatchObject({ mode: 'line', count: shared.length, from: iso(shared[0]), to: iso(shared.at(-1)!), truncated: false });
    const closeAt = (csv: RawCandle[]) => new Map(csv.map((c) => [c.time, c.close]));
    expect(body.values[0]).toEqual(shared.map((t) => closeAt(btc).get(t)));
    expect(body.values[1]).toEqual(shared.map((t) => closeAt(eth).get(t)));
  });

  it('leaves out of every series a time one series lacks: a deleted ETH candle removes that BTC time too', async () => {
    const gone = shared[1000];
    const before = await compare('series=BTC,ETH&mode=line');
    expect(before.times).toContain(iso(gone));
    const db = app.get(DataSource);
    const ethId = (await app.get(AssetRepository).require('ETH')).id;
    const [[deleted]] = await db.query(
      `DELETE FROM candles WHERE asset_id = $1 AND interval = 1440 AND time = to_timestamp($2) RETURNING *`,
      [ethId, gone],
    );
    try {
      await caughtUp();
      const after = await compare('series=BTC,ETH&mode=line');
      expect(after.count).toBe(before.count - 1);
      expect(after.times).toEqual(before.times.filter((t) => t !== iso(gone)));
      const index = before.times.indexOf(iso(gone));
      expect(after.values[0]).toEqual(before.values[0].filter((_, i) => i !== index));
    } finally {
      await db.query(
        `INSERT INTO candles (asset_id, interval, time, open, high, low, close, vwap, volume, trades) VALUES ($1, 1440, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [ethId, deleted.time, deleted.open, deleted.high, deleted.low, deleted.close, deleted.vwap, deleted.volume, deleted.trades],
      );
      await caughtUp();
    }
    expect((await compare('series=BTC,ETH&mode=line')).count).toBe(before.count);
  });

  it('keeps its answer until the candle feed names one of its series, and only then', async () => {
    const query = 'series=BTC,ETH&mode=line&from=2023-06-01&to=2023-06-30';
    const kept = await compare(query);
    const db = app.get(DataSource);
    const ethId = (await app.get(AssetRepository).require('ETH')).id;
    const day = Date.parse('2023-06-10') / 1000;
    const original = eth.find((c) => c.time === day)!.close;
    /** Changes ETH's close that day without a notification (triggers off), as no writer of ours can. */
    const silently = (close: string) =>
      db.transaction(async (m) => {
        await m.query(`SET LOCAL session_replication_role = replica`);
        await m.query(`UPDATE candles SET close = $3 WHERE asset_id = $1 AND interval = 1440 AND time = to_timestamp($2)`, [
          ethId,
          day,
          close,
        ]);
      });
    await silently('1234.5');
    try {
      expect(await compare(query)).toEqual(kept);
      // A change to another series (BTC's 4-hour candles) leaves this answer kept.
      const btcId = (await app.get(AssetRepository).require('BTC')).id;
      await app
        .get(CandleRepository)
        .upsert(btcId, '4h', [{ time: day, open: '1', high: '1', low: '1', close: '1', vwap: null, volume: '1', trades: 1 }]);
      await caughtUp();
      expect(await compare(query)).toEqual(kept);
      // A notification naming ETH's daily series drops it.
      await db.query(`SELECT pg_notify('candlecast_candles', $1)`, [`${ethId}:1440`]);
      await caughtUp();
      const fresh = await compare(query);
      expect(fresh.values[1][fresh.times.indexOf(iso(day))]).toBe('1234.5');
    } finally {
      await silently(original);
      await db.query(`SELECT pg_notify('candlecast_candles', $1)`, [`${ethId}:1440`]);
      await caughtUp();
      await db.query(`DELETE FROM candles WHERE interval = 240 AND time = to_timestamp($1)`, [day]);
      await caughtUp();
    }
    expect(await compare(query)).toEqual(kept);
  });

  it('rebases each close to 100 at the first shared time in normalized mode', async () => {
    const body = await compare(`series=ETH,BTC&mode=normalized&from=2021-01-01&to=2021-12-31`);
    const span = shared.filter((t) => t >= Date.parse('2021-01-01') / 1000 && t <= Date.parse('2021-12-31') / 1000);
    expect(body.times).toEqual(span.map(iso));
    const close = (csv: RawCandle[], t: number) => Number(csv.find((c) => c.time === t)!.close);
    for (const [k, csv] of [eth, btc].entries()) {
      expect(body.values[k][0]).toBe(100);
      span.forEach((t, i) => expect(body.values[k][i]).toBeCloseTo((close(csv, t) / close(csv, span[0])) * 100, 9));
    }
  });

  it('gives open, high, low and close as stored in ohlc mode', async () => {
    const body = await compare('series=BTC,ETH&mode=ohlc&limit=3');
    const last = btc.find((c) => c.time === shared.at(-1))!;
    expect(body.values[0][2]).toEqual({ open: last.open, high: last.high, low: last.low, close: last.close });
  });

  it('keeps the newest shared times when there are more than limit, and says so', async () => {
    const body = await compare('series=BTC,ETH&mode=line&limit=10');
    expect(body).toMatchObject({ count: 10, limit: 10, truncated: true, kept: 'newest' });
    expect(body.times).toEqual(shared.slice(-10).map(iso));
    const rebased = await compare('series=BTC,ETH&limit=10');
    expect(rebased.values[0][0]).toBe(100);
  });

  it('aligns an hourly series with a daily one on the daily open times, each value its own candle', async () => {
    const hours = readRawCandles(BTC_HOURLY_CSV).filter(
      (c) => c.time >= Date.parse('2022-03-01') / 1000 && c.time < Date.parse('2022-03-08') / 1000,
    );
    const btcId = (await app.get(AssetRepository).require('BTC')).id;
    await app.get(CandleRepository).upsert(
      btcId,
      '1h',
      hours.map((c) => ({ ...c, vwap: null, volume: '1', trades: 1 })),
    );
    await caughtUp();
    const body = await compare('series=BTC:1h,ETH&mode=line');
    const midnights = hours.filter((c) => c.time % 86_400 === 0);
    expect(body.series.map((s) => s.key)).toEqual(['BTC:1h', 'ETH:1d']);
    expect(body.times).toEqual(midnights.map((c) => iso(c.time)));
    expect(body.values[0]).toEqual(midnights.map((c) => c.close));
  });

  describe('refuses with 400, saying why', () => {
    it.each([
      ['series=BTC', /^series must be one comma-separated list of 2 to 5 SYMBOL or SYMBOL:interval .*; it names 1$/],
      ['series=BTC,ETH,BTC:1h,ETH:1h,BTC:4h,ETH:4h', /it names 6$/],
      ['series=BTC,btc', /^series names BTC:1d twice$/],
      ['series=BTC,ETH:2h', /"ETH:2h" has no interval "2h"/],
      ['series=BTC&series=ETH', /^series must be one comma-separated list/],
      ['', /^series is required$/],
      ['series=BTC,ETH&mode=candles', /^mode must be one of ohlc, line, normalized$/],
      ['series=BTC,ETH&limit=0', /^limit must be a whole number from 1 to 10000$/],
      ['series=BTC,ETH&limit=10001', /^limit must be a whole number from 1 to 10000$/],
      ['series=BTC,ETH&from=2024-02-01&to=2024-01-01', /^from must not be after to$/],
      ['series=BTC,NOPE', /^asset 'NOPE' is not known to Candlecast: tracked assets are BTC, ETH$/],
    ])('%s', async (query, message) => {
      const body = await refused(query);
      expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(body.message).toMatch(message);
    });

    it('a series without candles in the span, naming it', async () => {
      const body = await refused('series=BTC,ETH&to=2015-01-01');
      expect(body.message).toBe('no shared time: ETH:1d has no candles from the first candle to 2015-01-01T00:00:00.000Z');
    });

    it('series whose spans do not meet, naming both and what each holds', async () => {
      const btcId = (await app.get(AssetRepository).require('BTC')).id;
      const early = btc.slice(0, 3).map((c) => ({ ...c, vwap: null, volume: '1', trades: 1 }));
      await app.get(CandleRepository).upsert(btcId, '4h', early);
      await caughtUp();
      const body = await refused('series=ETH,BTC:4h');
      expect(body.message).toBe(
        `no shared time: BTC:4h and ETH:1d do not overlap (BTC:4h has 3 from ${iso(btc[0].time)} to ${iso(btc[2].time)}; ` +
          `ETH:1d has ${eth.length} from ${iso(eth[0].time)} to ${iso(eth.at(-1)!.time)})`,
      );
    });

    it('series that overlap but never open at the same time', async () => {
      // BTC's hourly candles from 01:00 on 1 March to 05:00 on 2 March 2022, without the one at midnight (see the hourly test above).
      await app.get(DataSource).query(`DELETE FROM candles WHERE interval = 60 AND time = '2022-03-02T00:00:00Z'`);
      await caughtUp();
      const body = await refused('series=BTC:1h,ETH&from=2022-03-01T01:00:00Z&to=2022-03-02T05:00:00Z');
      expect(body.message).toBe(
        "no shared time from 2022-03-01T01:00:00.000Z to 2022-03-02T05:00:00.000Z: the series' candles never open at the same time " +
          '(BTC:1h has 28 from 2022-03-01T01:00:00.000Z to 2022-03-02T05:00:00.000Z; ETH:1d has 1 from 2022-03-02T00:00:00.000Z to 2022-03-02T00:00:00.000Z)',
      );
    });
  });
});
