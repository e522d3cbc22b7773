import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AssetRepository, CandleRepository, ChangeFeed } from '#libs/database';
import { MARKET_ORDER_BY, type Candle } from '#libs/domain';
import { CandleImporter } from '#libs/market-data';
import { bootGateway } from '../../../../test/support/nest-app.js';
import { emptyDatabase } from '../../../../test/support/fixtures.js';
import { changeFeedListening } from '../../../../test/support/change-feed.js';
import { bearer, loggedIn, type TestUser } from '../../../../test/support/users.js';
import { MARKET_CSV_HEADER } from './market-table.format.js';

const FILES = {
  BTC: { '1d': 'kraken-XBTUSD-1440.csv', '1h': 'kraken-XBTUSD-60.csv' },
  ETH: { '1d': 'kraken-ETHUSD-1440.csv', '1h': 'kraken-ETHUSD-60.csv' },
} as const;
type Symbol = keyof typeof FILES;
type Interval = '1h' | '1d';
const SECONDS: Record<Interval, number> = { '1h': 3600, '1d': 86_400 };
const DAY = 86_400;

/** ../shared/data, the raw Kraken CSVs (SOURCES.md there), found from this file upwards. */
function sharedData(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'shared/data', FILES.BTC['1d']))) return join(dir, 'shared/data');
  }
  throw new Error('shared/data not found above apps/gateway/src/market');
}

/** A raw CSV as numbers, oldest first: the independent side of the comparison. */
function raw(file: string) {
  return readFileSync(join(sharedData(), file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [time, open, high, low, close, volume] = line.split(',').map(Number);
      return { time, open, high, low, close, volume };
    });
}
type RawCandle = ReturnType<typeof raw>[number];

