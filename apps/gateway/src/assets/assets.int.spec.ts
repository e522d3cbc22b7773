import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AssetRepository, CandleRepository } from '#libs/database';
import { QueueName, AssetScheduler, RedisClient } from '#libs/queue';
import { KrakenStandIn } from '../../../../test/support/kraken-stand-in.js';
import { bootGateway } from '../../../../test/support/nest-app.js';
import { BTC_DAILY, emptyDatabase, seedAsset } from '../../../../test/support/fixtures.js';
import { bearer, loggedIn, type TestUser } from '../../../../test/support/users.js';
import { krakenPairsKeys } from './kraken-pairs.cache.js';

const IMPOSSIBLE = (field: string) =>
  `${field} must be a real date and time: a month from 01 to 12, a day that month has, hours 00 to 23, minutes and seconds 00 to 59`;
const NO_ZONE = (field: string) =>
  `${field} must say its time zone: end it with Z or an offset such as +02:00 (a date alone means midnight UTC)`;
const RANGE = (field: string) => `${field} must be from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z`;
const CONTROL = (field: string) => `${field} must not contain control characters (U+0000 to U+001F or U+007F)`;
const NAME_RULE =
  "name must be 1 to 64 characters: letters, digits, single spaces and . , : ; ! ? ' & ( ) / + # % _ -, starting with a letter or digit";

