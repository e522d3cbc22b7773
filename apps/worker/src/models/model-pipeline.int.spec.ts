import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { QueueEvents } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AssetRepository, ModelRepository, PredictionRepository } from '#libs/database';
import { Metrics } from '#libs/observability';
import { JobName, JobProducer, QueueName } from '#libs/queue';
import { startFromScratch } from '../../../../test/support/fixtures.js';
import { KrakenStandIn } from '../../../../test/support/kraken-stand-in.js';
import { sample } from '../../../../test/support/metrics.js';
import { bootApp, INTERNAL_TOKEN } from '../../../../test/support/nest-app.js';
import { bootPrediction } from '../../../../test/support/prediction-app.js';
import { emptyQueues, eventually, queueEvents } from '../../../../test/support/queues.js';
import { WorkerModule } from '../worker.module.js';
import { BestModelCache } from './best-model.cache.js';

/** Small enough to train in seconds on real BTC daily candles. */
const SMALL = { units: 8, window: 10, epochs: 3, batchSize: 64 };

describe('training, scoring and forecasting through the queues', () => {
  let kraken: KrakenStandIn;
  let app: INestApplication;
  /** The prediction service beside the worker, to read jobs as the API shows them. */
  let api: INestApplication;
  let db: DataSource;
  let training: QueueEvents;
  let btcId: number;

  const producer = () => app.get(JobProducer);
  const jobView = async (id: string) =>
    (await request(api.getHttpServer()).get(`/prediction/jobs/${id}`).set('x-internal-token', INTERNAL_TOKEN).expect(200)).body;
  const readyModels = () => app.get(ModelRepository).list({ assetId: btcId, interval: '1d', status: 'ready' });
  const train = async (hyperparameters: Record<string, number> = SMALL) => {
    const job = await producer().enqueue(JobName.Train, { asset: 'BTC', interval: '1d', hyperparameters });
    return { job, result: await job.waitUntilFinished(training, 120_000) };
  };

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    await startFromScratch();
    app = await bootApp(WorkerModule, {
      KRAKEN_API_URL: kraken.url,
      TRACKED_ASSETS: 'BTC',
      TRACKED_INTERVALS: '1d',
      IMPORT_DEFAULT_HISTORY: 'true',
      TRAIN_ON_FIRST_START: 'false',
      TRAIN_MAX_CANDLES: '600',
      MODELS_KEPT: '2',
      SYNC_EVERY: '1h',
      ML_BACKEND: 'wasm',
    });
    db = app.get(DataSource);
    api = await bootPrediction();
    training = await queueEvents(QueueName.Training);
    btcId = (await app.get(AssetRepository).findBySymbol('BTC'))!.id;
  }, 60_000);

  afterAll(async () => {
    await training.close();
    await api.close();
    await app.close();
    await emptyQueues();
    await kraken.stop();
  });

  let firstTrain: string;

  it('trains a model that reports each epoch with the loss history so far, and ends ready, with metrics beside the naive forecast', async () => {
    const reported: { jobId: string; data: unknown }[] = [];
    const onProgress = (event: { jobId: string; data: unknown }) => reported.push(event);
    training.on('progress', onProgress);
    const { job, result } = await train({ ...SMALL, epochs: 4, patience: 10 });
    training.off('progress', onProgress);
    firstTrain = job.id!;
    expect(result).toMatchObject({
      version: 1,
      backend: 'wasm',
      test: { model: { mase: expect.any(Number) }, naive: { mae: expect.any(Number) } },
    });

    // Every epoch's progress carries the epochs before it: the curve grows by one point each time.
    type Progress = {
      epoch: number;
      epochs: number;
      loss: number;
      valLoss: number;
      history: { epoch: number; loss: number; valLoss: number }[];
    };
    const progress = reported.filter((event) => event.jobId === job.id).map((event) => event.data as Progress);
    expect(progress.map((p) => p.epoch)).toEqual([1, 2, 3, 4]);
    for (const [i, p] of progress.entries()) {
      expect(p).toMatchObject({ epochs: 4, loss: expect.any(Number), valLoss: expect.any(Number) });
      expect(p.history).toHaveLength(i + 1);
      expect(p.history.at(-1)).toEqual({ epoch: p.epoch, loss: p.loss, valLoss: p.valLoss });
      if (i > 0) expect(p.history.slice(0, i)).toEqual(progress[i - 1].history);
    }

    // The API shows the last of them, and the model keeps the same history in its metrics.
    const shown = await jobView(job.id!);
    expect(shown).toMatchObject({ state: 'completed', asset: 'BTC', interval: '1d', progress: progress.at(-1) });
    const [model] = await readyModels();
    expect(model).toMatchObject({
      version: 1,
      status: 'ready',
      backend: 'wasm',
      trainedFrom: expect.any(Date),
      trainedTo: expect.any(Date),
    });
    expect(model.metrics).toMatchObject({ history: progress.at(-1)!.history });
    const [{ weights }] = await db.query(`SELECT length(weights) AS weights FROM models WHERE id = $1`, [model.id]);
    expect(weights).toBeGreaterThan(0);
  });

  it('names in each result the job it enqueued next, so that the chain can be followed from the train job to its forecast', async () => {
    const finished = (id: string) =>
      eventually(
        () => jobView(id),
        (job) => job.state === 'completed' || job.state === 'failed',
        60_000,
        `job ${id} to finish`,
      );
    const trained = await finished(firstTrain);
    expect(trained.result.next).toEqual({ queue: 'scoring', name: 'score', jobId: expect.any(String) });
    const scored = await finished(trained.result.next.jobId);
    expect(scored).toMatchObject({
      queue: 'scoring',
      name: 'score',
      asset: 'BTC',
      interval: '1d',
      state: 'completed',
      result: { best: 1 },
    });
    expect(scored.result.next).toEqual({ queue: 'prediction', name: 'predict', jobId: expect.any(String) });
    const predicted = await finished(scored.result.next.jobId);
    expect(predicted).toMatchObject({ queue: 'prediction', name: 'predict', state: 'completed', result: { modelVersion: 1 } });
    expect(predicted.result.closes).toHaveLength(1);
    expect(predicted.result).not.toHaveProperty('next');
  });

  it('scores the new model and forecasts with it, on its own', async () => {
    const best = await eventually(
      () => app.get(ModelRepository).best(btcId, '1d'),
      (m) => m !== null,
      60_000,
    );
    expect(best).toMatchObject({ version: 1, isBest: true });
    const forecast = await eventually(
      () => app.get(PredictionRepository).latestSet(btcId, '1d'),
      (f) => f !== null,
      60_000,
    );
    expect(forecast!.points).toHaveLength(1);
    // The next daily close after the last shipped candle (2026-03-31).
    expect(forecast!.points[0].targetTime).toEqual(new Date('2026-04-01T00:00:00Z'));
    expect(Number(forecast!.points[0].predictedClose)).toBeGreaterThan(0);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM evaluations e JOIN models m ON m.id = e.model_id WHERE m.asset_id = $1 AND e.kind = 'score'`,
      [btcId],
    );
    expect(n).toBe(1);
  });

  it('returns the waiting or running training instead of starting a second one', async () => {
    const first = await producer().submit(JobName.Train, { asset: 'BTC', interval: '1d', hyperparameters: SMALL });
    const second = await producer().submit(JobName.Train, { asset: 'BTC', interval: '1d', hyperparameters: SMALL });
    expect(second).toMatchObject({ deduplicated: true });
    expect(second.job.id).toBe(first.job.id);
    await first.job.waitUntilFinished(training, 120_000);
  });

  it('archives ready models beyond MODELS_KEPT, never the best one', async () => {
    await train();
    const statuses = await db.query(`SELECT version, status, is_best AS best FROM models WHERE asset_id = $1 ORDER BY version`, [btcId]);
    expect(statuses.filter((m: { status: string }) => m.status === 'ready')).toHaveLength(2);
    expect(statuses.filter((m: { status: string }) => m.status === 'archived').length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((m: { best: boolean }) => m.best).every((m: { status: string }) => m.status === 'ready')).toBe(true);
  });

  it('marks a training left behind by a dead worker failed, and finishes a new one', async () => {
    const [{ id: orphan }] = await db.query(
      `INSERT INTO models (asset_id, interval, version, status, hyperparameters) VALUES ($1, 1440, 99, 'training', '{}') RETURNING id`,
      [btcId],
    );
    const { result } = await train();
    expect(result.version).toBe(100);
    const [row] = await db.query(`SELECT status, failure_reason AS reason, weights FROM models WHERE id = $1`, [orphan]);
    expect(row).toEqual({ status: 'failed', reason: 'interrupted: the worker training it stopped', weights: null });
  });

  it('fails bad hyperparameters at once, without a model or a retry', async () => {
    const before = (await app.get(ModelRepository).list({ assetId: btcId })).length;
    const job = await producer().enqueue(JobName.Train, { asset: 'BTC', interval: '1d', hyperparameters: { units: 1000 } });
    await expect(job.waitUntilFinished(training, 30_000)).rejects.toThrow(/units/);
    expect((await producer().find(job.id!))!.attemptsMade).toBe(1);
    expect((await app.get(ModelRepository).list({ assetId: btcId })).length).toBe(before);
  });

  it('discards at once, without a model, a training above TRAIN_COST_BUDGET that was enqueued past the API', async () => {
    const before = (await app.get(ModelRepository).list({ assetId: btcId })).length;
    const hyperparameters = { units: 256, layers: 3, window: 200, epochs: 500 };
    const job = await producer().enqueue(JobName.Train, { asset: 'BTC', interval: '1d', hyperparameters });
    await expect(job.waitUntilFinished(training, 30_000)).rejects.toThrow(
      'This training would cost 46,080,000,000 per fit (units 256 × layers 3 × window 200 × epochs 500 × 600 candles), ' +
        'above the budget of 1,000,000,000 (TRAIN_COST_BUDGET): lower units to 5, or epochs to 10',
    );
    expect((await producer().find(job.id!))!.attemptsMade).toBe(1);
    expect((await app.get(ModelRepository).list({ assetId: btcId })).length).toBe(before);
  });

  it('fills in the actual close of past forecasts once their candle has closed', async () => {
    // The last training above queued a scoring, which queues a forecast: this test's Predict would be
    // deduplicated into that forecast, which may have filled the actual closes before this point existed.
    // (The schedulers' next jobs wait as delayed ones: not counted.)
    const unfinished = async () => {
      let jobs = 0;
      for (const queue of [QueueName.Scoring, QueueName.Prediction]) {
        const counts = await producer().queue(queue).getJobCounts('waiting', 'prioritized', 'active');
        jobs += Object.values(counts).reduce((sum, n) => sum + n, 0);
      }
      return jobs;
    };
    await eventually(unfinished, (jobs) => jobs === 0, 20_000, 'the scoring and forecast after the last training to finish');
    const [best] = await db.query(`SELECT id FROM models WHERE asset_id = $1 AND is_best`, [btcId]);
    await app.get(PredictionRepository).add({
      modelId: best.id,
      assetId: btcId,
      interval: '1d',
      madeAt: new Date('2026-03-30T00:05:00Z'),
      points: [{ targetTime: new Date('2026-03-31T00:00:00Z'), predictedClose: '67000.0' }],
    });
    const prediction = await queueEvents(QueueName.Prediction);
    const job = await producer().enqueue(JobName.Predict, { asset: 'BTC', interval: '1d' });
    const result = await job.waitUntilFinished(prediction, 60_000);
    await prediction.close();
    expect(result.actualsFilled).toBeGreaterThanOrEqual(1);
    const [row] = await db.query(`SELECT actual_close AS actual FROM predictions WHERE made_at = '2026-03-30T00:05:00Z'`);
    expect(row.actual).toBe('68219.7');
  });

  it('keeps the best model in memory, and reads it again only when another becomes best', async () => {
    const cache = app.get(BestModelCache);
    const first = await cache.best(btcId, '1d');
    expect(await cache.best(btcId, '1d')).toBe(first);
    const [other] = await db.query(`SELECT id FROM models WHERE asset_id = $1 AND status = 'ready' AND NOT is_best LIMIT 1`, [btcId]);
    await app.get(ModelRepository).markBest(other.id);
    expect((await cache.best(btcId, '1d'))!.id).toBe(other.id);
  });

  it('counts and times its jobs, and reports training losses, forecasts and candles in its metrics', async () => {
    const text = await app.get(Metrics).scrape();
    const value = (series: string) => sample(text, series) ?? 0;
    // Four trainings finished above (one of them the deduplicated pair), two refused at once.
    expect(value('candlecast_jobs_total{queue="training",name="train",status="completed"}')).toBe(4);
    expect(value('candlecast_jobs_total{queue="training",name="train",status="failed"}')).toBe(2);
    expect(value('candlecast_job_duration_seconds_count{queue="training",name="train"}')).toBe(6);
    expect(value('candlecast_job_duration_seconds_sum{queue="training",name="train"}')).toBeGreaterThan(0);
    expect(value('candlecast_jobs_total{queue="scoring",name="score",status="completed"}')).toBeGreaterThanOrEqual(1);
    expect(value('candlecast_training_loss{asset="BTC",interval="1d",split="train"}')).toBeGreaterThan(0);
    expect(value('candlecast_training_loss{asset="BTC",interval="1d",split="validation"}')).toBeGreaterThan(0);
    expect(value('candlecast_predictions_generated_total{asset="BTC",interval="1d"}')).toBeGreaterThanOrEqual(1);
    // The shipped daily history of BTC, imported at start.
    expect(value('candlecast_candles_ingested_total{asset="BTC",interval="1d"}')).toBe(4548);
  });
});
