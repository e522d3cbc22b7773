import pg from 'pg';

/** How a Postgres server answered: there and usable, or why not. */
export type PostgresProbe = { ok: true } | { ok: false; refused: boolean; message: string };

function maintenanceUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

/** Whether a Postgres server answers at the URL's host (on its maintenance database). */
export async function probePostgres(databaseUrl: string, timeoutMs = 2000): Promise<PostgresProbe> {
  const client = new pg.Client({ connectionString: maintenanceUrl(databaseUrl), connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    return { ok: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, refused: code === 'ECONNREFUSED' || code === 'ENOENT', message: (error as Error).message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the URL's database when the server has none by that name. Returns whether it did. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const client = new pg.Client({ connectionString: maintenanceUrl(databaseUrl) });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    return true;
  } finally {
    await client.end();
  }
}

/** Drops the URL's database if there is one, closing its connections first (scratch databases of tests and benches). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const client = new pg.Client({ connectionString: maintenanceUrl(databaseUrl) });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
