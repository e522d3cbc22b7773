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

const BTC_CSV = sharedDataFile('kraken-XBTUSD-1440.csv');
const ETH_CSV = sharedDataFile('kraken-ETHUSD-1440.csv');
const BTC_HOURLY_CSV = sharedDataFile('kraken-XBTUSD-60.csv');
const DAY = 86_400;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const seconds = (date: string) => Date.parse(date) / 1000;

// --- An independent computation, straight from the CSV lines: textbook two-pass formulas, no library. ---

interface Ret {
  time: number;
  value: number;
}

/** ln(Cₜ/Cₜ₋₁) between lines exactly `step` seconds apart. */
function rawReturns(candles: RawCandle[], step: number): Ret[] {
  const out: Ret[] = [];
  for (let i = 1; i < candles.length; i++) {
    if (candles[i].time - candles[i - 1].time === step) {
      out.push({ time: candles[i].time, value: Math.log(Number(candles[i].close) / Number(candles[i - 1].close)) });
    }
  }
  return out;
}

function moments(x: number[]) {
  const n = x.length;
  let sum = 0;
  for (const v of x) sum += v;
  const mean = sum / n;
  let m2 = 0;
  for (const v of x) m2 += (v - mean) ** 2;
  const sd = Math.sqrt(m2 / (n - 1));
  let z3 = 0;
  let z4 = 0;
  for (const v of x) {
    z3 += ((v - mean) / sd) ** 3;
    z4 += ((v - mean) / sd) ** 4;
  }
  const skew = (n / ((n - 1) * (n - 2))) * z3;
  const kurtosis = ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * z4 - (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
  return { mean, sd, skew, kurtosis, min: Math.min(...x), max: Math.max(...x) };
}

function pearson(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

function rawDrawdown(candles: RawCandle[]) {
  let peak = 0;
  let worst = { value: 0, peak: -1, trough: -1 };
  for (let i = 0; i < candles.length; i++) {
    if (Number(candles[i].close) > Number(candles[peak].close)) peak = i;
    const value = Number(candles[i].close) / Number(candles[peak].close) - 1;
    if (value < worst.value) worst = { value, peak, trough: i };
  }
  const recovered = candles.findIndex((c, i) => i > worst.trough && Number(c.close) >= Number(candles[worst.peak].close));
  return { ...worst, recovered };
}

/** |actual − expected| within 1e-9 of |expected| (a number: never null or NaN). */
function close(actual: number, expected: number): void {
  expect(typeof actual).toBe('number');
  if (!(Math.abs(actual - expected) <= 1e-9 * Math.abs(expected))) expect(actual).toBe(expected);
}

interface StatsBody {
  symbol: string;
  interval: string;
  from: string;
  to: string;
  candles: number;
  returns: number;
  conventions: string;
  distribution: {
    mean: number;
    sd: number;
    skew: number;
    kurtosis: number;
    min: number;
    max: number;
    histogram: { from: number; to: number; count: number }[];
  };
  volatility: { annualised: number; window: number; rolling: { time: string; value: number }[] };
  drawdown: {
    max: number;
    peak: { time: string; close: string } | null;
    trough: { time: string; close: string } | null;
    recovered: string | null;
    series: { time: string; value: number }[];
  };
  best: { time: string; return: number }[];
  worst: { time: string; return: number }[];
}

describe('historical analysis: GET /crypto/assets/{symbol}/stats and GET /crypto/correlation', () => {
  let app: NestExpressApplication;
  let user: TestUser;
  let btc: RawCandle[];
  let eth: RawCandle[];
  let btcHourly: RawCandle[];
  const get = (url: string) => request(app.getHttpServer()).get(url).set(bearer(user));
  const stats = async (query: string, symbol = 'BTC') =>
    (await get(`/crypto/assets/${symbol}/stats?${query}`).expect(200)).body as StatsBody;
  const caughtUp = () => app.get(ChangeFeed).caughtUp();

  /** The answer's figures against the independent computation on `candles` (the CSV lines of that span). */
  function expectStats(body: StatsBody, candles: RawCandle[], step: number, perYear: number, bins: number, window: number) {
    const returns = rawReturns(candles, step);
    const m = moments(returns.map((r) => r.value));
    expect(body).toMatchObject({
      from: iso(candles[0].time),
      to: iso(candles.at(-1)!.time),
      candles: candles.length,
      returns: returns.length,
    });
    for (const key of ['mean', 'sd', 'skew', 'kurtosis', 'min', 'max'] as const) close(body.distribution[key], m[key]);
    close(body.volatility.annualised, m.sd * Math.sqrt(perYear));

    const histogram = body.distribution.histogram;
    expect(histogram).toHaveLength(bins);
    expect(histogram[0].from).toBe(m.min);
    expect(histogram.at(-1)!.to).toBe(m.max);
    const width = (m.max - m.min) / bins;
    const counts = new Array(bins).fill(0);
    for (const r of returns) counts[Math.min(bins - 1, Math.floor((r.value - m.min) / width))]++;
    expect(histogram.map((b) => b.count)).toEqual(counts);

    expect(body.volatility.rolling).toHaveLength(returns.length - window + 1);
    body.volatility.rolling.forEach((point, i) => {
      expect(point.time).toBe(iso(returns[i + window - 1].time));
      close(point.value, moments(returns.slice(i, i + window).map((r) => r.value)).sd * Math.sqrt(perYear));
    });

    const dd = rawDrawdown(candles);
    close(body.drawdown.max, dd.value);
    expect(body.drawdown.peak).toEqual({ time: iso(candles[dd.peak].time), close: candles[dd.peak].close });
    expect(body.drawdown.trough).toEqual({ time: iso(candles[dd.trough].time), close: candles[dd.trough].close });
    expect(body.drawdown.recovered).toBe(dd.recovered === -1 ? null : iso(candles[dd.recovered].time));
    expect(body.drawdown.series).toHaveLength(candles.length);

    const byValue = [...returns].sort((a, b) => b.value - a.value);
    expect(body.best.map((b) => b.time)).toEqual(byValue.slice(0, 5).map((r) => iso(r.time)));
    expect(body.worst.map((b) => b.time)).toEqual(
      byValue
        .slice(-5)
        .reverse()
        .map((r) => iso(r.time)),
    );
    body.best.forEach((b, i) => close(b.return, byValue[i].value));
  }

  beforeAll(async () => {
    app = await bootGateway({ TRACKED_INTERVALS: '1d,1h' });
    await emptyDatabase(app.get(DataSource));
    const importer = new CandleImporter(app.get(AssetRepository), app.get(CandleRepository));
    await importer.importFile(BTC_CSV, 'BTC', '1d');
    await importer.importFile(ETH_CSV, 'ETH', '1d');
    await importer.importFile(BTC_HOURLY_CSV, 'BTC', '1h');
    [btc, eth, btcHourly] = [BTC_CSV, ETH_CSV, BTC_HOURLY_CSV].map(readRawCandles);
    user = await loggedIn(app, 'analyst');
    await changeFeedListening(app);
  });

  afterAll(async () => {
    await app.close();
  });

  it.each(['/crypto/assets/BTC/stats', '/crypto/correlation?symbols=BTC,ETH'])(
    '%s refuses a caller without a token with 401',
    async (url) => {
      const res = await request(app.getHttpServer()).get(url).expect(401);
      expect(res.body.statusCode).toBe(401);
    },
  );

  describe('stats', () => {
    it('of the whole daily history match a computation straight from the CSV, with no return across its gaps', async () => {
      const body = await stats('');
      expect(body).toMatchObject({ symbol: 'BTC', interval: '1d' });
      // The CSV has gaps: fewer returns than candles − 1.
      expect(body.returns).toBeLessThan(btc.length - 1);
      expect(body.conventions).toMatch(
        /^log returns ln\(Cₜ\/Cₜ₋₁\) .* exactly one interval apart .* \(n − 1\).* bias-adjusted .* √\(365 × candles per day\)$/,
      );
      expectStats(body, btc, DAY, 365, 40, 30);
    });

    it('of a span, with other bins and window, match the CSV lines of that span', async () => {
      const body = await stats('interval=1d&from=2020-01-01&to=2021-12-31&bins=12&window=7', 'btc');
      const span = btc.filter((c) => c.time >= seconds('2020-01-01') && c.time <= seconds('2021-12-31'));
      expectStats(body, span, DAY, 365, 12, 7);
    });

    it('of hourly candles are annualised by √(365 × 24) and skip the hours missing from the CSV', async () => {
      const body = await stats('interval=1h&from=2018-01-01&to=2018-12-31T23:00:00Z&window=24');
      const span = btcHourly.filter((c) => c.time >= seconds('2018-01-01') && c.time <= seconds('2018-12-31T23:00:00Z'));
      expect(rawReturns(span, 3600).length).toBeLessThan(span.length - 1);
      expectStats(body, span, 3600, 365 * 24, 40, 24);
    });

    it('change when a candle of the series changes (the change feed drops the kept answer)', async () => {
      const query = 'from=2022-01-01&to=2022-03-31';
      const span = btc.filter((c) => c.time >= seconds('2022-01-01') && c.time <= seconds('2022-03-31'));
      const first = await get(`/crypto/assets/BTC/stats?${query}`).expect(200);
      await get(`/crypto/assets/BTC/stats?${query}`).set('If-None-Match', first.headers.etag).expect(304);
      const btcId = (await app.get(AssetRepository).require('BTC')).id;
      const target = span[40];
      const doubled = { ...target, close: String(Number(target.close) * 2), vwap: null, volume: '1', trades: 1 };
      await app.get(CandleRepository).upsert(btcId, '1d', [doubled]);
      try {
        await caughtUp();
        const changed = await get(`/crypto/assets/BTC/stats?${query}`).set('If-None-Match', first.headers.etag).expect(200);
        expect(changed.headers.etag).not.toBe(first.headers.etag);
        expectStats(
          changed.body,
          span.map((c) => (c === target ? doubled : c)),
          DAY,
          365,
          40,
          30,
        );
      } finally {
        await app.get(CandleRepository).upsert(btcId, '1d', [{ ...target, vwap: null, volume: '1', trades: 1 }]);
        await caughtUp();
      }
      expectStats(await stats(query), span, DAY, 365, 40, 30);
    });

    it.each([
      ['/crypto/assets/NOPE/stats', 404, "Unknown asset 'NOPE'"],
      ['/crypto/assets/BTC/stats?to=2013-01-01', 404, 'No 1d candles of BTC are stored from the first to 2013-01-01T00:00:00.000Z'],
      ['/crypto/assets/BTC/stats?interval=2h', 400, 'interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d'],
      ['/crypto/assets/BTC/stats?bins=4', 400, 'bins must be a whole number from 5 to 200'],
      ['/crypto/assets/BTC/stats?window=366', 400, 'window must be a whole number from 2 to 365'],
      ['/crypto/assets/BTC/stats?from=2021-01-02&to=2021-01-01', 400, 'from must not be after to'],
    ])('%s answers %i', async (url, status, message) => {
      const res = await get(url).expect(status);
      expect(res.body.message).toMatch(message);
    });

    it('of a single candle say what one candle can: no returns, no spread', async () => {
      const body = await stats('from=2020-01-01&to=2020-01-01');
      expect(body).toMatchObject({
        candles: 1,
        returns: 0,
        distribution: { mean: null, sd: null, histogram: [] },
        drawdown: { max: 0, peak: null },
      });
      expect(body.volatility).toEqual({ annualised: null, window: 30, rolling: [] });
    });
  });

  describe('correlation', () => {
    /** BTC's and ETH's returns on the days both have, between shared days exactly one day apart. */
    function sharedReturns(from = -Infinity, to = Infinity) {
      const ethClose = new Map(eth.map((c) => [c.time, Number(c.close)]));
      const days = btc.filter((c) => ethClose.has(c.time) && c.time >= from && c.time <= to);
      const x: number[] = [];
      const y: number[] = [];
      for (let i = 1; i < days.length; i++) {
        if (days[i].time - days[i - 1].time !== DAY) continue;
        x.push(Math.log(Number(days[i].close) / Number(days[i - 1].close)));
        y.push(Math.log(ethClose.get(days[i].time)! / ethClose.get(days[i - 1].time)!));
      }
      return { days, x, y };
    }

    it('is Pearson’s r of the log returns on the days both series share, as computed from the CSVs', async () => {
      const res = await get('/crypto/correlation?symbols=eth,btc&interval=1d').expect(200);
      const { days, x, y } = sharedReturns();
      expect(res.body).toMatchObject({
        interval: '1d',
        symbols: ['ETH', 'BTC'],
        returns: x.length,
        from: iso(days[0].time),
        to: iso(days.at(-1)!.time),
      });
      expect(res.body.method).toMatch(/^Pearson correlation of log returns/);
      const r = pearson(x, y);
      expect(r).toBeGreaterThan(0.5);
      expect(res.body.matrix[0][0]).toBe(1);
      expect(res.body.matrix[1][1]).toBe(1);
      close(res.body.matrix[0][1], r);
      expect(res.body.matrix[1][0]).toBe(res.body.matrix[0][1]);
    });

    it('of a span uses only the shared returns inside it', async () => {
      const res = await get('/crypto/correlation?symbols=BTC,ETH&from=2022-01-01&to=2022-12-31').expect(200);
      const { x, y } = sharedReturns(seconds('2022-01-01'), seconds('2022-12-31'));
      expect(res.body.returns).toBe(x.length);
      close(res.body.matrix[0][1], pearson(x, y));
    });

    it('changes when a candle of one of the series changes', async () => {
      const query = '/crypto/correlation?symbols=BTC,ETH&from=2023-01-01&to=2023-02-28';
      const before = (await get(query).expect(200)).body;
      const ethId = (await app.get(AssetRepository).require('ETH')).id;
      const target = eth.find((c) => c.time === seconds('2023-02-01'))!;
      await app
        .get(CandleRepository)
        .upsert(ethId, '1d', [{ ...target, close: String(Number(target.close) * 1.5), vwap: null, volume: '1', trades: 1 }]);
      try {
        await caughtUp();
        const after = (await get(query).expect(200)).body;
        expect(after.matrix[0][1]).not.toBe(before.matrix[0][1]);
      } finally {
        await app.get(CandleRepository).upsert(ethId, '1d', [{ ...target, vwap: null, volume: '1', trades: 1 }]);
        await caughtUp();
      }
      expect((await get(query).expect(200)).body.matrix).toEqual(before.matrix);
    });

    it.each([
      ['symbols=BTC', /^symbols must be one comma-separated list of 2 to 10 SYMBOL .*; it names 1$/],
      ['symbols=A1,A2,A3,A4,A5,A6,A7,A8,A9,B1,B2', /it names 11$/],
      ['symbols=BTC,btc', /^symbols names BTC twice$/],
      ['symbols=BTC,ETH:1h', /"ETH:1h" is not SYMBOL,/],
      ['symbols=BTC,NOPE', /^asset 'NOPE' is not known to Candlecast: tracked assets are BTC, ETH$/],
      ['symbols=BTC,ETH&interval=3d', /^interval must be one of/],
      ['symbols=BTC,ETH&to=2015-01-01', /^no shared time: ETH has no candles from the first candle to 2015-01-01T00:00:00.000Z$/],
      [
        'symbols=BTC,ETH&from=2022-01-01&to=2022-01-02',
        /^the series share 1 return of consecutive candles in that span; at least 2 are needed$/,
      ],
      ['', /^symbols is required$/],
    ])('refuses %s with 400, saying why', async (query, message) => {
      const res = await get(`/crypto/correlation?${query}`).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message).toMatch(message);
    });
  });
});
