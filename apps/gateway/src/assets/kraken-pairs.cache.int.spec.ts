import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RedisClient } from '#libs/queue';
import { emptyDatabase } from '../../../../test/support/fixtures.js';
import { KrakenStandIn, type KrakenFault } from '../../../../test/support/kraken-stand-in.js';
import { bootGateway } from '../../../../test/support/nest-app.js';
import { bearer, loggedIn, type TestUser } from '../../../../test/support/users.js';
import { krakenPairsKeys, PAIRS_FAILURE_TTL_MS } from './kraken-pairs.cache.js';

const BURST = 20;

/**
 * Two gateways sharing one Redis, as in production. (Passport keeps one JWT strategy per process,
 * the second gateway's: both check tokens against the same Postgres, so either may serve a user.)
 */
describe("Kraken's pair list, cached for every gateway", () => {
  let kraken: KrakenStandIn;
  let gateways: NestExpressApplication[];
  let user: TestUser;
  let admin: TestUser;
  const keys = krakenPairsKeys(process.env.QUEUE_PREFIX!);
  const redis = () => gateways[0].get(RedisClient);
  /** The i-th request goes to gateway i mod 2. */
  const at = (i: number) => request(gateways[i % 2].getHttpServer());
  const burst = () => Promise.all(Array.from({ length: BURST }, (_, i) => at(i).get('/crypto/kraken-assets').set(bearer(user))));

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    const env = { KRAKEN_API_URL: kraken.url, KRAKEN_MIN_INTERVAL_MS: '0', KRAKEN_MAX_RETRIES: '0', KRAKEN_ASSETS_CACHE_TTL: '60' };
    gateways = [await bootGateway(env), await bootGateway(env)];
    await emptyDatabase(gateways[0].get(DataSource));
    user = await loggedIn(gateways[0], 'reader');
    admin = await loggedIn(gateways[0], 'boss', 'admin');
  });

  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await kraken.stop();
  });

  beforeEach(async () => {
    kraken.reset();
    await redis().del(keys.list, keys.failure, keys.lock);
  });

  it('asks Kraken once for a burst of requests at two gateways on a cold cache, and answers all of them', async () => {
    kraken.fail(1, { delayMs: 200 }); // Kraken answers slowly: the burst arrives while the call is out
    const answers = await burst();
    expect(answers.map((r) => r.status)).toEqual(Array(BURST).fill(200));
    expect(new Set(answers.map((r) => r.body.count))).toEqual(new Set([237]));
    expect(kraken.requestsTo('AssetPairs')).toHaveLength(1);
  });

  it.each<[KrakenFault, number, string]>([
    ['http-503', 503, 'Service Unavailable'],
    ['unavailable', 503, 'Service Unavailable'],
    ['malformed-json', 502, 'Bad Gateway'],
  ])(
    'asks a failing Kraken (%s) once for a burst, answers %i to all of it, and remembers the failure briefly',
    async (fault, status, error) => {
      kraken.fail(BURST * 2, fault);
      const answers = await burst();
      for (const res of answers) {
        expect(res.status).toBe(status);
        expect(res.body).toEqual({ statusCode: status, error, message: expect.stringMatching(/^(Kraken AssetPairs|malformed response)/) });
      }
      expect(kraken.requestsTo('AssetPairs')).toHaveLength(1);

      const later = await at(1).get('/crypto/kraken-assets').set(bearer(user)).expect(status);
      expect(later.body.message).toMatch(/\(Kraken is asked again in \d+ s\)/);
      expect(kraken.requestsTo('AssetPairs')).toHaveLength(1);
      const ttl = await redis().pttl(keys.failure);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(PAIRS_FAILURE_TTL_MS);
    },
  );

  it('asks Kraken again once the failure it remembered has lapsed', async () => {
    kraken.fail(1, 'http-503');
    await at(0).get('/crypto/kraken-assets').set(bearer(user)).expect(503);
    await redis().del(keys.failure); // what its expiry does
    const res = await at(1).get('/crypto/kraken-assets').set(bearer(user)).expect(200);
    expect(res.body).toMatchObject({ count: 237, cached: false });
    expect(kraken.requestsTo('AssetPairs')).toHaveLength(2);
  });

  it('waits out the lock of a gateway that died while fetching, then asks Kraken itself', async () => {
    await redis().set(keys.lock, 'a gateway that is gone', 'PX', 300);
    const res = await at(0).get('/crypto/kraken-assets').set(bearer(user)).expect(200);
    expect(res.body).toMatchObject({ count: 237, cached: false });
    expect(kraken.requestsTo('AssetPairs')).toHaveLength(1);
  });

  it('checks the pair of POST /crypto/assets at one gateway against the list another gateway fetched', async () => {
    await at(0).get('/crypto/kraken-assets').set(bearer(user)).expect(200);
    const res = await at(1).post('/crypto/assets').set(bearer(admin)).send({ symbol: 'ADA' }).expect(201);
    expect(res.body).toMatchObject({ symbol: 'ADA', krakenPair: 'ADAUSD' });
    expect(kraken.requestsTo('AssetPairs')).toHaveLength(1);
  });
});
