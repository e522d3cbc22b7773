import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a session was opened with "stay signed in": the web app's refresh cookie is then
 * persistent, and every successor of its token must be too, while the others stay session cookies.
 */
export class SessionPersistence1763820000000 implements MigrationInterface {
  name = 'SessionPersistence1763820000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE refresh_tokens ADD COLUMN persistent boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE refresh_tokens DROP COLUMN persistent`);
  }
}
