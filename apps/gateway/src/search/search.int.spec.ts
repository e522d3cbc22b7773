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
import { krakenPairsKeys } from '../assets/kraken-pairs.cache.js';

interface Result {
  symbol: string;
  name: string;
  pair: string;
  wsname: string | null;
  tracked: boolean;
  match: string;
}

/** Against the recorded AssetPairs (237 pairs, 2020) and BTC, ETH tracked. */
describe('GET /crypto/search', () => {
  let kraken: KrakenStandIn;
  let app: NestExpressApplication;
  let user: TestUser;
  const search = (query: string) => request(app.getHttpServer()).get(`/crypto/search${query}`).set(bearer(user));
  const results = async (query: string): Promise<Result[]> => (await search(query).expect(200)).body.results;

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    app = await bootGateway({ KRAKEN_API_URL: kraken.url, KRAKEN_MIN_INTERVAL_MS: '0', KRAKEN_MAX_RETRIES: '0' });
    await emptyDatabase(app.get(DataSource));
    await app.get(AssetRepository).track(KNOWN_ASSETS.BTC);
    await app.get(AssetRepository).track(KNOWN_ASSETS.ETH);
    user = await loggedIn(app, 'reader');
  });

  afterAll(async () => {
    await app.close();
    await kraken.stop();
  });

  beforeEach(async () => {
    kraken.reset();
    const keys = krakenPairsKeys(process.env.QUEUE_PREFIX!);
    await app.get(RedisClient).del(keys.list, keys.failure, keys.lock);
  });

  it('finds Bitcoin by name: the tracked asset first, then the other bitcoin pairs, then names that start with it', async () => {
    const res = await search('?q=bitcoin&limit=100').expect(200);
    const found: Result[] = res.body.results;
    expect(res.body).toMatchObject({ query: 'bitcoin', count: found.length, krakenPairs: true });
    expect(found[0]).toEqual({
      symbol: 'BTC',
      name: 'Bitcoin',
      pair: 'XBTUSD',
      wsname: 'XBT/USD',
      krakenKey: 'XXBTZUSD',
      base: 'XXBT',
      quote: 'ZUSD',
      tracked: true,
      match: 'exact',
    });
    const kinds = found.map((r) => r.match);
    expect(kinds).toEqual(
      [...kinds].sort((a, b) => ['exact', 'prefix', 'substring'].indexOf(a) - ['exact', 'prefix', 'substring'].indexOf(b)),
    );
    expect(found.filter((r) => r.match === 'exact').every((r) => r.symbol === 'BTC')).toBe(true);
    expect(found.filter((r) => r.match === 'exact').map((r) => r.pair)).toEqual(expect.arrayContaining(['XBTEUR', 'XBTGBP']));
    expect(found.filter((r) => r.match === 'prefix').every((r) => r.name === 'Bitcoin Cash')).toBe(true);
    expect(found.filter((r) => r.tracked)).toHaveLength(1);
  });

  it("finds Kraken's XBT: the tracked BTC first, then XBT pairs by prefix, then pairs quoted in XBT", async () => {
    const found = await results('?q=xbt&limit=100');
    expect(found[0]).toMatchObject({ symbol: 'BTC', pair: 'XBTUSD', tracked: true, match: 'prefix' });
    const prefixes = found.filter((r) => r.match === 'prefix');
    expect(prefixes.every((r) => r.pair.startsWith('XBT'))).toBe(true);
    expect(found.find((r) => r.pair === 'ADAXBT')).toMatchObject({ symbol: 'ADA', name: 'Cardano', tracked: false, match: 'substring' });
    expect(found.findIndex((r) => r.match === 'substring')).toBeGreaterThan(found.findIndex((r) => r.pair === 'XBTEUR'));
  });

  it('finds a pair by its wsname, in any case, and by its symbol', async () => {
    const [first, ...rest] = await results('?q=XBT/USD');
    expect(first).toMatchObject({ symbol: 'BTC', wsname: 'XBT/USD', tracked: true, match: 'exact' });
    expect(rest.every((r) => r.match !== 'exact')).toBe(true);
    expect((await results('?q=xbt/usd'))[0]).toEqual(first);
    const eth = await results('?q=eth');
    expect(eth[0]).toMatchObject({ symbol: 'ETH', name: 'Ethereum', pair: 'ETHUSD', tracked: true, match: 'exact' });
  });

  it('returns at most limit results, the best ones, and asks Kraken for its pair list once', async () => {
    const all = await results('?q=xbt&limit=100');
    expect(await results('?q=xbt&limit=3')).toEqual(all.slice(0, 3));
    expect((await search('?q=zzzz').expect(200)).body).toMatchObject({ count: 0, results: [] });
    expect(kraken.requestsTo('AssetPairs')).toHaveLength(1);
  });

  it('searches the tracked assets alone, saying so, when Kraken cannot be reached', async () => {
    kraken.fail(1, 'http-503');
    const res = await search('?q=bitcoin').expect(200);
    expect(res.body).toMatchObject({ count: 1, krakenPairs: false, results: [{ symbol: 'BTC', tracked: true, wsname: null }] });
  });

  it.each([
    ['?q=b', /^q must be 2 to 64 characters/],
    ['?q=', /^q must be 2 to 64 characters/],
    ['?q=%20b%20', /^q must be 2 to 64 characters/],
    ['?limit=5', /^q must be 2 to 64 characters/],
    [`?q=${'x'.repeat(65)}`, /^q must be 2 to 64 characters/],
    ['?q=btc&q=eth', /^q must be 2 to 64 characters/],
    ['?q=btc&limit=0', /^limit must be a whole number from 1 to 100/],
    ['?q=btc&limit=101', /^limit must be a whole number from 1 to 100/],
  ])('refuses %s with 400', async (query, message) => {
    const res = await search(query).expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(message) });
  });

  it('refuses a caller without a token', async () => {
    await request(app.getHttpServer()).get('/crypto/search?q=btc').expect(401);
  });
});
