import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { BacktestSummary, CalibrationState, ModelFamily } from '#libs/domain';
import { KNOWN_ASSETS } from '#libs/market-data';
import { emptyDatabase } from '../../../../test/support/fixtures.js';
import { eventually } from '../../../../test/support/queues.js';
import { openTestDatabase } from '../../../../test/support/test-database.js';
import { AssetRepository } from './asset.repository.js';
import { BacktestRepository, type NewBacktestRecord } from './backtest.repository.js';
import { CandleRepository } from './candle.repository.js';
import { ModelRepository, type FittedModel } from './model.repository.js';
import { PredictionRepository, type NewPointDistribution } from './prediction.repository.js';

const DAY = 86_400;
const T0 = 1_700_006_400; // a midnight UTC

const calibration = (residuals: number[] = []): CalibrationState => ({
  method: 'normalized-conformal-aci',
  window: 500,
  gamma: 0.005,
  steps: [{ residuals, alpha: { '80': 0.2, '90': 0.1, '95': 0.05 }, hits: { '80': [], '90': [], '95': [] } }],
});

const summary = { samples: 3, from: T0, to: T0 + 2 * DAY, segments: [] } as unknown as BacktestSummary;

const fitted = (family: ModelFamily, weights: Buffer | null = null): FittedModel => ({
  artifact: { family, horizon: 2, settings: { lambda: 0.94 }, params: { variance: 0.0004 } },
  weights,
  calibration: calibration(),
  metrics: summary,
  trainedFrom: new Date(T0 * 1000),
  trainedTo: new Date((T0 + 9 * DAY) * 1000),
  backend: null,
  trainingMs: 12,
});

/** A distribution around `close` whose intervals are ±1%, ±2% and ±3%. */
const around = (close: number): NewPointDistribution => ({
  quantiles: [0.98, 0.99, 0.995, 1, 1.005, 1.01, 1.02].map((f) => close * f),
  intervals: {
    '80': { lower: close * 0.99, upper: close * 1.01 },
    '90': { lower: close * 0.98, upper: close * 1.02 },
    '95': { lower: close * 0.97, upper: close * 1.03 },
  },
  sigma: 0.01,
  rangeLow: close * 0.985,
  rangeHigh: close * 1.015,
  rawCenter: 0.001,
  rawSigma: 0.011,
});