interface Row {
  rank: number;
  symbol: string;
  name: string;
  pair: string;
  quote: string;
  price: string;
  priceUsd: string | null;
  priceTime: string;
  change24h: number | null;
  change7d: number | null;
  change30d: number | null;
  volume24h: string;
  quoteVolume24h: string | null;
  quoteVolumeSource: string;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const unix = (time: string) => Date.parse(time) / 1000;

/**
 * What the overview must say at `t` (unix seconds), worked out from the CSVs alone: per series the
 * newest candle closed by t; the table's time, the newest of those; the finest interval whose
 * series of every asset reach it (their newest close at most one interval before); then per asset
 * the close, the changes against the newest closes 24 h, 7 d and 30 d before, and the 24 h volumes
 * with the typical price (the CSVs have no VWAP).
 */
function expected(data: Record<Symbol, Record<Interval, RawCandle[]>>, t: number) {
  const closedBy = (candles: RawCandle[], interval: Interval, by: number) => candles.filter((c) => c.time + SECONDS[interval] <= by).at(-1);
  const symbols = Object.keys(data) as Symbol[];
  const newest = Math.max(
    ...symbols.flatMap((s) => (['1h', '1d'] as const).map((i) => (closedBy(data[s][i], i, t)?.time ?? -Infinity) + SECONDS[i])),
  );
  const covers = (s: Symbol, i: Interval) => {
    const last = closedBy(data[s][i], i, t);
    const first = Math.min(data[s]['1h'][0].time + 3600, data[s]['1d'][0].time + DAY);
    return (
      last !== undefined &&
      last.time + SECONDS[i] >= newest - SECONDS[i] &&
      data[s][i][0].time + SECONDS[i] <= Math.max(newest - 30 * DAY, first) + SECONDS[i]
    );
  };
  const interval = (['1h', '1d'] as const).find((i) => symbols.every((s) => covers(s, i)))!;
  const rows = symbols.map((symbol) => {
    const candles = data[symbol][interval];
    const span = SECONDS[interval];
    const last = closedBy(candles, interval, t)!;
    const close = last.time + span;
    const change = (back: number) => {
      const before = closedBy(candles, interval, close - back);
      return before ? (last.close / before.close - 1) * 100 : null;
    };
    const day = candles.filter((c) => c.time + span > close - DAY && c.time + span <= close);
    return {
      symbol,
      price: last.close,
      priceTime: iso(last.time),
      change24h: change(DAY),
      change7d: change(7 * DAY),
      change30d: change(30 * DAY),
      volume24h: day.reduce((sum, c) => sum + c.volume, 0),
      quoteVolume24h: day.reduce((sum, c) => sum + ((c.high + c.low + c.close) / 3) * c.volume, 0),
    };
  });
  rows.sort((a, b) => b.quoteVolume24h - a.quoteVolume24h);
  // The table is as of its rows' newest close (at 10:17 with only daily candles for all: midnight).
  const asOf = Math.max(...rows.map((r) => unix(r.priceTime) + SECONDS[interval]));
  return { asOf: iso(asOf), interval, rows: rows.map((row, i) => ({ ...row, rank: i + 1 })) };
}

const close = (actual: number | string | null, wanted: number | null) => {
  if (wanted === null) return expect(actual).toBeNull();
  expect(Math.abs(Number(actual) - wanted)).toBeLessThanOrEqual(Math.max(1e-9 * Math.abs(wanted), 0.01));
};

describe('GET /crypto/market, the market overview', () => {
  let app: INestApplication;
  let user: TestUser;
  let data: Record<Symbol, Record<Interval, RawCandle[]>>;
  const get = (url: string) => request(app.getHttpServer()).get(url).set(bearer(user));
  const caughtUp = () => app.get(ChangeFeed).caughtUp();

  beforeAll(async () => {
    app = await bootGateway({ TRACKED_INTERVALS: '1d,1h' });
    await emptyDatabase(app.get(DataSource));
    const importer = new CandleImporter(app.get(AssetRepository), app.get(CandleRepository));
    data = { BTC: { '1d': [], '1h': [] }, ETH: { '1d': [], '1h': [] } };
    for (const symbol of ['BTC', 'ETH'] as const) {
      for (const interval of ['1d', '1h'] as const) {
        await importer.importFile(join(sharedData(), FILES[symbol][interval]), symbol, interval);
        data[symbol][interval] = raw(FILES[symbol][interval]);
      }
    }
    user = await loggedIn(app, 'market-reader');
    await changeFeedListening(app);
  }, 120_000);

  afterAll(async () => {
    await app.close();
  });

  it('refuses a caller without a token with 401', async () => {
    const res = await request(app.getHttpServer()).get('/crypto/market').expect(401);
    expect(res.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Log in first: send Authorization: Bearer <access_token>',
    });
  });

  describe('its numbers agree with the raw CSVs', () => {
    it.each([
      ['2022-06-15T12:30:00Z', '1h'],
      ['2021-11-10T00:00:00Z', '1h'],
      ['2015-08-20T06:00:00Z', '1h'],
      ['2023-06-01T00:00:00Z', '1d'],
      ['2023-02-10T10:17:00Z', '1d'],
    ])('at %s, from the %s candles', async (datetime, interval) => {
      const want = expected(data, unix(datetime));
      expect(want.interval).toBe(interval);
      const res = await get(`/crypto/market?datetime=${datetime}`).expect(200);
      expect(res.body).toMatchObject({
        asOf: want.asOf,
        requested: new Date(datetime).toISOString(),
        interval,
        count: 2,
        total: 2,
        quoteVolume: 'VWAP × volume where Kraken gave a VWAP, else the typical price (H+L+C)/3 × volume',
      });
      const rows = res.body.rows as Row[];
      expect(rows.map((r) => [r.rank, r.symbol])).toEqual(want.rows.map((r) => [r.rank, r.symbol]));
      for (const [i, row] of rows.entries()) {
        const w = want.rows[i];
        expect(row).toMatchObject({
          pair: `${row.symbol === 'BTC' ? 'XBT' : 'ETH'}USD`,
          quote: 'USD',
          priceTime: w.priceTime,
          quoteVolumeSource: 'typical',
        });
        expect(row.name).toBe(row.symbol === 'BTC' ? 'Bitcoin' : 'Ethereum');
        expect(Number(row.price)).toBe(w.price);
        expect(row.priceUsd).toBe(row.price);
        close(row.change24h, w.change24h);
        close(row.change7d, w.change7d);
        close(row.change30d, w.change30d);
        close(row.volume24h, w.volume24h);
        close(row.quoteVolume24h, w.quoteVolume24h);
      }
    });

    it('leaves a change empty when no candle is that far back (ETH in its first month)', async () => {
      const res = await get('/crypto/market?datetime=2015-08-20T06:00:00Z').expect(200);
      const eth = (res.body.rows as Row[]).find((r) => r.symbol === 'ETH')!;
      expect(eth.change24h).not.toBeNull();
      expect(eth.change30d).toBeNull();
    });

    it('leaves an asset out before its first candle (ETH before August 2015)', async () => {
      const res = await get('/crypto/market?datetime=2015-01-01T00:00:00Z').expect(200);
      expect((res.body.rows as Row[]).map((r) => r.symbol)).toEqual(['BTC']);
    });
  });

  describe('ordering, top N and the symbols filter', () => {
    const AT = 'datetime=2022-06-15T12:30:00Z';

    it.each(MARKET_ORDER_BY.flatMap((by) => (['asc', 'desc'] as const).map((order) => [by, order] as const)))(
      'orders by %s %s',
      async (by, order) => {
        const rows = (await get(`/crypto/market?${AT}&order_by=${by}&order=${order}`).expect(200)).body.rows as Row[];
        const key = (r: Row) =>
          by === 'price' ? Number(r.priceUsd) : by === 'volume24h' ? Number(r.volume24h) : by === 'name' ? r.name.toLowerCase() : r[by]!;
        const keys = rows.map(key);
        const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(keys).toEqual(order === 'asc' ? sorted : sorted.reverse());
      },
    );

    it('orders rank ascending and the figures descending when no order is given', async () => {
      const byRank = (await get(`/crypto/market?${AT}`).expect(200)).body.rows as Row[];
      expect(byRank.map((r) => r.rank)).toEqual([1, 2]);
      const byPrice = (await get(`/crypto/market?${AT}&order_by=price`).expect(200)).body.rows as Row[];
      expect(byPrice.map((r) => r.symbol)).toEqual(['BTC', 'ETH']);
    });

    it('gives the top N in the chosen order', async () => {
      const res = await get(`/crypto/market?${AT}&order_by=price&order=asc&limit=1`).expect(200);
      expect(res.body).toMatchObject({ count: 1, total: 2 });
      expect((res.body.rows as Row[]).map((r) => r.symbol)).toEqual(['ETH']);
    });

    it('keeps only the symbols asked for, in any case, with their ranks in the whole table', async () => {
      const whole = (await get(`/crypto/market?${AT}`).expect(200)).body.rows as Row[];
      const res = await get(`/crypto/market?${AT}&symbols=eth`).expect(200);
      expect(res.body.rows).toEqual(whole.filter((r) => r.symbol === 'ETH'));
      expect(res.body).toMatchObject({ count: 1, total: 2 });
    });

    it('answers the top 3 as CSV under its header, decimals as stored, one line per asset', async () => {
      const json = (await get(`/crypto/market?${AT}&limit=3`).expect(200)).body.rows as Row[];
      const res = await get(`/crypto/market?${AT}&limit=3&format=csv`).buffer(true).parse(textBody).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers['content-disposition']).toBe('attachment; filename="candlecast-market-2022-06-15T1200Z.csv"');
      const lines = (res.body as string).trimEnd().split('\n');
      expect(lines[0]).toBe('Rank,Symbol,Price USD,Change 24h %,Change 7d %,Change 30d %,Volume 24h,Volume 24h USD,Name');
      expect(lines[0]).toBe(MARKET_CSV_HEADER);
      expect(lines.slice(1)).toEqual(
        json.map((r) =>
          [r.rank, r.symbol, r.priceUsd, r.change24h, r.change7d, r.change30d, r.volume24h, r.quoteVolume24h, r.name].join(','),
        ),
      );
      expect(lines).toHaveLength(1 + 2);
    });
  });

