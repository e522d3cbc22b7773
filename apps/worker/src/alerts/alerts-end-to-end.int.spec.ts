import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { Job, QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { AlertRuleRepository, AssetRepository, UserRepository } from '#libs/database';
import { JobName, JobProducer, QueueName, type EvaluatePayload } from '#libs/queue';
import { alertRule } from '../../../../test/support/alert-rules.js';
import { startFromScratch } from '../../../../test/support/fixtures.js';
import { KrakenStandIn, type KrakenOhlcBody } from '../../../../test/support/kraken-stand-in.js';
import { bootApp } from '../../../../test/support/nest-app.js';
import { eventually, queueEvents } from '../../../../test/support/queues.js';
import { WorkerModule } from '../worker.module.js';

const DAY = 86_400;
const T0 = 1_709_251_200; // 2024-03-01

/** Kraken's daily OHLC answer with these closes, the last of them the candle still forming. */
function ohlc(closes: number[]): KrakenOhlcBody {
  const rows = closes.map((close, i) => [
    T0 + i * DAY,
    String(close),
    String(close),
    String(close),
    String(close),
    String(close),
    '1.5',
    10,
  ]);
  return { error: [], result: { XXBTZUSD: rows, last: T0 + (closes.length - 1) * DAY } };
}

describe('an alert rule on BTC, end to end: a candle across its level from Kraken, through a real sync', () => {
  let kraken: KrakenStandIn;
  let app: INestApplication;
  let db: DataSource;
  let ruleId: string;
  let userId: string;
  let syncs: QueueEvents;

  const count = async (sql: string, params: unknown[] = []) => ((await db.query(sql, params)) as unknown[]).length;
  const candles = () => count(`SELECT 1 FROM candles WHERE interval = 1440`);
  /** A sync of BTC 1d, once it has finished. */
  const sync = async () =>
    (await app.get(JobProducer).enqueue(JobName.Sync, { asset: 'BTC', interval: '1d' })).waitUntilFinished(syncs, 30_000);
  /** The candle evaluation of `candleTime`, once it has completed. */
  const evaluated = (candleTime: number) =>
    eventually(
      async () =>
        (await app.get(JobProducer).queue(QueueName.Alerts).getJobs(['completed'])).find(
          (job: Job<EvaluatePayload>) => job.data.trigger === 'candle' && job.data.candleTime === candleTime,
        ),
      (job) => job !== undefined,
      30_000,
      `the evaluation of the candle of ${candleTime}`,
    );

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    // The forming candle (75,000) is over the level: it must not count until it has closed.
    kraken.useOhlcFor('XBTUSD', 1440, ohlc([65_000, 66_000, 67_000, 68_000, 69_000, 75_000]));
    await startFromScratch();
    app = await bootApp(WorkerModule, kraken.workerEnv('1d'));
    db = app.get(DataSource);
    syncs = await queueEvents(QueueName.MarketData);
    await eventually(candles, (n) => n === 5, 30_000, 'the first sync');

    userId = (await app.get(UserRepository).create({ username: 'erin-e2e', email: null, passwordHash: 'x', role: 'user' }))!.id;
    const btc = (await app.get(AssetRepository).findBySymbol('BTC'))!;
    const rule = await app.get(AlertRuleRepository).createWithin(userId, alertRule(btc.id), 50);
    ruleId = rule!.id;
    await db.query(`INSERT INTO webhooks (user_id, url, secret) VALUES ($1, 'http://127.0.0.1:9/hook', 'encrypted')`, [userId]);
  }, 60_000);

  afterAll(async () => {
    await syncs.close();
    await app.close();
    await kraken.stop();
  });

  it('fires nothing for a new closed candle below the level, though the one forming after it is above', async () => {
    kraken.useOhlcFor('XBTUSD', 1440, ohlc([65_000, 66_000, 67_000, 68_000, 69_000, 69_500, 80_000]));
    await sync();
    await evaluated(T0 + 5 * DAY);
    expect(await candles()).toBe(6);
    expect(await count(`SELECT 1 FROM notifications`)).toBe(0);
    expect(await count(`SELECT 1 FROM alert_firings`)).toBe(0);
  });

  it('fires once when the next candle closes across it: one inbox entry and one pending delivery to the webhook', async () => {
    kraken.useOhlcFor('XBTUSD', 1440, ohlc([65_000, 66_000, 67_000, 68_000, 69_000, 69_500, 71_000, 72_000]));
    await sync();
    const [entry] = await eventually(
      () => db.query(`SELECT user_id AS "userId", kind, title, occurred_at AS "occurredAt" FROM notifications`),
      (rows) => rows.length > 0,
      30_000,
      'the inbox entry',
    );
    expect(entry).toEqual({
      userId,
      kind: 'price_above',
      title: 'BTC closed above 70,000 USD',
      occurredAt: new Date((T0 + 7 * DAY) * 1000),
    });
    const deliveries = await db.query(`SELECT event, status, payload FROM webhook_deliveries`);
    expect(deliveries).toEqual([
      {
        event: 'alert.fired',
        status: 'pending',
        payload: expect.objectContaining({
          kind: 'price_above',
          data: expect.objectContaining({ ruleId, candleTime: '2024-03-07T00:00:00.000Z' }),
        }),
      },
    ]);
  });

  it('fires nothing more when the same candle is checked again, or a sync brings nothing new', async () => {
    await evaluated(T0 + 6 * DAY);
    await app.get(JobProducer).enqueue(JobName.Evaluate, { asset: 'BTC', interval: '1d', trigger: 'candle', candleTime: T0 + 6 * DAY });
    await eventually(
      async () =>
        (await app.get(JobProducer).queue(QueueName.Alerts).getJobs(['completed'])).filter((job) => job.data.candleTime === T0 + 6 * DAY),
      (jobs) => jobs.length === 2,
      30_000,
      'the second evaluation',
    );
    expect(await sync()).toMatchObject({ inserted: 0 });
    expect(await count(`SELECT 1 FROM alert_firings WHERE rule_id = $1`, [ruleId])).toBe(1);
    expect(await count(`SELECT 1 FROM notifications`)).toBe(1);
    expect(await count(`SELECT 1 FROM webhook_deliveries`)).toBe(1);
  });

  it('checks each candle a catching-up sync brings, so that a crossing between two of them fires', async () => {
    const btc = (await app.get(AssetRepository).findBySymbol('BTC'))!;
    const below = await app
      .get(AlertRuleRepository)
      .createWithin(userId, alertRule(btc.id, { kind: 'price_below', threshold: 69_500 }), 50);
    // Four closed candles at once (the worker was down): 72,000 (forming before), 70,000, then 69,000 (across 69,500), then 69,200 (below, no crossing).
    kraken.useOhlcFor(
      'XBTUSD',
      1440,
      ohlc([65_000, 66_000, 67_000, 68_000, 69_000, 69_500, 71_000, 72_000, 70_000, 69_000, 69_200, 69_300]),
    );
    expect(await sync()).toMatchObject({ inserted: 4 });
    for (const day of [7, 8, 9, 10]) await evaluated(T0 + day * DAY);
    const firings = await db.query(`SELECT occurred_at AS "occurredAt" FROM alert_firings WHERE rule_id = $1`, [below!.id]);
    expect(firings).toEqual([{ occurredAt: new Date((T0 + 10 * DAY) * 1000) }]);
    expect(await count(`SELECT 1 FROM alert_firings WHERE rule_id = $1`, [ruleId])).toBe(1);
  });
});
