import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Module, type INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfigModule } from '#libs/config';
import {
  AlertRuleRepository,
  CandleRepository,
  DatabaseModule,
  forecastKey,
  ModelRepository,
  PredictionRepository,
  UserRepository,
  type AlertRuleData,
} from '#libs/database';
import type { Candle } from '#libs/domain';
import { NotificationsModule } from '#libs/notifications';
import { Metrics, MetricsModule } from '#libs/observability';
import { JobName, JobProducer, QueueModule, QueueName, type EvaluatePayload } from '#libs/queue';
import { alertRule, DAY, day, T0 } from '../../../../test/support/alert-rules.js';
import { emptyDatabase, seedAsset } from '../../../../test/support/fixtures.js';
import { bootApp } from '../../../../test/support/nest-app.js';
import { emptyQueues } from '../../../../test/support/queues.js';
import { AlertEvaluationService } from './alert-evaluation.service.js';

/** The evaluation with what it needs and nothing else: no processor takes the jobs, so that each check is the test's. */
@Module({
  imports: [ConfigModule, MetricsModule.forRoot('worker'), DatabaseModule, QueueModule, NotificationsModule],
  providers: [AlertEvaluationService],
})
class EvaluationModule {}

describe('alert rules evaluated on a new candle', () => {
  let app: INestApplication;
  let db: DataSource;
  let evaluation: AlertEvaluationService;
  let assetId: number;
  let userId: string;
  let otherId: string;
  let webhookId: string;

  const addCandles = (...candles: Candle[]) => app.get(CandleRepository).upsert(assetId, '1d', candles);
  const addRule = async (fields: Partial<AlertRuleData> = {}, owner = userId) =>
    (await app.get(AlertRuleRepository).createWithin(owner, alertRule(assetId, fields), 100))!;
  const onCandle = (i: number): EvaluatePayload => ({ asset: 'BTC', interval: '1d', trigger: 'candle', candleTime: T0 + i * DAY });
  const firings = (ruleId: string) =>
    db.query(`SELECT firing_key AS key, value FROM alert_firings WHERE rule_id = $1 ORDER BY id`, [ruleId]);
  const inbox = (user = userId) =>
    db.query(
      `SELECT kind, title, body, data, firing_id IS NOT NULL AS "hasFiring", occurred_at AS "occurredAt" FROM notifications WHERE user_id = $1 ORDER BY id`,
      [user],
    );
  const deliveries = () => db.query(`SELECT webhook_id AS "webhookId", event, status, payload FROM webhook_deliveries ORDER BY created_at`);
  const fired = () =>
    app
      .get(Metrics)
      .alertsFired.get()
      .then((m) => Object.fromEntries(m.values.map((v) => [v.labels.kind, v.value])));

  beforeAll(async () => {
    app = await bootApp(EvaluationModule);
    db = app.get(DataSource);
    evaluation = app.get(AlertEvaluationService);
  });

  beforeEach(async () => {
    await emptyDatabase(db);
    await emptyQueues();
    assetId = (await seedAsset(app, 'BTC', '1d', [day(0, 65_000), day(1, 69_000)])).id;
    await seedAsset(app, 'ETH', '1d', [day(0, 3000), day(1, 3100)]);
    const users = app.get(UserRepository);
    userId = (await users.create({ username: 'alice-rules', email: null, passwordHash: 'x', role: 'user' }))!.id;
    otherId = (await users.create({ username: 'bob-rules', email: null, passwordHash: 'x', role: 'user' }))!.id;
    [{ id: webhookId }] = await db.query(
      `INSERT INTO webhooks (user_id, url, secret) VALUES ($1, 'http://127.0.0.1:9/hook', 'enc') RETURNING id`,
      [userId],
    );
  });

  afterAll(async () => {
    await app.close();
  });

  it('fires a price rule once on the closed candle that crosses its level: one firing, one inbox entry, one delivery per webhook, queued', async () => {
    const rule = await addRule();
    const before = (await fired()).price_above ?? 0;
    await addCandles(day(2, 71_000));
    const outcome = await evaluation.evaluate(onCandle(2));
    expect(outcome).toEqual({ asset: 'BTC', interval: '1d', trigger: 'candle', checked: 1, fired: [rule.id] });

    expect(await firings(rule.id)).toEqual([{ key: `candle:${T0 + 2 * DAY}`, value: 71_000 }]);
    const [entry] = await inbox();
    expect(entry).toEqual({
      kind: 'price_above',
      title: 'BTC closed above 70,000 USD',
      body: "BTC's 1d candle of 2024-03-03 00:00 UTC closed at 71,000 USD, above 70,000 USD; the one before closed at 69,000 USD.",
      data: {
        ruleId: rule.id,
        asset: 'BTC',
        interval: '1d',
        kind: 'price_above',
        threshold: 70_000,
        level: null,
        window: null,
        value: 71_000,
        candleTime: '2024-03-03T00:00:00.000Z',
        price: 71_000,
      },
      hasFiring: true,
      occurredAt: new Date((T0 + 3 * DAY) * 1000),
    });
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({
      webhookId,
      event: 'alert.fired',
      status: 'pending',
      payload: { kind: 'price_above', title: entry.title },
    });
    expect(await app.get(JobProducer).queue(QueueName.Notifications).getJobCounts('waiting')).toEqual({ waiting: 1 });
    expect((await fired()).price_above).toBe(before + 1);
    const [{ lastFiredAt }] = await db.query(`SELECT last_fired_at AS "lastFiredAt" FROM alert_rules WHERE id = $1`, [rule.id]);
    expect(lastFiredAt).toBeInstanceOf(Date);
  });

  it('fires once per candle, however often the same event is checked, one after the other or at once', async () => {
    const rule = await addRule({ cooldownMinutes: 1 });
    await addCandles(day(2, 71_000));
    await evaluation.evaluate(onCandle(2));
    await db.query(`UPDATE alert_rules SET last_fired_at = now() - interval '1 day'`);
    const again = await Promise.all([evaluation.evaluate(onCandle(2)), evaluation.evaluate(onCandle(2)), evaluation.evaluate(onCandle(2))]);
    expect(again.map((o) => o.fired)).toEqual([[], [], []]);
    expect(await firings(rule.id)).toHaveLength(1);
    expect(await inbox()).toHaveLength(1);
    expect(await deliveries()).toHaveLength(1);
  });

  it('lets two evaluations running at once fire a rule once', async () => {
    const rule = await addRule();
    await addCandles(day(2, 71_000));
    const outcomes = await Promise.all([evaluation.evaluate(onCandle(2)), evaluation.evaluate(onCandle(2))]);
    expect(outcomes.flatMap((o) => o.fired)).toEqual([rule.id]);
    expect(await inbox()).toHaveLength(1);
  });

  it('does not fire while the price stays on one side, nor at the level itself, nor on a candle it has not stored', async () => {
    const below = await addRule({ threshold: 60_000 });
    const at = await addRule({ threshold: 70_000 });
    await addCandles(day(2, 70_000));
    expect((await evaluation.evaluate(onCandle(2))).fired).toEqual([]);
    expect((await evaluation.evaluate(onCandle(9))).skipped).toBe('the candle event is not stored (any more)');
    expect([...(await firings(below.id)), ...(await firings(at.id))]).toEqual([]);
  });

  it('holds a rule back for its cooldown after it fired, and lets it fire again after', async () => {
    const rule = await addRule({ kind: 'price_below', threshold: 68_000 });
    await addCandles(day(2, 67_000), day(3, 69_000), day(4, 67_500));
    expect((await evaluation.evaluate(onCandle(2))).fired).toEqual([rule.id]);
    // Crossing back down two candles later, within a day of firing: held back, and not recorded.
    expect((await evaluation.evaluate(onCandle(4))).fired).toEqual([]);
    expect(await firings(rule.id)).toHaveLength(1);
    // A day on, the same candle fires it: the firing key had not been taken.
    await db.query(`UPDATE alert_rules SET last_fired_at = last_fired_at - interval '1 day 1 minute'`);
    expect((await evaluation.evaluate(onCandle(4))).fired).toEqual([rule.id]);
    expect((await firings(rule.id)).map((f: { key: string }) => f.key)).toEqual([`candle:${T0 + 2 * DAY}`, `candle:${T0 + 4 * DAY}`]);
  });

  it('fires nothing for a snoozed rule, keeps nothing for later, and fires on a later crossing once the snooze is over', async () => {
    const rule = await addRule({ snoozedUntil: new Date(Date.now() + DAY * 1000) });
    const before = (await fired()).price_above ?? 0;
    await addCandles(day(2, 71_000), day(3, 69_500), day(4, 70_500));
    // A crossing candle while snoozed: nothing fires, nothing is written, nothing is queued.
    expect(await evaluation.evaluate(onCandle(2))).toMatchObject({ checked: 1, fired: [] });
    expect(await firings(rule.id)).toEqual([]);
    expect(await inbox()).toEqual([]);
    expect(await deliveries()).toEqual([]);
    expect(await app.get(JobProducer).queue(QueueName.Notifications).getJobCounts('waiting')).toEqual({ waiting: 0 });
    expect((await fired()).price_above ?? 0).toBe(before);
    const [{ lastFiredAt }] = await db.query(`SELECT last_fired_at AS "lastFiredAt" FROM alert_rules WHERE id = $1`, [rule.id]);
    expect(lastFiredAt).toBeNull();

    // The snooze over, by Postgres' clock: the next crossing fires, and only it (the snoozed candle's is not saved up).
    await db.query(`UPDATE alert_rules SET snoozed_until = now() - interval '1 minute' WHERE id = $1`, [rule.id]);
    expect((await evaluation.evaluate(onCandle(3))).fired).toEqual([]);
    expect((await evaluation.evaluate(onCandle(4))).fired).toEqual([rule.id]);
    expect((await firings(rule.id)).map((f: { key: string }) => f.key)).toEqual([`candle:${T0 + 4 * DAY}`]);
    expect(await inbox()).toHaveLength(1);
    expect(await deliveries()).toHaveLength(1);
  });

  it('snoozes the admin kinds too: a stale series fires once the snooze is over, not while it lasts', async () => {
    await db.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [userId]);
    const rule = await addRule({
      kind: 'candles_stale',
      threshold: null,
      channels: ['inbox'],
      snoozedUntil: new Date(Date.now() + DAY * 1000),
    });
    const stale: EvaluatePayload = { asset: 'BTC', interval: '1d', trigger: 'stale_check' };
    expect((await evaluation.evaluate(stale)).fired).toEqual([]);
    expect(await firings(rule.id)).toEqual([]);
    await db.query(`UPDATE alert_rules SET snoozed_until = now() - interval '1 minute' WHERE id = $1`, [rule.id]);
    expect((await evaluation.evaluate(stale)).fired).toEqual([rule.id]);
    expect(await inbox()).toHaveLength(1);
  });

  it("checks every active rule of the series and no other, and sends each to its owner by the rule's channels", async () => {
    const mine = await addRule({ channels: ['inbox'] });
    const theirs = await addRule({ channels: ['webhook'] }, otherId);
    await addRule({ active: false });
    await addRule({ interval: '1h' });
    await addRule({ kind: 'forecast_move_pct', threshold: 1 });
    await addRule({ assetId: assetId + 1, threshold: 1 });
    await addCandles(day(2, 71_000));
    const outcome = await evaluation.evaluate(onCandle(2));
    expect(outcome).toMatchObject({ checked: 2, fired: [mine.id, theirs.id] });
    // Each to its owner by the rule's channels: alice's to her inbox only (not to her webhook), bob's to his webhooks (he has none).
    expect(await inbox()).toHaveLength(1);
    expect(await deliveries()).toEqual([]);
    expect(await inbox(otherId)).toEqual([]);
  });

  it('fires move_pct on a close at least threshold % from the close window earlier', async () => {
    const rule = await addRule({ kind: 'move_pct', threshold: 8, windowMinutes: 2 * 1440 });
    await addCandles(day(2, 70_000), day(3, 71_400));
    // 69,000 → 71,400 over two days is 3.5%: nothing; 70,000 → 76,000 is 8.57%.
    expect((await evaluation.evaluate(onCandle(3))).fired).toEqual([]);
    await addCandles(day(4, 76_000));
    expect((await evaluation.evaluate(onCandle(4))).fired).toEqual([rule.id]);
    expect((await inbox())[0].title).toBe('BTC rose 8.57% in 2d');
  });

  it('leaves the admin kinds of a user who is no longer an admin at rest', async () => {
    await db.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [userId]);
    const rule = await addRule({ kind: 'candles_stale', threshold: null, channels: ['inbox'] });
    const stale: EvaluatePayload = { asset: 'BTC', interval: '1d', trigger: 'stale_check' };
    expect((await evaluation.evaluate(stale)).fired).toEqual([rule.id]);
    // The same newest candle is one staleness: checked again, nothing more.
    await db.query(`UPDATE alert_rules SET last_fired_at = now() - interval '2 days'`);
    expect((await evaluation.evaluate(stale)).fired).toEqual([]);
    await db.query(`UPDATE users SET role = 'user' WHERE id = $1`, [userId]);
    await addCandles(day(2, 70_000));
    expect(await evaluation.evaluate(stale)).toMatchObject({ checked: 0, fired: [] });
  });

  it('fires training_failed once per failed job', async () => {
    await db.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [userId]);
    const rule = await addRule({ kind: 'training_failed', threshold: null, cooldownMinutes: 1 });
    const failed: EvaluatePayload = { asset: 'BTC', interval: '1d', trigger: 'training_failed', jobId: 'job-1', reason: 'no memory' };
    expect((await evaluation.evaluate(failed)).fired).toEqual([rule.id]);
    expect((await evaluation.evaluate(failed)).fired).toEqual([]);
    expect((await inbox())[0]).toMatchObject({ kind: 'training_failed', title: 'Training of BTC 1d failed' });
  });

  describe('on a forecast', () => {
    /** A two-step forecast from the candle of day 1 (69,000): 70,000 then 72,500 (+5.07%), σ 3% for the first step. */
    const forecast = async () => {
      const model = await app
        .get(ModelRepository)
        .create({ assetId, interval: '1d', status: 'ready', family: 'naive', hyperparameters: {} });
      const madeAt = new Date();
      const point = (median: number, sigma: number) => ({
        quantiles: [0.95, 0.96, 0.98, 1, 1.02, 1.04, 1.05].map((f) => median * f),
        intervals: {
          '80': { lower: median - 2000, upper: median + 500 },
          '90': { lower: median - 2000, upper: median + 1000 },
          '95': { lower: median - 3000, upper: median + 2000 },
        },
        sigma,
        rangeLow: median - 1000,
        rangeHigh: median + 1000,
        rawCenter: 0,
        rawSigma: sigma,
      });
      await app.get(PredictionRepository).add({
        modelId: model.id,
        assetId,
        interval: '1d',
        madeAt,
        points: [
          { targetTime: new Date((T0 + 2 * DAY) * 1000), predictedClose: '70000', distribution: point(70_000, 0.03) },
          { targetTime: new Date((T0 + 3 * DAY) * 1000), predictedClose: '72500', distribution: point(72_500, 0.045) },
        ],
      });
      return forecastKey(model.id, madeAt);
    };

    it('fires forecast_move_pct on the median at its last step and volatility_above on σ of its first, once per forecast', async () => {
      const move = await addRule({ kind: 'forecast_move_pct', threshold: 5 });
      await addRule({ kind: 'forecast_move_pct', threshold: 5.1 });
      const volatile = await addRule({ kind: 'volatility_above', threshold: 2.9 });
      await addRule({ kind: 'volatility_above', threshold: 3 });
      const key = await forecast();
      const payload: EvaluatePayload = { asset: 'BTC', interval: '1d', trigger: 'forecast', predictionId: key };
      expect(await evaluation.evaluate(payload)).toMatchObject({ checked: 4, fired: [move.id, volatile.id] });
      expect(await evaluation.evaluate(payload)).toMatchObject({ checked: 4, fired: [] });
      expect((await inbox()).map((n: { title: string }) => n.title)).toEqual([
        "BTC's forecast moves 5.07%",
        "BTC's forecast volatility is 3%",
      ]);
      expect(await firings(move.id)).toEqual([{ key: `forecast:${key}`, value: expect.closeTo(5.072, 3) }]);
      expect((await evaluation.evaluate({ ...payload, predictionId: 'not-a-forecast' })).skipped).toBe(
        'the forecast event is not stored (any more)',
      );
    });

    it('fires outside_interval on a close outside the interval of the chosen level that the forecast gave the candle', async () => {
      const ninety = await addRule({ kind: 'outside_interval', threshold: null, level: 90 });
      await addRule({ kind: 'outside_interval', threshold: null, level: 95 });
      await forecast();
      await addCandles(day(2, 71_500));
      expect((await evaluation.evaluate(onCandle(2))).fired).toEqual([ninety.id]);
      expect((await inbox())[0].body).toBe(
        "BTC's 1d candle of 2024-03-03 00:00 UTC closed at 71,500 USD, outside the 90% interval of 68,000 USD to 71,000 USD the forecast gave it.",
      );
    });
  });

  it('fires coverage_out_of_band after a scoring when the realized coverage leaves its band, and not while it holds', async () => {
    await db.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [userId]);
    const ninety = await addRule({ kind: 'coverage_out_of_band', threshold: null, level: 90, cooldownMinutes: 1 });
    const eighty = await addRule({ kind: 'coverage_out_of_band', threshold: null, level: 80, cooldownMinutes: 1 });
    const model = await app.get(ModelRepository).create({ assetId, interval: '1d', status: 'ready', family: 'naive', hyperparameters: {} });
    // 40 one-step forecasts of days 2 to 41, each made the day before and realized as the candles come: every 80% interval
    // holds its close (100%), one 90% interval in five misses it (80%).
    const closes = Array.from({ length: 40 }, (_, i) => 70_000 + i * 100);
    for (const [i, close] of closes.entries()) {
      const miss = i % 5 === 0 ? 50 : 0;
      const band = (lower: number, upper: number) => ({ lower, upper });
      await app.get(PredictionRepository).add({
        modelId: model.id,
        assetId,
        interval: '1d',
        madeAt: new Date((T0 + (i + 1) * DAY) * 1000),
        points: [
          {
            targetTime: new Date((T0 + (i + 2) * DAY) * 1000),
            predictedClose: String(close),
            distribution: {
              quantiles: [close, close, close, close, close, close, close],
              intervals: {
                '80': band(close - 10, close + 10),
                '90': band(close - 20 + miss, close + 20 + miss * 2),
                '95': band(close - 30, close + 30),
              },
              sigma: 0.01,
              rangeLow: close,
              rangeHigh: close,
              rawCenter: 0,
              rawSigma: 0.01,
            },
          },
        ],
      });
    }
    await addCandles(...closes.map((close, i) => day(i + 2, close)));
    await app.get(PredictionRepository).realize(assetId, '1d');
    const scored: EvaluatePayload = { asset: 'BTC', interval: '1d', trigger: 'score', jobId: 'score-1' };
    // 90%: 32 of 40 = 80%, below 90% ± 9.3%; 80%: 100%, above 80% ± 12.4%.
    expect(await evaluation.evaluate(scored)).toMatchObject({ checked: 2, fired: [ninety.id, eighty.id] });
    expect((await inbox()).map((n: { title: string }) => n.title)).toEqual([
      'BTC 1d: 90% intervals held 80%',
      'BTC 1d: 80% intervals held 100%',
    ]);
    expect((await evaluation.evaluate(scored)).fired).toEqual([]);
  });

  it('is queued under a dedupe id per event, so that an event announced twice while queued is checked once', async () => {
    const producer = app.get(JobProducer);
    const first = await producer.submit(JobName.Evaluate, onCandle(2));
    const second = await producer.submit(JobName.Evaluate, onCandle(2));
    expect(second).toMatchObject({ deduplicated: true });
    expect(second.job.id).toBe(first.job.id);
  });
});
