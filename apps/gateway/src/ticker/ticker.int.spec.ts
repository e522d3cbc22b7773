import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AssetRepository } from '#libs/database';
import { KNOWN_ASSETS } from '#libs/market-data';
import { RedisClient } from '#libs/queue';
import { emptyDatabase } from '../../../../test/support/fixtures.js';
import { KrakenStandIn } from '../../../../test/support/kraken-stand-in.js';
import { bootGateway } from '../../../../test/support/nest-app.js';
import { bearer, loggedIn, type TestUser } from '../../../../test/support/users.js';
import { eventually } from '../../../../test/support/queues.js';
import { TICKER_WAIT_MS, tickerKeys } from './ticker.cache.js';

const BURST = 50;
const TTL = 60;

/** ticker-XBTUSD.json (2020-12-05), as the route answers it. */
const DECEMBER = {
  symbol: 'BTC',
  pair: 'XBTUSD',
  last: '19107.00000',
  bid: '19106.90000',
  ask: '19107.00000',
  volume24h: '3474.48744316',
  vwap24h: '18883.43842',
  high24h: '19175.00000',
  low24h: '18511.00000',
  open: '18655.00000',
  trades24h: 20848,
};

/**
 * The live ticker at two gateways sharing one Redis, as in production, against the Kraken
 * stand-in. Kraken's Ticker was recorded for XBT/USD only: asked for BTC and ETH in one call, the
 * stand-in answers BTC alone, so ETH's ticker is "missing from Kraken's answer" here, never made up.
 */
