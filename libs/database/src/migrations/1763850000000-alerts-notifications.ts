import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Step 10: the rules a user sets, what they fired, and where it went.
 *
 * - `alert_rules`: one user's rule on one series (asset, interval); the admin kinds on data and
 *   models too. Each belongs to its user and its asset.
 * - `alert_firings`: one row per firing, unique on (rule, firing key), so that a job run twice,
 *   two workers, or a worker killed and its job retried fire a rule once for one candle, forecast
 *   or event. The key is the evaluation's (`candle:<open time>`, `forecast:<prediction id>`, …).
 * - `notifications`: a user's inbox, ordered by id (the SSE stream's event ids). Each insert
 *   NOTIFYs `candlecast_notifications` with `<user id>:<notification id>` on commit, so that every
 *   gateway streams it to that user's open pages.
 * - `webhooks` and `webhook_deliveries`: a delivery row is written in the firing's transaction
 *   (an outbox), and its id is the delivery id sent on every retry and the BullMQ job id.
 */
export class AlertsNotifications1763850000000 implements MigrationInterface {
  name = 'AlertsNotifications1763850000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alert_rules (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        asset_id    int REFERENCES assets(id) ON DELETE CASCADE,
        interval    int,
        kind        varchar(32) NOT NULL,
        threshold   double precision,
        window_minutes int,
        level       int,
        cooldown_minutes int NOT NULL,
        channels    text[] NOT NULL,
        active      boolean NOT NULL DEFAULT true,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        last_fired_at timestamptz
      )`);
    await db.query(`CREATE INDEX alert_rules_series ON alert_rules (asset_id, interval) WHERE active`);
    await db.query(`CREATE INDEX alert_rules_user ON alert_rules (user_id, created_at)`);
    await db.query(`
      CREATE TABLE alert_firings (
        id          bigserial PRIMARY KEY,
        rule_id     uuid NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
        firing_key  varchar(128) NOT NULL,
        fired_at    timestamptz NOT NULL DEFAULT now(),
        occurred_at timestamptz,
        value       double precision,
        UNIQUE (rule_id, firing_key)
      )`);
    await db.query(`
      CREATE TABLE notifications (
        id          bigserial PRIMARY KEY,
        user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind        varchar(32) NOT NULL,
        title       text NOT NULL,
        body        text NOT NULL,
        data        jsonb NOT NULL DEFAULT '{}',
        firing_id   bigint REFERENCES alert_firings(id) ON DELETE SET NULL,
        occurred_at timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now(),
        read_at     timestamptz
      )`);
    await db.query(`CREATE INDEX notifications_user ON notifications (user_id, id DESC)`);
    await db.query(`CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL`);
    await db.query(`
      CREATE FUNCTION candlecast_notify_notification() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('candlecast_notifications', NEW.user_id::text || ':' || NEW.id::text);
        RETURN NULL;
      END $$`);
    await db.query(
      `CREATE TRIGGER notifications_notify AFTER INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION candlecast_notify_notification()`,
    );
    await db.query(`
      CREATE TABLE webhooks (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        url         text NOT NULL,
        secret      text NOT NULL,
        active      boolean NOT NULL DEFAULT true,
        disabled_reason text,
        consecutive_failures int NOT NULL DEFAULT 0,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX webhooks_user ON webhooks (user_id, created_at)`);
    await db.query(`
      CREATE TABLE webhook_deliveries (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        webhook_id  uuid NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
        event       varchar(64) NOT NULL,
        payload     jsonb NOT NULL,
        status      varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts    int NOT NULL DEFAULT 0,
        response_status int,
        error       text,
        occurred_at timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        delivered_at timestamptz
      )`);
    await db.query(`CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at DESC)`);
    await db.query(`CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (created_at) WHERE status = 'pending'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE webhook_deliveries`);
    await db.query(`DROP TABLE webhooks`);
    await db.query(`DROP TRIGGER notifications_notify ON notifications`);
    await db.query(`DROP FUNCTION candlecast_notify_notification()`);
    await db.query(`DROP TABLE notifications`);
    await db.query(`DROP TABLE alert_firings`);
    await db.query(`DROP TABLE alert_rules`);
  }
}
