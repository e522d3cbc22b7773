import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Module, type INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfigModule } from '#libs/config';
import { AlertRuleRepository, DatabaseModule, NotificationRepository, WebhookRepository } from '#libs/database';
import { NotificationsModule } from '#libs/notifications';
import { Metrics, MetricsModule } from '#libs/observability';
import { JobName, JobProducer, QueueModule, QueueName, type EvaluatePayload } from '#libs/queue';
import { alertRule, DAY, day } from '../../../../test/support/alert-rules.js';
import { emptyDatabase, seedAsset, startFromScratch } from '../../../../test/support/fixtures.js';
import { KrakenStandIn } from '../../../../test/support/kraken-stand-in.js';
import { sample } from '../../../../test/support/metrics.js';
import { bootApp } from '../../../../test/support/nest-app.js';
import { emptyQueues, eventually } from '../../../../test/support/queues.js';
import { openTestDatabase } from '../../../../test/support/test-database.js';
import { AlertEvaluationService } from '../alerts/alert-evaluation.service.js';
import { NotificationRetentionSchedule, PRUNE_EVERY_MS } from '../schedules/notification-retention.schedule.js';
import { WorkerModule } from '../worker.module.js';
import { NotificationRetentionService } from './notification-retention.service.js';

/** The prune and the alert checks, and nothing that would take a job or run on a beat: each prune is the test's. */
@Module({
  imports: [ConfigModule, MetricsModule.forRoot('worker'), DatabaseModule, QueueModule, NotificationsModule],
  providers: [NotificationRetentionService, AlertEvaluationService],
})
class RetentionModule {}

/** Rows written `daysAgo` days ago, by SQL: nothing else can date them back. */
const rows = (db: DataSource) => ({
  async user(username: string, role: 'user' | 'admin' = 'user'): Promise<string> {
    const [{ id }] = await db.query<{ id: string }[]>(
      `INSERT INTO users (username, password_hash, role) VALUES ($1, 'x', $2) RETURNING id`,
      [username, role],
    );
    return id;
  },
  /** A firing, and the rule's last_fired_at with it, as AlertRuleRepository.recordFiring writes them. */
  async firing(ruleId: string, key: string, daysAgo: number): Promise<string> {
    const [{ id }] = await db.query<{ id: string }[]>(
      `INSERT INTO alert_firings (rule_id, firing_key, fired_at) VALUES ($1, $2, now() - make_interval(days => $3)) RETURNING id::text AS id`,
      [ruleId, key, daysAgo],
    );
    await db.query(`UPDATE alert_rules SET last_fired_at = (SELECT fired_at FROM alert_firings WHERE id = $1) WHERE id = $2`, [id, ruleId]);
    return id;
  },
  async entry(userId: string, daysAgo: number, { read = false, firingId = null as string | null } = {}): Promise<string> {
    const [{ id }] = await db.query<{ id: string }[]>(
      `INSERT INTO notifications (user_id, kind, title, body, firing_id, created_at, read_at)
       VALUES ($1, 'price_above', 'BTC closed above 70,000 USD', '…', $2, now() - make_interval(days => $3),
               CASE WHEN $4 THEN now() - make_interval(days => $3) END)
       RETURNING id::text AS id`,
      [userId, firingId, daysAgo, read],
    );
    return id;
  },
  async delivery(webhookId: string, status: 'pending' | 'delivered' | 'failed', daysAgo: number): Promise<string> {
    const [{ id }] = await db.query<{ id: string }[]>(
      `INSERT INTO webhook_deliveries (webhook_id, event, payload, status, created_at)
       VALUES ($1, 'alert.fired', '{}', $2, now() - make_interval(days => $3)) RETURNING id`,
      [webhookId, status, daysAgo],
    );
    return id;
  },
  async webhook(userId: string): Promise<string> {
    const [{ id }] = await db.query<{ id: string }[]>(
      `INSERT INTO webhooks (user_id, url, secret) VALUES ($1, 'http://127.0.0.1:9/hook', 'enc') RETURNING id`,
      [userId],
    );
    return id;
  },
  ids: async (table: 'notifications' | 'alert_firings' | 'webhook_deliveries') =>
    (await db.query<{ id: string }[]>(`SELECT id::text AS id FROM ${table}`)).map((r) => r.id).sort(),
});

