import type { DataSource } from 'typeorm';

/** Any fixed number works; it only has to be the same for every process. */
const MIGRATION_LOCK = 7_301_977;

/**
 * Runs pending migrations under a Postgres advisory lock, so that several processes
 * starting at once (gateway, prediction, workers) apply each migration exactly once.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
