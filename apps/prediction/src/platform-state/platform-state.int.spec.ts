import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AssetScheduler, JobName, JobProducer } from '#libs/queue';
import { BTC_DAILY, emptyDatabase, seedAsset } from '../../../../test/support/fixtures.js';
import { INTERNAL_TOKEN } from '../../../../test/support/nest-app.js';
import { bootPrediction, seedForecasts } from '../../../../test/support/prediction-app.js';
import { emptyQueues } from '../../../../test/support/queues.js';
import { sample } from '../../../../test/support/metrics.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

describe("the prediction service's /metrics: the platform's state", () => {
  let app: INestApplication;
  const scrape = async () =>
    (await request(app.getHttpServer()).get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;

  beforeAll(async () => {
    app = await bootPrediction({ METRICS_TOKEN, TRACKED_INTERVALS: '1d' });
    await emptyDatabase(app.get(DataSource));
    await emptyQueues();
    const btc = await seedAsset(app, 'BTC', '1d', BTC_DAILY);
    await seedForecasts(app, btc);
  });

  afterAll(async () => {
    await emptyQueues();
    await app.close();
  });

  it('answers the metrics token, not the internal token', async () => {
    const internal = await request(app.getHttpServer()).get('/metrics').set('x-internal-token', INTERNAL_TOKEN).expect(401);
    expect(internal.body.message).toBe('Send the metrics token as Authorization: Bearer <METRICS_TOKEN>');
    await scrape();
  });

  it("reports the best model's latest evaluation beside the naive forecast's, and its live error", async () => {
    const text = await scrape();
    const score = (metric: string) =>
      sample(text, `candlecast_model_score{asset="BTC",interval="1d",model_version="2",metric="${metric}"}`);
    expect(score('mase')).toBe(0.93);
    expect(score('mae')).toBe(1.1);
    expect(score('naive_mae')).toBe(1.18);
    expect(score('directional_accuracy')).toBe(0.67);
    expect(score('naive_directional_accuracy')).toBe(0.5);
    // Forecasts made 2013-10-07 of 123.0, 121.5, 124.0; the closes were 123.61, 124.18, 123.84;
    // the last close known then (the 2013-10-06 candle's) was 122.0.
    expect(score('live_mae')).toBeCloseTo((0.61 + 2.68 + 0.16) / 3, 10);
    expect(score('live_naive_mae')).toBeCloseTo((1.61 + 2.18 + 1.84) / 3, 10);
    // Only the best model: version 1 is ready but not best.
    expect(text).not.toContain('model_version="1"');
  });

  it('reports how long ago the newest candle of each tracked asset and interval closed', async () => {
    const age = sample(await scrape(), 'candlecast_last_candle_age_seconds{asset="BTC",interval="1d"}')!;
    // The newest stored candle opened 2013-10-09 and closed a day later.
    const expected = (Date.now() - Date.UTC(2013, 9, 10)) / 1000;
    expect(Math.abs(age - expected)).toBeLessThan(60);
  });

  it('keeps queue depths current: a job enqueued shows, and is gone once removed', async () => {
    const waiting = 'candlecast_queue_jobs{queue="training",state="waiting"}';
    expect(sample(await scrape(), waiting)).toBe(0);
    await app.get(JobProducer).enqueue(JobName.Train, { asset: 'BTC', interval: '1d' });
    expect(sample(await scrape(), waiting)).toBe(1);
    await emptyQueues();
    expect(sample(await scrape(), waiting)).toBe(0);
  });

  it('counts the job schedulers of each queue, so that a Redis that lost them shows', async () => {
    const schedulers = (text: string) =>
      Object.fromEntries(
        ['market-data', 'scoring', 'training', 'prediction'].map((queue) => [
          queue,
          sample(text, `candlecast_job_schedulers{queue="${queue}"}`),
        ]),
      );
    expect(schedulers(await scrape())).toEqual({ 'market-data': 0, scoring: 0, training: 0, prediction: 0 });
    await app.get(AssetScheduler).schedule('BTC');
    // One sync, one score and one retrain of BTC 1d (TRACKED_INTERVALS); forecasts follow syncs, on no schedule.
    expect(schedulers(await scrape())).toEqual({ 'market-data': 1, scoring: 1, training: 1, prediction: 0 });
    await emptyQueues();
    expect(schedulers(await scrape())).toEqual({ 'market-data': 0, scoring: 0, training: 0, prediction: 0 });
  });

  it('reports the realized coverage of the last 90 one-step forecasts of each series, per level', async () => {
    const coverage = (text: string, level: number) =>
      sample(text, `candlecast_forecast_coverage{asset="BTC",interval="1d",level="${level}"}`);
    // Step-7 forecasts have no intervals: no coverage yet.
    expect(coverage(await scrape(), 90)).toBeUndefined();
    const db = app.get(DataSource);
    // 4 one-step forecasts with intervals: 3 inside the 80% interval, all inside the 90% and 95%; and a second step (not counted).
    const [{ id: modelId, asset_id: assetId }] = await db.query(`SELECT id, asset_id FROM models WHERE is_best`);
    for (let i = 0; i < 4; i++) {
      const madeAt = new Date(Date.UTC(2014, 0, 1 + i));
      await db.query(
        `INSERT INTO predictions (model_id, asset_id, interval, made_at, target_time, predicted_close, actual_close, lower80, upper80,
                                  lower90, upper90, lower95, upper95, inside80, inside90, inside95)
         VALUES ($1, $2, 1440, $3, $3, 100, 100, 99, 101, 98, 102, 97, 103, $4, true, true),
                ($1, $2, 1440, $3, $3::timestamptz + interval '1 day', 100, 100, 99, 101, 98, 102, 97, 103, false, false, false)`,
        [modelId, assetId, madeAt, i !== 0],
      );
    }
    const text = await scrape();
    expect([80, 90, 95].map((level) => coverage(text, level))).toEqual([0.75, 1, 1]);
  });

  it('reports how long ago the served model of each series was trained, with its family, and the newest forecast made', async () => {
    const text = await scrape();
    const modelAge = sample(text, 'candlecast_served_model_age_seconds{asset="BTC",interval="1d",family="lstm"}')!;
    // Seeded just now, with a training of 1.234 s.
    expect(modelAge).toBeGreaterThanOrEqual(0);
    expect(modelAge).toBeLessThan(600);
    const forecastAge = sample(text, 'candlecast_forecast_age_seconds{asset="BTC",interval="1d"}')!;
    // The newest forecast above was made 2014-01-04.
    expect(Math.abs(forecastAge - (Date.now() - Date.UTC(2014, 0, 4)) / 1000)).toBeLessThan(60);
    expect(sample(text, 'candlecast_forecast_age_seconds{asset="BTC",interval="1h"}')).toBeUndefined();
  });
});
