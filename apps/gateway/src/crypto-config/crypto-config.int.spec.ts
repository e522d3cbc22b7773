import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AssetRepository } from '#libs/database';
import { COMPARE_MODES, MARKET_LIMITS, MARKET_ORDER_BY } from '#libs/domain';
import { KNOWN_ASSETS } from '#libs/market-data';
import { BTC_DAILY, emptyDatabase, seedAsset } from '../../../../test/support/fixtures.js';
import { bootGateway } from '../../../../test/support/nest-app.js';
import { bearer, loggedIn, type TestUser } from '../../../../test/support/users.js';
import { HISTORY_LIMIT } from '../assets/dto/history-query.dto.js';

const iso = (unix: number) => new Date(unix * 1000).toISOString();

describe('GET /crypto/config', () => {
  let app: NestExpressApplication;
  let user: TestUser;

  beforeAll(async () => {
    app = await bootGateway({ TRACKED_INTERVALS: '1d,1h,1m', TICKER_CACHE_TTL: '15' });
    await emptyDatabase(app.get(DataSource));
    await seedAsset(app, 'BTC', '1d', BTC_DAILY);
    await seedAsset(app, 'BTC', '1h', BTC_DAILY.slice(0, 2));
    await app.get(AssetRepository).track(KNOWN_ASSETS.ETH);
    await app
      .get(AssetRepository)
      .track({ symbol: 'ADA', name: 'Cardano', krakenAltname: 'ADAUSD', krakenKey: 'ADAUSD', base: 'ADA', quote: 'ZUSD' });
    await app.get(AssetRepository).untrack('ADA');
    user = await loggedIn(app, 'reader');
  });

  afterAll(async () => {
    await app.close();
  });

  it('lists the tracked assets with the first and last candle and the count of each interval they have, finest first', async () => {
    const { body } = await request(app.getHttpServer()).get('/crypto/config').set(bearer(user)).expect(200);
    expect(body.assets).toEqual([
      {
        symbol: 'BTC',
        name: 'Bitcoin',
        pair: 'XBTUSD',
        quote: 'ZUSD',
        intervals: [
          { interval: '1h', first: iso(BTC_DAILY[0].time), last: iso(BTC_DAILY[1].time), count: 2 },
          { interval: '1d', first: iso(BTC_DAILY[0].time), last: iso(BTC_DAILY[3].time), count: 4 },
        ],
      },
      { symbol: 'ETH', name: 'Ethereum', pair: 'ETHUSD', quote: 'ZUSD', intervals: [] },
    ]);
  });

  it("gives every interval, the sources, the choices and the limits the routes enforce, so that a client's menus need no guessing", async () => {
    const { body } = await request(app.getHttpServer()).get('/crypto/config').set(bearer(user)).expect(200);
    expect(body.intervals[0]).toEqual({ code: '1m', minutes: 1, seconds: 60, tracked: true });
    expect(body.intervals.map((i: { code: string }) => i.code)).toEqual(['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w', '15d']);
    expect(body.intervals.filter((i: { tracked: boolean }) => i.tracked).map((i: { code: string }) => i.code)).toEqual(['1m', '1h', '1d']);
    expect(body.sources.map((s: { name: string; kind: string }) => [s.name, s.kind])).toEqual([
      ['kraken', 'ohlc+ticker'],
      ['csv', 'import'],
    ]);
    expect(body.limits).toEqual({
      historyLimit: HISTORY_LIMIT,
      ...MARKET_LIMITS,
      tickerCacheTtl: { seconds: 15 },
      alerts: { rulesPerUser: 50, webhooksPerUser: 5 },
    });
    expect(body).toMatchObject({ marketOrderBy: [...MARKET_ORDER_BY], compareModes: [...COMPARE_MODES], tickerCacheTtl: 15 });
  });

  it('refuses a caller without a token', async () => {
    await request(app.getHttpServer()).get('/crypto/config').expect(401);
  });
});