/** The registry, forecasts and walk-forwards of step 8, against a real Postgres. */
describe('the forecast registry (models, forecasts as distributions, backtests)', () => {
  let db: DataSource;
  let models: ModelRepository;
  let predictions: PredictionRepository;
  let backtests: BacktestRepository;
  let assetId: number;

  const newModel = async (family: ModelFamily, ready = true) => {
    const model = await models.create({ assetId, interval: '1d', status: 'training', family, hyperparameters: { lambda: 0.94 } });
    if (ready) await models.completeFit(model.id, fitted(family, family === 'lstm' ? Buffer.from([1, 2, 3]) : null));
    return model.id;
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    models = new ModelRepository(db);
    predictions = new PredictionRepository(db);
    backtests = new BacktestRepository(db);
  });

  beforeEach(async () => {
    await emptyDatabase(db);
    assetId = (await new AssetRepository(db).track(KNOWN_ASSETS.BTC)).id;
  });

  afterAll(async () => {
    await db.destroy();
  });

  it('registers a model of any family and completes its fit with its artifact, calibration and walk-forward summary', async () => {
    const id = await newModel('ewma', false);
    expect((await models.findById(id))!).toMatchObject({ family: 'ewma', status: 'training', pinned: false });
    expect(await models.completeFit(id, fitted('ewma'))).toBe(true);
    expect(await models.completeFit(id, fitted('ewma'))).toBe(false);
    const model = (await models.findById(id))!;
    expect(model).toMatchObject({ status: 'ready', calibration: calibration(), metrics: summary, trainingMs: 12 });
  });

  it('serves the pinned model over the best one, and the best once it is unpinned', async () => {
    const best = await newModel('lstm');
    const other = await newModel('garch');
    expect(await models.served(assetId, '1d')).toBeNull();
    await models.markBest(best);
    expect(await models.served(assetId, '1d')).toMatchObject({
      id: best,
      family: 'lstm',
      pinned: false,
      artifact: { family: 'lstm', weights: Buffer.from([1, 2, 3]) },
    });
    expect(await models.pin(other)).toBe('pinned');
    const served = (await models.served(assetId, '1d'))!;
    expect(served).toMatchObject({ id: other, family: 'garch', pinned: true, isBest: false, calibration: calibration() });
    expect(served.artifact).toEqual(fitted('garch').artifact);
    expect(await models.servedId(assetId, '1d')).toBe(other);
    expect(await models.unpin(other)).toBe(true);
    expect(await models.servedId(assetId, '1d')).toBe(best);
  });

  it('keeps at most one pin per series: pinning another model moves it, even when two pins race', async () => {
    const [a, b, c] = [await newModel('naive'), await newModel('ewma'), await newModel('garch')];
    await models.pin(a);
    await Promise.all([models.pin(b), models.pin(c)]);
    const pinned = (await models.list({ assetId })).filter((m) => m.pinned);
    expect(pinned).toHaveLength(1);
    expect([b, c]).toContain(pinned[0].id);
  });

  it('refuses to pin a model that is not ready, and says when there is no such model', async () => {
    const training = await newModel('lstm', false);
    expect(await models.pin(training)).toBe('not-ready');
    expect(await models.pin('00000000-0000-4000-8000-000000000000')).toBe('not-found');
    expect(await models.unpin('00000000-0000-4000-8000-000000000000')).toBe(false);
  });

  it('archives old models per family beyond the newest, never the best or the pinned one, so that baselines do not archive the LSTM', async () => {
    const lstm = await newModel('lstm');
    const ewmas = [await newModel('ewma'), await newModel('ewma'), await newModel('ewma')];
    await models.markBest(ewmas[0]);
    // The newest (just trained, not scored yet) is kept, and the best beside it.
    expect(await models.archiveOld(assetId, '1d', 1)).toBe(1);
    const status = Object.fromEntries((await models.list({ assetId })).map((m) => [m.id, m.status]));
    expect(status).toEqual({ [lstm]: 'ready', [ewmas[0]]: 'ready', [ewmas[1]]: 'archived', [ewmas[2]]: 'ready' });
  });

  it('writes the selection of every model and the best in one go, leaving a pin alone', async () => {
    const [a, b] = [await newModel('naive'), await newModel('har-range')];
    await models.pin(a);
    const decidedAt = new Date().toISOString();
    await models.writeSelection(
      assetId,
      '1d',
      [
        { id: a, selection: { served: false, reason: 'higher pinball', pinball: 0.02, coverage90: 0.9, calibrated: true, decidedAt } },
        { id: b, selection: { served: true, reason: 'lowest pinball', pinball: 0.01, coverage90: 0.91, calibrated: true, decidedAt } },
      ],
      b,
    );
    const list = await models.list({ assetId });
    expect(list.find((m) => m.id === b)).toMatchObject({ isBest: true, selection: { served: true, reason: 'lowest pinball' } });
    expect(list.find((m) => m.id === a)).toMatchObject({ isBest: false, pinned: true, selection: { served: false } });
    await models.writeSelection(assetId, '1d', [], null);
    expect((await models.list({ assetId })).filter((m) => m.isBest)).toEqual([]);
  });

  it('fills actuals with whether each fell inside its intervals and moves the calibration of the model in the same transaction', async () => {
    const modelId = await newModel('ewma');
    const candles = new CandleRepository(db);
    const candle = (day: number, close: string) => ({
      time: T0 + day * DAY,
      open: close,
      high: close,
      low: close,
      close,
      vwap: null,
      volume: '1',
      trades: 1,
    });
    await candles.upsert(assetId, '1d', [candle(0, '100')]);
    await predictions.add({
      modelId,
      assetId,
      interval: '1d',
      madeAt: new Date((T0 + DAY) * 1000),
      points: [1, 2].map((day) => ({
        targetTime: new Date((T0 + day * DAY) * 1000),
        predictedClose: '100',
        distribution: around(100),
      })),
    });
    const latest = (await predictions.latestSet(assetId, '1d'))!;
    expect(latest.points[0]).toMatchObject({
      predictedClose: '100',
      quantiles: ['98', '99', '99.5', '100', '100.5', '101', '102'],
      intervals: [
        { level: 80, lower: '99', upper: '101' },
        { level: 90, lower: '98', upper: '102' },
        { level: 95, lower: '97', upper: '103' },
      ],
      sigma: 0.01,
      expectedRange: { low: '98.5', high: '101.5' },
      inside: null,
    });

    // Day 1 closes 1.5% up: outside the 80% interval, inside the 90% and 95%.
    await candles.upsert(assetId, '1d', [candle(1, '101.5')]);
    const seen: { calibration: CalibrationState | null; steps: number[] }[] = [];
    const realized = await predictions.realize(assetId, '1d', (model, filled) => {
      seen.push({ calibration: model.calibration, steps: filled.map((f) => f.step) });
      return calibration([(Math.log(101.5 / 100) - filled[0].rawCenter!) / filled[0].rawSigma!]);
    });
    expect(realized).toEqual([
      expect.objectContaining({
        modelId,
        step: 1,
        baseClose: '100',
        actualClose: '101.5',
        rawCenter: 0.001,
        rawSigma: 0.011,
        inside: { '80': false, '90': true, '95': true },
        issued: [
          { level: 80, lower: '99', upper: '101' },
          { level: 90, lower: '98', upper: '102' },
          { level: 95, lower: '97', upper: '103' },
        ],
      }),
    ]);
    expect(seen).toEqual([{ calibration: calibration(), steps: [1] }]);
    expect((await models.findById(modelId))!.calibration!.steps[0].residuals).toHaveLength(1);
    expect(await predictions.realize(assetId, '1d')).toEqual([]);

    const [record] = await predictions.history({ assetId, interval: '1d', limit: 1, from: new Date((T0 + DAY) * 1000) });
    expect(record).toMatchObject({ actualClose: '101.5', inside: { '80': false, '90': true, '95': true } });
    expect(await predictions.recentCoverage(assetId, '1d')).toEqual({ coverage80: 0, coverage90: 1, coverage95: 1, window: 1 });
    expect(await predictions.coverageBySeries()).toEqual([
      { assetId, asset: 'BTC', interval: '1d', coverage80: 0, coverage90: 1, coverage95: 1, window: 1 },
    ]);
  });

  it('counts only one-step forecasts in the realized coverage, and none before any is realized', async () => {
    expect(await predictions.recentCoverage(assetId, '1d')).toEqual({ coverage80: null, coverage90: null, coverage95: null, window: 0 });
    const modelId = await newModel('naive');
    const candles = new CandleRepository(db);
    const closes = ['100', '100', '110'];
    await candles.upsert(
      assetId,
      '1d',
      closes.map((close, day) => ({
        time: T0 + day * DAY,
        open: close,
        high: close,
        low: close,
        close,
        vwap: null,
        volume: '1',
        trades: 1,
      })),
    );
    // Made from day 0: step 1 (day 1, 100) is inside everything, step 2 (day 2, 110) outside everything.
    await predictions.add({
      modelId,
      assetId,
      interval: '1d',
      madeAt: new Date((T0 + DAY) * 1000),
      points: [1, 2].map((day) => ({ targetTime: new Date((T0 + day * DAY) * 1000), predictedClose: '100', distribution: around(100) })),
    });
    const realized = await predictions.realize(assetId, '1d');
    expect(realized.map((r) => [r.step, r.inside!['95']])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(await predictions.recentCoverage(assetId, '1d')).toMatchObject({ coverage95: 1, window: 1 });
  });

  it('stores a walk-forward with thousands of records and serves the newest one and pages of its records', async () => {
    const modelId = await newModel('garch');
    const record = (i: number): NewBacktestRecord => ({
      originTime: new Date((T0 + Math.floor(i / 2) * DAY) * 1000),
      step: (i % 2) + 1,
      lastClose: 100 + i,
      actualClose: i === 2999 ? null : '100.5',
      median: 100 + i,
      quantiles: [95, 96, 98, 100, 102, 104, 105],
      lower80: 96,
      upper80: 104,
      lower90: 95,
      upper90: 105,
      lower95: 94,
      upper95: 106,
      sigma: 0.02,
      pit: i === 2999 ? null : 0.5,
      pinball: 0.004,
    });
    const records = Array.from({ length: 3000 }, (_, i) => record(i));
    const training = await backtests.save(
      { assetId, interval: '1d', family: 'garch', kind: 'training', modelId, params: {}, summary },
      records,
    );
    const first = await backtests.save(
      { assetId, interval: '1d', family: 'ewma', kind: 'backtest', params: { horizon: 2 }, summary, jobId: '7' },
      records.slice(0, 10),
    );
    const newest = await backtests.save(
      { assetId, interval: '1d', family: 'garch', kind: 'backtest', params: { horizon: 2 }, summary, jobId: '8' },
      records.slice(0, 4),
    );
    expect(await backtests.newest(assetId, '1d')).toMatchObject({ id: newest, family: 'garch', jobId: '8', records: 4, summary });
    expect(await backtests.newest(assetId, '1d', { family: 'ewma' })).toMatchObject({ id: first, records: 10 });
    expect(await backtests.newest(assetId, '1d', { family: 'lstm' })).toBeNull();
    const page = await backtests.records(training, { limit: 2, offset: 2998 });
    expect(page).toEqual([
      expect.objectContaining({
        step: 1,
        lastClose: '3098',
        actualClose: '100.5',
        quantiles: ['95', '96', '98', '100', '102', '104', '105'],
      }),
      expect.objectContaining({ step: 2, actualClose: null, pit: null, sigma: 0.02 }),
    ]);
    const own = (await backtests.ofModel(modelId))!;
    expect(own.backtest).toMatchObject({ id: training, kind: 'training', records: 3000 });
    expect(own.records).toHaveLength(3000);
  });

  it('notifies the forecasts channel when the served model can have changed, and not on other model updates', async () => {
    const [a, b] = [await newModel('naive'), await newModel('ewma')];
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    const heard: string[] = [];
    client.on('notification', (message) => heard.push(`${message.channel}:${message.payload}`));
    await client.query('LISTEN candlecast_forecasts');
    const after = async (change: () => Promise<unknown>) => {
      heard.length = 0;
      await change();
      await client.query(`SELECT pg_notify('candlecast_forecasts', 'marker')`);
      return eventually(
        async () => [...heard],
        (seen) => seen.includes('candlecast_forecasts:marker'),
        5000,
      ).then((seen) => seen.filter((s) => s !== 'candlecast_forecasts:marker'));
    };
    try {
      expect(await after(() => models.pin(a))).toEqual(['candlecast_forecasts:models']);
      expect(await after(() => models.unpin(a))).toEqual(['candlecast_forecasts:models']);
      expect(await after(() => models.markBest(b))).toEqual(['candlecast_forecasts:models']);
      expect(await after(() => db.query(`UPDATE models SET status = 'archived' WHERE id = $1`, [a]))).toEqual([
        'candlecast_forecasts:models',
      ]);
      expect(await after(() => models.saveCalibration(b, calibration([0.5])))).toEqual(['candlecast_forecasts:models']);
      expect(await after(() => db.query(`UPDATE models SET selection = '{}', training_ms = 5 WHERE id = $1`, [b]))).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
