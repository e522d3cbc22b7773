import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Worker } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { parseEnv } from '#libs/config';
import { BacktestRepository, ModelRepository, PredictionRepository, type AssetEntity, type NewBacktestRecord } from '#libs/database';
import type { BacktestFigures, BacktestSummary, CalibrationState, Candle, ModelFamily } from '#libs/domain';
import { CancellationSignals, JobProducer, QueueName } from '#libs/queue';
import { emptyDatabase, seedAsset } from '../../../../test/support/fixtures.js';
import { bootPrediction } from '../../../../test/support/prediction-app.js';
import { INTERNAL_TOKEN } from '../../../../test/support/nest-app.js';
import { emptyQueues, eventually } from '../../../../test/support/queues.js';

const DAY = 86_400;
const T0 = 1_672_531_200; // 2023-01-01
const iso = (t: number) => new Date(t * 1000).toISOString();
/** 400 daily candles, the last on 2024-02-04. */
const CANDLES: Candle[] = Array.from({ length: 400 }, (_, i) => {
  const close = String(100 + (i % 7));
  return {
    time: T0 + i * DAY,
    open: close,
    high: String(101 + (i % 7)),
    low: String(99 + (i % 7)),
    close,
    vwap: null,
    volume: '1',
    trades: 1,
  };
});
const NEWEST = T0 + 399 * DAY;

const figures = (relMae: number, dmPValue: number | null): BacktestFigures => ({
  samples: 300,
  from: T0,
  to: NEWEST,
  relMae: { value: relMae, ci95: [relMae - 0.01, relMae + 0.01], dmPValue },
  hitRate: { value: 0.5, ci95: [0.44, 0.56], samples: 290, ptPValue: 0.6, upShare: 0.52 },
  coverage: [
    { level: 80, value: 0.8, ci95: [0.75, 0.84], christoffersenP: 0.5 },
    { level: 90, value: 0.9, ci95: [0.86, 0.93], christoffersenP: 0.4 },
    { level: 95, value: 0.95, ci95: [0.92, 0.97], christoffersenP: 0.3 },
  ],
  coverage90ByStep: [0.9, 0.89],
  winkler90: 0.12,
  pinball: 0.011,
  pinballByQuantile: [0.004, 0.007, 0.012, 0.015, 0.012, 0.007, 0.004],
  qlike: { model: -6.2, ewma: -6.0, dmPValue: 0.01 },
  r2Returns: -0.002,
  r2LogRange: 0.31,
});
const summary = (relMae: number, dmPValue: number | null): BacktestSummary => ({
  ...figures(relMae, dmPValue),
  segments: [figures(relMae, dmPValue)],
});

/** A calibration whose step 1 saw 10 actuals: 7 inside the 80% interval, 9 inside the 90% and all inside the 95%. */
const CALIBRATION: CalibrationState = {
  method: 'normalized-conformal-aci',
  window: 500,
  gamma: 0.005,
  steps: [
    {
      residuals: [0.1, -0.2],
      alpha: { '80': 0.2, '90': 0.1, '95': 0.05 },
      hits: {
        '80': [true, true, true, false, true, true, false, true, false, true],
        '90': [true, true, true, true, true, true, false, true, true, true],
        '95': Array<boolean>(10).fill(true),
      },
    },
  ],
};

