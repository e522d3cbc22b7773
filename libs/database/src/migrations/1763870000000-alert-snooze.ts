import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rule muted for a while: until `snoozed_until` (NULL: not snoozed) it does not fire, judged by
 * Postgres' clock in the lock the cooldown is judged in (AlertRuleRepository.lockForFiring).
 * Nullable, no default: adding it rewrites no row.
 */
export class AlertSnooze1763870000000 implements MigrationInterface {
  name = 'AlertSnooze1763870000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE alert_rules ADD COLUMN snoozed_until timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE alert_rules DROP COLUMN snoozed_until`);
  }
}
