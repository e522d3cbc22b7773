import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PredictionRepository, UserRepository } from '#libs/database';
import { Metrics } from '#libs/observability';
import { JobProducer, QueueName } from '#libs/queue';
import { INTERNAL_TOKEN } from '../../../../test/support/nest-app.js';
import { bootProxiedPrediction, type ForwardedRequest, type ProxiedPrediction } from '../../../../test/support/proxied-prediction.js';
import { sample } from '../../../../test/support/metrics.js';
import { eventually } from '../../../../test/support/queues.js';
import { bearer, type TestUser } from '../../../../test/support/users.js';
import { BULLMQ_QUEUE_KEYS } from '../../../../test/support/bullmq-keys.js';

const pathAndQuery = (url: string) => {
  const { pathname, searchParams } = new URL(url, 'http://prediction');
  return { path: pathname, query: Object.fromEntries(searchParams) };
};

describe('prediction routes through the gateway', () => {
  let proxied: ProxiedPrediction;
  let prediction: NestExpressApplication;
  let gateway: NestExpressApplication;
  let user: TestUser;
  let admin: TestUser;
  let userId: string;
  let adminId: string;
  /** Every request that reached the prediction service. */
  let seen: ForwardedRequest[];
  const last = () => seen.at(-1)!;
  const http = () => request(gateway.getHttpServer());
  const direct = (url: string) => request(prediction.getHttpServer()).get(url).set('x-internal-token', INTERNAL_TOKEN);

  beforeAll(async () => {
    proxied = await bootProxiedPrediction();
    ({ prediction, gateway, user, admin, seen } = proxied);
    userId = (await gateway.get(UserRepository).findByUsername('reader'))!.id;
    adminId = (await gateway.get(UserRepository).findByUsername('boss'))!.id;
  });

  afterAll(() => proxied.close());

  describe('who may call', () => {
    const READS = [
      '/prediction/latest?asset=BTC',
      '/prediction/history?asset=BTC',
      '/prediction/model-evaluation?asset=BTC',
      '/prediction/best-model?asset=BTC',
      '/prediction/models',
    ];
    const ADMIN_ONLY: ['get' | 'post', string][] = [
      ['post', '/prediction/train'],
      ['post', '/prediction/score'],
      ['post', '/prediction/predict'],
      ['post', '/prediction/ingest'],
      ['get', '/prediction/jobs/1'],
      ['get', '/prediction/jobs'],
      ['get', '/prediction/jobs?queue=training&state=active&limit=10'],
      ['get', '/prediction/hyperparameters'],
    ];

    it.each([...READS.map((url) => ['get', url] as ['get', string]), ...ADMIN_ONLY])(
      '%s %s refuses a caller without a token with 401, before forwarding',
      async (method, url) => {
        const before = seen.length;
        const res = await http()[method](url).send({ asset: 'BTC' }).expect(401);
        expect(res.body).toEqual({
          statusCode: 401,
          error: 'Unauthorized',
          message: 'Log in first: send Authorization: Bearer <access_token>',
        });
        expect(seen.length).toBe(before);
      },
    );

    it.each(ADMIN_ONLY)('%s %s refuses a user who is not an admin with 403, before forwarding', async (method, url) => {
      const before = seen.length;
      const res = await http()[method](url).set(bearer(user)).send({ asset: 'BTC' }).expect(403);
      expect(res.body.message).toBe('Only admins may do this');
      expect(seen.length).toBe(before);
    });

    it.each(READS)('GET %s answers any logged-in user', async (url) => {
      await http().get(url).set(bearer(user)).expect(200);
    });
  });

  describe('forwarding', () => {
    it('passes the prediction service’s status and JSON through, with the caller’s identity, the internal token and the request id', async () => {
      const res = await http()
        .get('/prediction/best-model?asset=btc&interval=1d')
        .set(bearer(user))
        .set('x-request-id', 'trace-0001.abc')
        .expect(200);
      expect(res.body).toEqual((await direct('/prediction/best-model?asset=BTC&interval=1d').expect(200)).body);
      expect(res.body).toMatchObject({ asset: 'BTC', interval: '1d', model: { version: 2 } });
      expect(res.headers['x-request-id']).toBe('trace-0001.abc');
      const forwarded = seen.at(-2)!; // the last one is the direct call above
      expect(forwarded.method).toBe('GET');
      expect(pathAndQuery(forwarded.url)).toEqual({ path: '/prediction/best-model', query: { asset: 'BTC', interval: '1d' } });
      expect(forwarded.headers).toMatchObject({
        'x-internal-token': INTERNAL_TOKEN,
        'x-user-id': userId,
        'x-user-role': 'user',
        'x-request-id': 'trace-0001.abc',
      });
      expect(forwarded.headers.authorization).toBeUndefined();
    });

    it('serves the latest forecast from memory until Postgres says a forecast changed, and counts each one served', async () => {
      const served = async () =>
        sample(await gateway.get(Metrics).scrape(), 'candlecast_predictions_served_total{asset="BTC",interval="1d"}') ?? 0;
      const latest = () => http().get('/prediction/latest?asset=btc&interval=1d').set(bearer(user)).expect(200);
      const first = await latest();
      expect(first.body).toEqual((await direct('/prediction/latest?asset=BTC&interval=1d').expect(200)).body);
      expect(first.body).toMatchObject({
        asset: 'BTC',
        interval: '1d',
        model: { version: 2 },
        points: [{ predictedClose: '124.5' }, {}, {}],
      });
      const forwarded = seen.length;
      const counted = await served();
      await latest();
      await latest();
      expect(seen.length).toBe(forwarded);
      expect(await served()).toBe(counted + 2);

      const [best] = await gateway.get(DataSource).query(`SELECT id, asset_id AS "assetId" FROM models WHERE is_best`);
      await gateway.get(PredictionRepository).add({
        modelId: best.id,
        assetId: best.assetId,
        interval: '1d',
        madeAt: new Date('2013-10-11T00:05:00Z'),
        points: [{ targetTime: new Date('2013-10-11T00:00:00Z'), predictedClose: '130.0' }],
      });
      const fresh = await eventually(latest, (res) => res.body.madeAt === '2013-10-11T00:05:00.000Z', 5000);
      expect(fresh.body.points).toEqual([expect.objectContaining({ predictedClose: '130.0' })]);
      expect(seen.length).toBe(forwarded + 1);
    });

    it('makes up a request id when the caller sends none, or one that is not safe to log', async () => {
      for (const given of [undefined, 'has spaces and <html>', 'x'.repeat(200)]) {
        const req = http().get('/prediction/models').set(bearer(user));
        const res = await (given === undefined ? req : req.set('x-request-id', given)).expect(200);
        expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
        expect(last().headers['x-request-id']).toBe(res.headers['x-request-id']);
      }
    });

    it('forwards the validated query, with its defaults', async () => {
      const res = await http().get('/prediction/history?asset=BTC&from=1381104000&limit=2').set(bearer(user)).expect(200);
      expect(pathAndQuery(last().url)).toEqual({
        path: '/prediction/history',
        query: { asset: 'BTC', interval: '1d', from: '2013-10-07T00:00:00.000Z', limit: '2' },
      });
      expect(res.body.forecasts.map((f: { targetTime: string }) => f.targetTime)).toEqual([
        '2013-10-07T00:00:00.000Z',
        '2013-10-08T00:00:00.000Z',
      ]);
      await http().get('/prediction/models?status=ready&asset=btc').set(bearer(user)).expect(200);
      expect(pathAndQuery(last().url)).toEqual({ path: '/prediction/models', query: { asset: 'BTC', status: 'ready' } });
    });

    it('passes a 404 through with its message', async () => {
      const res = await http().get('/prediction/latest?asset=BTC&interval=1h').set(bearer(user)).expect(404);
      expect(res.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'No forecast for BTC 1h yet: no model has been trained for it (POST /prediction/train starts one)',
      });
    });

    it('passes the prediction service’s 400 for an asset it does not know through', async () => {
      const res = await http().get('/prediction/best-model?asset=DOGE').set(bearer(user)).expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: "asset 'DOGE' is not known to Candlecast: tracked assets are BTC",
      });
    });

    it('forwards a train request’s body as an admin’s, answers 202, and a repeat returns the same job', async () => {
      const res = await http()
        .post('/prediction/train')
        .set(bearer(admin))
        .send({ asset: 'btc', interval: '1d', hyperparameters: { units: 64, epochs: 10 } })
        .expect(202);
      const accepted = { jobId: expect.any(String), queue: 'training', name: 'train', deduplicated: false, family: 'lstm' };
      expect(res.body).toEqual({ ...accepted, jobs: [accepted] });
      expect(last()).toMatchObject({
        method: 'POST',
        url: '/prediction/train',
        headers: { 'x-user-id': adminId, 'x-user-role': 'admin', 'content-type': 'application/json' },
      });
      const job = await prediction.get(JobProducer).queue(QueueName.Training).getJob(res.body.jobId);
      expect(job?.data).toMatchObject({ asset: 'BTC', interval: '1d', hyperparameters: { units: 64, epochs: 10 } });

      const again = await http().post('/prediction/train').set(bearer(admin)).send({ asset: 'BTC', family: 'lstm' }).expect(202);
      expect(again.body).toMatchObject({ jobId: res.body.jobId, family: 'lstm', deduplicated: true });

      const view = await http().get(`/prediction/jobs/${res.body.jobId}`).set(bearer(admin)).expect(200);
      expect(view.body).toMatchObject({
        id: res.body.jobId,
        queue: 'training',
        name: 'train',
        state: 'waiting',
        attemptsMade: 0,
        data: { asset: 'BTC' },
      });
    });

    it('forwards ingest, score and predict to their queues', async () => {
      const ingest = await http()
        .post('/prediction/ingest')
        .set(bearer(admin))
        .send({ asset: 'BTC', interval: '1d', mode: 'backfill' })
        .expect(202);
      expect(ingest.body).toMatchObject({ queue: 'market-data', name: 'backfill', deduplicated: false });
      expect((await prediction.get(JobProducer).queue(QueueName.MarketData).getJob(ingest.body.jobId))?.data).toEqual({
        asset: 'BTC',
        interval: '1d',
        requestId: ingest.headers['x-request-id'],
      });
      await http().post('/prediction/score').set(bearer(admin)).send({ asset: 'BTC' }).expect(202);
      const predict = await http().post('/prediction/predict').set(bearer(admin)).send({ asset: 'BTC', horizon: 3 }).expect(202);
      expect((await prediction.get(JobProducer).queue(QueueName.Prediction).getJob(predict.body.jobId))?.data).toEqual({
        asset: 'BTC',
        interval: '1d',
        horizon: 3,
        requestId: predict.headers['x-request-id'],
      });
    });

    it('passes a 404 for an unknown job through', async () => {
      const before = seen.length;
      const res = await http().get('/prediction/jobs/00000000-0000-4000-8000-00000000abcd').set(bearer(admin)).expect(404);
      expect(res.body.message).toMatch(/^No job with id '00000000-0000-4000-8000-00000000abcd'/);
      expect(seen.length).toBe(before + 1);
    });

    it.each([...BULLMQ_QUEUE_KEYS, 'no-such-job'])(
      'answers the id %s, which is no job id the prediction service issues, with 404 itself, without forwarding it',
      async (id) => {
        // Its queues have jobs, so BullMQ's own keys (meta, events, wait, ...) exist in Redis.
        await http().post('/prediction/score').set(bearer(admin)).send({ asset: 'BTC', interval: '1d' }).expect(202);
        const before = seen.length;
        const res = await http().get(`/prediction/jobs/${id}`).set(bearer(admin)).expect(404);
        expect(res.body).toEqual({
          statusCode: 404,
          error: 'Not Found',
          message: `No job with id '${id}': it never existed, or it finished long enough ago to be removed`,
        });
        expect(seen.length).toBe(before);
      },
    );

    it('forwards the jobs list with its validated query and default limit, and passes its answer through', async () => {
      const { body: accepted } = await http()
        .post('/prediction/score')
        .set(bearer(admin))
        .send({ asset: 'BTC', interval: '1d' })
        .expect(202);
      const res = await http().get('/prediction/jobs?queue=scoring&state=waiting').set(bearer(admin)).expect(200);
      expect(pathAndQuery(last().url)).toEqual({ path: '/prediction/jobs', query: { queue: 'scoring', state: 'waiting', limit: '50' } });
      expect(last().headers).toMatchObject({ 'x-user-id': adminId, 'x-user-role': 'admin' });
      expect(res.body).toEqual((await direct('/prediction/jobs?queue=scoring&state=waiting').expect(200)).body);
      expect(res.body.jobs[0]).toMatchObject({
        id: accepted.jobId,
        queue: 'scoring',
        name: 'score',
        asset: 'BTC',
        interval: '1d',
        state: 'waiting',
      });
    });

    it('forwards the hyperparameters a train request may set, with the cost budget', async () => {
      const res = await http().get('/prediction/hyperparameters').set(bearer(admin)).expect(200);
      expect(pathAndQuery(last().url)).toEqual({ path: '/prediction/hyperparameters', query: {} });
      expect(res.body).toEqual((await direct('/prediction/hyperparameters').expect(200)).body);
      expect(res.body).toMatchObject({
        costBudget: 1_000_000_000,
        hyperparameters: expect.arrayContaining([
          expect.objectContaining({ name: 'epochs', type: 'integer', min: 1, max: 500, default: 40 }),
        ]),
      });
    });

    it("forwards a job scheduler's job id (repeat:<scheduler>:<millis>), and its 404 when it is gone", async () => {
      const before = seen.length;
      const res = await http().get('/prediction/jobs/repeat:sync-BTC-1d:1700000000000').set(bearer(admin)).expect(404);
      expect(res.body.message).toMatch(/^No job with id 'repeat:sync-BTC-1d:1700000000000'/);
      expect(seen.length).toBe(before + 1);
    });
  });

  describe('bad input is a 400 from the gateway, and never reaches the prediction service', () => {
    it.each([
      ['get', '/prediction/latest', 'asset is required: a symbol of 2 to 12 letters or digits, such as BTC'],
      ['get', '/prediction/latest?asset=BTC&interval=2h', 'interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d'],
      ['get', "/prediction/latest?asset=BTC'%20OR%20'1'='1", 'asset must be a symbol of 2 to 12 letters or digits, such as BTC'],
      ['get', '/prediction/history?asset=BTC&limit=5000', 'limit must be a whole number from 1 to 1000'],
      [
        'get',
        '/prediction/history?asset=BTC&from=1%3BDROP',
        'from must be an ISO 8601 date (2024-01-31 or 2024-01-31T12:00:00Z) or unix seconds',
      ],
      ['get', '/prediction/models?status=ready%27%20--', 'status must be one of training, ready, failed, archived'],
      ['get', '/prediction/best-model?asset=BTC&debug=true', 'property debug should not exist'],
      ['get', '/prediction/jobs/..%2F..%2Fhealth', 'id must be a job id: 1 to 64 letters, digits, -, _ or :'],
      ['get', '/prediction/latest?asset=%C5%BFol', 'asset must be a symbol of 2 to 12 letters or digits, such as BTC'],
      ['get', '/prediction/latest?asset=BTC%00', 'asset must not contain control characters (U+0000 to U+001F or U+007F)'],
      ['get', '/prediction/latest?asset=BTC&__proto__=x', 'property __proto__ should not exist'],
      ['get', '/prediction/models?constructor=x', 'property constructor should not exist'],
      ['get', '/prediction/history?asset=BTC&limit=0x10', 'limit must be a whole number from 1 to 1000'],
      ['get', '/prediction/history?asset=BTC&limit=9223372036854775807', 'limit must be a whole number from 1 to 1000'],
      [
        'get',
        '/prediction/history?asset=BTC&from=2024-02-30',
        'from must be a real date and time: a month from 01 to 12, a day that month has, hours 00 to 23, minutes and seconds 00 to 59',
      ],
      [
        'get',
        '/prediction/history?asset=BTC&to=2024-01-31T10:00',
        'to must say its time zone: end it with Z or an offset such as +02:00 (a date alone means midnight UTC)',
      ],
      ['get', '/prediction/history?asset=BTC&to=99999999999999', 'to must be from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z'],
      ['get', '/prediction/history?asset=BTC&from=1969-12-31T23:59:59Z', 'from must be from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z'],
      ['get', '/prediction/jobs/abc%00', 'id must not contain control characters (U+0000 to U+001F or U+007F)'],
      [
        'get',
        '/prediction/jobs?queue=webhooks',
        'queue must be one of market-data, training, scoring, prediction, research, alerts, notifications',
      ],
      [
        'get',
        '/prediction/jobs?state=stuck',
        'state must be one of waiting, delayed, prioritized, waiting-children, active, completed, failed',
      ],
      ['get', '/prediction/jobs?limit=500', 'limit must be a whole number from 1 to 200'],
      ['get', '/prediction/jobs?limit=-1', 'limit must be a whole number from 1 to 200'],
      ['get', '/prediction/jobs?queue=training%00', 'queue must not contain control characters (U+0000 to U+001F or U+007F)'],
      ['get', '/prediction/jobs?__proto__=x', 'property __proto__ should not exist'],
    ])('%s %s', async (method, url, message) => {
      const before = seen.length;
      const res = await http()[method as 'get'](url).set(bearer(admin)).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
      expect(seen.length).toBe(before);
    });

    it.each([
      [{ asset: 'BTC', hyperparameters: { units: 1000 } }, 'hyperparameters.units must be a whole number from 4 to 256'],
      [{ asset: 'BTC', hyperparameters: { learningRate: 1 } }, 'hyperparameters.learningRate must be a number from 0.00001 to 0.1'],
      [
        { asset: 'BTC', hyperparameters: { optimizer: 'sgd' } },
        'hyperparameters.optimizer is not a hyperparameter: allowed are units, layers, window, horizon, epochs, batchSize, learningRate, dropout, patience, seeds, seed',
      ],
      [{ asset: 'BTC', role: 'admin' }, 'property role should not exist'],
      [{ asset: 'DROP TABLE models' }, 'asset must be a symbol of 2 to 12 letters or digits, such as BTC'],
      [{ asset: 'BTC', interval: null }, 'interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d'],
      [{ asset: null }, 'asset is required: a symbol of 2 to 12 letters or digits, such as BTC'],
      [{ asset: 'BTC', hyperparameters: null }, 'hyperparameters must be an object such as {"units": 64, "epochs": 100}'],
      [{ asset: 'BTC', hyperparameters: { epochs: null } }, 'hyperparameters.epochs must be a whole number from 1 to 500'],
      [{ asset: 'BTC', hyperparameters: { dropout: null } }, 'hyperparameters.dropout must be a number from 0 to 0.8'],
      [{ asset: 'ſol' }, 'asset must be a symbol of 2 to 12 letters or digits, such as BTC'],
      [{ asset: 'BTC\u0007' }, 'asset must not contain control characters (U+0000 to U+001F or U+007F)'],
    ])('POST /prediction/train %j', async (body, message) => {
      const before = seen.length;
      const res = await http().post('/prediction/train').set(bearer(admin)).send(body).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
      expect(seen.length).toBe(before);
    });

    it('POST /prediction/train above TRAIN_COST_BUDGET: the cost, the budget and what to lower, and no job', async () => {
      const before = seen.length;
      const jobs = () => prediction.get(JobProducer).queue(QueueName.Training).getJobCounts();
      const counts = await jobs();
      const res = await http()
        .post('/prediction/train')
        .set(bearer(admin))
        .send({ asset: 'BTC', interval: '1h', hyperparameters: { units: 128, window: 60 } })
        .expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message:
          // Two years of hourly candles (TRAIN_HISTORY's 1h=2y), what the worker would read.
          'This training would cost 5,382,144,000 per fit (units 128 × layers 1 × window 60 × epochs 40 × 17,520 candles), ' +
          'above the budget of 1,000,000,000 (TRAIN_COST_BUDGET): lower units to 23, or window to 11, or epochs to 7',
      });
      expect(seen.length).toBe(before);
      expect(await jobs()).toEqual(counts);
    });
  });

  describe('null and prototype keys never reach the prediction service, and no job is made of them', () => {
    const queues = () =>
      [QueueName.Training, QueueName.Scoring, QueueName.Prediction, QueueName.MarketData].map((name) =>
        prediction.get(JobProducer).queue(name),
      );
    const counts = () => Promise.all(queues().map((q) => q.getJobCounts()));

    it.each([
      ['score', { asset: 'BTC', interval: null }, 'interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d'],
      ['score', { asset: null, interval: '1d' }, 'asset is required: a symbol of 2 to 12 letters or digits, such as BTC'],
      ['predict', { asset: 'BTC', interval: null }, 'interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d'],
      ['predict', { asset: 'BTC', horizon: null }, 'horizon must be a whole number from 1 to 30'],
      ['ingest', { asset: 'BTC', interval: null }, 'interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d'],
      ['ingest', { asset: 'BTC', mode: null }, 'mode must be one of sync, backfill'],
      ['ingest', { asset: null }, 'asset is required: a symbol of 2 to 12 letters or digits, such as BTC'],
      ['ingest', { asset: 'ſol' }, 'asset must be a symbol of 2 to 12 letters or digits, such as BTC'],
    ])('POST /prediction/%s %j', async (route, body, message) => {
      const before = [seen.length, await counts()];
      const res = await http().post(`/prediction/${route}`).set(bearer(admin)).send(body).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
      expect([seen.length, await counts()]).toEqual(before);
    });

    it.each([
      ['{"asset":"BTC","__proto__":{"interval":"1h"}}', 'property __proto__ should not exist'],
      ['{"asset":"BTC","hyperparameters":{"__proto__":{"units":8}}}', 'property hyperparameters.__proto__ should not exist'],
      ['{"asset":"BTC","hyperparameters":{"constructor":{"prototype":{"x":1}}}}', 'property hyperparameters.constructor should not exist'],
      ['{"asset":"BTC","toString":"x"}', 'property toString should not exist'],
    ])('POST /prediction/train %s', async (json, message) => {
      const before = [seen.length, await counts()];
      const res = await http().post('/prediction/train').set(bearer(admin)).set('content-type', 'application/json').send(json).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
      expect([seen.length, await counts()]).toEqual(before);
    });

    it('forwards a date alone as midnight UTC, and a time with an offset as the same instant in UTC', async () => {
      await http().get('/prediction/history?asset=BTC&from=2013-10-08&to=2013-10-09T02:00:00%2B02:00').set(bearer(user)).expect(200);
      expect(pathAndQuery(last().url).query).toMatchObject({ from: '2013-10-08T00:00:00.000Z', to: '2013-10-09T00:00:00.000Z' });
    });
  });

  describe('docs', () => {
    it('documents every prediction route with its input, its answer and its errors', async () => {
      const { body: doc } = await http().get('/docs-json').expect(200);
      const op = (method: string, path: string) => doc.paths[path][method];
      for (const path of [
        '/prediction/latest',
        '/prediction/history',
        '/prediction/model-evaluation',
        '/prediction/best-model',
        '/prediction/models',
      ]) {
        expect(op('get', path).tags).toEqual(['prediction']);
        expect(Object.keys(op('get', path).responses)).toEqual(expect.arrayContaining(['200', '400', '401', '502', '503', '504']));
      }
      expect(op('get', '/prediction/latest').responses['200'].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/ForecastView',
      });
      expect(op('get', '/prediction/latest').responses['404']).toBeDefined();
      expect(op('get', '/prediction/latest').parameters.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['asset', 'interval', 'x-request-id']),
      );
      for (const path of ['/prediction/train', '/prediction/score', '/prediction/predict', '/prediction/ingest']) {
        expect(op('post', path).responses['202'].content['application/json'].schema).toEqual({
          $ref: `#/components/schemas/${path === '/prediction/train' ? 'TrainAcceptedView' : 'JobAcceptedView'}`,
        });
        expect(Object.keys(op('post', path).responses)).toEqual(expect.arrayContaining(['400', '401', '403', '503', '504']));
      }
      expect(op('get', '/prediction/jobs/{id}').responses['200'].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/JobView',
      });
      const hyperparameters = doc.components.schemas.HyperparametersDto.properties;
      expect(hyperparameters.units).toMatchObject({ minimum: 4, maximum: 256, default: 16 });
      expect(hyperparameters.learningRate).toMatchObject({ minimum: 0.00001, maximum: 0.1 });
      expect(doc.components.schemas.ModelView.properties).not.toHaveProperty('weights');
    });

    it('documents the jobs list, the hyperparameters, and what a job and a model carry, with types a generated client can use', async () => {
      const { body: doc } = await http().get('/docs-json').expect(200);
      const schemas = doc.components.schemas;
      const ok = (path: string) => doc.paths[path].get.responses['200'].content['application/json'].schema;
      expect(ok('/prediction/jobs')).toEqual({ $ref: '#/components/schemas/JobListView' });
      expect(ok('/prediction/hyperparameters')).toEqual({ $ref: '#/components/schemas/HyperparametersView' });
      for (const path of ['/prediction/jobs', '/prediction/hyperparameters']) {
        expect(Object.keys(doc.paths[path].get.responses)).toEqual(expect.arrayContaining(['401', '403', '502', '503', '504']));
      }
      expect(Object.keys(doc.paths['/prediction/jobs'].get.responses)).toContain('400');
      const jobsQuery = Object.fromEntries(
        doc.paths['/prediction/jobs'].get.parameters.map((p: { name: string; schema: object }) => [p.name, p.schema]),
      );
      // Later steps add queues: an open string whose description names today's.
      expect(jobsQuery.queue).toMatchObject({ type: 'string' });
      expect(jobsQuery.queue).not.toHaveProperty('enum');
      expect(doc.paths['/prediction/jobs'].get.parameters.find((p: { name: string }) => p.name === 'queue').description).toContain(
        'market-data, training, scoring, prediction',
      );
      expect(jobsQuery.limit).toMatchObject({ type: 'integer', minimum: 1, maximum: 200, default: 50 });

      // ModelView.metrics is the stored training report, loss history included.
      expect(schemas.ModelView.properties.metrics).toMatchObject({ nullable: true });
      expect(JSON.stringify(schemas.ModelView.properties.metrics)).toContain('#/components/schemas/TrainingMetricsView');
      expect(schemas.TrainingMetricsView.properties.history).toMatchObject({
        type: 'array',
        items: { $ref: '#/components/schemas/EpochLogView' },
      });
      expect(schemas.EpochLogView.properties).toMatchObject({
        epoch: { type: 'integer' },
        loss: { type: 'number' },
        valLoss: { type: 'number' },
      });
      expect(schemas.EpochLogView.required).toEqual(['epoch', 'loss', 'valLoss']);
      expect(JSON.stringify(schemas.TrainingMetricsView.properties.test)).toContain('#/components/schemas/TrainingEvaluationView');
      expect(JSON.stringify(schemas.TrainingEvaluationView.properties.model)).toContain('#/components/schemas/MetricsView');

      // A job's queue and name are open strings; its progress may be a training's, with the history so far; its result names the next job.
      expect(schemas.JobView.properties.queue).toEqual(expect.objectContaining({ type: 'string' }));
      expect(schemas.JobView.properties.queue).not.toHaveProperty('enum');
      expect(schemas.JobView.properties.name).not.toHaveProperty('enum');
      expect(schemas.JobView.properties.queue.description).toContain('market-data, training, scoring, prediction');
      expect(schemas.JobView.properties.progress.oneOf).toContainEqual({ $ref: '#/components/schemas/TrainingProgressView' });
      expect(schemas.TrainingProgressView.properties.history).toMatchObject({
        type: 'array',
        items: { $ref: '#/components/schemas/EpochLogView' },
      });
      expect(JSON.stringify(schemas.JobView.properties.result.properties.next)).toContain('#/components/schemas/JobLinkView');
      expect(schemas.JobLinkView.required).toEqual(['queue', 'name', 'jobId']);
      expect(schemas.HyperparameterView.properties.type).toMatchObject({ enum: ['integer', 'number'] });
    });
  });

  describe('when the prediction service is stopped', () => {
    beforeAll(() => prediction.close());

    it('still serves the latest forecast it holds', async () => {
      const res = await http().get('/prediction/latest?asset=BTC').set(bearer(user)).expect(200);
      expect(res.body).toMatchObject({ asset: 'BTC', interval: '1d', points: [{ predictedClose: '130.0' }] });
    });

    it.each([
      ['get', '/prediction/best-model?asset=BTC'],
      ['get', '/prediction/models'],
      ['post', '/prediction/train'],
      ['get', '/prediction/jobs/00000000-0000-4000-8000-000000000000'],
    ] as const)('%s %s answers 503 at once, not the 504 of a timeout', async (method, url) => {
      // A refused connection is a 503 at once; waiting out PREDICTION_TIMEOUT_MS would be a 504.
      const res = await http()[method](url).set(bearer(admin)).send({ asset: 'BTC' }).expect(503);
      expect(res.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The prediction service is unavailable: try again in a moment',
      });
    });

    it('still refuses bad input with 400 itself', async () => {
      await http().get('/prediction/latest?asset=BTC&interval=9y').set(bearer(user)).expect(400);
    });
  });
});
