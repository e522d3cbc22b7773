import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rotating refresh tokens, stored hashed, grouped in families (one per login session). */
export class RefreshTokens1763790000000 implements MigrationInterface {
  name = 'RefreshTokens1763790000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD CONSTRAINT users_username_lower CHECK (username = lower(username))`);
    await db.query(`
      CREATE TABLE refresh_tokens (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id  uuid NOT NULL,
        token_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at    timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id)`);
    await db.query(`CREATE INDEX refresh_tokens_by_user ON refresh_tokens (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE refresh_tokens`);
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_username_lower`);
  }
}
