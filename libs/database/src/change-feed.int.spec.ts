import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { parseEnv } from '#libs/config';
import { eventually } from '../../../test/support/queues.js';
import { CHANGE_CHANNELS, ChangeFedCache, ChangeFeed } from './change-feed.js';
import { dataSourceOptions } from './data-source.options.js';
import { runMigrations } from './migrate.js';

/** Caches fed by Postgres notifications: they serve what Postgres holds, and nothing a change has replaced. */
describe('ChangeFeed and ChangeFedCache', () => {
  let db: DataSource;
  let feed: ChangeFeed;
  let userId: string;
  const loads: string[] = [];
  let cache: ChangeFedCache<{ role: string }>;
  const role = () =>
    cache.get(userId, async () => {
      loads.push(userId);
      const [row] = await db.query(`SELECT role FROM users WHERE id = $1`, [userId]);
      return row ?? null;
    });

  beforeAll(async () => {
    db = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize();
    await runMigrations(db);
    await db.query(`TRUNCATE users CASCADE`);
    [{ id: userId }] = await db.query(`INSERT INTO users (username, password_hash, role) VALUES ('feed-user', 'x', 'user') RETURNING id`);
    feed = new ChangeFeed(parseEnv({ DATABASE_URL: process.env.DATABASE_URL }));
    cache = new ChangeFedCache(feed, CHANGE_CHANNELS.auth, { max: 10, ttlMs: 60_000 }, (id, key) => key === id);
    await eventually(
      async () => feed.isLive,
      (live) => live,
      5000,
    );
  });

  afterAll(async () => {
    await feed.onModuleDestroy();
    await db.destroy();
  });

  it('reads Postgres once, then serves from memory', async () => {
    loads.length = 0;
    expect(await role()).toEqual({ role: 'user' });
    expect(await role()).toEqual({ role: 'user' });
    expect(loads).toHaveLength(1);
  });

  it('forgets a user the moment a change to them commits, once caught up', async () => {
    await db.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [userId]);
    await feed.caughtUp();
    expect(await role()).toEqual({ role: 'admin' });
  });

  it('keeps other users, and forgets everyone on a TRUNCATE', async () => {
    loads.length = 0;
    await role();
    await db.query(`UPDATE users SET role = role WHERE id <> $1`, [userId]);
    await feed.caughtUp();
    await role();
    expect(loads).toHaveLength(0);
    await db.query(`TRUNCATE refresh_tokens`);
    await feed.caughtUp();
    await role();
    expect(loads).toHaveLength(1);
  });

  it('with shareLoads, lets the misses of a key that come while it loads wait for that load, and not across a change', async () => {
    const shared = new ChangeFedCache<{ n: number }>(feed, CHANGE_CHANNELS.auth, { max: 10, ttlMs: 60_000, shareLoads: true });
    let started = 0;
    let finish!: () => void;
    const slow = () =>
      shared.get('k', async () => {
        const n = ++started;
        await new Promise<void>((resolve) => (finish = resolve));
        return { n };
      });
    const first = [slow(), slow(), slow()];
    await eventually(
      async () => started,
      (n) => n === 1,
      5000,
    );
    expect(started).toBe(1);
    // A change comes in while it loads: the next miss loads anew, and nothing of the first load is kept.
    await db.query(`UPDATE users SET role = role WHERE id = $1`, [userId]);
    await feed.caughtUp();
    const finishFirst = finish;
    const after = slow();
    await eventually(
      async () => started,
      (n) => n === 2,
      5000,
    );
    finishFirst();
    expect(await Promise.all(first)).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    finish();
    expect(await after).toEqual({ n: 2 });
    expect(await slow()).toEqual({ n: 2 });
    expect(started).toBe(2);
  });

  it('never serves a value that a change made while it could not listen has replaced', async () => {
    await db.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [userId]);
    await feed.caughtUp();
    expect(await role()).toEqual({ role: 'admin' });
    await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'candlecast-change-feed'`,
    );
    await eventually(
      async () => feed.isLive,
      (live) => !live,
      5000,
    );
    // Unheard: nobody listens now.
    await db.query(`UPDATE users SET role = 'user' WHERE id = $1`, [userId]);
    expect(await role()).toEqual({ role: 'user' });
    await eventually(
      async () => feed.isLive,
      (live) => live,
      10_000,
    );
    expect(await role()).toEqual({ role: 'user' });
    loads.length = 0;
    await role();
    await role();
    expect(loads.length).toBeLessThanOrEqual(1);
  });
});