describe('asset routes', () => {
  let kraken: KrakenStandIn;
  let app: INestApplication;
  let marketData: Queue;
  let user: TestUser;
  let admin: TestUser;
  /** Requests as a logged-in user, and as an admin. */
  const http = {
    get: (url: string) => request(app.getHttpServer()).get(url).set(bearer(user)),
    post: (url: string) => request(app.getHttpServer()).post(url).set(bearer(admin)),
    delete: (url: string) => request(app.getHttpServer()).delete(url).set(bearer(admin)),
  };

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    app = await bootGateway({
      KRAKEN_API_URL: kraken.url,
      KRAKEN_MIN_INTERVAL_MS: '0',
      KRAKEN_MAX_RETRIES: '1',
      TRACKED_INTERVALS: '1d,1h',
      KRAKEN_ASSETS_CACHE_TTL: '60',
    });
    marketData = app.get(getQueueToken(QueueName.MarketData));
    await emptyDatabase(app.get(DataSource));
    await marketData.obliterate({ force: true });
    await seedAsset(app, 'BTC', '1d', BTC_DAILY);
    user = await loggedIn(app, 'reader');
    admin = await loggedIn(app, 'boss', 'admin');
  });

  afterAll(async () => {
    await app.close();
    await kraken.stop();
  });

  /** Every test starts with Kraken's pair list not cached, so that it can count the calls it causes. */
  beforeEach(async () => {
    kraken.reset();
    await app.get(RedisClient).del(...Object.values(krakenPairsKeys(process.env.QUEUE_PREFIX!)));
  });

  describe('who may call', () => {
    const routes: [string, string][] = [
      ['get', '/crypto/assets'],
      ['post', '/crypto/assets'],
      ['delete', '/crypto/assets/BTC'],
      ['get', '/crypto/assets/BTC/history'],
      ['get', '/crypto/assets/BTC/latest'],
      ['get', '/crypto/kraken-assets'],
    ];

    it.each(routes)('%s %s refuses a caller without a token with 401', async (method, url) => {
      const res = await (request(app.getHttpServer()) as unknown as Record<string, (u: string) => request.Test>)[method](url).expect(401);
      expect(res.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Log in first: send Authorization: Bearer <access_token>',
      });
    });

    it.each([
      ['post', '/crypto/assets'],
      ['delete', '/crypto/assets/BTC'],
    ])('%s %s refuses a user who is not an admin with 403', async (method, url) => {
      const res = await (request(app.getHttpServer()) as unknown as Record<string, (u: string) => request.Test>)
        [method](url)
        .set(bearer(user))
        .send({ symbol: 'SOL' })
        .expect(403);
      expect(res.body.message).toBe('Only admins may do this');
      expect((await http.get('/crypto/assets')).body.map((a: { symbol: string }) => a.symbol)).toEqual(['BTC']);
    });
  });

  describe('GET /crypto/assets', () => {
    it('lists tracked assets with their latest daily close and the change from the day before', async () => {
      const res = await http.get('/crypto/assets').expect(200);
      expect(res.body).toEqual([
        expect.objectContaining({
          symbol: 'BTC',
          name: 'Bitcoin',
          krakenPair: 'XBTUSD',
          lastClose: '123.84',
          previousClose: '124.18',
          change: '-0.34',
          lastCandleTime: '2013-10-09T00:00:00.000Z',
          intervals: ['1d'],
        }),
      ]);
      expect(res.body[0].changePercent).toBeCloseTo(-0.2738, 4);
    });

    it('says which intervals each asset has candles of, finest first, so that a chart offers only those', async () => {
      const btc = await app.get(AssetRepository).require('BTC');
      await app.get(CandleRepository).upsert(btc.id, '1h', BTC_DAILY.slice(0, 1));
      try {
        const res = await http.get('/crypto/assets').expect(200);
        expect(res.body[0]).toMatchObject({ symbol: 'BTC', intervals: ['1h', '1d'] });
      } finally {
        await app.get(DataSource).query('DELETE FROM candles WHERE asset_id = $1 AND interval = 60', [btc.id]);
      }
      expect((await http.get('/crypto/assets').expect(200)).body[0].intervals).toEqual(['1d']);
    });
  });

  describe('GET /crypto/assets/:symbol/history', () => {
    it('returns candles oldest first, prices exactly as Kraken wrote them', async () => {
      const res = await http.get('/crypto/assets/BTC/history?interval=1d').expect(200);
      expect(res.body).toMatchObject({ symbol: 'BTC', interval: '1d', count: 4, next: null });
      expect(res.body.candles[0]).toEqual({
        time: '2013-10-06T00:00:00.000Z',
        open: '122.0',
        high: '122.0',
        low: '122.0',
        close: '122.0',
        vwap: null,
        volume: '0.1',
        trades: 1,
      });
      expect(res.body.candles[3]).toMatchObject({ open: '124.01687', volume: '2.823' });
    });

    it('treats symbols case-insensitively', async () => {
      const res = await http.get('/crypto/assets/btc/history').expect(200);
      expect(res.body.symbol).toBe('BTC');
      expect(res.body.interval).toBe('1d');
    });

    it('pages with limit and gives the next page start', async () => {
      const first = await http.get('/crypto/assets/BTC/history?interval=1d&limit=3').expect(200);
      expect(first.body.count).toBe(3);
      expect(first.body.next).toBe('2013-10-09T00:00:00.000Z');
      const rest = await http.get(`/crypto/assets/BTC/history?interval=1d&from=${first.body.next}`).expect(200);
      expect(rest.body.candles.map((c: { time: string }) => c.time)).toEqual(['2013-10-09T00:00:00.000Z']);
    });

    it('filters by from and to, as ISO dates or unix seconds', async () => {
      const iso = await http.get('/crypto/assets/BTC/history?from=2013-10-07&to=2013-10-08T00:00:00Z').expect(200);
      expect(iso.body.candles.map((c: { close: string }) => c.close)).toEqual(['123.61', '124.18']);
      const unix = await http.get('/crypto/assets/BTC/history?from=1381104000&to=1381190400').expect(200);
      expect(unix.body.candles).toEqual(iso.body.candles);
    });

    it.each([
      ['interval=2h', 'interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d'],
      ['limit=0', 'limit must be a whole number from 1 to 10000'],
      ['limit=10001', 'limit must be a whole number from 1 to 10000'],
      ['limit=ten', 'limit must be a whole number from 1 to 10000'],
      ['from=yesterday', 'from must be an ISO 8601 date (2024-01-31 or 2024-01-31T12:00:00Z) or unix seconds'],
      ['to=2024-13-45', IMPOSSIBLE('to')],
      ['from=2024-02-30', IMPOSSIBLE('from')],
      ['from=2023-02-29', IMPOSSIBLE('from')],
      ['from=2024-13-01', IMPOSSIBLE('from')],
      ['from=2024-01-31T24:00Z', IMPOSSIBLE('from')],
      ['to=2024-01-31T23:60:00Z', IMPOSSIBLE('to')],
      ['from=2024-01-31T10:00', NO_ZONE('from')],
      ['to=2024-01-31T10:00:00.000', NO_ZONE('to')],
      ['to=10000-01-01', 'to must be an ISO 8601 date (2024-01-31 or 2024-01-31T12:00:00Z) or unix seconds'],
      ['to=9999-12-31T23:00:00-05:00', RANGE('to')],
      ['from=1969-12-31', RANGE('from')],
      ['to=253402300800', RANGE('to')],
      ['to=99999999999999999999', RANGE('to')],
      ['from=-1', 'from must be an ISO 8601 date (2024-01-31 or 2024-01-31T12:00:00Z) or unix seconds'],
      ['from=1e9', 'from must be an ISO 8601 date (2024-01-31 or 2024-01-31T12:00:00Z) or unix seconds'],
      ['from=2024-01-31%00', 'from must not contain control characters (U+0000 to U+001F or U+007F)'],
      ['limit=0x10', 'limit must be a whole number from 1 to 10000'],
      ['limit=1e3', 'limit must be a whole number from 1 to 10000'],
      ['limit=%2B1', 'limit must be a whole number from 1 to 10000'],
      ['limit=%201', 'limit must be a whole number from 1 to 10000'],
      ['limit=1.0', 'limit must be a whole number from 1 to 10000'],
      ['limit=9223372036854775807', 'limit must be a whole number from 1 to 10000'],
      ['interval=1d%00', 'interval must not contain control characters (U+0000 to U+001F or U+007F)'],
      ['__proto__=x', 'property __proto__ should not exist'],
      ['hasOwnProperty=x', 'property hasOwnProperty should not exist'],
      ['from=2014-01-01&to=2013-01-01', 'from must not be after to'],
      ['sort=desc', 'property sort should not exist'],
      ["interval=1d'%20OR%201=1--", 'interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d'],
    ])('answers ?%s with 400 and says what is allowed', async (query, message) => {
      const res = await http.get(`/crypto/assets/BTC/history?${query}`).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    });

    it('reads a date alone as midnight UTC, a zone offset as what it says, and the last second of year 9999', async () => {
      const dateAlone = await http.get('/crypto/assets/BTC/history?from=2013-10-08&to=2013-10-08').expect(200);
      expect(dateAlone.body.candles.map((c: { time: string }) => c.time)).toEqual(['2013-10-08T00:00:00.000Z']);
      const offset = await http.get('/crypto/assets/BTC/history?from=2013-10-08T02:00:00%2B02:00&to=9999-12-31T23:59:59Z').expect(200);
      expect(offset.body.candles.map((c: { time: string }) => c.time)).toEqual(['2013-10-08T00:00:00.000Z', '2013-10-09T00:00:00.000Z']);
    });

    it('answers an unknown symbol with 404', async () => {
      const res = await http.get('/crypto/assets/DOGE/history').expect(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: "Unknown asset 'DOGE'" });
    });

    it('answers a symbol that cannot be one with 400', async () => {
      const res = await http.get(`/crypto/assets/${encodeURIComponent("BTC' OR '1'='1")}/history`).expect(400);
      expect(res.body.message).toBe('symbol must be 2 to 12 letters or digits');
    });

    it.each([
      ['%C5%BFol', 'symbol must be 2 to 12 letters or digits'],
      ['%20btc', 'symbol must be 2 to 12 letters or digits'],
      ['BTC%00', CONTROL('symbol')],
      ['BTC%7F', CONTROL('symbol')],
    ])('answers the path symbol %s with 400 before normalising it', async (symbol, message) => {
      const res = await http.get(`/crypto/assets/${symbol}/history`).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    });
  });

  describe('GET /crypto/assets/:symbol/latest', () => {
    it('returns the latest closed candle of the interval', async () => {
      const res = await http.get('/crypto/assets/BTC/latest?interval=1d').expect(200);
      expect(res.body).toEqual({
        symbol: 'BTC',
        interval: '1d',
        candle: expect.objectContaining({ time: '2013-10-09T00:00:00.000Z', close: '123.84' }),
      });
    });

    it('says so with 404 when no candle of that interval is stored yet', async () => {
      const res = await http.get('/crypto/assets/BTC/latest?interval=1w').expect(404);
      expect(res.body.message).toBe('No 1w candles are stored for BTC yet');
    });

    it.each([
      ['?interval=', 'interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d'],
      ['?valueOf=1', 'property valueOf should not exist'],
    ])('answers ?%s with 400 naming the field', async (query, message) => {
      const res = await http.get(`/crypto/assets/BTC/latest${query}`).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    });

    it('refuses an unknown interval with 400', async () => {
      const res = await http.get('/crypto/assets/BTC/latest?interval=1y').expect(400);
      expect(res.body.message).toMatch(/^interval must be one of/);
    });
  });

  describe('POST and DELETE /crypto/assets', () => {
    it('tracks a pair Kraken lists, starts its backfill and keeps it in sync', async () => {
      const res = await http.post('/crypto/assets').send({ symbol: 'ltc', name: 'Litecoin' }).expect(201);
      expect(res.body).toMatchObject({
        symbol: 'LTC',
        name: 'Litecoin',
        krakenPair: 'LTCUSD',
        krakenKey: 'XLTCZUSD',
        base: 'XLTC',
        quote: 'ZUSD',
      });
      expect(kraken.requestsTo('AssetPairs')).toHaveLength(1);

      const jobs = await Promise.all(res.body.backfillJobs.map((j: { jobId: string }) => marketData.getJob(j.jobId)));
      expect(jobs.map((j) => [j?.name, j?.data])).toEqual([
        ['backfill', { asset: 'LTC', interval: '1d' }],
        ['backfill', { asset: 'LTC', interval: '1h' }],
      ]);
      expect(await app.get(AssetScheduler).scheduled()).toEqual(expect.arrayContaining(['sync-LTC-1d', 'sync-LTC-1h']));
      const list = await http.get('/crypto/assets').expect(200);
      expect(list.body.map((a: { symbol: string }) => a.symbol)).toEqual(['BTC', 'LTC']);
    });

    it('refuses to track an asset twice with 409', async () => {
      const res = await http.post('/crypto/assets').send({ symbol: 'LTC' }).expect(409);
      expect(res.body.message).toBe("Asset 'LTC' is already tracked");
    });

    it('refuses with 409 a pair that is already tracked under another symbol', async () => {
      const res = await http.post('/crypto/assets').send({ symbol: 'XBT', pair: 'XBTUSD' }).expect(409);
      expect(res.body.message).toBe("Kraken pair 'XBTUSD' is already tracked as 'BTC'");
      expect(await app.get(AssetRepository).findBySymbol('XBT')).toBeNull();
    });

    it('refuses a pair Kraken does not list with 400, and stores nothing', async () => {
      const res = await http.post('/crypto/assets').send({ symbol: 'NOPE' }).expect(400);
      expect(res.body.message).toBe("Kraken does not know the asset pair 'NOPEUSD' (EQuery:Unknown asset pair)");
      expect(await app.get(AssetRepository).findBySymbol('NOPE')).toBeNull();
    });

    it('answers 503 when Kraken is down, and stores nothing', async () => {
      kraken.fail(10, 'http-503');
      const res = await http.post('/crypto/assets').send({ symbol: 'XRP' }).expect(503);
      expect(res.body.message).toMatch(/try again later$/);
      expect(await app.get(AssetRepository).findBySymbol('XRP')).toBeNull();
    });

    it.each([
      [{}, 'symbol must be a string'],
      [{ symbol: 'X' }, 'symbol must be 2 to 12 letters or digits'],
      [{ symbol: "SOL'; DROP TABLE assets;--" }, 'symbol must be 2 to 12 letters or digits'],
      [{ symbol: 'SOL', pair: 'SOL USD' }, 'pair must be a Kraken pair name such as SOLUSD, XXBTZUSD or SOL/USD'],
      [{ symbol: 'SOL', tracked: false }, 'property tracked should not exist'],
      [{ symbol: 42 }, 'symbol must be a string'],
      [{ symbol: null }, 'symbol must be a string'],
      [{ symbol: 'ſol' }, 'symbol must be 2 to 12 letters or digits'],
      [{ symbol: ' sol' }, 'symbol must be 2 to 12 letters or digits'],
      [{ symbol: 'SOL\u0000' }, CONTROL('symbol')],
      [{ symbol: 'SOL', pair: null }, 'pair must be a string'],
      [{ symbol: 'SOL', pair: 'ſolUSD' }, 'pair must be a Kraken pair name such as SOLUSD, XXBTZUSD or SOL/USD'],
      [{ symbol: 'SOL', name: null }, 'name must be a string'],
      [{ symbol: 'SOL', name: '' }, NAME_RULE],
      [{ symbol: 'SOL', name: 'Sol\u0000ana' }, CONTROL('name')],
      [{ symbol: 'SOL', name: 'Solana\n' }, CONTROL('name')],
      [{ symbol: 'SOL', name: 'Sol\u200Bana' }, NAME_RULE],
      [{ symbol: 'SOL', name: '\u202Eanalos' }, NAME_RULE],
      [{ symbol: 'SOL', name: 'Sol\u00ADana' }, NAME_RULE],
      [{ symbol: 'SOL', name: ' Solana' }, NAME_RULE],
      [{ symbol: 'SOL', name: 'Solana  Coin' }, NAME_RULE],
      [{ symbol: 'SOL', name: '<script>alert(1)</script>' }, NAME_RULE],
      [{ symbol: 'SOL', name: 'S'.repeat(65) }, NAME_RULE],
      [{ symbol: 'SOL', name: ['Solana'] }, 'name must be a string'],
    ])('refuses the body %j with 400, without asking Kraken or storing anything', async (body, message) => {
      const res = await http.post('/crypto/assets').send(body).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
      expect(kraken.requestsTo('AssetPairs')).toHaveLength(0);
      expect(await app.get(AssetRepository).findBySymbol('SOL')).toBeNull();
    });

    it.each([
      ['{"symbol":"SOL","__proto__":{"tracked":true}}', 'property __proto__ should not exist'],
      ['{"symbol":"SOL","constructor":{"prototype":{"x":1}}}', 'property constructor should not exist'],
      ['{"symbol":"SOL","toString":"x"}', 'property toString should not exist'],
    ])('refuses the prototype key of %s like any unknown field', async (json, message) => {
      const res = await http.post('/crypto/assets').set('content-type', 'application/json').send(json).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
      expect(await app.get(AssetRepository).findBySymbol('SOL')).toBeNull();
    });

    it('takes a name in any script, with digits, marks and common punctuation', async () => {
      const res = await http.post('/crypto/assets').send({ symbol: 'XRP', name: 'Ripple (XRP) – リップル' });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe(NAME_RULE);
      const ok = await http.post('/crypto/assets').send({ symbol: 'XRP', name: "Ripple's Coin: XRP/USD #1 (é\u0301)" });
      expect(ok.status).toBe(201);
      expect(ok.body.name).toBe("Ripple's Coin: XRP/USD #1 (é\u0301)");
      await http.delete('/crypto/assets/XRP').expect(204);
    });

    it('stops tracking an asset and its syncs, keeping its candles', async () => {
      await http.delete('/crypto/assets/ltc').expect(204);
      const list = await http.get('/crypto/assets').expect(200);
      expect(list.body.map((a: { symbol: string }) => a.symbol)).toEqual(['BTC']);
      expect(await app.get(AssetScheduler).scheduled()).not.toEqual(expect.arrayContaining(['sync-LTC-1d']));
      await http.get('/crypto/assets/LTC/history').expect(200);
    });

    it('answers DELETE of an asset that is not tracked with 404', async () => {
      await http.delete('/crypto/assets/LTC').expect(404);
      await http.delete('/crypto/assets/NOPE').expect(404);
    });

    it('checks the pair against the pair list GET /crypto/kraken-assets cached, without asking Kraken again', async () => {
      await http.get('/crypto/kraken-assets').expect(200);
      await http.post('/crypto/assets').send({ symbol: 'XRP', name: 'Ripple' }).expect(201);
      await http.post('/crypto/assets').send({ symbol: 'NOPE' }).expect(400);
      expect(kraken.requestsTo('AssetPairs')).toHaveLength(1);
      await http.delete('/crypto/assets/XRP').expect(204);
    });
  });

  describe('tracking a pair again', () => {
    const assets = () => app.get(AssetRepository);

    it('tracks an untracked asset again under its symbol: the same asset, its candles and its name, a backfill and its syncs', async () => {
      const first = await http.post('/crypto/assets').send({ symbol: 'ADA', name: 'Cardano' }).expect(201);
      const ada = (await assets().findBySymbol('ADA'))!;
      await app.get(CandleRepository).upsert(ada.id, '1d', BTC_DAILY);
      await http.delete('/crypto/assets/ADA').expect(204);
      await marketData.obliterate({ force: true });

      const again = await http.post('/crypto/assets').send({ symbol: 'ada' }).expect(201);
      expect(again.body).toEqual({ ...first.body, backfillJobs: expect.any(Array) });
      expect((await assets().findBySymbol('ADA'))!.id).toBe(ada.id);
      const jobs = await Promise.all(again.body.backfillJobs.map((j: { jobId: string }) => marketData.getJob(j.jobId)));
      expect(jobs.map((j) => [j?.name, j?.data])).toEqual([
        ['backfill', { asset: 'ADA', interval: '1d' }],
        ['backfill', { asset: 'ADA', interval: '1h' }],
      ]);
      expect(await app.get(AssetScheduler).scheduled()).toEqual(expect.arrayContaining(['sync-ADA-1d', 'sync-ADA-1h']));
      const history = await http.get('/crypto/assets/ADA/history').expect(200);
      expect(history.body.count).toBe(BTC_DAILY.length);
      const list = await http.get('/crypto/assets').expect(200);
      expect(list.body).toContainEqual(expect.objectContaining({ symbol: 'ADA', name: 'Cardano', lastClose: '123.84' }));
    });

    it('tracks an untracked asset again with the pair it had when the request names none', async () => {
      await http.post('/crypto/assets').send({ symbol: 'ETHEU', pair: 'ETH/EUR', name: 'Ether in euros' }).expect(201);
      await http.delete('/crypto/assets/ETHEU').expect(204);
      const again = await http.post('/crypto/assets').send({ symbol: 'ETHEU' }).expect(201);
      expect(again.body).toMatchObject({ symbol: 'ETHEU', krakenPair: 'ETHEUR', krakenKey: 'XETHZEUR', name: 'Ether in euros' });
    });

    it('refuses with 409 to track an untracked pair under another symbol, and names the symbol to use', async () => {
      await http.delete('/crypto/assets/ADA').expect(204);
      const res = await http.post('/crypto/assets').send({ symbol: 'CARDANO', pair: 'ADAUSD' }).expect(409);
      expect(res.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: "Kraken pair 'ADAUSD' was tracked as 'ADA' (its candles are kept): track it again as 'ADA'",
      });
      expect(await assets().findBySymbol('CARDANO')).toBeNull();
    });

    it('refuses with 409 to give the symbol of an untracked pair to another pair, which would mix their candles', async () => {
      const res = await http.post('/crypto/assets').send({ symbol: 'ADA', pair: 'DOTUSD' }).expect(409);
      expect(res.body.message).toBe(
        "'ADA' was the symbol of Kraken pair 'ADAUSD' (its candles are kept): track ADAUSD again as 'ADA', or give DOTUSD another symbol",
      );
      expect(await assets().findBySymbol('ADA')).toMatchObject({ krakenKey: 'ADAUSD', tracked: false });
    });

    it('lets one of two admins tracking one pair under two symbols at once win, and tells the other with 409', async () => {
      const answers = await Promise.all([
        http.post('/crypto/assets').send({ symbol: 'DOT' }),
        http.post('/crypto/assets').send({ symbol: 'POLKA', pair: 'DOTUSD' }),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
      const refused = answers.find((r) => r.status === 409)!;
      expect(refused.body.message).toMatch(/^Kraken pair 'DOTUSD' is already tracked as '(DOT|POLKA)'$/);
      const tracked = (await http.get('/crypto/assets').expect(200)).body.map((a: { symbol: string }) => a.symbol);
      expect(tracked.filter((s: string) => s === 'DOT' || s === 'POLKA')).toHaveLength(1);
    });
  });

  describe('GET /crypto/kraken-assets', () => {
    it('lists the pairs Kraken offers and serves them from Redis after the first call', async () => {
      const first = await http.get('/crypto/kraken-assets').expect(200);
      expect(first.body.count).toBe(237);
      expect(first.body.cached).toBe(false);
      expect(first.body.pairs).toContainEqual(expect.objectContaining({ key: 'XXBTZUSD', altname: 'XBTUSD', wsname: 'XBT/USD' }));
      const second = await http.get('/crypto/kraken-assets').expect(200);
      expect(second.body).toEqual({ ...first.body, cached: true });
      expect(kraken.requestsTo('AssetPairs')).toHaveLength(1);
    });
  });
});
