import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { AssetRepository, CandleRepository, forecastKey, ModelRepository, PredictionRepository } from '#libs/database';
import { QUANTILE_LEVELS, type CalibrationState, type ModelFamily } from '#libs/domain';
import { Metrics } from '#libs/observability';
import { CancellationSignals, JobName, JobProducer, QueueName } from '#libs/queue';
import { startFromScratch } from '../../../../test/support/fixtures.js';
import { KrakenStandIn } from '../../../../test/support/kraken-stand-in.js';
import { sample } from '../../../../test/support/metrics.js';
import { bootApp } from '../../../../test/support/nest-app.js';
import { emptyQueues, eventually, queueEvents } from '../../../../test/support/queues.js';
import { WorkerModule } from '../worker.module.js';
import { BASELINE_FAMILIES } from './training-plan.js';

/** The newest shipped BTC daily candle opened 2026-03-31. */
const NEWEST = new Date('2026-03-31T00:00:00Z');
const DAY = 86_400_000;

interface ModelRow {
  id: string;
  version: number;
  family: ModelFamily;
  status: string;
  best: boolean;
  pinned: boolean;
  trainedTo: Date;
  calibration: CalibrationState | null;
  artifact: { family: string; horizon: number } | null;
  selection: { served: boolean; reason: string; pinball: number | null; calibrated: boolean } | null;
}

