import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { Candle } from '#libs/domain';
import { CHANGE_CHANNELS } from './change-feed.js';
import { dataSourceOptions } from './data-source.options.js';
import { runMigrations } from './migrate.js';
import { CandleRepository } from './repositories/candle.repository.js';

const HOUR = 3600;
const START = 1_700_000_000 - (1_700_000_000 % HOUR);

/** `count` hourly candles from `from` (unix seconds), closing at `close`. */
function hourly(count: number, from = START, close = '100.5'): Candle[] {
  return Array.from({ length: count }, (_, i) => ({
    time: from + i * HOUR,
    open: '100.0',
    high: '101.0',
    low: '99.0',
    close,
    vwap: '100.2',
    volume: '1.5',
    trades: 3,
  }));
}

/**
 * The candle change notice (migration 1763810000000-candle-notifications): one notification per
 * statement that changes candles, naming the series, and a series version that every such
 * statement changes. What the history route's caches and ETags rely on.
 */
describe('candle change notifications', () => {
  let db: DataSource;
  let candles: CandleRepository;
  let listener: pg.Client;
  let assetId: number;
  let otherId: number;
  const heard: string[] = [];
  let markerSeen: ((payload: string) => void) | undefined;

  /** What the listener heard since the last call: everything committed before a marker, which Postgres delivers after them. */
  async function notifications(): Promise<string[]> {
    const marker = `marker-${heard.length}-${Date.now()}`;
    const seen = new Promise<void>((resolve) => (markerSeen = (payload) => payload === marker && resolve()));
    await db.query(`SELECT pg_notify($1, $2)`, [CHANGE_CHANNELS.candles, marker]);
    await seen;
    return heard.splice(0).filter((payload) => !payload.startsWith('marker-'));
  }

  const version = async (id = assetId, minutes = 60) =>
    (await candles.versionedHistory({ assetId: id, interval: minutes === 60 ? '1h' : '1d', limit: 1 })).version;

  beforeAll(async () => {
    db = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize();
    await runMigrations(db);
    await db.query('TRUNCATE predictions, evaluations, models, candles, assets RESTART IDENTITY CASCADE');
    [{ id: assetId }, { id: otherId }] = await db.query(
      `INSERT INTO assets (symbol, kraken_altname, kraken_key, base, quote, name)
       VALUES ('BTC', 'XBTUSD', 'XXBTZUSD', 'XBT', 'USD', 'Bitcoin'), ('ETH', 'ETHUSD', 'XETHZUSD', 'ETH', 'USD', 'Ethereum') RETURNING id`,
    );
    candles = new CandleRepository(db);
    listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    listener.on('notification', (m) => {
      heard.push(m.payload ?? '');
      markerSeen?.(m.payload ?? '');
    });
    await listener.query(`LISTEN ${CHANGE_CHANNELS.candles}`);
  });

  afterAll(async () => {
    await listener.end();
    await db.destroy();
  });

  beforeEach(async () => {
    await db.query('TRUNCATE candles');
    await notifications();
  });

  it('sends one notification for a sync page of 720 candles, naming its series', async () => {
    await candles.upsert(assetId, '1h', hourly(720));
    expect(await notifications()).toEqual([`${assetId}:60`]);
  });

  it('sends one notification for an upsert that both corrects and adds candles', async () => {
    await candles.upsert(assetId, '1h', hourly(720));
    await notifications();
    const result = await candles.upsert(assetId, '1h', hourly(720, START + 360 * HOUR, '200.25'));
    expect(result).toEqual({ inserted: 360, updated: 360 });
    expect(await notifications()).toEqual([`${assetId}:60`]);
  });

  it('sends one notification for an import of 4,548 candles, by either of its paths', async () => {
    await candles.bulkUpsert(assetId, '1h', hourly(4548));
    expect(await notifications()).toEqual([`${assetId}:60`]);
    // Again, over itself with other closes: the upsert path instead of the empty-range insert.
    expect(await candles.bulkUpsert(assetId, '1h', hourly(4548, START, '300.75'))).toEqual({ inserted: 0, updated: 4548 });
    expect(await notifications()).toEqual([`${assetId}:60`]);
  });

  it('sends nothing, and keeps the version, when an upsert changes no candle', async () => {
    await candles.upsert(assetId, '1h', hourly(24));
    await notifications();
    const before = await version();
    expect(await candles.upsert(assetId, '1h', hourly(24))).toEqual({ inserted: 0, updated: 0 });
    expect(await notifications()).toEqual([]);
    expect(await version()).toBe(before);
  });

  it('names every series a statement touches, and changes the version of those only', async () => {
    await candles.upsert(assetId, '1h', hourly(2));
    await candles.upsert(otherId, '1h', hourly(2));
    await candles.upsert(otherId, '1d', hourly(2));
    await notifications();
    const [btc, ethDaily] = [await version(assetId), await version(otherId, 1440)];
    await db.query(`UPDATE candles SET trades = trades + 1 WHERE interval = 60`);
    expect(await notifications()).toEqual([`${assetId}:60,${otherId}:60`]);
    expect(BigInt(await version(assetId))).toBeGreaterThan(BigInt(btc));
    expect(await version(otherId, 1440)).toBe(ethDaily);
    await db.query(`DELETE FROM candles WHERE asset_id = $1 AND interval = 1440`, [otherId]);
    expect(await notifications()).toEqual([`${otherId}:1440`]);
    expect(BigInt(await version(otherId, 1440))).toBeGreaterThan(BigInt(ethDaily));
  });

  it('says everything changed on a TRUNCATE, and never gives a series a version it had before', async () => {
    await candles.upsert(assetId, '1h', hourly(2));
    await notifications();
    const before = await version();
    await db.query('TRUNCATE candles');
    expect(await notifications()).toEqual(['*']);
    const emptied = await version();
    expect(BigInt(emptied)).toBeGreaterThan(BigInt(before));
    await candles.upsert(assetId, '1h', hourly(2));
    expect(BigInt(await version())).toBeGreaterThan(BigInt(emptied));
  });

  it('reads a version and the candles it names from one snapshot', async () => {
    await candles.upsert(assetId, '1h', hourly(3));
    const { version: v, candles: read } = await candles.versionedHistory({ assetId, interval: '1h', from: new Date(0), limit: 10 });
    expect(read).toHaveLength(3);
    expect(v).toBe(await version());
    // A series that never had a candle.
    expect(await candles.versionedHistory({ assetId: otherId, interval: '4h', limit: 10 })).toEqual({ version: '0', candles: [] });
  });
});
