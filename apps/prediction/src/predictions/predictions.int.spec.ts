import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AssetRepository, type AssetEntity, type ModelSummary } from '#libs/database';
import { KNOWN_ASSETS } from '#libs/market-data';
import { BTC_DAILY, emptyDatabase, seedAsset } from '../../../../test/support/fixtures.js';
import { bootPrediction, hyperparameters, seedForecasts, trainingMetrics } from '../../../../test/support/prediction-app.js';
import { INTERNAL_TOKEN } from '../../../../test/support/nest-app.js';
import { emptyQueues } from '../../../../test/support/queues.js';

const INTERVALS = '1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d';

const IMPOSSIBLE = (field: string) =>
  `${field} must be a real date and time: a month from 01 to 12, a day that month has, hours 00 to 23, minutes and seconds 00 to 59`;

describe('prediction read routes', () => {
  let app: INestApplication;
  let btc: AssetEntity;
  const get = (url: string) => request(app.getHttpServer()).get(url).set('x-internal-token', INTERNAL_TOKEN);

  beforeAll(async () => {
    app = await bootPrediction();
    await emptyDatabase(app.get(DataSource));
    await emptyQueues();
    btc = await seedAsset(app, 'BTC', '1d', BTC_DAILY);
  });

  afterAll(() => app.close());

  describe('before any model or forecast exists', () => {
    it.each([
      ['latest', 'No forecast for BTC 1d yet: no model has been trained for it (POST /prediction/train starts one)'],
      ['history', 'No forecast for BTC 1d yet: no model has been trained for it (POST /prediction/train starts one)'],
      ['best-model', 'No model for BTC 1d yet: none has been trained (POST /prediction/train starts one)'],
      ['model-evaluation', 'No model for BTC 1d yet: none has been trained (POST /prediction/train starts one)'],
    ])('GET /prediction/%s answers 404 and says what is missing', async (route, message) => {
      const res = await get(`/prediction/${route}?asset=BTC&interval=1d`).expect(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message });
    });

    it('lists an empty registry', async () => {
      expect((await get('/prediction/models').expect(200)).body).toEqual({ count: 0, models: [] });
    });
  });

  describe('bad input', () => {
    it.each([
      ['latest?interval=1d', 'asset is required: a symbol of 2 to 12 letters or digits, such as BTC'],
      ['latest?asset=BTC&interval=2h', `interval must be one of ${INTERVALS}`],
      ['latest?asset=BTC&interval=1D', `interval must be one of ${INTERVALS}`],
      ['latest?asset=B&interval=1d', 'asset must be a symbol of 2 to 12 letters or digits, such as BTC'],
      ['latest?asset=BTC&asset=ETH', 'asset must be a symbol of 2 to 12 letters or digits, such as BTC'],
      ["latest?asset=BTC'%20OR%201=1--&interval=1d", 'asset must be a symbol of 2 to 12 letters or digits, such as BTC'],
      ["latest?asset=BTC&interval=1d'%3B%20DROP%20TABLE%20predictions%3B--", `interval must be one of ${INTERVALS}`],
      ['latest?asset=BTC&interval=1d&model=1', 'property model should not exist'],
      ['history?asset=BTC&limit=0', 'limit must be a whole number from 1 to 1000'],
      ['history?asset=BTC&limit=1001', 'limit must be a whole number from 1 to 1000'],
      ['history?asset=BTC&limit=1%20OR%201=1', 'limit must be a whole number from 1 to 1000'],
      ['history?asset=BTC&from=yesterday', 'from must be an ISO 8601 date (2024-01-31 or 2024-01-31T12:00:00Z) or unix seconds'],
      ['history?asset=BTC&to=2024-13-45', IMPOSSIBLE('to')],
      ['history?asset=BTC&from=2024-02-30', IMPOSSIBLE('from')],
      ['history?asset=BTC&from=2024-01-31T24:00:00Z', IMPOSSIBLE('from')],
      ['history?asset=BTC&from=2024-01-31T23:60Z', IMPOSSIBLE('from')],
      [
        'history?asset=BTC&from=2024-01-31T10:00',
        'from must say its time zone: end it with Z or an offset such as +02:00 (a date alone means midnight UTC)',
      ],
      ['history?asset=BTC&to=9999-12-31T23:00:00-05:00', 'to must be from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z'],
      ['history?asset=BTC&from=253402300800', 'from must be from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z'],
      ['history?asset=BTC&limit=0x10', 'limit must be a whole number from 1 to 1000'],
      ['history?asset=BTC&limit=1e2', 'limit must be a whole number from 1 to 1000'],
      ['history?asset=BTC&limit=%2B1', 'limit must be a whole number from 1 to 1000'],
      ['history?asset=BTC&limit=%201', 'limit must be a whole number from 1 to 1000'],
      ['history?asset=BTC&limit=9223372036854775807', 'limit must be a whole number from 1 to 1000'],
      ['latest?asset=%C5%BFol', 'asset must be a symbol of 2 to 12 letters or digits, such as BTC'],
      ['models?asset=%C5%BFol', 'asset must be a symbol of 2 to 12 letters or digits, such as BTC'],
      ['latest?asset=BTC%00', 'asset must not contain control characters (U+0000 to U+001F or U+007F)'],
      ['latest?asset=BTC&__proto__=1', 'property __proto__ should not exist'],
      ['latest?asset=BTC&constructor=1', 'property constructor should not exist'],
      ['models?toString=1', 'property toString should not exist'],
      ['history?asset=BTC&from=2014-01-01&to=2013-01-01', 'from must not be after to'],
      ['models?status=deleted', 'status must be one of training, ready, failed, archived'],
      ["models?status=ready'--", 'status must be one of training, ready, failed, archived'],
      ['models?interval=7d', `interval must be one of ${INTERVALS}`],
      ['best-model?asset=%F0%9F%92%A9', 'asset must be a symbol of 2 to 12 letters or digits, such as BTC'],
    ])('answers ?%s with 400 naming the field', async (query, message) => {
      const res = await get(`/prediction/${query}`).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    });

    it.each(['latest', 'history', 'best-model', 'model-evaluation', 'models'])(
      'answers GET /prediction/%s for an asset Candlecast does not know with 400 naming asset',
      async (route) => {
        const res = await get(`/prediction/${route}?asset=DOGE&interval=1d`).expect(400);
        expect(res.body).toEqual({
          statusCode: 400,
          error: 'Bad Request',
          message: "asset 'DOGE' is not known to Candlecast: tracked assets are BTC",
        });
      },
    );
  });

  describe('with models and forecasts', () => {
    let best: ModelSummary;
    let older: ModelSummary;

    beforeAll(async () => {
      ({ best, older } = await seedForecasts(app, btc));
      await app.get(AssetRepository).track(KNOWN_ASSETS.ETH);
    });

    it('GET /prediction/latest gives the newest forecast, its model, the candle it started from and when it was made', async () => {
      const res = await get('/prediction/latest?asset=btc&interval=1d').expect(200);
      expect(res.body).toEqual({
        asset: 'BTC',
        interval: '1d',
        madeAt: '2013-10-10T00:05:00.000Z',
        model: {
          id: best.id,
          version: 2,
          family: 'lstm',
          pinned: false,
          trainedTo: '2013-10-08T00:00:00.000Z',
          trainedAt: expect.any(String),
        },
        // A step-7 model: no walk-forward (no edge claimed), no calibration, no distribution.
        stale: false,
        edge: { vsNaive: 'none', relMae: null, ci95: null, dmPValue: null, samples: 0 },
        calibration: null,
        basedOn: { time: '2013-10-09T00:00:00.000Z', close: '123.84' },
        points: [
          ['2013-10-10T00:00:00.000Z', '124.5'],
          ['2013-10-11T00:00:00.000Z', '125.25'],
          ['2013-10-12T00:00:00.000Z', '126.00000001'],
        ].map(([targetTime, close]) => ({
          targetTime,
          predictedClose: close,
          median: close,
          quantiles: null,
          intervals: null,
          sigma: null,
          expectedRange: null,
          actualClose: null,
        })),
      });
    });

    it('defaults the interval to 1d', async () => {
      const res = await get('/prediction/latest?asset=BTC').expect(200);
      expect(res.body.interval).toBe('1d');
    });

    it('keeps each asset and interval apart', async () => {
      const hourly = await get('/prediction/latest?asset=BTC&interval=1h').expect(404);
      expect(hourly.body.message).toBe('No forecast for BTC 1h yet: no model has been trained for it (POST /prediction/train starts one)');
      const eth = await get('/prediction/latest?asset=ETH&interval=1d').expect(404);
      expect(eth.body.message).toMatch(/^No forecast for ETH 1d yet/);
    });

    it('GET /prediction/history gives past forecasts with their actual closes and the live accuracy', async () => {
      const res = await get('/prediction/history?asset=BTC&interval=1d').expect(200);
      expect(res.body).toMatchObject({ asset: 'BTC', interval: '1d', count: 6 });
      expect(res.body.forecasts.slice(0, 3)).toEqual([
        {
          madeAt: '2013-10-07T00:05:00.000Z',
          targetTime: '2013-10-07T00:00:00.000Z',
          predictedClose: '123.0',
          actualClose: '123.61',
          baseClose: '122.0',
          error: expect.closeTo(0.61, 6),
          directionHit: true,
          inside80: null,
          inside90: null,
          inside95: null,
          model: { id: best.id, version: 2 },
        },
        {
          madeAt: '2013-10-07T00:05:00.000Z',
          targetTime: '2013-10-08T00:00:00.000Z',
          predictedClose: '121.5',
          actualClose: '124.18',
          baseClose: '122.0',
          error: expect.closeTo(2.68, 6),
          directionHit: false,
          inside80: null,
          inside90: null,
          inside95: null,
          model: { id: best.id, version: 2 },
        },
        {
          madeAt: '2013-10-07T00:05:00.000Z',
          targetTime: '2013-10-09T00:00:00.000Z',
          predictedClose: '124.0',
          actualClose: '123.84',
          baseClose: '122.0',
          error: expect.closeTo(-0.16, 6),
          directionHit: true,
          inside80: null,
          inside90: null,
          inside95: null,
          model: { id: best.id, version: 2 },
        },
      ]);
      expect(res.body.forecasts[3]).toMatchObject({
        targetTime: '2013-10-10T00:00:00.000Z',
        actualClose: null,
        baseClose: '123.84',
        error: null,
        directionHit: null,
      });
      expect(res.body.accuracy).toEqual({
        realized: 3,
        mae: expect.closeTo(1.15, 6),
        directionHitRate: expect.closeTo(2 / 3, 6),
        withIntervals: 0,
        coverage80: null,
        coverage90: null,
        coverage95: null,
      });
    });

    it('pages history by target time: the most recent with limit alone, from a date on with from', async () => {
      const recent = await get('/prediction/history?asset=BTC&interval=1d&limit=2').expect(200);
      expect(recent.body.forecasts.map((f: { targetTime: string }) => f.targetTime)).toEqual([
        '2013-10-11T00:00:00.000Z',
        '2013-10-12T00:00:00.000Z',
      ]);
      const window = await get('/prediction/history?asset=BTC&interval=1d&from=2013-10-08&to=1381276800').expect(200);
      expect(window.body.forecasts.map((f: { targetTime: string }) => f.targetTime)).toEqual([
        '2013-10-08T00:00:00.000Z',
        '2013-10-09T00:00:00.000Z',
      ]);
      const none = await get('/prediction/history?asset=BTC&interval=1d&from=2020-01-01').expect(200);
      expect(none.body).toMatchObject({ count: 0, forecasts: [], accuracy: { realized: 0, mae: null, directionHitRate: null } });
    });

    it('GET /prediction/best-model gives the best model with its latest evaluation, never its weights', async () => {
      const res = await get('/prediction/best-model?asset=BTC&interval=1d').expect(200);
      expect(res.body.model).toEqual({
        id: best.id,
        asset: 'BTC',
        interval: '1d',
        version: 2,
        status: 'ready',
        isBest: true,
        family: 'lstm',
        pinned: false,
        served: true,
        stale: false,
        selection: null,
        hyperparameters: hyperparameters({ units: 32, window: 30 }),
        trainedFrom: '2013-10-06T00:00:00.000Z',
        trainedTo: '2013-10-08T00:00:00.000Z',
        metrics: trainingMetrics(0.95),
        backend: 'cpu',
        trainingMs: 1234,
        failureReason: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(res.body.latestEvaluation).toMatchObject({ kind: 'score', samples: 3, createdAt: '2013-10-10T01:00:00.000Z' });
      expect(JSON.stringify(res.body)).not.toMatch(/weights|topology|secret|kernel/i);
    });

    it('GET /prediction/model-evaluation gives the latest evaluation of the best model beside the naive forecast', async () => {
      const res = await get('/prediction/model-evaluation?asset=BTC&interval=1d').expect(200);
      expect(res.body).toMatchObject({ asset: 'BTC', interval: '1d', model: { id: best.id, version: 2, isBest: true } });
      expect(res.body.evaluation).toEqual({
        id: expect.any(String),
        kind: 'score',
        windowFrom: '2013-10-06T00:00:00.000Z',
        windowTo: '2013-10-09T00:00:00.000Z',
        samples: 3,
        metrics: { mae: 1.1, rmse: 1.4, mape: 0.9, r2: 0.2, mase: 0.93, directionalAccuracy: 0.67 },
        naiveMetrics: { mae: 1.18, rmse: 1.5, mape: 0.95, r2: 0, mase: 1, directionalAccuracy: 0.5 },
        createdAt: '2013-10-10T01:00:00.000Z',
      });
    });

    it('GET /prediction/models lists the registry newest version first, filtered by asset, interval and status, without artifacts', async () => {
      const all = await get('/prediction/models').expect(200);
      expect(all.body.count).toBe(2);
      expect(all.body.models.map((m: { id: string }) => m.id)).toEqual([best.id, older.id]);
      expect(JSON.stringify(all.body)).not.toMatch(/weights|topology|weightSpecs|features/);
      expect((await get('/prediction/models?asset=btc&interval=1d&status=ready').expect(200)).body.count).toBe(2);
      expect((await get('/prediction/models?status=failed').expect(200)).body).toEqual({ count: 0, models: [] });
      expect((await get('/prediction/models?interval=1h').expect(200)).body.count).toBe(0);
      expect((await get('/prediction/models?asset=ETH').expect(200)).body.count).toBe(0);
    });

    it('says when models exist but none is the best yet', async () => {
      await app.get(DataSource).query('UPDATE models SET is_best = false');
      try {
        const res = await get('/prediction/best-model?asset=BTC&interval=1d').expect(404);
        expect(res.body.message).toBe(
          'No best model for BTC 1d yet: none of its 2 model(s) has been chosen (POST /prediction/score picks one)',
        );
      } finally {
        await app.get(DataSource).query('UPDATE models SET is_best = true WHERE id = $1', [best.id]);
      }
    });
  });
});
