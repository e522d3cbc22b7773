import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Step 10's per-user state that follows a user across devices: the assets they watch, and their
 * dashboard preferences (one JSON document, validated by the API). Both go with the user or the asset.
 */
export class WatchlistsPreferences1763840000000 implements MigrationInterface {
  name = 'WatchlistsPreferences1763840000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE watchlist_entries (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        asset_id int NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, asset_id)
      )`);
    await db.query(`
      CREATE TABLE user_preferences (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        preferences jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE user_preferences`);
    await db.query(`DROP TABLE watchlist_entries`);
  }
}
