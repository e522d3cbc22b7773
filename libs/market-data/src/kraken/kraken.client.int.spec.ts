import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { ConsoleLogger, Logger, type LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { ConfigModule, parseEnv } from '#libs/config';
import { KrakenResponseError, KrakenUnavailableError, UnknownAssetPairError } from '#libs/domain';
import { Metrics } from '#libs/observability';
import { KRAKEN_PACE_KEY, QueueModule, RedisClient } from '#libs/queue';
import { KRAKEN_FIXTURES, KrakenStandIn, type KrakenFault } from '../../../../test/support/kraken-stand-in.js';
import { sample } from '../../../../test/support/metrics.js';
import { MarketDataModule } from '../market-data.module.js';
import { MARKET_DATA_PROVIDER } from '../market-data.provider.js';
import { KrakenPacer } from './kraken-pacer.js';
import { KrakenClient } from './kraken.client.js';

type Row = [number, string, string, string, string, string, string, number];
const recorded = (file: string): { result: { XXBTZUSD: Row[]; last: number } } =>
  JSON.parse(readFileSync(join(KRAKEN_FIXTURES, file), 'utf8'));

/** Collects what the client logs, so that retries can be checked and the test output stays quiet. */
class LogCollector implements LoggerService {
  readonly warnings: string[] = [];
  readonly retries: string[] = [];
  log(): void {}
  error(): void {}
  debug(message: unknown): void {
    this.retries.push(String(message));
  }
  verbose(): void {}
  warn(message: unknown): void {
    this.warnings.push(String(message));
  }
}

describe('KrakenClient against the Kraken stand-in', () => {
  let kraken: KrakenStandIn;
  let redis: RedisClient;
  const logs = new LogCollector();

  const configFor = (env: Record<string, string> = {}) =>
    parseEnv({
      REDIS_URL: process.env.REDIS_URL,
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-kraken-client`,
      KRAKEN_API_URL: kraken.url,
      KRAKEN_MIN_INTERVAL_MS: '0',
      KRAKEN_TIMEOUT_MS: '500',
      KRAKEN_MAX_RETRIES: '3',
      ...env,
    });
  const clientWith = (env: Record<string, string> = {}, redisClient: RedisClient = redis) =>
    new KrakenClient(configFor(env), redisClient, { minRetryDelayMs: 5, maxRetryDelayMs: 20 });

  beforeAll(async () => {
    Logger.overrideLogger(logs);
    kraken = await KrakenStandIn.start();
    redis = new RedisClient(parseEnv({ REDIS_URL: process.env.REDIS_URL }));
    if (redis.status !== 'ready') await once(redis, 'ready');
  });

  afterEach(() => {
    kraken.reset();
    logs.warnings.length = 0;
    logs.retries.length = 0;
  });

  afterAll(async () => {
    await kraken.stop();
    redis.disconnect();
    Logger.overrideLogger(new ConsoleLogger());
  });

  describe('candles', () => {
    it('finds the result under Kraken canonical key when asked for the altname', async () => {
      const page = await clientWith().candles('XBTUSD', '1h');

      expect(page.pairKey).toBe('XXBTZUSD');
      expect(kraken.requestsTo('OHLC')[0]?.query).toEqual({ pair: 'XBTUSD', interval: '60' });
    });

    it('drops the still-open last candle and keeps every price string exactly as Kraken sent it', async () => {
      const rows = recorded('ohlc-XBTUSD-60.json').result.XXBTZUSD;

      const page = await clientWith().candles('XBTUSD', '1h');

      expect(rows).toHaveLength(720);
      expect(page.candles).toHaveLength(719);
      expect(page.candles.at(-1)?.time).toBe(1607184000);
      expect(page.candles.some((c) => c.time === 1607187600)).toBe(false);
      expect(page.candles).toEqual(
        rows
          .slice(0, 719)
          .map(([time, open, high, low, close, vwap, volume, trades]) => ({ time, open, high, low, close, vwap, volume, trades })),
      );
      expect(page.candles[0]).toEqual({
        time: 1604599200,
        open: '15050.0',
        high: '15100.0',
        low: '14874.9',
        close: '14954.7',
        vwap: '14964.5',
        volume: '616.14350768',
        trades: 2504,
      });
    });

    it('returns Kraken last as the cursor for the next call', async () => {
      const page = await clientWith().candles('XXBTZUSD', '1h');

      expect(page.last).toBe(1607184000);
    });

    it('passes since through and returns only the closed candles after it', async () => {
      const page = await clientWith().candles('XBTUSD', '1h', 1607176800);

      expect(kraken.requestsTo('OHLC')[0]?.query.since).toBe('1607176800');
      expect(page.candles.map((c) => c.time)).toEqual([1607180400, 1607184000]);
      expect(page.last).toBe(1607184000);
    });

    it('returns no candles when nothing has closed since the cursor', async () => {
      const page = await clientWith().candles('XBTUSD', '1h', 1607184000);

      expect(page.candles).toEqual([]);
      expect(page.last).toBe(1607184000);
    });

    it('passes the zero-volume filler candles of the 2020-10-27 recording through unchanged', async () => {
      kraken.useOhlc('ohlc-XBTUSD-60-2020-10-27.json');

      const page = await clientWith().candles('XBTUSD', '1h');

      expect(page.candles).toHaveLength(719);
      expect(page.last).toBe(1603807200);
      expect(page.candles.slice(0, 71).every((c) => c.volume === '0.00000000' && c.trades === 0 && c.close === '10662.3')).toBe(true);
      expect(page.candles.find((c) => c.time === 1603558800)).toEqual({
        time: 1603558800,
        open: '13112.9',
        high: '13112.9',
        low: '13112.9',
        close: '13112.9',
        vwap: '0.0',
        volume: '0.00000000',
        trades: 0,
      });
    });

    it('fails at once with UnknownAssetPairError for a pair Kraken does not know', async () => {
      await expect(clientWith().candles('NOPEUSD', '1h')).rejects.toThrow(UnknownAssetPairError);
      expect(kraken.requests).toHaveLength(1);
    });
  });

  describe('when Kraken refuses or fails', () => {
    const transient: [string, KrakenFault, RegExp][] = [
      ['a rate limit', 'rate-limit', /EAPI:Rate limit exceeded/],
      ['too many requests', 'too-many-requests', /EGeneral:Too many requests/],
      ['an unavailable service', 'unavailable', /EService:Unavailable/],
      ['a busy service', 'busy', /EService:Busy/],
      ['HTTP 429', 'http-429', /HTTP 429/],
      ['HTTP 500', 'http-500', /HTTP 500/],
      ['HTTP 502', 'http-502', /HTTP 502/],
      ['HTTP 503', 'http-503', /HTTP 503/],
      ['no answer at all', 'timeout', /no answer within 500 ms/],
      ['an answer slower than the timeout', { delayMs: 1500 }, /no answer within 500 ms/],
    ];

    it.each(transient)('retries after %s, logs each retry with its reason, and then succeeds', async (_, fault, reason) => {
      kraken.fail(2, fault);

      const page = await clientWith().candles('XBTUSD', '1h');

      expect(page.candles).toHaveLength(719);
      expect(kraken.requestsTo('OHLC')).toHaveLength(3);
      expect(logs.retries).toHaveLength(2);
      expect(logs.retries[0]).toMatch(reason);
    });

    it('gives up with KrakenUnavailableError once the retries are spent', async () => {
      kraken.fail(3, 'unavailable');

      const failure = clientWith({ KRAKEN_MAX_RETRIES: '2' }).candles('XBTUSD', '1h');

      await expect(failure).rejects.toThrow(KrakenUnavailableError);
      await expect(failure).rejects.toThrow(/after 3 attempts: EService:Unavailable/);
      expect(kraken.requests).toHaveLength(3);
    });

    it('does not retry a Kraken error that a retry cannot fix', async () => {
      kraken.fail(1, 'invalid-arguments');

      await expect(clientWith().candles('XBTUSD', '1h')).rejects.toThrow(KrakenResponseError);
      expect(kraken.requests).toHaveLength(1);
    });

    it.each([
      ['a body that is not JSON', 'malformed-json'],
      ['JSON without error and result', 'not-kraken'],
    ] as [string, KrakenFault][])('rejects %s with KrakenResponseError and keeps working', async (_, fault) => {
      kraken.fail(1, fault);
      const client = clientWith();

      await expect(client.candles('XBTUSD', '1h')).rejects.toThrow(KrakenResponseError);
      await expect(client.candles('XBTUSD', '1h')).resolves.toMatchObject({ pairKey: 'XXBTZUSD', last: 1607184000 });
      expect(kraken.requests).toHaveLength(2);
    });

    it.each([
      ['rate-limit', 'rate_limited'],
      ['http-429', 'rate_limited'],
      ['busy', 'unavailable'],
      ['http-502', 'unavailable'],
      ['timeout', 'timeout'],
      ['malformed-json', 'error'],
      ['invalid-arguments', 'error'],
    ] as [KrakenFault, string][])('counts a request answered with %s as outcome %s, and every attempt', async (fault, outcome) => {
      const metrics = new Metrics('worker');
      const client = new KrakenClient(configFor(), redis, { minRetryDelayMs: 5, maxRetryDelayMs: 20 }, metrics);
      kraken.fail(1, fault);

      await client.candles('XBTUSD', '1h').catch(() => client.candles('XBTUSD', '1h'));

      const text = await metrics.scrape();
      expect(sample(text, `candlecast_kraken_requests_total{endpoint="OHLC",outcome="${outcome}"}`)).toBe(1);
      expect(sample(text, 'candlecast_kraken_requests_total{endpoint="OHLC",outcome="ok"}')).toBe(1);
      expect(sample(text, 'candlecast_kraken_request_duration_seconds_count{endpoint="OHLC"}')).toBe(2);
    });

    it('explains a malformed body in its error message', async () => {
      kraken.fail(1, 'malformed-json');

      await expect(clientWith().ticker('XBTUSD')).rejects.toThrow(/malformed response from Kraken Ticker/);
    });
  });

  describe('pacing', () => {
    it('reserves slots one interval apart through Redis for every pacer on the key, each later than the one before', async () => {
      const key = `${process.env.QUEUE_PREFIX}-kraken-pacer-${process.pid}`;
      // An interval far longer than five round trips to Redis, however busy the machine.
      const [gateway, worker] = [new KrakenPacer(redis, key, 60_000), new KrakenPacer(redis, key, 60_000)];

      const reservations = [];
      for (const pacer of [gateway, worker, gateway, worker, worker]) reservations.push(await pacer.reserve());

      // Redis's clock, not ours: each slot is exactly one interval after the one before, never before Redis's now.
      const first = reservations[0]!.slot;
      expect(reservations.map((r) => r.slot - first)).toEqual([0, 60_000, 120_000, 180_000, 240_000]);
      for (const { slot, now } of reservations) expect(slot).toBeGreaterThanOrEqual(now);
      expect(Number(await redis.get(key))).toBe(first + 300_000);
      await redis.del(key);
    });

    it('paces the requests of two clients through one reservation in Redis', async () => {
      const env = { KRAKEN_MIN_INTERVAL_MS: '200', QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-kraken-pace-${process.pid}` };
      const gateway = clientWith(env);
      const worker = clientWith(env);
      const key = `${env.QUEUE_PREFIX}:${KRAKEN_PACE_KEY}`;
      await redis.del(key);
      const [seconds, micros] = await redis.time();
      const before = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);

      await Promise.all([
        gateway.ticker('XBTUSD'),
        worker.ticker('XBTUSD'),
        gateway.ticker('XBTUSD'),
        worker.ticker('XBTUSD'),
        worker.ticker('XBTUSD'),
      ]);

      expect(kraken.requests).toHaveLength(5);
      // Five slots taken one after another on one key: what is reserved now lies at least five
      // intervals after the first could start. Clients pacing apart would have reserved fewer each.
      expect(Number(await redis.get(key)) - before).toBeGreaterThanOrEqual(5 * 200);
    });

    it('falls back to pacing its own requests, without hanging, when Redis does not answer', async () => {
      // A TCP server that accepts connections, reads the commands and never answers: a hung Redis.
      const sockets = new Set<Socket>();
      const silent = createServer((socket) => sockets.add(socket.resume()));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const unresponsive = new RedisClient(parseEnv({ REDIS_URL: `redis://127.0.0.1:${(silent.address() as AddressInfo).port}` }));
      try {
        const client = clientWith({ KRAKEN_MIN_INTERVAL_MS: '100' }, unresponsive);

        await Promise.all([client.ticker('XBTUSD'), client.ticker('XBTUSD'), client.ticker('XBTUSD')]);

        // Every request went out (the pace of this process alone is nextSlot's, kraken-pacer.spec.ts).
        expect(kraken.requests).toHaveLength(3);
        expect(logs.warnings.some((w) => /Redis unreachable/.test(w))).toBe(true);
      } finally {
        unresponsive.disconnect();
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => silent.close(resolve));
      }
    });
  });

  describe('pairs', () => {
    it.each(['XBTUSD', 'xxbtzusd', 'XBT/USD', 'xbt/usd'])('finds BTC/USD by %s', async (name) => {
      await expect(clientWith().pair(name)).resolves.toEqual({
        key: 'XXBTZUSD',
        altname: 'XBTUSD',
        wsname: 'XBT/USD',
        base: 'XXBT',
        quote: 'ZUSD',
        pairDecimals: 1,
        lotDecimals: 8,
        orderMin: '0.001',
      });
    });

    it('fails with UnknownAssetPairError for a pair Kraken does not list', async () => {
      await expect(clientWith().pair('NOPE/USD')).rejects.toThrow(UnknownAssetPairError);
    });

    it('lists every pair Kraken offers', async () => {
      const pairs = await clientWith().pairs();

      expect(pairs).toHaveLength(237);
      expect(pairs.find((p) => p.altname === 'ETHUSD')).toMatchObject({ key: 'XETHZUSD', pairDecimals: 2, orderMin: '0.02' });
    });
  });

  describe('ticker', () => {
    it('reads the last trade, bid, ask and 24 h figures under the canonical key', async () => {
      await expect(clientWith().ticker('XBTUSD')).resolves.toEqual({
        pairKey: 'XXBTZUSD',
        last: '19107.00000',
        bid: '19106.90000',
        ask: '19107.00000',
        open: '18655.00000',
        high24h: '19175.00000',
        low24h: '18511.00000',
        volume24h: '3474.48744316',
        vwap24h: '18883.43842',
        trades24h: 20848,
      });
    });

    it('fails at once with UnknownAssetPairError for a pair Kraken does not know', async () => {
      await expect(clientWith().ticker('NOPEUSD')).rejects.toThrow(UnknownAssetPairError);
      expect(kraken.requests).toHaveLength(1);
    });

    it('reads several pairs in one Ticker call, each under its canonical key (the stand-in has XBT/USD only recorded)', async () => {
      const tickers = await clientWith().tickers(['XBTUSD', 'ETHUSD']);
      expect(tickers).toEqual([expect.objectContaining({ pairKey: 'XXBTZUSD', last: '19107.00000', trades24h: 20848 })]);
      expect(kraken.requestsTo('Ticker').map((r) => r.query)).toEqual([{ pair: 'XBTUSD,ETHUSD' }]);
    });

    it('fails the whole batched call with UnknownAssetPairError when one pair is unknown, as Kraken does', async () => {
      await expect(clientWith().tickers(['XBTUSD', 'NOPEUSD'])).rejects.toThrow(UnknownAssetPairError);
      expect(kraken.requests).toHaveLength(1);
    });
  });

  it('is the MarketDataProvider of MarketDataModule', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule, QueueModule, MarketDataModule] }).compile();
    try {
      expect(moduleRef.get(MARKET_DATA_PROVIDER)).toBe(moduleRef.get(KrakenClient));
    } finally {
      await moduleRef.close();
    }
  });
});
