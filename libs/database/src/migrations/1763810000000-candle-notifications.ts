import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version per series of candles (asset and interval), bumped by every statement that changes
 * one, and one NOTIFY on `candlecast_candles` per statement naming the series it touched
 * (`<asset id>:<interval minutes>`, comma-separated; `*` for a TRUNCATE or more than fit in a
 * payload). Statement-level with transition tables: a 4,548-row import is one notification,
 * not 4,548. The history route's ETags are these versions, and its in-memory pages are
 * invalidated by the notifications.
 *
 * An upsert fires both the INSERT and the UPDATE trigger; each skips an empty transition table,
 * and Postgres delivers identical payloads of one transaction once, so it is one notification.
 * The version comes from a sequence, so it never repeats, even after a TRUNCATE or an asset
 * deleted and its id reused; and the table has no foreign key, because a cascaded delete of an
 * asset's candles bumps its series after the asset is gone.
 */
export class CandleNotifications1763810000000 implements MigrationInterface {
  name = 'CandleNotifications1763810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE candle_series_version`);
    await db.query(`
      CREATE TABLE candle_series (
        asset_id integer NOT NULL,
        interval integer NOT NULL,
        version bigint NOT NULL,
        PRIMARY KEY (asset_id, interval)
      )`);
    await db.query(`
      INSERT INTO candle_series (asset_id, interval, version)
      SELECT s.asset_id, s.interval, nextval('candle_series_version') FROM (SELECT DISTINCT asset_id, interval FROM candles) s`);
    await db.query(`
      CREATE FUNCTION candlecast_candles_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        series text;
      BEGIN
        WITH touched AS (
          INSERT INTO candle_series AS cs (asset_id, interval, version)
          SELECT s.asset_id, s.interval, nextval('candle_series_version') FROM (SELECT DISTINCT asset_id, interval FROM changed) s
          ON CONFLICT (asset_id, interval) DO UPDATE SET version = EXCLUDED.version
          RETURNING cs.asset_id, cs.interval
        )
        SELECT string_agg(asset_id || ':' || interval, ',' ORDER BY asset_id, interval) INTO series FROM touched;
        IF series IS NOT NULL THEN
          PERFORM pg_notify('candlecast_candles', CASE WHEN length(series) > 7000 THEN '*' ELSE series END);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION candlecast_candles_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE candle_series SET version = nextval('candle_series_version');
        PERFORM pg_notify('candlecast_candles', '*');
        RETURN NULL;
      END $$`);
    // A trigger with transition tables takes one event: three of them, all naming theirs `changed`.
    await db.query(
      `CREATE TRIGGER candles_inserted AFTER INSERT ON candles REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION candlecast_candles_changed()`,
    );
    await db.query(
      `CREATE TRIGGER candles_updated AFTER UPDATE ON candles REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION candlecast_candles_changed()`,
    );
    await db.query(
      `CREATE TRIGGER candles_deleted AFTER DELETE ON candles REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION candlecast_candles_changed()`,
    );
    await db.query(
      `CREATE TRIGGER candles_truncated AFTER TRUNCATE ON candles FOR EACH STATEMENT EXECUTE FUNCTION candlecast_candles_truncated()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER candles_truncated ON candles`);
    await db.query(`DROP TRIGGER candles_deleted ON candles`);
    await db.query(`DROP TRIGGER candles_updated ON candles`);
    await db.query(`DROP TRIGGER candles_inserted ON candles`);
    await db.query(`DROP FUNCTION candlecast_candles_truncated()`);
    await db.query(`DROP FUNCTION candlecast_candles_changed()`);
    await db.query(`DROP TABLE candle_series`);
    await db.query(`DROP SEQUENCE candle_series_version`);
  }
}
