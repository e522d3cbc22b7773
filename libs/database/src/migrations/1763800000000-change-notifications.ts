import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NOTIFY on every change that an in-memory cache must not outlive, whatever code (or person)
 * makes it: `candlecast_auth` with the user's id when a user or one of their sessions changes,
 * and `candlecast_forecasts` when a forecast or an asset changes. Postgres delivers a
 * notification when its transaction commits, which is when the change becomes visible.
 */
export class ChangeNotifications1763800000000 implements MigrationInterface {
  name = 'ChangeNotifications1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION candlecast_notify_user() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('candlecast_auth', COALESCE(NEW.id, OLD.id)::text);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION candlecast_notify_session() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('candlecast_auth', COALESCE(NEW.user_id, OLD.user_id)::text);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION candlecast_notify_auth_all() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('candlecast_auth', '*');
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION candlecast_notify_forecasts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('candlecast_forecasts', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER users_notify AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION candlecast_notify_user()`);
    await db.query(
      `CREATE TRIGGER refresh_tokens_notify AFTER UPDATE OR DELETE ON refresh_tokens FOR EACH ROW EXECUTE FUNCTION candlecast_notify_session()`,
    );
    await db.query(
      `CREATE TRIGGER users_truncate_notify AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION candlecast_notify_auth_all()`,
    );
    await db.query(
      `CREATE TRIGGER refresh_tokens_truncate_notify AFTER TRUNCATE ON refresh_tokens FOR EACH STATEMENT EXECUTE FUNCTION candlecast_notify_auth_all()`,
    );
    await db.query(
      `CREATE TRIGGER predictions_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON predictions FOR EACH STATEMENT EXECUTE FUNCTION candlecast_notify_forecasts()`,
    );
    await db.query(
      `CREATE TRIGGER assets_notify AFTER UPDATE OR DELETE OR TRUNCATE ON assets FOR EACH STATEMENT EXECUTE FUNCTION candlecast_notify_forecasts()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER assets_notify ON assets`);
    await db.query(`DROP TRIGGER predictions_notify ON predictions`);
    await db.query(`DROP TRIGGER refresh_tokens_truncate_notify ON refresh_tokens`);
    await db.query(`DROP TRIGGER users_truncate_notify ON users`);
    await db.query(`DROP TRIGGER refresh_tokens_notify ON refresh_tokens`);
    await db.query(`DROP TRIGGER users_notify ON users`);
    await db.query(`DROP FUNCTION candlecast_notify_forecasts()`);
    await db.query(`DROP FUNCTION candlecast_notify_auth_all()`);
    await db.query(`DROP FUNCTION candlecast_notify_session()`);
    await db.query(`DROP FUNCTION candlecast_notify_user()`);
  }
}
