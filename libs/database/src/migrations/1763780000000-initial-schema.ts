import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763780000000 implements MigrationInterface {
  name = 'InitialSchema1763780000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE assets (
        id             serial PRIMARY KEY,
        symbol         varchar(12) NOT NULL UNIQUE CHECK (symbol = upper(symbol)),
        kraken_altname varchar(32) NOT NULL,
        kraken_key     varchar(32) NOT NULL UNIQUE,
        base           varchar(16) NOT NULL,
        quote          varchar(16) NOT NULL,
        name           varchar(64) NOT NULL,
        tracked        boolean NOT NULL DEFAULT true,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);

    // No foreign key to assets: checking it row by row doubled the time of a bulk import
    // (bench/import.ts), and assets are never deleted, only untracked.
    await db.query(`
      CREATE TABLE candles (
        asset_id int NOT NULL,
        interval int NOT NULL CHECK (interval IN (1, 5, 15, 30, 60, 240, 1440, 10080, 21600)),
        time     timestamptz NOT NULL,
        open     numeric NOT NULL,
        high     numeric NOT NULL,
        low      numeric NOT NULL,
        close    numeric NOT NULL,
        vwap     numeric,
        volume   numeric NOT NULL CHECK (volume >= 0),
        trades   int NOT NULL CHECK (trades >= 0),
        PRIMARY KEY (asset_id, interval, time)
      )`);

    await db.query(`
      CREATE TABLE users (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username      varchar(32) NOT NULL UNIQUE,
        email         varchar(254),
        password_hash varchar(255) NOT NULL,
        role          varchar(8) NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
        token_version int NOT NULL DEFAULT 0,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE models (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        asset_id        int NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
        interval        int NOT NULL,
        version         int NOT NULL,
        status          varchar(10) NOT NULL CHECK (status IN ('training', 'ready', 'failed', 'archived')),
        is_best         boolean NOT NULL DEFAULT false,
        hyperparameters jsonb NOT NULL,
        features        jsonb,
        trained_from    timestamptz,
        trained_to      timestamptz,
        metrics         jsonb,
        backend         varchar(32),
        training_ms     int,
        failure_reason  text,
        topology        jsonb,
        weight_specs    jsonb,
        weights         bytea,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (asset_id, interval, version)
      )`);
    await db.query(`CREATE UNIQUE INDEX models_one_best ON models (asset_id, interval) WHERE is_best`);
    await db.query(`CREATE INDEX models_by_status ON models (asset_id, interval, status)`);

    await db.query(`
      CREATE TABLE evaluations (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        model_id      uuid NOT NULL REFERENCES models(id) ON DELETE CASCADE,
        kind          varchar(8) NOT NULL CHECK (kind IN ('train', 'score')),
        window_from   timestamptz NOT NULL,
        window_to     timestamptz NOT NULL,
        samples       int NOT NULL,
        metrics       jsonb NOT NULL,
        naive_metrics jsonb NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX evaluations_by_model ON evaluations (model_id, created_at DESC)`);

    await db.query(`
      CREATE TABLE predictions (
        id              bigserial PRIMARY KEY,
        model_id        uuid NOT NULL REFERENCES models(id) ON DELETE CASCADE,
        asset_id        int NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
        interval        int NOT NULL,
        made_at         timestamptz NOT NULL,
        target_time     timestamptz NOT NULL,
        predicted_close numeric NOT NULL,
        actual_close    numeric,
        UNIQUE (model_id, made_at, target_time)
      )`);
    await db.query(`CREATE INDEX predictions_latest ON predictions (asset_id, interval, made_at DESC)`);
    await db.query(`CREATE INDEX predictions_unrealized ON predictions (asset_id, interval, target_time) WHERE actual_close IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['predictions', 'evaluations', 'models', 'users', 'candles', 'assets']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