  describe('the time asked', () => {
    it('answers 404 saying which range exists for a time before every candle', async () => {
      const res = await get('/crypto/market?datetime=2013-01-01T00:00:00Z').expect(404);
      expect(res.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message:
          'no candles closed by 2013-01-01T00:00:00.000Z: the market table exists from 2013-10-06T22:00:00.000Z (the first close) to now, ' +
          'its newest candle closed at 2026-04-01T00:00:00.000Z',
      });
    });

    it('answers 400 for a time in the future', async () => {
      const res = await get('/crypto/market?datetime=2999-01-01T00:00:00Z').expect(400);
      expect(res.body.message).toMatch(/^no candles after now \(\d{4}-.*\): datetime 2999-01-01T00:00:00\.000Z is in the future$/);
    });

    it('answers as of the newest candle for a time between it and now, or none, and says its time', async () => {
      const now = (await get('/crypto/market').expect(200)).body;
      const between = (await get('/crypto/market?datetime=2026-06-01T00:00:00Z').expect(200)).body;
      // ETH's candles end in March 2024: only BTC's daily series reaches the newest close.
      expect(now).toMatchObject({ asOf: '2026-04-01T00:00:00.000Z', requested: null, interval: '1d', count: 1 });
      expect(between).toMatchObject({ asOf: '2026-04-01T00:00:00.000Z', requested: '2026-06-01T00:00:00.000Z', interval: '1d' });
      expect(between.rows).toEqual(now.rows);
      expect(now.rows[0]).toMatchObject({ symbol: 'BTC', price: '68219.7', priceTime: '2026-03-31T00:00:00.000Z' });
    });

    it('takes unix seconds', async () => {
      const res = await get(`/crypto/market?datetime=${unix('2022-06-15T12:30:00Z')}`).expect(200);
      expect(res.body.asOf).toBe('2022-06-15T12:00:00.000Z');
    });
  });

  describe('bad input', () => {
    it.each([
      ['order_by=volume', 'order_by must be one of rank, symbol, name, price, change24h, change7d, change30d, volume24h'],
      ['order=up', 'order must be one of asc, desc'],
      ['format=xml', 'format must be one of json, csv'],
      ['limit=0', 'limit must be a whole number from 1 to 500'],
      ['limit=501', 'limit must be a whole number from 1 to 500'],
      ['symbols=BTC,,ETH', 'symbols must be a comma-separated list of 1 to 50 symbols of 2 to 12 letters or digits, such as BTC,ETH'],
      ['datetime=yesterday', expect.stringMatching(/^datetime must be an ISO 8601 date/)],
    ])('refuses %s with 400', async (query, message) => {
      const res = await get(`/crypto/market?${query}`).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    });

    it('refuses unknown symbols with 400 naming them', async () => {
      const res = await get('/crypto/market?symbols=btc,DOGE,xrp').expect(400);
      expect(res.body.message).toBe('symbols: DOGE, XRP are not tracked; tracked assets are BTC, ETH');
    });
  });

  describe('pairs quoted in another currency', () => {
    const AT = '2022-06-15T00:00:00Z';
    const day = (t: string) => unix(t);
    /** ETH/XBT daily candles made from the two USD CSVs (ETH close / BTC close), with a VWAP as Kraken's OHLC gives. */
    const ethXbt = (): Candle[] =>
      data.ETH['1d']
        .filter((c) => c.time >= day('2022-05-01T00:00:00Z') && c.time < day(AT))
        .map((eth) => {
          const btc = data.BTC['1d'].find((b) => b.time === eth.time)!;
          const ratio = (eth.close / btc.close).toFixed(5);
          return { time: eth.time, open: ratio, high: ratio, low: ratio, close: ratio, vwap: ratio, volume: '10.0', trades: 5 };
        });

    beforeAll(async () => {
      const assets = app.get(AssetRepository);
      const xbt = await assets.track({
        symbol: 'ETHXBT',
        name: 'Ether in bitcoin',
        krakenAltname: 'ETHXBT',
        krakenKey: 'XETHXXBT',
        base: 'XETH',
        quote: 'XXBT',
      });
      const eur = await assets.track({
        symbol: 'ETHEUR',
        name: 'Ether in euro',
        krakenAltname: 'ETHEUR',
        krakenKey: 'XETHZEUR',
        base: 'XETH',
        quote: 'ZEUR',
      });
      await app.get(CandleRepository).upsert(xbt.id, '1d', ethXbt());
      await app.get(CandleRepository).upsert(
        eur.id,
        '1d',
        ethXbt().map((c) => ({ ...c, vwap: null })),
      );
      await caughtUp();
    });

    afterAll(async () => {
      await app.get(DataSource).query(`DELETE FROM assets WHERE symbol IN ('ETHXBT', 'ETHEUR')`);
      await caughtUp();
    });

    it('converts with the close of the tracked USD pair of its quote at the same time, and leaves USD empty without one', async () => {
      const res = await get(`/crypto/market?datetime=${AT}`).expect(200);
      // The new pairs have daily candles only: the table falls back to the interval that covers all.
      expect(res.body).toMatchObject({ interval: '1d', asOf: '2022-06-15T00:00:00.000Z', count: 4 });
      const rows = res.body.rows as Row[];
      const bySymbol = Object.fromEntries(rows.map((r) => [r.symbol, r]));
      const btcClose = data.BTC['1d'].find((c) => c.time === day('2022-06-14T00:00:00Z'))!.close;
      const last = ethXbt().at(-1)!;
      expect(bySymbol.ETHXBT).toMatchObject({ quote: 'XBT', price: last.close, quoteVolumeSource: 'vwap', volume24h: '10.0' });
      close(bySymbol.ETHXBT.priceUsd, Number(last.close) * btcClose);
      close(bySymbol.ETHXBT.quoteVolume24h, Number(last.close) * 10 * btcClose);
      expect(bySymbol.ETHEUR).toMatchObject({ quote: 'EUR', priceUsd: null, quoteVolume24h: null, quoteVolumeSource: 'typical', rank: 4 });
      // Ranked by USD volume; empty values last whichever the order.
      expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
      const byPrice = (await get(`/crypto/market?datetime=${AT}&order_by=price&order=asc`).expect(200)).body.rows as Row[];
      expect(byPrice.at(-1)!.symbol).toBe('ETHEUR');
      const usd = byPrice.slice(0, 3).map((r) => Number(r.priceUsd));
      expect(usd).toEqual([...usd].sort((a, b) => a - b));
      const csv = (await get(`/crypto/market?datetime=${AT}&symbols=ETHEUR&format=csv`).buffer(true).parse(textBody).expect(200))
        .body as string;
      expect(csv.trimEnd().split('\n')[1]).toMatch(/^4,ETHEUR,,-?[\d.]+,-?[\d.]+,-?[\d.]+,10\.0,,Ether in euro$/);
    });
    it('answers the top 3 of four as CSV, in rank order', async () => {
      const json = (await get(`/crypto/market?datetime=${AT}&limit=3`).expect(200)).body.rows as Row[];
      const csv = (await get(`/crypto/market?datetime=${AT}&limit=3&format=csv`).buffer(true).parse(textBody).expect(200)).body as string;
      const lines = csv.trimEnd().split('\n');
      expect(lines[0]).toBe(MARKET_CSV_HEADER);
      expect(lines.slice(1).map((line) => line.split(',').slice(0, 2).join(','))).toEqual(json.map((r) => `${r.rank},${r.symbol}`));
      expect(lines).toHaveLength(4);
    });

    it('drops an asset from the tables once it is no longer tracked', async () => {
      await get(`/crypto/market?datetime=${AT}`).expect(200);
      expect(await app.get(AssetRepository).untrack('ETHEUR')).toBe(true);
      await caughtUp();
      const res = await get(`/crypto/market?datetime=${AT}`).expect(200);
      expect((res.body.rows as Row[]).map((r) => r.symbol).sort()).toEqual(['BTC', 'ETH', 'ETHXBT']);
      expect((await get(`/crypto/market?symbols=ETHEUR`).expect(400)).body.message).toBe(
        'symbols: ETHEUR is not tracked; tracked assets are BTC, ETH, ETHXBT',
      );
    });
  });

  describe('kept until a candle changes', () => {
    it('serves the same answer with its ETag, 304 to a client that holds it, and the new price once a candle comes', async () => {
      const first = await get('/crypto/market?symbols=BTC').expect(200);
      const again = await get('/crypto/market?symbols=BTC').expect(200);
      expect(again.headers.etag).toBe(first.headers.etag);
      await get('/crypto/market?symbols=BTC').set('If-None-Match', first.headers.etag).expect(304);

      const btc = await app.get(AssetRepository).require('BTC');
      await app.get(CandleRepository).upsert(btc.id, '1d', [
        {
          time: unix('2026-04-01T00:00:00Z'),
          open: '68219.7',
          high: '70000.0',
          low: '68000.0',
          close: '69999.9',
          vwap: '69000.0',
          volume: '2.5',
          trades: 7,
        },
      ]);
      await caughtUp();
      const after = await get('/crypto/market?symbols=BTC').expect(200);
      expect(after.headers.etag).not.toBe(first.headers.etag);
      expect(after.body).toMatchObject({ asOf: '2026-04-02T00:00:00.000Z', interval: '1d' });
      expect(after.body.rows[0]).toMatchObject({
        price: '69999.9',
        priceTime: '2026-04-01T00:00:00.000Z',
        volume24h: '2.5',
        quoteVolumeSource: 'vwap',
        quoteVolume24h: '172500.00',
      });
      await get('/crypto/market?symbols=BTC').set('If-None-Match', first.headers.etag).expect(200);
    });

    it('drops a past table too when one of its candles changes', async () => {
      const at = '/crypto/market?datetime=2022-06-15T12:30:00Z&symbols=BTC';
      const before = (await get(at).expect(200)).body.rows[0] as Row;
      const btc = await app.get(AssetRepository).require('BTC');
      const candle = data.BTC['1h'].find((c) => c.time === unix('2022-06-15T11:00:00Z'))!;
      const db = app.get(DataSource);
      await db.query(`UPDATE candles SET close = 12345.6 WHERE asset_id = $1 AND interval = 60 AND time = to_timestamp($2)`, [
        btc.id,
        candle.time,
      ]);
      await caughtUp();
      try {
        expect(((await get(at).expect(200)).body.rows[0] as Row).price).toBe('12345.6');
      } finally {
        await db.query(`UPDATE candles SET close = $3 WHERE asset_id = $1 AND interval = 60 AND time = to_timestamp($2)`, [
          btc.id,
          candle.time,
          String(candle.close),
        ]);
        await caughtUp();
      }
      expect(((await get(at).expect(200)).body.rows[0] as Row).price).toBe(before.price);
    });
  });
});

/** supertest leaves text/csv unparsed: the body as a string. */
function textBody(res: unknown, done: (error: Error | null, body: string) => void) {
  const stream = res as NodeJS.ReadableStream;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  stream.on('end', () => done(null, text));
}
