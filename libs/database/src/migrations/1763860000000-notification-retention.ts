import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The indexes the worker's retention deletes walk (NOTIFICATION_RETENTION,
 * WEBHOOK_DELIVERY_RETENTION), so that finding the rows that are due is a range of an index, not a
 * scan of the table, however large it has grown:
 *
 * - `notifications` by `created_at` (the inbox's own indexes lead with the user);
 * - `alert_firings` by `fired_at`;
 * - the finished `webhook_deliveries` by `created_at` (the pending ones have theirs, for the sweep);
 * - `notifications` by `firing_id`: deleting a firing sets the `firing_id` of its notification to
 *   NULL (ON DELETE SET NULL), a lookup per deleted firing that would otherwise scan the inbox.
 *
 * Plain CREATE INDEX in the migration's transaction, not CONCURRENTLY: a concurrent build waits for
 * every statement that began before it, and the other processes starting at the same time sit in
 * one (`SELECT pg_advisory_lock`, the migration lock) until this migration is over: it never would be.
 */
export class NotificationRetention1763860000000 implements MigrationInterface {
  name = 'NotificationRetention1763860000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX notifications_created ON notifications (created_at)`);
    await db.query(`CREATE INDEX notifications_firing ON notifications (firing_id) WHERE firing_id IS NOT NULL`);
    await db.query(`CREATE INDEX alert_firings_fired ON alert_firings (fired_at)`);
    await db.query(`CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (created_at) WHERE status IN ('delivered', 'failed')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX webhook_deliveries_finished`);
    await db.query(`DROP INDEX alert_firings_fired`);
    await db.query(`DROP INDEX notifications_firing`);
    await db.query(`DROP INDEX notifications_created`);
  }
}
