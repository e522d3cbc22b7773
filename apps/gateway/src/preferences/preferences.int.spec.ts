import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { emptyDatabase } from '../../../../test/support/fixtures.js';
import { bootGateway } from '../../../../test/support/nest-app.js';
import { bearer, loggedIn, type TestUser } from '../../../../test/support/users.js';

describe('/preferences: per user, kept server-side', () => {
  let app: NestExpressApplication;
  let alice: TestUser;
  let bob: TestUser;
  const as = (user: TestUser) => ({
    get: (url: string) => request(app.getHttpServer()).get(url).set(bearer(user)),
    put: (url: string, body?: object) => request(app.getHttpServer()).put(url).set(bearer(user)).send(body),
  });

  beforeAll(async () => {
    app = await bootGateway();
    await emptyDatabase(app.get(DataSource));
    alice = await loggedIn(app, 'alice-prefs');
    bob = await loggedIn(app, 'bob-prefs');
  });

  afterAll(async () => {
    await app.close();
  });

  it.each(['get', 'put'] as const)('%s /preferences refuses a caller without a token with 401', async (method) => {
    const res = await request(app.getHttpServer())[method]('/preferences').send({}).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('are the defaults until saved, then what was saved, with the fields left out at their defaults', async () => {
    const defaults = { theme: 'system', timezone: 'local', swapColors: false, intervals: {} };
    expect((await as(alice).get('/preferences').expect(200)).body).toEqual(defaults);
    const saved = { theme: 'dark', timezone: 'utc', swapColors: true, intervals: { btc: '1h', ETH: '1d' } };
    expect((await as(alice).put('/preferences', saved).expect(200)).body).toEqual({ ...saved, intervals: { BTC: '1h', ETH: '1d' } });
    expect((await as(alice).get('/preferences').expect(200)).body).toEqual({ ...saved, intervals: { BTC: '1h', ETH: '1d' } });
    expect((await as(alice).put('/preferences', { theme: 'light' }).expect(200)).body).toEqual({ ...defaults, theme: 'light' });
    expect((await as(bob).get('/preferences').expect(200)).body).toEqual(defaults);
  });

  it.each([
    [{ theme: 'neon' }, 'theme must be one of light, dark, system'],
    [{ timezone: 'Europe/Paris' }, 'timezone must be one of local, utc'],
    [{ swapColors: 'yes' }, 'swapColors must be true or false'],
    [{ intervals: ['1h'] }, 'intervals must be an object such as {"BTC": "1h"}'],
    [{ intervals: { BTC: '2h' } }, 'intervals.BTC must be an interval such as 1h or 1d'],
    [{ intervals: { 'b t c': '1h' } }, "intervals: 'b t c' is not a symbol (2 to 12 letters or digits)"],
    [{ colour: 'red' }, 'property colour should not exist'],
  ])('refuses %j with 400 naming the field, and keeps what was saved', async (body, message) => {
    const before = (await as(alice).get('/preferences').expect(200)).body;
    const res = await as(alice).put('/preferences', body).expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    expect((await as(alice).get('/preferences').expect(200)).body).toEqual(before);
  });
});