describe('the retention of notifications, alert firings and webhook deliveries', () => {
  describe('a prune (NOTIFICATION_RETENTION 90d, WEBHOOK_DELIVERY_RETENTION 30d: the defaults)', () => {
    let app: INestApplication;
    let db: DataSource;
    let seed: ReturnType<typeof rows>;
    let assetId: number;
    const addRule = async (userId: string, fields: Parameters<typeof alertRule>[1] = {}) =>
      (await app.get(AlertRuleRepository).createWithin(userId, alertRule(assetId, fields), 100))!;

    beforeAll(async () => {
      app = await bootApp(RetentionModule);
      db = app.get(DataSource);
      seed = rows(db);
    });

    beforeEach(async () => {
      await emptyDatabase(db);
      await emptyQueues();
      // Candles of 2024 (T0): long ago, so that the series is stale.
      assetId = (await seedAsset(app, 'BTC', '1d', [day(0, 65_000), day(1, 69_000)])).id;
    });

    afterAll(async () => {
      await app.close();
    });

    it("deletes every user's old entries, read or not, old firings but each rule's newest, and old finished deliveries; keeps the rest and any pending delivery", async () => {
      const kept = { notifications: [] as string[], firings: [] as string[], deliveries: [] as string[] };
      for (const name of ['alice-retention', 'bob-retention']) {
        const userId = await seed.user(name);
        const webhookId = await seed.webhook(userId);
        // A rule that fired recently: its two old firings go.
        const recent = await addRule(userId);
        const oldFiring = await seed.firing(recent.id, 'candle:1', 120);
        await seed.firing(recent.id, 'candle:2', 91);
        kept.firings.push(await seed.firing(recent.id, 'candle:3', 1));
        // A rule whose newest firing is old: that one stays, the one before goes.
        const quiet = await addRule(userId, { kind: 'price_below', threshold: 60_000 });
        await seed.firing(quiet.id, 'candle:1', 200);
        kept.firings.push(await seed.firing(quiet.id, 'candle:2', 100));

        await seed.entry(userId, 120, { firingId: oldFiring });
        await seed.entry(userId, 91, { read: true });
        kept.notifications.push(await seed.entry(userId, 89, { read: true }), await seed.entry(userId, 1));

        await seed.delivery(webhookId, 'delivered', 31);
        await seed.delivery(webhookId, 'failed', 45);
        kept.deliveries.push(
          await seed.delivery(webhookId, 'pending', 365),
          await seed.delivery(webhookId, 'delivered', 29),
          await seed.delivery(webhookId, 'failed', 1),
        );
      }

      expect(await app.get(NotificationRetentionService).prune()).toEqual({ notifications: 4, firings: 6, deliveries: 4 });

      expect(await seed.ids('notifications')).toEqual(kept.notifications.sort());
      expect(await seed.ids('alert_firings')).toEqual(kept.firings.sort());
      expect(await seed.ids('webhook_deliveries')).toEqual(kept.deliveries.sort());
      // Nothing more is due: a second prune deletes nothing.
      expect(await app.get(NotificationRetentionService).prune()).toEqual({ notifications: 0, firings: 0, deliveries: 0 });
    });

    it('deletes a backlog larger than a batch, one batch a statement, to its end', async () => {
      const userId = await seed.user('carol-retention');
      const webhookId = await seed.webhook(userId);
      const rule = await addRule(userId);
      for (let i = 0; i < 5; i++) {
        await seed.entry(userId, 100 + i);
        await seed.delivery(webhookId, 'delivered', 100 + i);
        await seed.firing(rule.id, `candle:${i}`, 105 - i);
      }
      const days = 90 * DAY;
      expect(await app.get(NotificationRepository).deleteOlderThan(days, 2)).toBe(5);
      expect(await app.get(WebhookRepository).deleteFinishedOlderThan(days, 2)).toBe(5);
      // The newest of the rule's five stays.
      expect(await app.get(AlertRuleRepository).deleteFiringsOlderThan(days, 2)).toBe(4);
      expect(await seed.ids('notifications')).toEqual([]);
      expect(await seed.ids('webhook_deliveries')).toEqual([]);
      expect(await seed.ids('alert_firings')).toHaveLength(1);
    });

    it('leaves a stale series one firing of its candles_stale rule, however long the staleness lasts', async () => {
      const adminId = await seed.user('dana-retention', 'admin');
      const rule = await addRule(adminId, { kind: 'candles_stale', threshold: null, channels: ['inbox'] });
      const evaluation = app.get(AlertEvaluationService);
      const stale: EvaluatePayload = { asset: 'BTC', interval: '1d', trigger: 'stale_check' };
      expect((await evaluation.evaluate(stale)).fired).toEqual([rule.id]);
      // 100 days later: the same newest candle, the cooldown (a day) long over, and the firing past its retention.
      for (const [table, column] of [
        ['alert_firings', 'fired_at'],
        ['alert_rules', 'last_fired_at'],
        ['notifications', 'created_at'],
      ])
        await db.query(`UPDATE ${table} SET ${column} = ${column} - interval '100 days'`);

      expect(await app.get(NotificationRetentionService).prune()).toEqual({ notifications: 1, firings: 0, deliveries: 0 });
      expect((await evaluation.evaluate(stale)).fired).toEqual([]);
      expect(await seed.ids('notifications')).toEqual([]);

      // It is the firing that holds the rule back: without it, the same staleness fires again.
      await db.query(`DELETE FROM alert_firings`);
      expect((await evaluation.evaluate(stale)).fired).toEqual([rule.id]);
    });
  });

  describe('in the workers', () => {
    let kraken: KrakenStandIn;
    let workers: INestApplication[] = [];
    let oldEntry: string;
    const notifications = () => workers[0].get(JobProducer).queue(QueueName.Notifications);
    const pruneJobs = async (state: 'completed' | 'delayed' | 'waiting' | 'active') =>
      (await notifications().getJobs([state])).filter((job) => job.name === JobName.Prune);
    const worker = () =>
      bootApp(WorkerModule, {
        ...kraken.workerEnv('1h'),
        SCHEDULER_CHECK_EVERY: '1h',
      });

    beforeAll(async () => {
      kraken = await KrakenStandIn.start();
      await startFromScratch();
      // Due before any worker starts: the first prune, at the first worker's start, takes it.
      const db = await openTestDatabase();
      const userId = await rows(db).user('erin-retention');
      oldEntry = await rows(db).entry(userId, 120);
      await db.destroy();
      workers = [await worker(), await worker()];
    });

    afterAll(async () => {
      for (const app of workers) await app.close();
      await emptyQueues();
      await kraken.stop();
    });

    it('have one prune scheduler, hourly, however many started: one run at the first start, the next an hour on', async () => {
      const schedulers = (await notifications().getJobSchedulers()).map((s) => ({ id: s.key, name: s.name, every: Number(s.every) }));
      expect(schedulers).toEqual([{ id: NotificationRetentionSchedule.ID, name: JobName.Prune, every: PRUNE_EVERY_MS }]);
      await eventually(
        async () => (await pruneJobs('waiting')).length + (await pruneJobs('active')).length,
        (n) => n === 0,
        15_000,
        'the first prune to finish',
      );
      expect(await pruneJobs('completed')).toHaveLength(1);
      const delayed = await pruneJobs('delayed');
      expect(delayed).toHaveLength(1);
      // A scheduler's job id ends in the time it is due.
      const dueIn = Number(delayed[0].id!.split(':').at(-1)) - Date.now();
      expect(dueIn).toBeGreaterThan(PRUNE_EVERY_MS - 120_000);
      expect(dueIn).toBeLessThanOrEqual(PRUNE_EVERY_MS);
    });

    it('prune on the notifications queue, counted as its jobs, and say how much they deleted', async () => {
      const [job] = await eventually(
        () => pruneJobs('completed'),
        (jobs) => jobs.length === 1,
      );
      expect(job.returnvalue).toEqual({ notifications: 1, firings: 0, deliveries: 0 });
      const db = workers[0].get(DataSource);
      expect(await db.query(`SELECT id FROM notifications WHERE id = $1`, [oldEntry])).toEqual([]);
      let counted = 0;
      for (const app of workers) {
        counted +=
          sample(
            await app.get(Metrics).registry.metrics(),
            'candlecast_jobs_total{queue="notifications",name="prune",status="completed"}',
          ) ?? 0;
      }
      expect(counted).toBe(1);
    });
  });
});
