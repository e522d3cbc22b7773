import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { ModelSummary } from '#libs/database';
import { JobProducer, QueueName } from '#libs/queue';
import { bootProxiedPrediction, type ForwardedRequest, type ProxiedPrediction } from '../../../../test/support/proxied-prediction.js';
import { emptyQueues } from '../../../../test/support/queues.js';
import { bearer, type TestUser } from '../../../../test/support/users.js';

type Method = 'get' | 'post' | 'put' | 'delete';
const MODEL = '00000000-0000-4000-8000-000000000000';
const JOB = '0b7c2f4e-5a3d-4d8e-9c61-2f0d4a9b7e13';

/** Step 8's prediction routes through the gateway: who may call them, what is forwarded, what the docs say. */
describe('step 8 prediction routes through the gateway', () => {
  let proxied: ProxiedPrediction;
  let gateway: NestExpressApplication;
  let user: TestUser;
  let admin: TestUser;
  let best: ModelSummary;
  let seen: ForwardedRequest[];
  const http = () => request(gateway.getHttpServer());

  beforeAll(async () => {
    proxied = await bootProxiedPrediction();
    ({ gateway, user, admin, best, seen } = proxied);
  });

  afterAll(async () => {
    await emptyQueues();
    await proxied.close();
  });

  const USER_ROUTES: [Method, string][] = [
    ['get', '/prediction/volatility?asset=BTC'],
    ['get', '/prediction/backtest?asset=BTC'],
  ];
  const ADMIN_ROUTES: [Method, string][] = [
    ['put', `/prediction/models/${MODEL}/pin`],
    ['delete', `/prediction/models/${MODEL}/pin`],
    ['post', '/prediction/backtest'],
    ['post', '/prediction/tune'],
    ['delete', `/prediction/jobs/${JOB}`],
  ];

  describe('who may call', () => {
    it.each([...USER_ROUTES, ...ADMIN_ROUTES])(
      '%s %s refuses a caller without a token with 401, before forwarding',
      async (method, url) => {
        const before = seen.length;
        const res = await http()[method](url).send({ asset: 'BTC', trials: 1 }).expect(401);
        expect(res.body).toEqual({
          statusCode: 401,
          error: 'Unauthorized',
          message: 'Log in first: send Authorization: Bearer <access_token>',
        });
        expect(seen.length).toBe(before);
      },
    );

    it.each(ADMIN_ROUTES)('%s %s refuses a user who is not an admin with 403, before forwarding', async (method, url) => {
      const before = seen.length;
      const res = await http()[method](url).set(bearer(user)).send({ asset: 'BTC', trials: 1 }).expect(403);
      expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Only admins may do this' });
      expect(seen.length).toBe(before);
    });

    it.each(USER_ROUTES)('%s %s is forwarded for any logged-in user, and its answer passed through', async (method, url) => {
      const before = seen.length;
      // The seeded step-7 forecasts carry no distribution and no walk-forward is stored: the prediction service's 404.
      const res = await http()[method](url).set(bearer(user)).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      expect(seen.length).toBe(before + 1);
      const forwarded = new URL(seen.at(-1)!.url, 'http://prediction');
      expect(forwarded.pathname).toBe(url.split('?')[0]);
      expect(Object.fromEntries(forwarded.searchParams)).toMatchObject({ asset: 'BTC', interval: '1d' });
    });
  });

  describe('forwarding', () => {
    it("pins and unpins through the gateway, and the gateway's forecast memory hears both at once", async () => {
      expect((await http().get('/prediction/latest?asset=BTC').set(bearer(user)).expect(200)).body.model).toMatchObject({
        id: best.id,
        pinned: false,
      });
      const pinned = await http().put(`/prediction/models/${best.id}/pin`).set(bearer(admin)).expect(200);
      expect(pinned.body).toMatchObject({ id: best.id, pinned: true, served: true });
      expect(seen.at(-1)).toMatchObject({ method: 'PUT', url: `/prediction/models/${best.id}/pin` });
      expect((await http().get('/prediction/latest?asset=BTC').set(bearer(user)).expect(200)).body.model).toMatchObject({ pinned: true });
      await http().delete(`/prediction/models/${best.id}/pin`).set(bearer(admin)).expect(200);
      expect((await http().get('/prediction/latest?asset=BTC').set(bearer(user)).expect(200)).body.model).toMatchObject({ pinned: false });
    });

    it('passes the 404 and 409 of a pin through', async () => {
      const unknown = await http().put(`/prediction/models/${MODEL}/pin`).set(bearer(admin)).expect(404);
      expect(unknown.body).toEqual({ statusCode: 404, error: 'Not Found', message: `No model with id '${MODEL}'` });
      await gateway.get(DataSource).query(`UPDATE models SET status = 'archived' WHERE id <> $1`, [best.id]);
      const [{ id: archived }] = await gateway.get(DataSource).query(`SELECT id FROM models WHERE status = 'archived' LIMIT 1`);
      const conflict = await http().put(`/prediction/models/${archived}/pin`).set(bearer(admin)).expect(409);
      expect(conflict.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: `Model ${archived} is archived: only a ready model can be pinned`,
      });
    });

    it('forwards a backtest and a tuning as 202 jobs on the research queue, and a cancel of the one waiting', async () => {
      const backtest = await http()
        .post('/prediction/backtest')
        .set(bearer(admin))
        .send({ asset: 'btc', family: 'naive', horizon: 2 })
        .expect(202);
      expect(backtest.body).toMatchObject({ queue: 'research', name: 'backtest', deduplicated: false });
      const queued = await proxied.prediction.get(JobProducer).queue(QueueName.Research).getJob(backtest.body.jobId);
      expect(queued?.data).toMatchObject({ asset: 'BTC', interval: '1d', family: 'naive', horizon: 2, refitEvery: 30 });
      const tune = await http().post('/prediction/tune').set(bearer(admin)).send({ asset: 'BTC', trials: 2, family: 'ewma' }).expect(202);
      expect(tune.body).toMatchObject({ queue: 'research', name: 'tune' });
      const cancelled = await http().delete(`/prediction/jobs/${tune.body.jobId}`).set(bearer(admin)).expect(200);
      expect(cancelled.body).toMatchObject({ id: tune.body.jobId, state: 'removed' });
      expect(seen.at(-1)).toMatchObject({ method: 'DELETE', url: `/prediction/jobs/${tune.body.jobId}` });
    });

    it('answers a train request with one job per family, the old jobId shape kept', async () => {
      const res = await http()
        .post('/prediction/train')
        .set(bearer(admin))
        .send({ asset: 'BTC', interval: '1d', family: 'har-range' })
        .expect(202);
      expect(res.body).toMatchObject({ jobId: expect.any(String), queue: 'training', name: 'train', family: 'har-range' });
      expect(res.body.jobs).toEqual([expect.objectContaining({ jobId: res.body.jobId, family: 'har-range' })]);
    });
  });

  describe('bad input is a 400 from the gateway, and never reaches the prediction service', () => {
    it.each([
      ['get', '/prediction/volatility?asset=BTC&horizon=99', 'horizon must be a whole number from 1 to 30'],
      ['get', '/prediction/volatility?interval=1d', 'asset is required: a symbol of 2 to 12 letters or digits, such as BTC'],
      ['get', '/prediction/backtest?asset=BTC&limit=5000', 'limit must be a whole number from 1 to 2000'],
      ['get', '/prediction/backtest?asset=BTC&family=prophet', 'family must be one of lstm, naive, ewma, garch, har-range'],
      ['get', '/prediction/backtest?asset=BTC&offset=x', 'offset must be a whole number from 0 to 10000000'],
      ['get', '/prediction/models?family=x', 'family must be one of lstm, naive, ewma, garch, har-range'],
      ['put', '/prediction/models/..%2F..%2Fhealth/pin', 'id must be a model id (a UUID)'],
      ['delete', '/prediction/models/42/pin', 'id must be a model id (a UUID)'],
      ['delete', '/prediction/jobs/..%2Fjobs', 'id must be a job id: 1 to 64 letters, digits, -, _ or :'],
    ] as [Method, string, string][])('%s %s', async (method, url, message) => {
      const before = seen.length;
      const res = await http()[method](url).set(bearer(admin)).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
      expect(seen.length).toBe(before);
    });

    it.each([
      ['backtest', { asset: 'BTC', horizon: 0 }, 'horizon must be a whole number from 1 to 30'],
      ['backtest', { asset: 'BTC', refitEvery: -3 }, 'refitEvery must be a whole number from 1 to 10000'],
      [
        'backtest',
        { asset: 'BTC', from: 1700000000 },
        'from must be an ISO 8601 date (2024-01-31 or 2024-01-31T12:00:00Z) or unix seconds',
      ],
      ['backtest', { asset: 'BTC', family: null }, 'family must be one of lstm, naive, ewma, garch, har-range'],
      ['backtest', { asset: 'BTC', __proto__: { x: 1 }, span: 1 }, 'property span should not exist'],
      ['backtest', { asset: 'BTC', settings: 'window=10' }, 'settings must be an object of numbers such as {"window": 1000}'],
      ['tune', { asset: 'BTC' }, 'trials must be a whole number from 1 to 100'],
      ['tune', { asset: 'BTC', trials: '5' }, 'trials must be a whole number from 1 to 100'],
      ['train', { asset: 'BTC', family: 'arima' }, 'family must be one of lstm, naive, ewma, garch, har-range'],
    ])('POST /prediction/%s %j', async (route, body, message) => {
      const before = seen.length;
      const res = await http().post(`/prediction/${route}`).set(bearer(admin)).send(body).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
      expect(seen.length).toBe(before);
    });

    it('answers an id that is not one of our job ids with 404 without forwarding', async () => {
      const before = seen.length;
      await http().delete('/prediction/jobs/meta').set(bearer(admin)).expect(404);
      expect(seen.length).toBe(before);
    });
  });

  describe('docs', () => {
    it('documents every new route with its input, its answer and its errors', async () => {
      const { body: doc } = await http().get('/docs-json').expect(200);
      const op = (method: string, path: string) => doc.paths[path][method];
      const ok = (method: string, path: string, status = '200') => op(method, path).responses[status].content['application/json'].schema;
      expect(ok('get', '/prediction/volatility')).toEqual({ $ref: '#/components/schemas/VolatilityView' });
      expect(ok('get', '/prediction/backtest')).toEqual({ $ref: '#/components/schemas/BacktestView' });
      expect(ok('put', '/prediction/models/{id}/pin')).toEqual({ $ref: '#/components/schemas/ModelView' });
      expect(ok('delete', '/prediction/models/{id}/pin')).toEqual({ $ref: '#/components/schemas/ModelView' });
      expect(ok('post', '/prediction/backtest', '202')).toEqual({ $ref: '#/components/schemas/JobAcceptedView' });
      expect(ok('post', '/prediction/tune', '202')).toEqual({ $ref: '#/components/schemas/JobAcceptedView' });
      expect(ok('post', '/prediction/train', '202')).toEqual({ $ref: '#/components/schemas/TrainAcceptedView' });
      expect(ok('delete', '/prediction/jobs/{id}', '202')).toEqual({ $ref: '#/components/schemas/JobCancelView' });
      for (const [method, path] of [
        ['put', '/prediction/models/{id}/pin'],
        ['delete', '/prediction/jobs/{id}'],
      ]) {
        expect(Object.keys(op(method, path).responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404', '409', '503']));
      }
      for (const path of ['/prediction/volatility', '/prediction/backtest']) {
        expect(Object.keys(op('get', path).responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404', '502', '503', '504']));
      }
      const schemas = doc.components.schemas;
      expect(schemas.ForecastPointView.properties).toEqual(
        expect.objectContaining({
          median: expect.any(Object),
          quantiles: expect.any(Object),
          intervals: expect.any(Object),
          sigma: expect.any(Object),
          expectedRange: expect.any(Object),
        }),
      );
      expect(schemas.ForecastView.properties).toEqual(
        expect.objectContaining({ stale: expect.any(Object), edge: expect.any(Object), calibration: expect.any(Object) }),
      );
      expect(schemas.EdgeView.properties.vsNaive).toMatchObject({ enum: ['none', 'better', 'worse'] });
      expect(schemas.ModelView.properties).toEqual(
        expect.objectContaining({
          family: expect.any(Object),
          pinned: expect.any(Object),
          served: expect.any(Object),
          stale: expect.any(Object),
          selection: expect.any(Object),
        }),
      );
      expect(JSON.stringify(schemas.ModelView.properties.metrics)).toContain('#/components/schemas/BacktestSummaryView');
      expect(schemas.ForecastRecordView.properties).toEqual(
        expect.objectContaining({ inside80: expect.any(Object), inside95: expect.any(Object) }),
      );
      expect(schemas.LiveAccuracyView.properties).toEqual(expect.objectContaining({ coverage90: expect.any(Object) }));
    });
  });
});
