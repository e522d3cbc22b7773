import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '#libs/config';
import { dataSourceOptions, ensureDatabase, runMigrations } from '#libs/database';

/** `npm run migrate`: creates the database if needed and applies pending migrations. */
const config = loadConfigOrExit();
try {
  if (await ensureDatabase(config.DATABASE_URL)) console.log('created the database');
  const db = await new DataSource(dataSourceOptions(config.DATABASE_URL)).initialize();
  const applied = await runMigrations(db);
  await db.destroy();
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the schema is up to date');
} catch (error) {
  console.error(`migration failed: ${(error as Error).message}`);
  process.exit(1);
}