describe('training per family, scoring, forecasting and research through the queues', () => {
  let kraken: KrakenStandIn;
  let app: INestApplication;
  let db: DataSource;
  let training: QueueEvents;
  let scoring: QueueEvents;
  let prediction: QueueEvents;
  let research: QueueEvents;
  let btcId: number;

  const producer = () => app.get(JobProducer);
  const models = async (): Promise<ModelRow[]> =>
    db.query(
      `SELECT id, version, family, status, is_best AS best, pinned, trained_to AS "trainedTo", calibration, artifact, selection
         FROM models WHERE asset_id = $1 AND interval = 1440 ORDER BY version`,
      [btcId],
    );
  const score = async () => (await producer().enqueue(JobName.Score, { asset: 'BTC', interval: '1d' })).waitUntilFinished(scoring, 60_000);
  const predict = async () =>
    (await producer().enqueue(JobName.Predict, { asset: 'BTC', interval: '1d' })).waitUntilFinished(prediction, 60_000);
  /** The scoring and forecast a training enqueues, finished: a job of ours would be deduplicated into them. */
  const settled = () =>
    eventually(
      async () => {
        let jobs = 0;
        for (const queue of [QueueName.Training, QueueName.Scoring, QueueName.Prediction]) {
          const counts = await producer().queue(queue).getJobCounts('waiting', 'prioritized', 'active');
          jobs += Object.values(counts).reduce((sum, n) => sum + n, 0);
        }
        return jobs;
      },
      (jobs) => jobs === 0,
      60_000,
      'the training, scoring and forecasting queues to be idle',
    );

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    await startFromScratch();
    app = await bootApp(WorkerModule, {
      KRAKEN_API_URL: kraken.url,
      TRACKED_ASSETS: 'BTC',
      TRACKED_INTERVALS: '1d',
      IMPORT_DEFAULT_HISTORY: 'true',
      // This spec asks for each training itself; the onboarding spec below lets the worker do it.
      TRAIN_ON_FIRST_START: 'false',
      TRAIN_HISTORY: '1d=2y',
      // The LSTM is trained by name below, small; a job without a family trains the baselines only here.
      LSTM_INTERVALS: 'none',
      MODELS_KEPT: '1',
      SYNC_EVERY: '1h',
      ML_BACKEND: 'wasm',
    });
    db = app.get(DataSource);
    [training, scoring, prediction, research] = await Promise.all(
      [QueueName.Training, QueueName.Scoring, QueueName.Prediction, QueueName.Research].map((name) => queueEvents(name)),
    );
    btcId = (await app.get(AssetRepository).findBySymbol('BTC'))!.id;
  }, 60_000);

  afterAll(async () => {
    await Promise.all([training, scoring, prediction, research].map((events) => events.close()));
    await app.close();
    await emptyQueues();
    await kraken.stop();
  });

  it.each(BASELINE_FAMILIES)(
    'trains %s through the queue: progress per refit, a ready model calibrated on its walk-forward up to the newest candle, and that walk-forward stored',
    async (family) => {
      const reported: unknown[] = [];
      const job = await producer().enqueue(JobName.Train, { asset: 'BTC', interval: '1d', family });
      const onProgress = (event: { jobId: string; data: unknown }) => event.jobId === job.id && reported.push(event.data);
      training.on('progress', onProgress);
      const result = await job.waitUntilFinished(training, 120_000);
      training.off('progress', onProgress);

      // Two years of daily candles (TRAIN_HISTORY), a walk-forward over the newest 365 origins refit every 30.
      expect(result).toMatchObject({ family, candles: 730, origins: 365, fits: 14, next: { queue: 'scoring', name: 'score' } });
      expect(reported.map((p) => (p as { refit: number }).refit)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
      expect(reported.every((p) => (p as { refits: number; family: string }).refits === 14)).toBe(true);

      const model = (await models()).find((m) => m.id === result.modelId)!;
      expect(model).toMatchObject({ family, status: 'ready', trainedTo: NEWEST, artifact: { family, horizon: 7 } });
      expect(model.calibration!.steps).toHaveLength(7);
      // Every actual of the walk-forward joined the calibration: 365 step-1 residuals.
      expect(model.calibration!.steps[0].residuals).toHaveLength(365);

      const [stored] = await db.query(
        `SELECT b.kind, b.summary, (SELECT count(*)::int FROM backtest_records r WHERE r.backtest_id = b.id) AS records
           FROM backtests b WHERE b.id = $1 AND b.model_id = $2`,
        [result.backtestId, model.id],
      );
      expect(stored).toMatchObject({ kind: 'training', records: 365 * 7, summary: { samples: 365 } });
      expect(stored.summary.coverage.map((c: { level: number }) => c.level)).toEqual([80, 90, 95]);

      // Its one-step point metrics beside the naive forecast's, for the model scoreboard (candlecast_model_score).
      const [evaluation] = await db.query(`SELECT kind, samples, metrics, naive_metrics AS naive FROM evaluations WHERE model_id = $1`, [
        model.id,
      ]);
      expect(evaluation).toMatchObject({ kind: 'train', samples: 365, metrics: { mase: expect.any(Number) }, naive: { mase: 1 } });
      // The baselines' median is the last close: exactly the naive forecast's error.
      expect(evaluation.metrics.mase).toBeCloseTo(1, 10);
    },
    120_000,
  );

  it('fails settings a family does not take at once, without a model or a retry', async () => {
    await settled();
    const before = (await models()).length;
    const job = await producer().enqueue(JobName.Train, { asset: 'BTC', interval: '1d', family: 'garch', hyperparameters: { window: 5 } });
    await expect(job.waitUntilFinished(training, 30_000)).rejects.toThrow(/window/);
    expect((await producer().find(job.id!))!.attemptsMade).toBe(1);
    expect((await models()).length).toBe(before);
  });

  it('chooses the served model from the training walk-forwards, and says on every model why it is or is not served', async () => {
    await settled();
    const result = await score();
    const ready = (await models()).filter((m) => m.status === 'ready');
    expect(ready.map((m) => m.family).sort()).toEqual([...BASELINE_FAMILIES].sort());
    const best = ready.filter((m) => m.best);
    expect(best).toHaveLength(1);
    expect(result).toMatchObject({ best: best[0].version, served: best[0].version });
    for (const model of ready) {
      expect(model.selection).toMatchObject({ served: model.best, reason: expect.stringMatching(/\S/), calibrated: expect.any(Boolean) });
      expect(model.selection!.reason).toMatch(model.best ? /^served/ : /^not served/);
    }
  });

  it('forecasts with the served model a calibrated distribution per step whose quantiles never cross', async () => {
    const result = await predict();
    const [best] = (await models()).filter((m) => m.best);
    expect(result).toMatchObject({ modelVersion: best.version, family: best.family, from: NEWEST.getTime() / 1000 });
    const rows = await db.query(
      `SELECT target_time AS "targetTime", predicted_close::float8 AS median, quantiles::float8[] AS quantiles,
              lower80::float8 AS l80, upper80::float8 AS u80, lower90::float8 AS l90, upper90::float8 AS u90,
              lower95::float8 AS l95, upper95::float8 AS u95, sigma, raw_center AS "rawCenter", raw_sigma AS "rawSigma",
              range_low::float8 AS "rangeLow", range_high::float8 AS "rangeHigh"
         FROM predictions WHERE model_id = $1 AND made_at = (SELECT max(made_at) FROM predictions WHERE model_id = $1)
        ORDER BY target_time`,
      [best.id],
    );
    expect(rows.map((r: { targetTime: Date }) => r.targetTime)).toEqual(
      Array.from({ length: 7 }, (_, i) => new Date(NEWEST.getTime() + (i + 1) * DAY)),
    );
    for (const row of rows) {
      expect(row.quantiles).toHaveLength(QUANTILE_LEVELS.length);
      expect([...row.quantiles].sort((a: number, b: number) => a - b)).toEqual(row.quantiles);
      expect(row.quantiles[3]).toBeCloseTo(row.median, 6);
      // Nested intervals around the median: 95 ⊃ 90 ⊃ 80.
      expect([row.l95, row.l90, row.l80, row.median, row.u80, row.u90, row.u95]).toEqual(
        [row.l95, row.l90, row.l80, row.median, row.u80, row.u90, row.u95].sort((a, b) => a - b),
      );
      expect(row.l95).toBeLessThan(row.u95);
      expect(row.sigma).toBeGreaterThan(0);
      expect(row.rawSigma).toBeGreaterThan(0);
      expect(row.rangeLow).toBeLessThan(row.rangeHigh);
    }
    // Further ahead, wider.
    expect(rows[6].u90 - rows[6].l90).toBeGreaterThan(rows[0].u90 - rows[0].l90);
  });

  it('fills the actual close of past forecasts, says whether it fell inside each interval, and moves the calibration in the same step', async () => {
    await settled();
    const [best] = (await models()).filter((m) => m.best);
    const residualsBefore = best.calibration!.steps.map((s) => s.residuals.length);
    // A forecast made from the 2026-03-29 close, for the 30th and the 31st (both closed), with a narrow and a wide interval.
    const interval = (lower: string, upper: string) => ({ lower, upper });
    const point = (targetTime: Date, bounds: [string, string, string, string, string, string]) => ({
      targetTime,
      predictedClose: '66000',
      distribution: {
        quantiles: [bounds[2], bounds[0], '65900', '66000', '66100', bounds[1], bounds[3]],
        intervals: { '80': interval(bounds[0], bounds[1]), '90': interval(bounds[2], bounds[3]), '95': interval(bounds[4], bounds[5]) },
        sigma: 0.02,
        rangeLow: '65000',
        rangeHigh: '67000',
        rawCenter: 0,
        rawSigma: 0.02,
      },
    });
    await app.get(PredictionRepository).add({
      modelId: best.id,
      assetId: btcId,
      interval: '1d',
      madeAt: new Date('2026-03-29T00:05:00Z'),
      points: [
        point(new Date('2026-03-30T00:00:00Z'), ['65990', '66010', '65980', '66020', '65970', '66030']),
        point(new Date('2026-03-31T00:00:00Z'), ['10000', '900000', '9000', '950000', '8000', '990000']),
      ],
    });
    const result = await predict();
    expect(result.actualsFilled).toBe(2);
    const filled = await db.query(
      `SELECT actual_close AS actual, inside80, inside90, inside95 FROM predictions WHERE made_at = '2026-03-29T00:05:00Z' ORDER BY target_time`,
    );
    expect(filled).toEqual([
      { actual: '66725.0', inside80: false, inside90: false, inside95: false },
      { actual: '68219.7', inside80: true, inside90: true, inside95: true },
    ]);
    const after = (await models()).find((m) => m.id === best.id)!;
    // Step 1 (the 30th) and step 2 (the 31st) each gained a residual; the others did not.
    expect(after.calibration!.steps.map((s) => s.residuals.length)).toEqual(
      residualsBefore.map((n, i) => (i < 2 ? Math.min(n + 1, after.calibration!.window) : n)),
    );
    // Each residual is (actual − raw center) / raw σ of the log return from the 29th's close (65950.3), kept to 6 significant digits.
    expect(after.calibration!.steps[0].residuals.at(-1)).toBeCloseTo(Math.log(66725.0 / 65950.3) / 0.02, 4);
    expect(after.calibration!.steps[1].residuals.at(-1)).toBeCloseTo(Math.log(68219.7 / 65950.3) / 0.02, 4);
    // Each miss is judged by the interval it was served with: the narrow one missed, the wide one held.
    expect(after.calibration!.steps[0].hits['90'].at(-1)).toBe(false);
    expect(after.calibration!.steps[1].hits['90'].at(-1)).toBe(true);
  });

  it('serves a pinned model instead of the choice, and the choice stays marked best', async () => {
    const [best] = (await models()).filter((m) => m.best);
    const other = (await models()).find((m) => m.status === 'ready' && !m.best)!;
    expect(await app.get(ModelRepository).pin(other.id)).toBe('pinned');
    const scored = await score();
    expect(scored).toMatchObject({ best: best.version, served: other.version });
    const after = await models();
    expect(after.find((m) => m.id === best.id)).toMatchObject({
      best: true,
      selection: { served: false, reason: expect.stringContaining('pinned') },
    });
    expect(after.find((m) => m.id === other.id)).toMatchObject({
      pinned: true,
      selection: { served: true, reason: expect.stringMatching(/^served: pinned/) },
    });
    await settled();
    const forecast = await predict();
    expect(forecast).toMatchObject({ modelVersion: other.version, pinned: true });
    await app.get(ModelRepository).unpin(other.id);
    expect(await score()).toMatchObject({ best: best.version, served: best.version });
  });

  it('keeps MODELS_KEPT ready models per family, never archiving the served one', async () => {
    await settled();
    const job = await producer().enqueue(JobName.Train, { asset: 'BTC', interval: '1d', family: 'naive' });
    const result = await job.waitUntilFinished(training, 60_000);
    await settled();
    const naive = (await models()).filter((m) => m.family === 'naive');
    const ready = naive.filter((m) => m.status === 'ready');
    // MODELS_KEPT=1: the new one, and the old one only if it is the served one.
    expect(ready.map((m) => m.id)).toContain(result.modelId);
    expect(ready.filter((m) => m.id !== result.modelId).every((m) => m.best || m.pinned)).toBe(true);
    expect(naive.filter((m) => m.status === 'archived').every((m) => !m.best)).toBe(true);
    // The other families were left alone.
    expect((await models()).filter((m) => m.status === 'ready' && m.family !== 'naive')).toHaveLength(BASELINE_FAMILIES.length - 1);
  });

  it('trains a small LSTM ensemble through the same walk-forward, reporting its epochs, and the score holds it against har-range', async () => {
    await settled();
    const reported: { refit: number; epoch?: number; epochs?: number }[] = [];
    const hyperparameters = { units: 4, window: 10, epochs: 2, seeds: 2, folds: 1, batchSize: 64 };
    const job = await producer().enqueue(JobName.Train, { asset: 'BTC', interval: '1d', family: 'lstm', hyperparameters });
    const onProgress = (event: { jobId: string; data: unknown }) => event.jobId === job.id && reported.push(event.data as never);
    training.on('progress', onProgress);
    const result = await job.waitUntilFinished(training, 300_000);
    training.off('progress', onProgress);
    // Refit once for the LSTM on the daily walk-forward, then the final fit on every candle.
    expect(result).toMatchObject({ family: 'lstm', origins: 365, fits: 2 });
    expect(reported.filter((p) => p.epoch !== undefined).length).toBeGreaterThan(0);
    expect(reported.filter((p) => p.epoch === undefined).map((p) => p.refit)).toEqual([1, 2]);
    const [row] = await db.query(
      `SELECT family, status, artifact->>'family' AS "artifactFamily", length(weights) AS weights, hyperparameters FROM models WHERE id = $1`,
      [result.modelId],
    );
    expect(row).toMatchObject({ family: 'lstm', status: 'ready', artifactFamily: 'lstm', hyperparameters: { units: 4, seeds: 2 } });
    expect(row.weights).toBeGreaterThan(0);
    await settled();
    const lstm = (await models()).find((m) => m.id === result.modelId)!;
    // T8: served only where it beats har-range by 1% with DM p < 0.05; either way the reason names har-range.
    expect(lstm.selection!.reason).toMatch(/har-range/);
    const forecast = await predict();
    expect(forecast.closes).toHaveLength(7);
  }, 300_000);

  it('tunes a family by a seeded random search, stores each trial, and trains the winner into the registry', async () => {
    await settled();
    const job = await producer().enqueue(JobName.Tune, { asset: 'BTC', interval: '1d', family: 'ewma', trials: 3 });
    const result = await job.waitUntilFinished(research, 120_000);
    expect(result.trials).toHaveLength(3);
    expect(result.trials[0].settings).toEqual({});
    expect(result.trials[1].settings).toEqual({ lambda: expect.any(Number) });
    const best = Math.min(...result.trials.map((t: { pinball: number }) => t.pinball));
    expect(result.winner.pinball).toBe(best);
    expect(result.next).toMatchObject({ queue: 'scoring', name: 'score' });
    const trials = await db.query(
      `SELECT kind, family, model_id AS "modelId", summary->'samples' AS samples FROM backtests WHERE job_id = $1 ORDER BY kind, created_at`,
      [job.id],
    );
    // The three trials, and the winner's own training walk-forward.
    expect(trials).toEqual(
      [
        ...Array.from({ length: 3 }, () => ({ kind: 'tune-trial', family: 'ewma', modelId: null, samples: 365 })),
        { kind: 'training', family: 'ewma', modelId: result.model.modelId, samples: 365 },
      ].sort((a, b) => a.kind.localeCompare(b.kind)),
    );
    const [model] = await db.query(`SELECT family, status, hyperparameters FROM models WHERE id = $1`, [result.model.modelId]);
    expect(model).toMatchObject({ family: 'ewma', status: 'ready' });
    // The winner's settings, defaults filled in: the first trial is the defaults (λ 0.94).
    expect(model.hyperparameters.lambda).toBe(result.winner.trial === 1 ? 0.94 : result.winner.settings.lambda);
  }, 120_000);

  it('stores a backtest of one family over a span with its summary and records, reporting each refit', async () => {
    const reported: unknown[] = [];
    const from = Math.floor((NEWEST.getTime() - 119 * DAY) / 1000);
    const job = await producer().enqueue(JobName.Backtest, {
      asset: 'BTC',
      interval: '1d',
      family: 'ewma',
      from,
      horizon: 3,
      refitEvery: 40,
    });
    const onProgress = (event: { jobId: string; data: unknown }) => event.jobId === job.id && reported.push(event.data);
    research.on('progress', onProgress);
    const result = await job.waitUntilFinished(research, 60_000);
    research.off('progress', onProgress);
    // Origins from 119 days before the newest candle to the one before it (its actual is the newest close).
    expect(result).toMatchObject({ family: 'ewma', from, to: NEWEST.getTime() / 1000 - 86_400, origins: 119, fits: 3 });
    expect(reported).toEqual([1, 2, 3].map((refit) => ({ refit, refits: 3 })));
    const [stored] = await db.query(
      `SELECT kind, family, model_id AS "modelId", job_id AS "jobId", params, summary,
              (SELECT count(*)::int FROM backtest_records r WHERE r.backtest_id = b.id) AS records,
              (SELECT count(*)::int FROM backtest_records r WHERE r.backtest_id = b.id AND r.actual_close IS NULL) AS unrealized
         FROM backtests b WHERE id = $1`,
      [result.backtestId],
    );
    expect(stored).toMatchObject({
      kind: 'backtest',
      family: 'ewma',
      modelId: null,
      jobId: job.id,
      params: { horizon: 3, refitEvery: 40, span: 119 },
      summary: { samples: 119 },
      records: 119 * 3,
      // The last origin's steps 2 and 3, and the one before's step 3, are after the newest candle.
      unrealized: 3,
    });
  });

  it('stops a backtest that is cancelled while it runs, and stores nothing of it', async () => {
    const job = await producer().enqueue(JobName.Backtest, { asset: 'BTC', interval: '1d', family: 'garch', refitEvery: 1 });
    const progress: number[] = [];
    const onProgress = (event: { jobId: string; data: unknown }) => {
      if (event.jobId !== job.id) return;
      progress.push((event.data as { refit: number }).refit);
      if (progress.length === 1) void app.get(CancellationSignals).request(job.id!);
    };
    research.on('progress', onProgress);
    await expect(job.waitUntilFinished(research, 60_000)).rejects.toThrow(/abort|cancel/i);
    research.off('progress', onProgress);
    // 365 refits were planned; it stopped within a few of the request.
    expect(progress.length).toBeLessThan(50);
    expect((await producer().find(job.id!))!.attemptsMade).toBe(1);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM backtests WHERE job_id = $1`, [job.id]);
    expect(n).toBe(0);
  });

  it('answers a train job without a family (the weekly retrain) with one job per family of the interval', async () => {
    await settled();
    const job = await producer().enqueue(JobName.Train, { asset: 'BTC', interval: '1d' });
    const result = await job.waitUntilFinished(training, 30_000);
    expect(result.families.map((f: { family: string }) => f.family)).toEqual([...BASELINE_FAMILIES]);
    const trained = await Promise.all(
      result.families.map(async ({ next }: { next: { jobId: string } }) =>
        (await producer().find(next.jobId))!.waitUntilFinished(training, 60_000),
      ),
    );
    expect(trained.map((t: { family: string }) => t.family)).toEqual([...BASELINE_FAMILIES]);
    await settled();
    const ready = (await models()).filter((m) => m.status === 'ready');
    for (const family of BASELINE_FAMILIES) expect(ready.map((m) => m.id)).toContain(trained[BASELINE_FAMILIES.indexOf(family)].modelId);
  });

  it("has the series' alert rules checked after each forecast written, each scoring and each training given up (the garch one above)", async () => {
    await settled();
    const scored = await producer().enqueue(JobName.Score, { asset: 'BTC', interval: '1d' });
    await scored.waitUntilFinished(scoring, 60_000);
    await settled();
    const [best] = (await models()).filter((m) => m.best);
    const [{ madeAt }] = await db.query(`SELECT max(made_at) AS "madeAt" FROM predictions WHERE model_id = $1`, [best.id]);
    const checks = await eventually(
      async () => (await producer().queue(QueueName.Alerts).getJobs(['waiting', 'active', 'completed'])).map((job) => job.data),
      (data) => data.some((d) => d.trigger === 'forecast' && d.predictionId === forecastKey(best.id, madeAt)),
      30_000,
      'the check of the newest forecast',
    );
    expect(checks).toEqual(
      expect.arrayContaining([
        { asset: 'BTC', interval: '1d', trigger: 'score', jobId: scored.id },
        { asset: 'BTC', interval: '1d', trigger: 'training_failed', jobId: expect.any(String), reason: expect.stringMatching(/window/) },
      ]),
    );
  });

  it('counts and times its jobs, and the forecasts it writes, in its metrics', async () => {
    const text = await app.get(Metrics).scrape();
    const value = (series: string) => sample(text, series) ?? 0;
    // The four baselines, naive once more, the LSTM, and the family-less job with its four; the tune's winner trained inside its research job.
    expect(value('candlecast_jobs_total{queue="training",name="train",status="completed"}')).toBe(2 * BASELINE_FAMILIES.length + 3);
    expect(value('candlecast_jobs_total{queue="training",name="train",status="failed"}')).toBe(1);
    expect(value('candlecast_jobs_total{queue="research",name="backtest",status="completed"}')).toBe(1);
    expect(value('candlecast_jobs_total{queue="research",name="backtest",status="failed"}')).toBe(1);
    expect(value('candlecast_jobs_total{queue="research",name="tune",status="completed"}')).toBe(1);
    expect(value('candlecast_predictions_generated_total{asset="BTC",interval="1d"}')).toBeGreaterThanOrEqual(7);
  });
});

describe('a series that gets candles gets models and a forecast by itself', () => {
  let kraken: KrakenStandIn;
  let app: INestApplication;

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    await startFromScratch();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await emptyQueues();
    await kraken.stop();
  });

  it('trains the baselines of a new hourly series once its first sync has brought its candles, then scores and forecasts with one', async () => {
    app = await bootApp(WorkerModule, {
      KRAKEN_API_URL: kraken.url,
      TRACKED_ASSETS: 'BTC',
      TRACKED_INTERVALS: '1h',
      IMPORT_DEFAULT_HISTORY: 'false',
      TRAIN_ON_FIRST_START: 'true',
      LSTM_INTERVALS: 'none',
      SYNC_EVERY: '1h',
      ML_BACKEND: 'wasm',
    });
    const db = app.get(DataSource);
    const btc = (await app.get(AssetRepository).findBySymbol('BTC'))!;
    // The first sync runs at once and stores the stand-in's 719 closed hourly candles; nothing else was asked.
    const ready = await eventually(
      () => app.get(ModelRepository).list({ assetId: btc.id, interval: '1h', status: 'ready' }),
      (list) => list.length === BASELINE_FAMILIES.length,
      120_000,
      'the four baselines of BTC 1h to be ready',
    );
    expect(ready.map((m) => m.family).sort()).toEqual([...BASELINE_FAMILIES].sort());
    // Each training scored the series and forecast with the model chosen then: wait for the last of them.
    await eventually(
      async () => {
        let jobs = 0;
        for (const queue of [QueueName.Training, QueueName.Scoring, QueueName.Prediction]) {
          const counts = await app.get(JobProducer).queue(queue).getJobCounts('waiting', 'prioritized', 'active');
          jobs += Object.values(counts).reduce((sum, n) => sum + n, 0);
        }
        return jobs;
      },
      (jobs) => jobs === 0,
      60_000,
      'the scoring and forecasts after the trainings',
    );
    const forecast = await eventually(
      () => app.get(PredictionRepository).latestSet(btc.id, '1h'),
      (set) => set !== null,
      60_000,
      'a BTC 1h forecast',
    );
    // 24 hourly steps from the newest closed candle, by the model the score chose.
    expect(forecast!.points).toHaveLength(24);
    const [{ best }] = await db.query(`SELECT id AS best FROM models WHERE asset_id = $1 AND interval = 60 AND is_best`, [btc.id]);
    expect(forecast!.model.id).toBe(best);
  }, 240_000);
});

describe('a first start with the shipped history', () => {
  let kraken: KrakenStandIn;
  let app: INestApplication;

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    await startFromScratch();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await emptyQueues();
    await kraken.stop();
  });

  it('forecasts BTC and ETH daily with their baselines, trained on their own once the history is imported', async () => {
    app = await bootApp(WorkerModule, {
      KRAKEN_API_URL: kraken.url,
      TRACKED_ASSETS: 'BTC,ETH',
      TRACKED_INTERVALS: '1d',
      IMPORT_DEFAULT_HISTORY: 'true',
      TRAIN_ON_FIRST_START: 'true',
      // The LSTM would follow the baselines (minutes); this test waits for the first forecasts only.
      LSTM_INTERVALS: 'none',
      SYNC_EVERY: '1h',
      ML_BACKEND: 'wasm',
    });
    for (const symbol of ['BTC', 'ETH']) {
      const asset = (await app.get(AssetRepository).findBySymbol(symbol))!;
      const forecast = await eventually(
        () => app.get(PredictionRepository).latestSet(asset.id, '1d'),
        (set) => set !== null,
        120_000,
        `a ${symbol} 1d forecast`,
      );
      expect(forecast!.points).toHaveLength(7);
      // From the newest shipped candle (BTC's file ends 2026-03-31, ETH's 2024-03-31) on.
      const newest = (await app.get(CandleRepository).lastTime(asset.id, '1d'))!;
      expect(forecast!.points[0].targetTime).toEqual(new Date((newest + 86_400) * 1000));
    }
  }, 240_000);
});
