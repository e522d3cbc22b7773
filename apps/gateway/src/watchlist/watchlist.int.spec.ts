import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AssetRepository, UserRepository } from '#libs/database';
import { BTC_DAILY, emptyDatabase, seedAsset } from '../../../../test/support/fixtures.js';
import { bootGateway } from '../../../../test/support/nest-app.js';
import { bearer, loggedIn, type TestUser } from '../../../../test/support/users.js';

describe('/watchlist: per user, kept server-side', () => {
  let app: NestExpressApplication;
  let alice: TestUser;
  let bob: TestUser;
  const http = () => request(app.getHttpServer());
  const as = (user: TestUser) => ({
    get: (url: string) => http().get(url).set(bearer(user)),
    put: (url: string, body?: object) => http().put(url).set(bearer(user)).send(body),
    delete: (url: string) => http().delete(url).set(bearer(user)),
  });

  beforeAll(async () => {
    app = await bootGateway();
    await emptyDatabase(app.get(DataSource));
    await seedAsset(app, 'BTC', '1d', BTC_DAILY);
    await seedAsset(app, 'ETH', '1d', []);
    alice = await loggedIn(app, 'alice-watcher');
    bob = await loggedIn(app, 'bob-watcher');
  });

  afterAll(async () => {
    await app.close();
  });

  it.each([
    ['get', '/watchlist'],
    ['put', '/watchlist/BTC'],
    ['delete', '/watchlist/BTC'],
  ] as const)('%s %s refuses a caller without a token with 401', async (method, url) => {
    const res = await http()[method](url).send({}).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  describe('the watchlist', () => {
    it('starts empty, keeps the tracked assets a user watches in the order watched, and a second PUT changes nothing', async () => {
      expect((await as(alice).get('/watchlist').expect(200)).body).toEqual({ count: 0, assets: [] });
      await as(alice).put('/watchlist/eth').expect(200);
      const after = (await as(alice).put('/watchlist/BTC').expect(200)).body;
      expect(after).toMatchObject({
        count: 2,
        assets: [
          { symbol: 'ETH', tracked: true },
          { symbol: 'BTC', name: 'Bitcoin', pair: 'XBTUSD' },
        ],
      });
      expect((await as(alice).put('/watchlist/btc').expect(200)).body).toEqual(after);
    });

    it("is each user's own: another user sees none of it and changes none of it", async () => {
      expect((await as(bob).get('/watchlist').expect(200)).body).toEqual({ count: 0, assets: [] });
      await as(bob).delete('/watchlist/BTC').expect(204);
      expect((await as(alice).get('/watchlist').expect(200)).body.count).toBe(2);
    });

    it('stops watching on DELETE (once more changes nothing), and keeps an asset that stops being tracked, saying so', async () => {
      await as(alice).delete('/watchlist/ETH').expect(204);
      await as(alice).delete('/watchlist/ETH').expect(204);
      await as(alice).put('/watchlist/ETH').expect(200);
      await app.get(AssetRepository).untrack('ETH');
      expect((await as(alice).get('/watchlist').expect(200)).body.assets).toEqual([
        expect.objectContaining({ symbol: 'BTC', tracked: true }),
        expect.objectContaining({ symbol: 'ETH', tracked: false }),
      ]);
      // An untracked asset cannot be added, only removed.
      const refused = await as(bob).put('/watchlist/ETH').expect(404);
      expect(refused.body).toEqual({ statusCode: 404, error: 'Not Found', message: "Unknown asset 'ETH'" });
      await as(alice).delete('/watchlist/ETH').expect(204);
    });

    it.each([
      ['put', '/watchlist/DOGE', 404, "Unknown asset 'DOGE'"],
      ['delete', '/watchlist/DOGE', 404, "Unknown asset 'DOGE'"],
      ['put', '/watchlist/b', 400, 'symbol must be 2 to 12 letters or digits'],
      ['delete', '/watchlist/b$c', 400, 'symbol must be 2 to 12 letters or digits'],
    ] as const)('%s %s is a %i that says why', async (method, url, status, message) => {
      const res = await as(alice)[method](url).expect(status);
      expect(res.body).toMatchObject({ statusCode: status, message });
    });

    it("goes with its user: a deleted user's watchlist is gone", async () => {
      const carol = await loggedIn(app, 'carol-watcher');
      await as(carol).put('/watchlist/BTC').expect(200);
      const id = (await app.get(UserRepository).findByUsername('carol-watcher'))!.id;
      await app.get(DataSource).query(`DELETE FROM users WHERE id = $1`, [id]);
      expect(await app.get(DataSource).query(`SELECT * FROM watchlist_entries WHERE user_id = $1`, [id])).toEqual([]);
    });
  });
});
