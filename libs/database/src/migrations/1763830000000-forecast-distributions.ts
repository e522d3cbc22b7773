import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Step 8: forecasts as distributions. Models gain a family, a pin (an alias that overrides the
 * score's choice: the served model of a series is the pinned one, else the best), their
 * calibration state, a family-neutral artifact and the reason they are or are not served.
 * Forecasts gain their quantiles, intervals, σ and expected range (prices), the raw forecast the
 * calibration update needs when the actual arrives, and whether the actual fell inside each
 * interval. Walk-forward runs (backtests, a training's own, tuning trials) are kept with their
 * records.
 *
 * The gateway's forecast memory must hear when the served model of a series changes: a pin, an
 * unpin, a new best, a model archived, or its calibration moved (its coverage is served with the
 * forecast). The row trigger's WHEN skips the updates that change none of those.
 */
export class ForecastDistributions1763830000000 implements MigrationInterface {
  name = 'ForecastDistributions1763830000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE models
        ADD COLUMN family varchar(16) NOT NULL DEFAULT 'lstm',
        ADD COLUMN pinned boolean NOT NULL DEFAULT false,
        ADD COLUMN calibration jsonb,
        ADD COLUMN artifact jsonb,
        ADD COLUMN selection jsonb`);
    await db.query(`CREATE UNIQUE INDEX models_one_pinned ON models (asset_id, interval) WHERE pinned`);
    await db.query(`CREATE INDEX models_by_family ON models (asset_id, interval, family, status)`);

    await db.query(`
      ALTER TABLE predictions
        ADD COLUMN quantiles numeric[],
        ADD COLUMN lower80 numeric,
        ADD COLUMN upper80 numeric,
        ADD COLUMN lower90 numeric,
        ADD COLUMN upper90 numeric,
        ADD COLUMN lower95 numeric,
        ADD COLUMN upper95 numeric,
        ADD COLUMN sigma float8,
        ADD COLUMN range_low numeric,
        ADD COLUMN range_high numeric,
        ADD COLUMN raw_center float8,
        ADD COLUMN raw_sigma float8,
        ADD COLUMN inside80 boolean,
        ADD COLUMN inside90 boolean,
        ADD COLUMN inside95 boolean`);
    // Realized coverage reads the newest realized forecasts of a series.
    await db.query(`CREATE INDEX predictions_realized ON predictions (asset_id, interval, target_time DESC) WHERE inside90 IS NOT NULL`);

    await db.query(`
      CREATE TABLE backtests (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        asset_id   int NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
        interval   int NOT NULL,
        family     varchar(16) NOT NULL,
        model_id   uuid REFERENCES models(id) ON DELETE CASCADE,
        kind       varchar(12) NOT NULL CHECK (kind IN ('backtest', 'training', 'tune-trial')),
        params     jsonb NOT NULL,
        summary    jsonb NOT NULL,
        job_id     text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX backtests_newest ON backtests (asset_id, interval, kind, created_at DESC)`);
    await db.query(`CREATE INDEX backtests_by_model ON backtests (model_id) WHERE model_id IS NOT NULL`);
    await db.query(`
      CREATE TABLE backtest_records (
        backtest_id  uuid NOT NULL REFERENCES backtests(id) ON DELETE CASCADE,
        origin_time  timestamptz NOT NULL,
        step         int NOT NULL,
        last_close   numeric NOT NULL,
        actual_close numeric,
        median       numeric NOT NULL,
        quantiles    numeric[] NOT NULL,
        lower80      numeric NOT NULL,
        upper80      numeric NOT NULL,
        lower90      numeric NOT NULL,
        upper90      numeric NOT NULL,
        lower95      numeric NOT NULL,
        upper95      numeric NOT NULL,
        sigma        float8 NOT NULL,
        pit          float8,
        pinball      float8,
        PRIMARY KEY (backtest_id, origin_time, step)
      )`);

    await db.query(`
      CREATE TRIGGER models_notify AFTER UPDATE ON models FOR EACH ROW
        WHEN (OLD.is_best IS DISTINCT FROM NEW.is_best OR OLD.pinned IS DISTINCT FROM NEW.pinned
              OR OLD.status IS DISTINCT FROM NEW.status OR OLD.calibration IS DISTINCT FROM NEW.calibration)
        EXECUTE FUNCTION candlecast_notify_forecasts()`);
    await db.query(
      `CREATE TRIGGER models_delete_notify AFTER DELETE OR TRUNCATE ON models FOR EACH STATEMENT EXECUTE FUNCTION candlecast_notify_forecasts()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER models_delete_notify ON models`);
    await db.query(`DROP TRIGGER models_notify ON models`);
    await db.query(`DROP TABLE backtest_records`);
    await db.query(`DROP TABLE backtests`);
    await db.query(`DROP INDEX predictions_realized`);
    await db.query(`
      ALTER TABLE predictions
        DROP COLUMN quantiles, DROP COLUMN lower80, DROP COLUMN upper80, DROP COLUMN lower90, DROP COLUMN upper90,
        DROP COLUMN lower95, DROP COLUMN upper95, DROP COLUMN sigma, DROP COLUMN range_low, DROP COLUMN range_high,
        DROP COLUMN raw_center, DROP COLUMN raw_sigma, DROP COLUMN inside80, DROP COLUMN inside90, DROP COLUMN inside95`);
    await db.query(`DROP INDEX models_by_family`);
    await db.query(`DROP INDEX models_one_pinned`);
    await db.query(
      `ALTER TABLE models DROP COLUMN family, DROP COLUMN pinned, DROP COLUMN calibration, DROP COLUMN artifact, DROP COLUMN selection`,
    );
  }
}
