import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { UnrecoverableError, Worker } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobProducer, QueueName } from '#libs/queue';
import { BTC_DAILY, emptyDatabase, seedAsset } from '../../../../test/support/fixtures.js';
import { bootPrediction } from '../../../../test/support/prediction-app.js';
import { INTERNAL_TOKEN } from '../../../../test/support/nest-app.js';
import { emptyQueues } from '../../../../test/support/queues.js';
import { BULLMQ_QUEUE_KEYS } from '../../../../test/support/bullmq-keys.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('prediction job routes', () => {
  let app: INestApplication;
  const post = (url: string, body: object) => request(app.getHttpServer()).post(url).set('x-internal-token', INTERNAL_TOKEN).send(body);
  const get = (url: string) => request(app.getHttpServer()).get(url).set('x-internal-token', INTERNAL_TOKEN);
  const queue = (name: QueueName) => app.get(JobProducer).queue(name);

  beforeAll(async () => {
    app = await bootPrediction();
    await emptyDatabase(app.get(DataSource));
    await emptyQueues();
    await seedAsset(app, 'BTC', '1d', BTC_DAILY);
    await seedAsset(app, 'ETH', '1h', []);
  });

  afterAll(() => app.close());

  describe('POST /prediction/train', () => {
    let first: { jobId: string };

    it('enqueues a train job with the hyperparameters asked for and answers 202 with its id', async () => {
      const res = await post('/prediction/train', {
        asset: 'btc',
        interval: '1d',
        hyperparameters: { units: 64, learningRate: 0.0005 },
      }).expect(202);
      const job = { jobId: expect.stringMatching(UUID), queue: 'training', name: 'train', deduplicated: false, family: 'lstm' };
      expect(res.body).toEqual({ ...job, jobs: [job] });
      first = res.body;
      const queued = await queue(QueueName.Training).getJob(first.jobId);
      expect(queued?.data).toEqual({ asset: 'BTC', interval: '1d', family: 'lstm', hyperparameters: { units: 64, learningRate: 0.0005 } });
    });

    it('answers a second request while the first waits with the same job, marked deduplicated', async () => {
      const res = await post('/prediction/train', { asset: 'BTC', interval: '1d', hyperparameters: { units: 8 } }).expect(202);
      expect(res.body).toMatchObject({ jobId: first.jobId, queue: 'training', name: 'train', deduplicated: true, family: 'lstm' });
      expect(await queue(QueueName.Training).getJobCounts('waiting')).toEqual({ waiting: 1 });
      expect((await queue(QueueName.Training).getJob(first.jobId))?.data.hyperparameters.units).toBe(64);
    });

    it('trains each asset and interval separately', async () => {
      const res = await post('/prediction/train', { asset: 'BTC', interval: '1h', family: 'lstm' }).expect(202);
      expect(res.body.deduplicated).toBe(false);
      expect(res.body.jobId).not.toBe(first.jobId);
    });

    it.each([
      [{ interval: '1d' }, 'asset is required: a symbol of 2 to 12 letters or digits, such as BTC'],
      [{ asset: 'BTC', interval: '2d' }, 'interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d'],
      [{ asset: "BTC'); DELETE FROM models; --" }, 'asset must be a symbol of 2 to 12 letters or digits, such as BTC'],
      [{ asset: { $ne: null } }, 'asset must be a symbol of 2 to 12 letters or digits, such as BTC'],
      [{ asset: 'BTC', hyperparameters: { units: 3 } }, 'hyperparameters.units must be a whole number from 4 to 256'],
      [{ asset: 'BTC', hyperparameters: { units: 257 } }, 'hyperparameters.units must be a whole number from 4 to 256'],
      [{ asset: 'BTC', hyperparameters: { units: 32.5 } }, 'hyperparameters.units must be a whole number from 4 to 256'],
      [{ asset: 'BTC', hyperparameters: { units: '64' } }, 'hyperparameters.units must be a whole number from 4 to 256'],
      [{ asset: 'BTC', hyperparameters: { layers: 4 } }, 'hyperparameters.layers must be a whole number from 1 to 3'],
      [{ asset: 'BTC', hyperparameters: { window: 4 } }, 'hyperparameters.window must be a whole number from 5 to 200'],
      [{ asset: 'BTC', hyperparameters: { horizon: 31 } }, 'hyperparameters.horizon must be a whole number from 1 to 30'],
      [{ asset: 'BTC', hyperparameters: { epochs: 0 } }, 'hyperparameters.epochs must be a whole number from 1 to 500'],
      [{ asset: 'BTC', hyperparameters: { batchSize: 2048 } }, 'hyperparameters.batchSize must be a whole number from 8 to 1024'],
      [{ asset: 'BTC', hyperparameters: { learningRate: 0.5 } }, 'hyperparameters.learningRate must be a number from 0.00001 to 0.1'],
      [{ asset: 'BTC', hyperparameters: { learningRate: 0 } }, 'hyperparameters.learningRate must be a number from 0.00001 to 0.1'],
      [{ asset: 'BTC', hyperparameters: { dropout: 0.9 } }, 'hyperparameters.dropout must be a number from 0 to 0.8'],
      [{ asset: 'BTC', hyperparameters: { dropout: -0.1 } }, 'hyperparameters.dropout must be a number from 0 to 0.8'],
      [{ asset: 'BTC', hyperparameters: { patience: 51 } }, 'hyperparameters.patience must be a whole number from 1 to 50'],
      [{ asset: 'BTC', hyperparameters: { seed: -1 } }, 'hyperparameters.seed must be a whole number from 0 to 2147483647'],
      [
        { asset: 'BTC', hyperparameters: { neurons: 64 } },
        'hyperparameters.neurons is not a hyperparameter: allowed are units, layers, window, horizon, epochs, batchSize, learningRate, dropout, patience, seeds, seed',
      ],
      [{ asset: 'BTC', hyperparameters: [64] }, 'hyperparameters must be an object such as {"units": 64, "epochs": 100}'],
      [{ asset: 'BTC', hyperparameters: 'units=64' }, 'hyperparameters must be an object such as {"units": 64, "epochs": 100}'],
      [{ asset: 'BTC', model: 'v2' }, 'property model should not exist'],
    ])('refuses %j with 400 naming the field', async (body, message) => {
      const res = await post('/prediction/train', body).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    });

    it('refuses with 400 a training above TRAIN_COST_BUDGET, from any caller, enqueueing nothing, and takes the lower value it suggests', async () => {
      const before = await queue(QueueName.Training).getJobCounts();
      const res = await post('/prediction/train', { asset: 'ETH', interval: '1h', hyperparameters: { units: 128, window: 60 } }).expect(
        400,
      );
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message:
          // Two years of hourly candles (TRAIN_HISTORY's 1h=2y), what the worker would read.
          'This training would cost 5,382,144,000 per fit (units 128 × layers 1 × window 60 × epochs 40 × 17,520 candles), ' +
          'above the budget of 1,000,000,000 (TRAIN_COST_BUDGET): lower units to 23, or window to 11, or epochs to 7',
      });
      expect(await queue(QueueName.Training).getJobCounts()).toEqual(before);
      await post('/prediction/train', { asset: 'ETH', interval: '1h', hyperparameters: { units: 23, window: 60 } }).expect(202);
    });

    it('refuses an asset Candlecast does not know with 400 naming asset, and enqueues nothing', async () => {
      const before = await queue(QueueName.Training).getJobCountByTypes('waiting');
      const res = await post('/prediction/train', { asset: 'DOGE', interval: '1d' }).expect(400);
      expect(res.body.message).toBe("asset 'DOGE' is not known to Candlecast: tracked assets are BTC, ETH");
      expect(await queue(QueueName.Training).getJobCountByTypes('waiting')).toBe(before);
    });

    it.each([
      ['{"asset":"BTC","interval":"4h","__proto__":{"admin":true}}', 'property __proto__ should not exist'],
      [
        '{"asset":"BTC","interval":"1w","hyperparameters":{"__proto__":{"admin":true}}}',
        'property hyperparameters.__proto__ should not exist',
      ],
      ['{"asset":"BTC","interval":"15d","constructor":{"prototype":{"admin":true}}}', 'property constructor should not exist'],
      ['{"asset":"BTC","interval":"1d","hyperparameters":{"toString":1}}', 'property hyperparameters.toString should not exist'],
      ['{"asset":"BTC","interval":"1d","hyperparameters":{"valueOf":1}}', 'property hyperparameters.valueOf should not exist'],
      ['{"asset":"BTC","interval":"1d","hasOwnProperty":1}', 'property hasOwnProperty should not exist'],
    ])('refuses the prototype key of %s like any unknown field: nothing is polluted or enqueued', async (body, message) => {
      const before = await queue(QueueName.Training).getJobCounts();
      const res = await request(app.getHttpServer())
        .post('/prediction/train')
        .set('x-internal-token', INTERNAL_TOKEN)
        .set('content-type', 'application/json')
        .send(body)
        .expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
      expect(await queue(QueueName.Training).getJobCounts()).toEqual(before);
    });

    it.each([
      [{ asset: 'BTC', interval: null }, 'interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d'],
      [{ asset: null, interval: '1d' }, 'asset is required: a symbol of 2 to 12 letters or digits, such as BTC'],
      [{ asset: 'BTC', hyperparameters: null }, 'hyperparameters must be an object such as {"units": 64, "epochs": 100}'],
      [{ asset: 'BTC', hyperparameters: { units: null } }, 'hyperparameters.units must be a whole number from 4 to 256'],
      [{ asset: 'BTC', hyperparameters: { learningRate: null } }, 'hyperparameters.learningRate must be a number from 0.00001 to 0.1'],
      [{ asset: 'BTC', hyperparameters: { seed: null } }, 'hyperparameters.seed must be a whole number from 0 to 2147483647'],
      [{ asset: 'ſol' }, 'asset must be a symbol of 2 to 12 letters or digits, such as BTC'],
      [{ asset: ' btc' }, 'asset must be a symbol of 2 to 12 letters or digits, such as BTC'],
      [{ asset: 'BTC\u0000' }, 'asset must not contain control characters (U+0000 to U+001F or U+007F)'],
      [{ asset: 'BTC', interval: '1d\u0000' }, 'interval must not contain control characters (U+0000 to U+001F or U+007F)'],
    ])('refuses %j with 400 naming the field, and enqueues nothing', async (body, message) => {
      const before = await queue(QueueName.Training).getJobCounts();
      const res = await post('/prediction/train', body).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
      expect(await queue(QueueName.Training).getJobCounts()).toEqual(before);
    });

    it.each([
      ['{"asset":"BTC","hyperparameters":{"units":1e400}}', 'hyperparameters.units must be a whole number from 4 to 256'],
      ['{"asset":"BTC","hyperparameters":{"learningRate":-1e400}}', 'hyperparameters.learningRate must be a number from 0.00001 to 0.1'],
      [
        '{"asset":"BTC","hyperparameters":{"seed":9223372036854775807}}',
        'hyperparameters.seed must be a whole number from 0 to 2147483647',
      ],
    ])('takes only finite numbers in range from the JSON %s', async (json, message) => {
      const before = await queue(QueueName.Training).getJobCounts();
      const res = await request(app.getHttpServer())
        .post('/prediction/train')
        .set('x-internal-token', INTERNAL_TOKEN)
        .set('content-type', 'application/json')
        .send(json)
        .expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
      expect(await queue(QueueName.Training).getJobCounts()).toEqual(before);
    });

    it('refuses a body that is not JSON with 400', async () => {
      await request(app.getHttpServer())
        .post('/prediction/train')
        .set('x-internal-token', INTERNAL_TOKEN)
        .set('content-type', 'application/json')
        .send('{"asset":')
        .expect(400);
    });
  });

  describe('POST /prediction/score, /predict and /ingest', () => {
    it.each([
      ['score', { asset: 'BTC', interval: '1d' }, 'scoring', 'score', { asset: 'BTC', interval: '1d' }],
      ['predict', { asset: 'eth', interval: '1h', horizon: 3 }, 'prediction', 'predict', { asset: 'ETH', interval: '1h', horizon: 3 }],
      ['ingest', { asset: 'BTC', interval: '1d' }, 'market-data', 'sync', { asset: 'BTC', interval: '1d' }],
      ['ingest', { asset: 'ETH', interval: '1h', mode: 'backfill' }, 'market-data', 'backfill', { asset: 'ETH', interval: '1h' }],
    ])('POST /prediction/%s %j enqueues on its queue, and a repeat returns the same job', async (route, body, queueName, name, data) => {
      const res = await post(`/prediction/${route}`, body).expect(202);
      expect(res.body).toEqual({ jobId: expect.stringMatching(UUID), queue: queueName, name, deduplicated: false });
      const job = await queue(queueName as QueueName).getJob(res.body.jobId);
      expect(job?.name).toBe(name);
      expect(job?.data).toEqual(data);
      const again = await post(`/prediction/${route}`, body).expect(202);
      expect(again.body).toEqual({ ...res.body, deduplicated: true });
    });

    it("carries the gateway's request id into the job, so that the worker's log lines of it carry it too", async () => {
      const res = await post('/prediction/predict', { asset: 'BTC', interval: '1w' })
        .set('x-request-id', 'req-from-the-gateway-7')
        .expect(202);
      expect(res.headers['x-request-id']).toBe('req-from-the-gateway-7');
      const job = await queue(QueueName.Prediction).getJob(res.body.jobId);
      expect(job?.data).toEqual({ asset: 'BTC', interval: '1w', requestId: 'req-from-the-gateway-7' });
    });

    it.each([
      ['predict', { asset: 'BTC', horizon: 0 }, 'horizon must be a whole number from 1 to 30'],
      ['predict', { asset: 'BTC', horizon: 31 }, 'horizon must be a whole number from 1 to 30'],
      ['predict', { asset: 'BTC', horizon: '7' }, 'horizon must be a whole number from 1 to 30'],
      ['ingest', { asset: 'BTC', mode: 'everything' }, 'mode must be one of sync, backfill'],
      ['score', { asset: 'BTC', interval: '1d', hyperparameters: {} }, 'property hyperparameters should not exist'],
      ['score', { asset: 'SELECT*', interval: '1d' }, 'asset must be a symbol of 2 to 12 letters or digits, such as BTC'],
      ['ingest', { asset: 'XRP', interval: '1d' }, "asset 'XRP' is not known to Candlecast: tracked assets are BTC, ETH"],
      ['score', { asset: 'BTC', interval: null }, 'interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d'],
      ['score', { asset: null }, 'asset is required: a symbol of 2 to 12 letters or digits, such as BTC'],
      ['predict', { asset: 'BTC', interval: null }, 'interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d'],
      ['predict', { asset: 'BTC', horizon: null }, 'horizon must be a whole number from 1 to 30'],
      ['predict', { interval: '1d' }, 'asset is required: a symbol of 2 to 12 letters or digits, such as BTC'],
      ['ingest', { asset: 'BTC', interval: null }, 'interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d'],
      ['ingest', { asset: 'BTC', mode: null }, 'mode must be one of sync, backfill'],
      ['ingest', { asset: 'ſol' }, 'asset must be a symbol of 2 to 12 letters or digits, such as BTC'],
    ])('POST /prediction/%s refuses %j with 400 naming the field, and enqueues nothing', async (route, body, message) => {
      const queues = [QueueName.Scoring, QueueName.Prediction, QueueName.MarketData];
      const before = await Promise.all(queues.map((name) => queue(name).getJobCounts()));
      const res = await post(`/prediction/${route}`, body).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
      expect(await Promise.all(queues.map((name) => queue(name).getJobCounts()))).toEqual(before);
    });
  });

  describe('GET /prediction/jobs/:id', () => {
    it('shows a job: its queue, state, progress, attempts and data', async () => {
      const { body: accepted } = await post('/prediction/score', { asset: 'ETH', interval: '1h' }).expect(202);
      const res = await get(`/prediction/jobs/${accepted.jobId}`).expect(200);
      expect(res.body).toEqual({
        id: accepted.jobId,
        queue: 'scoring',
        name: 'score',
        state: 'waiting',
        progress: 0,
        attemptsMade: 0,
        asset: 'ETH',
        interval: '1h',
        data: { asset: 'ETH', interval: '1h' },
        result: null,
        failedReason: null,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        processedAt: null,
        finishedAt: null,
      });
    });

    it('shows progress as the worker reports it', async () => {
      const { body: accepted } = await post('/prediction/train', { asset: 'ETH', interval: '1h' }).expect(202);
      const progress = {
        epoch: 2,
        epochs: 5,
        loss: 0.02,
        valLoss: 0.03,
        history: [
          { epoch: 1, loss: 0.04, valLoss: 0.05 },
          { epoch: 2, loss: 0.02, valLoss: 0.03 },
        ],
      };
      await (await queue(QueueName.Training).getJob(accepted.jobId))!.updateProgress(progress);
      const res = await get(`/prediction/jobs/${accepted.jobId}`).expect(200);
      expect(res.body.progress).toEqual(progress);
    });

    it('answers an unknown id with 404', async () => {
      const res = await get('/prediction/jobs/00000000-0000-4000-8000-000000000000').expect(404);
      expect(res.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: "No job with id '00000000-0000-4000-8000-000000000000': it never existed, or it finished long enough ago to be removed",
      });
    });

    it.each(BULLMQ_QUEUE_KEYS)(
      "answers %s, one of BullMQ's own keys beside the jobs' and no job id we issue, with 404, never 500",
      async (id) => {
        // A queue with a job has these keys in Redis: read as a job, they would fail.
        await post('/prediction/score', { asset: 'BTC', interval: '1d' }).expect(202);
        const res = await get(`/prediction/jobs/${id}`).expect(404);
        expect(res.body).toEqual({
          statusCode: 404,
          error: 'Not Found',
          message: `No job with id '${id}': it never existed, or it finished long enough ago to be removed`,
        });
      },
    );

    it("shows a job scheduler's job by its id, repeat:<scheduler>:<millis>, and answers 404 once it is gone", async () => {
      const scoring = queue(QueueName.Scoring);
      const job = await scoring.upsertJobScheduler(
        'score-ETH-1h',
        { every: 3_600_000 },
        { name: 'score', data: { asset: 'ETH', interval: '1h' } },
      );
      try {
        expect(job.id).toMatch(/^repeat:score-ETH-1h:\d+$/);
        const res = await get(`/prediction/jobs/${job.id}`).expect(200);
        expect(res.body).toMatchObject({ id: job.id, queue: 'scoring', name: 'score', data: { asset: 'ETH', interval: '1h' } });
      } finally {
        await scoring.removeJobScheduler('score-ETH-1h');
        await scoring.remove(job.id!);
      }
      await get(`/prediction/jobs/${job.id}`).expect(404);
    });

    it.each(["1'%20OR%20'1'='1", 'x'.repeat(65), '%2E%2E%2Fsecrets'])('answers the malformed id %s with 400', async (id) => {
      const res = await get(`/prediction/jobs/${id}`).expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'id must be a job id: 1 to 64 letters, digits, -, _ or :',
      });
    });
  });
  describe('GET /prediction/jobs', () => {
    /** Jobs in every state, made by hand the way a worker would move them (BullMQ's manual processing). */
    const made: Record<string, string> = {};
    const workers: Worker[] = [];
    const workerToken = 'jobs-spec';
    /** The next job of a queue, now active, as a worker takes it. */
    const take = async (name: QueueName) => {
      const connection = { url: process.env.REDIS_URL!, maxRetriesPerRequest: null };
      const worker = new Worker(name, null, { connection, prefix: process.env.QUEUE_PREFIX!, autorun: false });
      workers.push(worker);
      return (await worker.getNextJob(workerToken))!;
    };

    beforeAll(async () => {
      await emptyQueues();
      made.sync = (await post('/prediction/ingest', { asset: 'BTC', interval: '1d' }).expect(202)).body.jobId;
      made.train = (await post('/prediction/train', { asset: 'BTC', interval: '1d', family: 'garch' }).expect(202)).body.jobId;
      made.scored = (await post('/prediction/score', { asset: 'BTC', interval: '1d' }).expect(202)).body.jobId;
      await (await take(QueueName.Scoring)).moveToCompleted({ best: 2 }, workerToken, false);
      made.scoring = (await post('/prediction/score', { asset: 'ETH', interval: '1h' }).expect(202)).body.jobId;
      await take(QueueName.Scoring);
      made.failed = (await post('/prediction/predict', { asset: 'ETH', interval: '1h' }).expect(202)).body.jobId;
      await (await take(QueueName.Prediction)).moveToFailed(new UnrecoverableError('no model is marked best yet'), workerToken, false);
      made.retrying = (await post('/prediction/predict', { asset: 'BTC', interval: '1d' }).expect(202)).body.jobId;
      await (await take(QueueName.Prediction)).moveToFailed(new Error('Postgres went away'), workerToken, false);
    });

    afterAll(async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await emptyQueues();
    });

    const ids = (res: request.Response) => res.body.jobs.map((job: { id: string }) => job.id);

    it('lists the jobs of every queue in every state, newest first, each with its series, state, attempts and timestamps', async () => {
      const res = await get('/prediction/jobs').expect(200);
      expect(res.body.count).toBe(6);
      expect(new Set(ids(res))).toEqual(new Set(Object.values(made)));
      const created = res.body.jobs.map((job: { createdAt: string }) => job.createdAt);
      expect(created).toEqual([...created].sort().reverse());
      const byId = Object.fromEntries(res.body.jobs.map((job: { id: string }) => [job.id, job]));
      expect(byId[made.sync]).toMatchObject({ queue: 'market-data', name: 'sync', asset: 'BTC', interval: '1d', state: 'waiting' });
      expect(byId[made.train]).toMatchObject({ queue: 'training', name: 'train', state: 'waiting', processedAt: null, finishedAt: null });
      expect(byId[made.scored]).toMatchObject({
        queue: 'scoring',
        name: 'score',
        asset: 'BTC',
        interval: '1d',
        state: 'completed',
        result: { best: 2 },
        attemptsMade: 1,
        processedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        finishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(byId[made.scoring]).toMatchObject({ asset: 'ETH', interval: '1h', state: 'active', finishedAt: null });
      expect(byId[made.failed]).toMatchObject({ queue: 'prediction', state: 'failed', failedReason: 'no model is marked best yet' });
      expect(byId[made.retrying]).toMatchObject({ state: 'delayed', attemptsMade: 1, failedReason: 'Postgres went away' });
    });

    it.each([
      ['queue=scoring', () => [made.scored, made.scoring]],
      ['queue=market-data', () => [made.sync]],
      ['state=failed', () => [made.failed]],
      ['state=waiting', () => [made.sync, made.train]],
      ['queue=prediction&state=delayed', () => [made.retrying]],
      ['queue=training&state=completed', () => []],
    ])('filters by %s', async (query, expected) => {
      const res = await get(`/prediction/jobs?${query}`).expect(200);
      expect(res.body.count).toBe(expected().length);
      expect(new Set(ids(res))).toEqual(new Set(expected()));
    });

    it('answers at most limit jobs, the newest', async () => {
      const all = await get('/prediction/jobs').expect(200);
      const res = await get('/prediction/jobs?limit=2').expect(200);
      expect(res.body.count).toBe(2);
      expect(res.body.jobs).toEqual(all.body.jobs.slice(0, 2));
    });

    it.each([
      ['queue=webhooks', 'queue must be one of market-data, training, scoring, prediction, research, alerts, notifications'],
      ['queue=', 'queue must be one of market-data, training, scoring, prediction, research, alerts, notifications'],
      ['queue=scoring&queue=training', 'queue must be one of market-data, training, scoring, prediction, research, alerts, notifications'],
      ['state=paused', 'state must be one of waiting, delayed, prioritized, waiting-children, active, completed, failed'],
      ['state=unknown', 'state must be one of waiting, delayed, prioritized, waiting-children, active, completed, failed'],
      ['limit=0', 'limit must be a whole number from 1 to 200'],
      ['limit=201', 'limit must be a whole number from 1 to 200'],
      ['limit=ten', 'limit must be a whole number from 1 to 200'],
      ['limit=1.5', 'limit must be a whole number from 1 to 200'],
      ['asset=BTC', 'property asset should not exist'],
    ])('refuses %s with 400 naming the field', async (query, message) => {
      const res = await get(`/prediction/jobs?${query}`).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    });
  });

  describe('GET /prediction/hyperparameters', () => {
    it('lists every hyperparameter a train request may set, with its type, range and default, and the cost budget', async () => {
      const res = await get('/prediction/hyperparameters').expect(200);
      expect(res.body.costBudget).toBe(1_000_000_000);
      expect(res.body.maxCandles).toMatchObject({ '1h': 2 * 365 * 24, '4h': 4 * 365 * 6, '1m': 30 * 24 * 60 });
      expect(res.body.maxCandles['1d']).toBe(Math.ceil((Date.now() / 1000 - Date.UTC(2013, 8, 1) / 1000) / 86_400));
      expect(res.body.hyperparameters.map((h: { name: string }) => h.name)).toEqual([
        'units',
        'layers',
        'window',
        'horizon',
        'epochs',
        'batchSize',
        'learningRate',
        'dropout',
        'patience',
        'seeds',
        'seed',
      ]);
      expect(res.body.hyperparameters[0]).toEqual({
        name: 'units',
        type: 'integer',
        min: 4,
        max: 256,
        default: 16,
        description: 'LSTM units per layer',
      });
      expect(res.body.hyperparameters[6]).toEqual({
        name: 'learningRate',
        type: 'number',
        min: 0.00001,
        max: 0.1,
        default: 0.001,
        description: "Adam's learning rate",
      });
    });
  });
});
