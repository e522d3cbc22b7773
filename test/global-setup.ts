import type { ProjectConfig } from 'jest';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { Redis } from 'ioredis';
const { TEST_DATABASE_URL = '', TEST_REDIS_URL = '' } = process.env;

/**
 * Recreates the test database and empties the test Redis database. Migrations are applied
 * by the first app or test data source that connects, as in production. The stack tier
 * (`globals.buildFirst`, jest.stack.config.js) builds first: its specs run the apps from dist/.
 */
export default async function globalSetup(_global: unknown, project: ProjectConfig): Promise<void> {
  if (project.globals.buildFirst === true) execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  const url = new URL(TEST_DATABASE_URL);
  const name = url.pathname.slice(1);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();

  const redis = new Redis(TEST_REDIS_URL);
  await redis.flushdb();
  redis.disconnect();
}