describe('GET /crypto/assets/:symbol/ticker', () => {
  let kraken: KrakenStandIn;
  let gateways: NestExpressApplication[];
  let user: TestUser;
  const keys = tickerKeys(process.env.QUEUE_PREFIX!);
  const redis = () => gateways[0].get(RedisClient);
  /** The i-th request goes to gateway i mod 2. */
  const at = (i: number) => request(gateways[i % 2].getHttpServer());
  const ticker = (i: number, symbol = 'BTC') => at(i).get(`/crypto/assets/${symbol}/ticker`).set(bearer(user));
  const burst = (symbol = 'BTC') => Promise.all(Array.from({ length: BURST }, (_, i) => ticker(i, symbol)));
  /** What TICKER_CACHE_TTL's expiry does to the fresh values (the last known ones stay). */
  const expire = () => redis().del(keys.fresh, keys.failure);

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    const env = { KRAKEN_API_URL: kraken.url, KRAKEN_MIN_INTERVAL_MS: '0', KRAKEN_MAX_RETRIES: '0', TICKER_CACHE_TTL: String(TTL) };
    gateways = [await bootGateway(env), await bootGateway(env)];
    await emptyDatabase(gateways[0].get(DataSource));
    const assets = gateways[0].get(AssetRepository);
    await assets.track(KNOWN_ASSETS.BTC);
    await assets.track(KNOWN_ASSETS.ETH);
    await assets.track({ symbol: 'ADA', name: 'Cardano', krakenAltname: 'ADAUSD', krakenKey: 'ADAUSD', base: 'ADA', quote: 'ZUSD' });
    await assets.untrack('ADA');
    user = await loggedIn(gateways[0], 'reader');
  });

  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await kraken.stop();
  });

  beforeEach(async () => {
    kraken.reset();
    await redis().del(keys.fresh, keys.last, keys.failure, keys.lock);
  });

  it('asks Kraken once, for every tracked pair in one Ticker call, for 50 concurrent requests at two gateways', async () => {
    kraken.fail(1, { delayMs: 200 }); // Kraken answers slowly: the burst arrives while the call is out
    const answers = await burst();
    expect(answers.map((r) => r.status)).toEqual(Array(BURST).fill(200));
    for (const res of answers) expect(res.body).toMatchObject({ ...DECEMBER, stale: false });
    expect(new Set(answers.map((r) => r.body.fetchedAt)).size).toBe(1);
    expect(kraken.requestsTo('Ticker').map((r) => r.query)).toEqual([{ pair: 'XETHZUSD,XXBTZUSD' }]);
  });

  it('answers from the cache for TICKER_CACHE_TTL, then asks Kraken again once', async () => {
    const first = await ticker(0).expect(200);
    await burst();
    expect(kraken.requestsTo('Ticker')).toHaveLength(1);
    expect(await redis().ttl(keys.fresh)).toBeGreaterThan(TTL - 5);
    expect(first.body.ageSeconds).toBeGreaterThanOrEqual(0);

    await expire();
    kraken.useTicker('ticker-XBTUSD-2020-10-27.json');
    const answers = await burst();
    expect(new Set(answers.map((r) => r.body.last))).toEqual(new Set(['13491.50000']));
    expect(kraken.requestsTo('Ticker')).toHaveLength(2);
  });

  it('answers the last known values with stale: true and their age when Kraken fails, asking it once for a burst', async () => {
    await ticker(0).expect(200);
    await expire();
    // Known for two minutes, as if Kraken had been failing since.
    const known = JSON.parse((await redis().hget(keys.last, 'XXBTZUSD'))!);
    const fetchedAt = Date.now() - 120_000;
    await redis().hset(keys.last, 'XXBTZUSD', JSON.stringify({ ...known, fetchedAt }));
    kraken.fail(BURST, 'http-503');

    const answers = await burst();
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ...DECEMBER, stale: true, fetchedAt: new Date(fetchedAt).toISOString() });
      expect(res.body.ageSeconds).toBeGreaterThanOrEqual(120);
    }
    // The failure is remembered for the TTL: a failing Kraken costs no more calls than a working one.
    expect(kraken.requestsTo('Ticker')).toHaveLength(2);
    expect(await redis().ttl(keys.failure)).toBeGreaterThan(TTL - 5);
  });

  it(`answers the last known values as stale while Kraken is slower than ${TICKER_WAIT_MS} ms, and the fresh ones once it has answered`, async () => {
    await ticker(0).expect(200);
    await expire();
    kraken.fail(1, { delayMs: TICKER_WAIT_MS + 1000 }).useTicker('ticker-XBTUSD-2020-10-27.json');
    const slow = await ticker(1).expect(200);
    expect(slow.body).toMatchObject({ last: DECEMBER.last, stale: true });
    const fresh = await eventually(
      async () => (await ticker(0)).body,
      (body) => body.stale === false,
    );
    expect(fresh.last).toBe('13491.50000');
    expect(kraken.requestsTo('Ticker')).toHaveLength(2);
  });

  it('answers 503 in the error shape when Kraken cannot be reached and nothing is known yet', async () => {
    kraken.fail(BURST, 'unavailable');
    const answers = await burst();
    for (const res of answers) {
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.stringMatching(/^Kraken Ticker/) });
    }
    expect(kraken.requestsTo('Ticker')).toHaveLength(1);
  });

  it("says so when Kraken's answer leaves a tracked pair out (nothing was recorded for ETH), from the same one call", async () => {
    const [btc, eth] = await Promise.all([ticker(0, 'BTC'), ticker(1, 'eth')]);
    expect(btc.status).toBe(200);
    expect(eth.status).toBe(502);
    expect(eth.body).toEqual({ statusCode: 502, error: 'Bad Gateway', message: "Kraken's Ticker answer has no entry for XETHZUSD" });
    expect(kraken.requestsTo('Ticker')).toHaveLength(1);
  });

  it('answers 502 once, and remembers it, when Kraken refuses the call because a tracked pair is unknown to it', async () => {
    const assets = gateways[0].get(AssetRepository);
    await assets.track({ symbol: 'GONE', name: 'Delisted', krakenAltname: 'GONEUSD', krakenKey: 'GONEUSD', base: 'GONE', quote: 'ZUSD' });
    try {
      const answers = await Promise.all([ticker(0), ticker(1), ticker(2)]);
      for (const res of answers) {
        expect(res.status).toBe(502);
        expect(res.body.message).toMatch(/^Kraken refused the Ticker call for GONEUSD,XETHZUSD,XXBTZUSD: Kraken does not know/);
      }
      await ticker(3).expect(502);
      expect(kraken.requestsTo('Ticker')).toHaveLength(1);
    } finally {
      await assets.untrack('GONE');
    }
  });

  it('refuses a caller without a token, a symbol that cannot be one, and an asset that is not tracked', async () => {
    await at(0).get('/crypto/assets/BTC/ticker').expect(401);
    const bad = await ticker(0, 'B!').expect(400);
    expect(bad.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'symbol must be 2 to 12 letters or digits' });
    await ticker(1, 'ADA').expect(404);
    await ticker(1, 'NOPE').expect(404);
    expect(kraken.requestsTo('Ticker')).toHaveLength(0);
  });
});
