import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Job } from 'bullmq';
import type { DataSource, QueryRunner } from 'typeorm';
import { defaultJobOptions, JobName, QueueName, type EvaluatePayload } from '#libs/queue';
import { emptyDatabase } from './support/fixtures.js';
import { KrakenStandIn } from './support/kraken-stand-in.js';
import { KillableWorkers } from './support/processes.js';
import { eventually } from './support/queues.js';
import { openTestDatabase } from './support/test-database.js';

const DAY = 86_400;
const T0 = 1_709_251_200; // 2024-03-01

/**
 * Two rules fire on one candle, one after the other, in one evaluate job. The test holds the
 * second rule's row locked (SELECT … FOR UPDATE), so that the worker is caught in the middle of
 * the job: the first rule's firing committed, the second waiting for its lock. Killed there, the
 * job's BullMQ lock lapses (JOB_LOCK_MS) and another worker runs it again from the start.
 */
describe('a worker killed with SIGKILL in mid-evaluation', () => {
  let kraken: KrakenStandIn;
  let db: DataSource;
  let blocker: QueryRunner;
  let killable: KillableWorkers;
  let first: string;
  let second: string;

  const count = async (sql: string, params: unknown[] = []) => ((await db.query(sql, params)) as unknown[]).length;
  const firings = (ruleId: string) => count(`SELECT 1 FROM alert_firings WHERE rule_id = $1`, [ruleId]);
  /** Backends, started after `since`, that wait for a row lock on alert_rules (the second rule's). */
  const waitingForTheLock = (since: Date) =>
    db.query(
      `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FROM alert_rules WHERE id = $1 FOR UPDATE%' AND backend_start > $1`,
      [since],
    ) as Promise<unknown[]>;

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    const rows = [69_000, 71_000, 72_000].map((close, i) => [
      T0 + i * DAY,
      `${close}`,
      `${close}`,
      `${close}`,
      `${close}`,
      `${close}`,
      '1',
      1,
    ]);
    kraken.useOhlcFor('XBTUSD', 1440, { error: [], result: { XXBTZUSD: rows, last: T0 + 2 * DAY } });
    db = await openTestDatabase();
    await emptyDatabase(db);
    const [{ id: assetId }] = await db.query(
      `INSERT INTO assets (symbol, kraken_altname, kraken_key, base, quote, name) VALUES ('BTC', 'XBTUSD', 'XXBTZUSD', 'XXBT', 'ZUSD', 'Bitcoin') RETURNING id`,
    );
    for (const [time, , , , close] of rows.slice(0, 2))
      await db.query(
        `INSERT INTO candles (asset_id, interval, time, open, high, low, close, volume, trades) VALUES ($1, 1440, to_timestamp($2), $3, $3, $3, $3, 1, 1)`,
        [assetId, time, close],
      );
    const [{ id: userId }] = await db.query(
      `INSERT INTO users (username, password_hash, role) VALUES ('killed-eval', 'x', 'user') RETURNING id`,
    );
    await db.query(`INSERT INTO webhooks (user_id, url, secret) VALUES ($1, 'http://127.0.0.1:9/hook', 'encrypted')`, [userId]);
    const rule = async (threshold: number) =>
      (
        await db.query(
          `INSERT INTO alert_rules (user_id, asset_id, interval, kind, threshold, cooldown_minutes, channels, created_at)
           VALUES ($1, $2, 1440, 'price_above', $3, 1440, '{inbox,webhook}', now() - make_interval(secs => $4)) RETURNING id`,
          [userId, assetId, threshold, 100_000 - threshold],
        )
      )[0].id as string;
    // Checked in the order made: `first` before `second`.
    first = await rule(70_000);
    second = await rule(70_500);

    killable = await KillableWorkers.on(QueueName.Alerts, 'alerts-kill-spec', {
      KRAKEN_API_URL: kraken.url,
      IMPORT_DEFAULT_HISTORY: 'false',
      ML_BACKEND: 'cpu',
    });
  }, 120_000);

  afterAll(async () => {
    await killable.close();
    if (blocker?.isTransactionActive) await blocker.rollbackTransaction();
    await blocker?.release();
    await db.destroy();
    await kraken.stop();
  });

  it('fires each rule once, with one inbox entry and one webhook delivery each, when another worker runs the job again', async () => {
    blocker = db.createQueryRunner();
    await blocker.startTransaction();
    await blocker.query(`SELECT 1 FROM alert_rules WHERE id = $1 FOR UPDATE`, [second]);

    const started = new Date();
    const { queue, events } = killable;
    const killed = await killable.start();
    const data: EvaluatePayload = { asset: 'BTC', interval: '1d', trigger: 'candle', candleTime: T0 + DAY };
    const job: Job = await queue.add(JobName.Evaluate, data, { ...defaultJobOptions(JobName.Evaluate, data), jobId: 'evaluate-to-kill' });

    // Mid-job: the first rule fired and committed, the worker waits for the second rule's lock.
    await eventually(
      () => firings(first),
      (n) => n === 1,
      30_000,
      'the first firing',
    );
    await eventually(
      () => waitingForTheLock(started),
      (pids) => pids.length === 1,
      30_000,
      'the worker to wait for the lock',
    );
    expect(await queue.getJobState(job.id!)).toBe('active');
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(await firings(second)).toBe(0);

    const restarted = new Date();
    await killable.start();
    // The lock lapsed, the job ran again from the start on the new worker and is at the same place.
    await eventually(
      () => waitingForTheLock(restarted),
      (pids) => pids.length === 1,
      60_000,
      'the second worker to wait for the lock',
    );
    await blocker.commitTransaction();
    const result = await job.waitUntilFinished(events, 60_000);
    expect(result).toMatchObject({ checked: 2, fired: [second] });

    expect([await firings(first), await firings(second)]).toEqual([1, 1]);
    const inbox = await db.query(`SELECT data->>'ruleId' AS rule FROM notifications ORDER BY id`);
    expect(inbox).toEqual([{ rule: first }, { rule: second }]);
    const deliveries = await db.query(`SELECT payload->'data'->>'ruleId' AS rule, status FROM webhook_deliveries ORDER BY created_at`);
    expect(deliveries).toEqual([
      { rule: first, status: 'pending' },
      { rule: second, status: 'pending' },
    ]);
    expect(await count(`SELECT 1 FROM alert_firings`)).toBe(2);
  }, 240_000);
});
