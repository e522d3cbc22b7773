import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '#libs/database';
const { TEST_DATABASE_URL = '' } = process.env;

/** A migrated connection to the test database, for specs that need no app around it. */
export async function openTestDatabase(): Promise<DataSource> {
  const db = await new DataSource(dataSourceOptions(TEST_DATABASE_URL)).initialize();
  await runMigrations(db);
  return db;
}