/** Step 8's API: forecasts as distributions, the registry's families and pins, volatility, backtests, tuning, cancellation. */
describe('prediction routes of step 8', () => {
  let app: INestApplication;
  let btc: AssetEntity;
  const ids: Record<string, string> = {};
  const as = (method: 'get' | 'post' | 'put' | 'delete', url: string) =>
    request(app.getHttpServer())
      [method](url)
      .set('x-internal-token', INTERNAL_TOKEN)
      .set('x-user-id', 'admin-id')
      .set('x-user-role', 'admin');
  const get = (url: string) => as('get', url);
  const post = (url: string, body: object) => as('post', url).send(body);
  const queue = (name: QueueName) => app.get(JobProducer).queue(name);
  const bad = (res: request.Response, message: string) => expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });

  const ready = async (family: ModelFamily, relMae: number, dmPValue: number | null) => {
    const models = app.get(ModelRepository);
    const model = await models.create({ assetId: btc.id, interval: '1d', status: 'training', family, hyperparameters: {} });
    await models.completeFit(model.id, {
      artifact: { family, horizon: 2, settings: {}, params: {} },
      weights: null,
      calibration: CALIBRATION,
      metrics: summary(relMae, dmPValue),
      trainedFrom: new Date(T0 * 1000),
      trainedTo: new Date(NEWEST * 1000),
      backend: null,
      trainingMs: 40,
    });
    return model.id;
  };

  beforeAll(async () => {
    app = await bootPrediction({ BACKTEST_COST_BUDGET: '5000', TUNE_COST_BUDGET: '1000000000' });
    await emptyDatabase(app.get(DataSource));
    await emptyQueues();
    btc = await seedAsset(app, 'BTC', '1d', CANDLES);
    ids.garch = await ready('garch', 0.97, 0.01);
    ids.ewma = await ready('ewma', 1.0, 0.6);
    ids.training = (
      await app.get(ModelRepository).create({ assetId: btc.id, interval: '1d', status: 'training', family: 'lstm', hyperparameters: {} })
    ).id;
    await app.get(ModelRepository).writeSelection(
      btc.id,
      '1d',
      [
        {
          id: ids.garch,
          selection: {
            served: true,
            reason: 'lowest pinball',
            pinball: 0.011,
            coverage90: 0.9,
            calibrated: true,
            decidedAt: iso(NEWEST),
          },
        },
      ],
      ids.garch,
    );
    // A forecast of the garch model made from the newest candle (close 100 + 399 % 7 = 101), two steps.
    await app.get(PredictionRepository).add({
      modelId: ids.garch,
      assetId: btc.id,
      interval: '1d',
      madeAt: new Date((NEWEST + DAY + 60) * 1000),
      points: [1, 2].map((step) => ({
        targetTime: new Date((NEWEST + step * DAY) * 1000),
        predictedClose: '101',
        distribution: {
          quantiles: [97, 98, 100, 101, 102, 104, 105].map((p) => p + step - 1),
          intervals: { '80': { lower: 98, upper: 104 }, '90': { lower: 97, upper: 105 }, '95': { lower: 96, upper: 106 } },
          sigma: 0.02 * Math.sqrt(step),
          rangeLow: 99,
          rangeHigh: 103,
          rawCenter: 0,
          rawSigma: 0.02 * Math.sqrt(step),
        },
      })),
    });
  });

  afterAll(async () => {
    await emptyQueues();
    await app.close();
  });

  describe('GET /prediction/latest', () => {
    it('gives each point its median, quantiles, intervals, σ and expected range, and the model its family, pin, edge and coverage', async () => {
      const res = await get('/prediction/latest?asset=BTC&interval=1d').expect(200);
      expect(res.body).toMatchObject({
        model: { id: ids.garch, family: 'garch', pinned: false, trainedTo: iso(NEWEST) },
        stale: false,
        edge: { vsNaive: 'better', relMae: 0.97, ci95: [0.96, 0.98], dmPValue: 0.01, samples: 300 },
        calibration: { coverage80: 0.7, coverage90: 0.9, coverage95: 1, window: 10, method: 'normalized-conformal-aci' },
      });
      expect(res.body.points[0]).toEqual({
        targetTime: iso(NEWEST + DAY),
        predictedClose: '101',
        median: '101',
        quantiles: [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95].map((q, i) => ({ q, price: String([97, 98, 100, 101, 102, 104, 105][i]) })),
        intervals: [
          { level: 80, lower: '98', upper: '104' },
          { level: 90, lower: '97', upper: '105' },
          { level: 95, lower: '96', upper: '106' },
        ],
        sigma: 0.02,
        expectedRange: { low: '99', high: '103' },
        actualClose: null,
      });
    });

    it('claims no edge when the Diebold–Mariano test does not support one, and says when the model is stale', async () => {
      await app.get(ModelRepository).pin(ids.ewma);
      await app.get(PredictionRepository).add({
        modelId: ids.ewma,
        assetId: btc.id,
        interval: '1d',
        madeAt: new Date((NEWEST + DAY + 120) * 1000),
        points: [{ targetTime: new Date((NEWEST + DAY) * 1000), predictedClose: '101' }],
      });
      await app.get(DataSource).query(`UPDATE models SET created_at = now() - interval '15 days' WHERE id = $1`, [ids.ewma]);
      try {
        const res = await get('/prediction/latest?asset=BTC&interval=1d').expect(200);
        expect(res.body).toMatchObject({
          model: { id: ids.ewma, family: 'ewma', pinned: true },
          stale: true,
          edge: { vsNaive: 'none', relMae: 1 },
        });
        expect(res.body.points[0]).toMatchObject({ median: '101', quantiles: null, intervals: null, sigma: null, expectedRange: null });
      } finally {
        await app.get(DataSource).query(`DELETE FROM predictions WHERE model_id = $1`, [ids.ewma]);
        await app.get(DataSource).query(`UPDATE models SET created_at = now() WHERE id = $1`, [ids.ewma]);
        await app.get(ModelRepository).unpin(ids.ewma);
      }
    });
  });

  describe('GET /prediction/models', () => {
    it('gives each model its family, pin, whether it is served, whether it is stale, and why the score chose it or not', async () => {
      const res = await get('/prediction/models?asset=BTC&interval=1d').expect(200);
      const byId = Object.fromEntries(res.body.models.map((m: { id: string }) => [m.id, m]));
      expect(byId[ids.garch]).toMatchObject({
        family: 'garch',
        pinned: false,
        served: true,
        stale: false,
        isBest: true,
        selection: { served: true, reason: 'lowest pinball', pinball: 0.011, coverage90: 0.9, calibrated: true },
        metrics: { relMae: { value: 0.97 }, segments: [expect.any(Object)] },
      });
      expect(byId[ids.ewma]).toMatchObject({ family: 'ewma', served: false, selection: null });
      expect(byId[ids.training]).toMatchObject({ family: 'lstm', status: 'training', served: false, stale: false });
      expect((await get('/prediction/models?family=ewma').expect(200)).body.models.map((m: { id: string }) => m.id)).toEqual([ids.ewma]);
    });

    it('refuses an unknown family with 400 naming the field', async () => {
      bad(await get('/prediction/models?family=prophet').expect(400), 'family must be one of lstm, naive, ewma, garch, har-range');
    });
  });

  describe('PUT and DELETE /prediction/models/{id}/pin', () => {
    it('pins a ready model, which is then served over the best one, and unpins it', async () => {
      const pinned = await as('put', `/prediction/models/${ids.ewma}/pin`).expect(200);
      expect(pinned.body).toMatchObject({ id: ids.ewma, pinned: true, served: true });
      const list = (await get('/prediction/models?asset=BTC').expect(200)).body.models;
      expect(list.find((m: { id: string }) => m.id === ids.garch)).toMatchObject({ isBest: true, served: false });
      const unpinned = await as('delete', `/prediction/models/${ids.ewma}/pin`).expect(200);
      expect(unpinned.body).toMatchObject({ id: ids.ewma, pinned: false, served: false });
      expect((await get(`/prediction/models?family=garch`).expect(200)).body.models[0]).toMatchObject({ served: true });
    });

    it('moves the pin when another model of the series is pinned', async () => {
      await as('put', `/prediction/models/${ids.ewma}/pin`).expect(200);
      await as('put', `/prediction/models/${ids.garch}/pin`).expect(200);
      const pins = (await get('/prediction/models?asset=BTC').expect(200)).body.models.filter((m: { pinned: boolean }) => m.pinned);
      expect(pins.map((m: { id: string }) => m.id)).toEqual([ids.garch]);
      await as('delete', `/prediction/models/${ids.garch}/pin`).expect(200);
    });

    it('refuses to pin a model that is not ready with 409 saying why', async () => {
      const res = await as('put', `/prediction/models/${ids.training}/pin`).expect(409);
      expect(res.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: `Model ${ids.training} is training: only a ready model can be pinned`,
      });
    });

    it.each(['put', 'delete'] as const)(
      '%s answers 404 for an unknown model and 400 for something that is not a model id',
      async (method) => {
        const unknown = '00000000-0000-4000-8000-000000000000';
        expect((await as(method, `/prediction/models/${unknown}/pin`).expect(404)).body.message).toBe(`No model with id '${unknown}'`);
        bad(await as(method, '/prediction/models/v2/pin').expect(400), 'id must be a model id (a UUID)');
      },
    );
  });

  describe('GET /prediction/volatility', () => {
    it("gives each step's own σ, annualised by √(candles per year), its expected range, the model and its skill over EWMA", async () => {
      const res = await get('/prediction/volatility?asset=btc&interval=1d').expect(200);
      expect(res.body).toMatchObject({
        asset: 'BTC',
        interval: '1d',
        horizon: 2,
        candlesPerYear: 365.25,
        model: { id: ids.garch, family: 'garch' },
        skillVsEwma: { qlike: -6.2, ewmaQlike: -6.0, dmPValue: 0.01 },
      });
      expect(res.body.skillVsEwma.skill).toBeCloseTo(1 - 6.2 / 6.0, 10);
      const [first, second] = res.body.steps;
      expect(first).toMatchObject({
        step: 1,
        targetTime: iso(NEWEST + DAY),
        cumulativeSigma: 0.02,
        expectedRange: { low: '99', high: '103' },
      });
      expect(first.sigma).toBeCloseTo(0.02, 12);
      expect(first.annualizedSigma).toBeCloseTo(0.02 * Math.sqrt(365.25), 10);
      expect(first.expectedLogRange).toBeCloseTo(Math.log(103 / 99), 12);
      // σ² adds up over steps: the second candle's own σ is √(2σ² − σ²) = σ.
      expect(second.sigma).toBeCloseTo(0.02, 10);
      expect(res.body.annualizedSigma).toBe(first.annualizedSigma);
      expect((await get('/prediction/volatility?asset=BTC&horizon=1').expect(200)).body.steps).toHaveLength(1);
    });

    it('answers 404 for a series without a forecast, and 400 for a horizon out of range', async () => {
      expect((await get('/prediction/volatility?asset=BTC&interval=1h').expect(404)).body.message).toMatch(/^No forecast for BTC 1h yet/);
      bad(await get('/prediction/volatility?asset=BTC&horizon=0').expect(400), 'horizon must be a whole number from 1 to 30');
      bad(await get('/prediction/volatility?asset=BTC&horizon=31').expect(400), 'horizon must be a whole number from 1 to 30');
    });
  });

  describe('GET /prediction/backtest', () => {
    const record = (i: number): NewBacktestRecord => ({
      originTime: new Date((T0 + Math.floor(i / 2) * DAY) * 1000),
      step: (i % 2) + 1,
      lastClose: 100,
      actualClose: 101,
      median: 100,
      quantiles: [96, 97, 99, 100, 101, 103, 104],
      lower80: 97,
      upper80: 103,
      lower90: 96,
      upper90: 104,
      lower95: 95,
      upper95: 105,
      sigma: 0.02,
      pit: 0.6,
      pinball: 0.01,
    });

    it('answers 404 with what to do when no walk-forward is stored', async () => {
      const res = await get('/prediction/backtest?asset=BTC&interval=1d').expect(404);
      expect(res.body.message).toBe(
        'No backtest of BTC 1d yet: POST /prediction/backtest runs one (a trained model also stores its own walk-forward)',
      );
    });

    it("serves a model's training walk-forward when no backtest was run, and the newest backtest once one was, paged", async () => {
      const backtests = app.get(BacktestRepository);
      const records = Array.from({ length: 10 }, (_, i) => record(i));
      ids.trainingRun = await backtests.save(
        {
          assetId: btc.id,
          interval: '1d',
          family: 'garch',
          kind: 'training',
          modelId: ids.garch,
          params: { horizon: 2 },
          summary: summary(0.97, 0.01),
        },
        records,
      );
      const training = await get('/prediction/backtest?asset=BTC&interval=1d&limit=3').expect(200);
      expect(training.body).toMatchObject({
        id: ids.trainingRun,
        kind: 'training',
        family: 'garch',
        modelId: ids.garch,
        count: 10,
        offset: 0,
        nextOffset: 3,
      });
      expect(training.body.summary).toEqual(JSON.parse(JSON.stringify(summary(0.97, 0.01))));
      expect(training.body.records[0]).toEqual({
        originTime: iso(T0),
        step: 1,
        lastClose: '100',
        actualClose: '101',
        median: '100',
        quantiles: ['96', '97', '99', '100', '101', '103', '104'],
        lower80: '97',
        upper80: '103',
        lower90: '96',
        upper90: '104',
        lower95: '95',
        upper95: '105',
        sigma: 0.02,
        pit: 0.6,
        pinball: 0.01,
      });

      ids.run = await backtests.save(
        {
          assetId: btc.id,
          interval: '1d',
          family: 'ewma',
          kind: 'backtest',
          params: { horizon: 2 },
          summary: summary(1, 0.5),
          jobId: 'job-1',
        },
        records,
      );
      const step1 = await get('/prediction/backtest?asset=BTC&interval=1d&step=1&limit=4&offset=4').expect(200);
      expect(step1.body).toMatchObject({
        id: ids.run,
        kind: 'backtest',
        family: 'ewma',
        jobId: 'job-1',
        count: 5,
        offset: 4,
        nextOffset: null,
      });
      expect(step1.body.records.map((r: { step: number; originTime: string }) => [r.step, r.originTime])).toEqual([[1, iso(T0 + 4 * DAY)]]);
      expect((await get('/prediction/backtest?asset=BTC&interval=1d&family=garch').expect(200)).body.id).toBe(ids.trainingRun);
      expect((await get('/prediction/backtest?asset=BTC&interval=1d&kind=training').expect(200)).body.id).toBe(ids.trainingRun);
      expect((await get('/prediction/backtest?asset=BTC&family=lstm').expect(404)).body.message).toMatch(
        /^No backtest of BTC 1d for the family lstm yet/,
      );
    });

    it.each([
      ['backtest?interval=1d', 'asset is required: a symbol of 2 to 12 letters or digits, such as BTC'],
      ['backtest?asset=BTC&family=arima', 'family must be one of lstm, naive, ewma, garch, har-range'],
      ['backtest?asset=BTC&kind=tune-trial', 'kind must be one of backtest, training'],
      ['backtest?asset=BTC&limit=0', 'limit must be a whole number from 1 to 2000'],
      ['backtest?asset=BTC&limit=2001', 'limit must be a whole number from 1 to 2000'],
      ['backtest?asset=BTC&offset=-1', 'offset must be a whole number from 0 to 10000000'],
      ['backtest?asset=BTC&step=0', 'step must be a whole number from 1 to 30'],
      ['backtest?asset=BTC&cursor=abc', 'property cursor should not exist'],
      ['backtest?asset=DOGE', "asset 'DOGE' is not known to Candlecast: tracked assets are BTC"],
    ])('answers ?%s with 400 naming the field', async (query, message) => {
      bad(await get(`/prediction/${query}`).expect(400), message);
    });
  });

  describe('POST /prediction/backtest and /prediction/tune', () => {
    it('enqueues a backtest on the research queue with its span, horizon and cadence resolved, and answers 202', async () => {
      const res = await post('/prediction/backtest', {
        asset: 'btc',
        interval: '1d',
        family: 'ewma',
        from: iso(T0 + 100 * DAY),
        horizon: 3,
      }).expect(202);
      expect(res.body).toEqual({ jobId: expect.any(String), queue: 'research', name: 'backtest', deduplicated: false });
      const job = await queue(QueueName.Research).getJob(res.body.jobId);
      expect(job?.data).toEqual({
        asset: 'BTC',
        interval: '1d',
        family: 'ewma',
        from: T0 + 100 * DAY,
        to: NEWEST - DAY,
        horizon: 3,
        refitEvery: 30,
      });
    });

    it('passes the settings asked for to the job, and counts them in the cost', async () => {
      const res = await post('/prediction/backtest', { asset: 'BTC', family: 'garch', settings: { window: 200 }, horizon: 2 }).expect(202);
      const job = await queue(QueueName.Research).getJob(res.body.jobId);
      expect(job?.data).toMatchObject({ family: 'garch', settings: { window: 200 } });
      await job!.remove();
      // 2 seeds instead of 5, no folds: 2 × 5,120,000 per fit, 5 fits = 51,200,000 (still above 5,000).
      const lstm = await post('/prediction/backtest', { asset: 'BTC', family: 'lstm', settings: { seeds: 2 } }).expect(400);
      expect(lstm.body.message).toMatch(/^This backtest would cost 51,200,000 \(5 fits × 10,240,000 per fit;/);
    });

    it("backtests the served model's family when none is asked for", async () => {
      const res = await post('/prediction/backtest', { asset: 'BTC', interval: '1d' }).expect(202);
      expect((await queue(QueueName.Research).getJob(res.body.jobId))?.data).toMatchObject({ family: 'garch', horizon: 7, refitEvery: 30 });
    });

    it('refuses with 400 a backtest above BACKTEST_COST_BUDGET, saying its cost and the limit', async () => {
      // A baseline's fit costs 1: 398 refits are within 5,000.
      await post('/prediction/backtest', { asset: 'BTC', interval: '1d', family: 'naive', refitEvery: 1 }).expect(202);
      const lstm = await post('/prediction/backtest', { asset: 'BTC', interval: '1d', family: 'lstm' }).expect(400);
      // 399 origins refit every 90: 5 fits, each 5 seeds × units 16 × window 20 × epochs 40 × 400 candles (no cross-validation in a refit).
      bad(
        lstm,
        'This backtest would cost 128,000,000 (5 fits × 25,600,000 per fit; 399 origins refit every 90, lstm fits of 400 candles, ' +
          'every seed counted), above the limit of 5,000 (BACKTEST_COST_BUDGET)',
      );
    });

    it.each([
      [{ interval: '1d' }, 'asset is required: a symbol of 2 to 12 letters or digits, such as BTC'],
      [{ asset: 'BTC', family: 'prophet' }, 'family must be one of lstm, naive, ewma, garch, har-range'],
      [{ asset: 'BTC', horizon: 0 }, 'horizon must be a whole number from 1 to 30'],
      [{ asset: 'BTC', horizon: 3.5 }, 'horizon must be a whole number from 1 to 30'],
      [{ asset: 'BTC', refitEvery: 0 }, 'refitEvery must be a whole number from 1 to 10000'],
      [{ asset: 'BTC', from: 'yesterday' }, 'from must be an ISO 8601 date (2024-01-31 or 2024-01-31T12:00:00Z) or unix seconds'],
      [{ asset: 'BTC', from: '2024-01-02', to: '2024-01-01' }, 'from must not be after to'],
      [{ asset: 'BTC', from: '2030-01-01' }, 'No BTC 1d candle opens between from and to: there is nothing to backtest'],
      [{ asset: 'BTC', span: 90 }, 'property span should not exist'],
      [{ asset: 'BTC', family: 'ewma', settings: { lambda: 2 } }, 'settings.lambda of ewma: must be within 0.5…0.9999, got 2'],
      [{ asset: 'BTC', family: 'garch', settings: { lambda: 0.9 } }, 'settings.lambda of garch: unknown setting; known ones are window'],
      [{ asset: 'BTC', family: 'lstm', settings: { units: 8.5 } }, 'settings.units of lstm: must be a whole number, got 8.5'],
      [{ asset: 'BTC', family: 'lstm', settings: { folds: 9 } }, 'settings.folds of lstm: must be within 0…5, got 9'],
      [{ asset: 'BTC', settings: [1] }, 'settings must be an object of numbers such as {"window": 1000}'],
    ])('refuses the backtest %j with 400 naming the field', async (body, message) => {
      bad(await post('/prediction/backtest', body).expect(400), message);
    });

    it('enqueues a tuning of the LSTM by default and refuses one above TUNE_COST_BUDGET with its cost and the limit', async () => {
      const res = await post('/prediction/tune', { asset: 'BTC', interval: '1d', trials: 3 }).expect(202);
      expect(res.body).toMatchObject({ queue: 'research', name: 'tune', deduplicated: false });
      expect((await queue(QueueName.Research).getJob(res.body.jobId))?.data).toMatchObject({
        asset: 'BTC',
        interval: '1d',
        trials: 3,
        family: 'lstm',
      });
      const big = await post('/prediction/tune', { asset: 'BTC', interval: '1d', trials: 100 }).expect(400);
      expect(big.body.message).toMatch(
        /^This tuning would cost [\d,]+ \(102 fits × [\d,]+ per fit; 100 trials of lstm on 400 candles and the winner's training, every fit at the costliest settings a trial can draw, with every seed\), above the limit of 1,000,000,000 \(TUNE_COST_BUDGET\)$/,
      );
    });

    it.each([
      [{ asset: 'BTC' }, 'trials must be a whole number from 1 to 100'],
      [{ asset: 'BTC', trials: 0 }, 'trials must be a whole number from 1 to 100'],
      [{ asset: 'BTC', trials: 101 }, 'trials must be a whole number from 1 to 100'],
      [{ asset: 'BTC', trials: 2, family: 'arima' }, 'family must be one of lstm, naive, ewma, garch, har-range'],
    ])('refuses the tuning %j with 400 naming the field', async (body, message) => {
      bad(await post('/prediction/tune', body).expect(400), message);
    });
  });

  describe('POST /prediction/train with families', () => {
    it('enqueues one job per default family of the interval, the LSTM named at the top level as before', async () => {
      await emptyQueues();
      const res = await post('/prediction/train', { asset: 'BTC', interval: '1d' }).expect(202);
      expect(res.body.jobs.map((job: { family: string }) => job.family)).toEqual(['lstm', 'naive', 'ewma', 'garch', 'har-range']);
      expect(res.body).toMatchObject({ family: 'lstm', jobId: res.body.jobs[0].jobId, queue: 'training', name: 'train' });
      const waiting = await queue(QueueName.Training).getJobs(['waiting']);
      expect(waiting.map((job) => job.data.family).sort()).toEqual(['ewma', 'garch', 'har-range', 'lstm', 'naive']);
    });

    it('enqueues one family when asked, deduplicated per family, and refuses LSTM hyperparameters for another family', async () => {
      const again = await post('/prediction/train', { asset: 'BTC', interval: '1d', family: 'garch' }).expect(202);
      expect(again.body).toMatchObject({ family: 'garch', deduplicated: true, jobs: [expect.objectContaining({ family: 'garch' })] });
      bad(
        await post('/prediction/train', { asset: 'BTC', family: 'naive', hyperparameters: { units: 8 } }).expect(400),
        "hyperparameters are the LSTM's settings: leave them out to train naive, or ask for family lstm",
      );
      bad(
        await post('/prediction/train', { asset: 'BTC', family: 'LSTM' }).expect(400),
        'family must be one of lstm, naive, ewma, garch, har-range',
      );
    });

    it('trains only the baselines on an interval that LSTM_INTERVALS leaves out', async () => {
      const res = await post('/prediction/train', { asset: 'BTC', interval: '5m' }).expect(202);
      expect(res.body.jobs.map((job: { family: string }) => job.family)).toEqual(['naive', 'ewma', 'garch', 'har-range']);
      expect(res.body.family).toBe('naive');
    });
  });

  describe('DELETE /prediction/jobs/{id}', () => {
    const workers: Worker[] = [];
    afterAll(() => Promise.all(workers.map((worker) => worker.close())));

    it('removes a job that has not started (it never runs), and a new request enqueues a new one', async () => {
      await emptyQueues();
      const { body } = await post('/prediction/tune', { asset: 'BTC', trials: 2, family: 'garch' }).expect(202);
      const res = await as('delete', `/prediction/jobs/${body.jobId}`).expect(200);
      expect(res.body).toEqual({ id: body.jobId, state: 'removed', message: `Job ${body.jobId} was removed before it started` });
      expect(await queue(QueueName.Research).getJob(body.jobId)).toBeUndefined();
      const again = await post('/prediction/tune', { asset: 'BTC', trials: 2, family: 'garch' }).expect(202);
      expect(again.body).toMatchObject({ deduplicated: false });
      expect(again.body.jobId).not.toBe(body.jobId);
    });

    it('asks a running job to stop: the AbortSignal of the worker running it fires', async () => {
      await emptyQueues();
      const { body } = await post('/prediction/backtest', { asset: 'BTC', family: 'naive' }).expect(202);
      const worker = new Worker(QueueName.Research, null, {
        connection: { url: process.env.REDIS_URL!, maxRetriesPerRequest: null },
        prefix: process.env.QUEUE_PREFIX!,
        autorun: false,
      });
      workers.push(worker);
      const job = (await worker.getNextJob('cancel-spec'))!;
      expect(job.id).toBe(body.jobId);
      const signals = new CancellationSignals(parseEnv({ ...process.env }));
      try {
        const signal = signals.forJob(job.id!);
        const res = await as('delete', `/prediction/jobs/${job.id}`).expect(202);
        expect(res.body).toMatchObject({ id: job.id, state: 'cancelling' });
        await eventually(
          async () => signal.aborted,
          (aborted) => aborted,
          5000,
        );
        expect((signal.reason as Error).message).toBe(`job ${job.id} cancelled by user admin-id`);
        await job.moveToFailed(signal.reason as Error, 'cancel-spec', false);
        const finished = await as('delete', `/prediction/jobs/${job.id}`).expect(409);
        expect(finished.body).toEqual({
          statusCode: 409,
          error: 'Conflict',
          message: `Job ${job.id} has already failed: there is nothing left to cancel`,
        });
      } finally {
        signals.release(job.id!);
        await signals.onApplicationShutdown();
      }
    });

    it('answers 404 for an unknown job and 400 for something that is not a job id', async () => {
      const unknown = '0b7c2f4e-5a3d-4d8e-9c61-2f0d4a9b7e13';
      expect((await as('delete', `/prediction/jobs/${unknown}`).expect(404)).body.message).toMatch(/^No job with id/);
      bad(await as('delete', '/prediction/jobs/not%20a%20job').expect(400), 'id must be a job id: 1 to 64 letters, digits, -, _ or :');
    });
  });

  describe('GET /prediction/history', () => {
    it('says of each realized forecast whether it fell inside its intervals, and the accuracy adds coverage per level', async () => {
      // The first target closes at 104.5: outside the 80% interval (98–104), inside the 90% and 95%.
      const close = '104.5';
      await app
        .get(DataSource)
        .query(
          `INSERT INTO candles (asset_id, interval, time, open, high, low, close, volume, trades) VALUES ($1, 1440, to_timestamp($2), $3, $3, $3, $3, 1, 1)`,
          [btc.id, NEWEST + DAY, close],
        );
      await app.get(PredictionRepository).realize(btc.id, '1d');
      const res = await get(`/prediction/history?asset=BTC&interval=1d&from=${NEWEST + DAY}`).expect(200);
      expect(res.body.forecasts[0]).toMatchObject({ actualClose: close, inside80: false, inside90: true, inside95: true });
      expect(res.body.forecasts[1]).toMatchObject({ actualClose: null, inside80: null, inside90: null, inside95: null });
      expect(res.body.accuracy).toMatchObject({ realized: 1, withIntervals: 1, coverage80: 0, coverage90: 1, coverage95: 1 });
    });
  });
});
