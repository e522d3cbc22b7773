import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { BTC_DAILY, emptyDatabase, seedAsset } from '../../../../test/support/fixtures.js';
import { bootPrediction } from '../../../../test/support/prediction-app.js';
import { INTERNAL_TOKEN } from '../../../../test/support/nest-app.js';
import { emptyQueues } from '../../../../test/support/queues.js';

const ROUTES: [method: 'get' | 'post', url: string][] = [
  ['get', '/prediction/latest?asset=BTC&interval=1d'],
  ['get', '/prediction/history?asset=BTC&interval=1d'],
  ['get', '/prediction/model-evaluation?asset=BTC&interval=1d'],
  ['get', '/prediction/best-model?asset=BTC&interval=1d'],
  ['get', '/prediction/models'],
  ['post', '/prediction/train'],
  ['post', '/prediction/score'],
  ['post', '/prediction/predict'],
  ['post', '/prediction/ingest'],
  ['get', '/prediction/jobs/1'],
  ['get', '/prediction/jobs'],
  ['get', '/prediction/hyperparameters'],
];

describe('the prediction service answers only the gateway', () => {
  let app: INestApplication;
  const call = (method: 'get' | 'post', url: string) => {
    const req = request(app.getHttpServer())[method](url);
    return method === 'post' ? req.send({ asset: 'BTC', interval: '1d' }) : req;
  };

  beforeAll(async () => {
    app = await bootPrediction();
    await emptyDatabase(app.get(DataSource));
    await emptyQueues();
    await seedAsset(app, 'BTC', '1d', BTC_DAILY);
  });

  afterAll(() => app.close());

  it.each(ROUTES)('%s %s refuses a request without the internal token with 401', async (method, url) => {
    const res = await call(method, url).expect(401);
    expect(res.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'This service answers only the gateway: send the internal token in x-internal-token',
    });
  });

  it.each(ROUTES)('%s %s refuses a wrong token of the right length with 401', async (method, url) => {
    const wrong = INTERNAL_TOKEN.slice(0, -1) + (INTERNAL_TOKEN.endsWith('f') ? 'e' : 'f');
    const res = await call(method, url).set('x-internal-token', wrong).expect(401);
    expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid internal token' });
  });

  it.each([
    ['shorter', INTERNAL_TOKEN.slice(0, 5)],
    ['longer', `${INTERNAL_TOKEN}${INTERNAL_TOKEN}`],
    ['one character', 'x'],
    ['a prefix of it', INTERNAL_TOKEN.slice(0, -1)],
    ['very long', 'a'.repeat(8000)],
    ['not ASCII', 'jeton-interne-\u00e9\u00fc-\u00ff'],
  ])('refuses a token that is %s with 401, without failing', async (_, token) => {
    const res = await call('get', '/prediction/models').set('x-internal-token', token).expect(401);
    expect(res.body.message).toBe('Invalid internal token');
  });

  it('refuses the token sent anywhere but its header', async () => {
    await call('get', `/prediction/models?token=${INTERNAL_TOKEN}`).expect(401);
    await call('get', '/prediction/models').set('authorization', `Bearer ${INTERNAL_TOKEN}`).expect(401);
  });

  it('does not let caller identity headers stand in for the token', async () => {
    await call('post', '/prediction/train')
      .set({ 'x-user-id': 'c0ffee00-0000-4000-8000-000000000000', 'x-user-role': 'admin' })
      .expect(401);
  });

  it.each([
    ['get', '/'],
    ['get', '/prediction'],
    ['post', '/prediction/jobs'],
    ['get', '/admin/../prediction/secret'],
  ] as const)('refuses %s %s, a path that does not exist, with 401 too: no token, no map of the routes', async (method, url) => {
    await call(method, url).expect(401);
    const res = await call(method, url).set('x-internal-token', INTERNAL_TOKEN).expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.stringMatching(/^Cannot (GET|POST) \//) });
  });

  it('answers a request with the token', async () => {
    const res = await call('get', '/prediction/models').set('x-internal-token', INTERNAL_TOKEN).expect(200);
    expect(res.body).toEqual({ count: 0, models: [] });
  });

  it('keeps /health open for probes, and it tells nothing but up or down', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(Object.keys(res.body.details)).toEqual(['postgres', 'redis']);
  });
});
