import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { ConfigModule } from '#libs/config';
import { AssetRepository, CandleRepository, DatabaseModule, type AssetEntity } from '#libs/database';
import { InvalidCandleFileError, UnknownAssetError, type IntervalCode } from '#libs/domain';
import { CandleImporter, type ImportProgress } from './candle-importer.service.js';
import { eventually } from '../../../../test/support/queues.js';

const SHIPPED_BTC_DAILY = fileURLToPath(new URL('../../../../data/history/kraken-XBTUSD-1440.csv', import.meta.url));
const HEADER = 'time,open,high,low,close,volume,trades';
const HOUR = 3600;
const FIRST_HOUR = 1381093200; // 2013-10-06 21:00 UTC, Kraken's first XBTUSD hour
// Real rows: Kraken's first XBTUSD hours, and ETHUSD days around the 4E+2 volume of 2015-10-02.
const BTC_HOURS = [
  '1381093200,122.0,122.0,122.0,122.0,0.1,1',
  '1381096800,123.61,123.61,123.61,123.61,0.1,1',
  '1381100400,123.91,123.91,123.91,123.91,0.1,1',
];
const ETH_DAYS = [
  '1443657600,0.68,0.68,0.66552,0.66552,125.4,3',
  '1443744000,0.66601,0.66601,0.66467,0.66467,4E+2,3',
  '1443830400,0.68,0.68,0.68,0.68,0.98,1',
];

describe('CandleImporter', () => {
  let moduleRef: TestingModule;
  let importer: CandleImporter;
  let assets: AssetRepository;
  let candles: CandleRepository;
  let db: DataSource;
  let dir: string;
  let files = 0;
  const symbols: string[] = [];

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule], providers: [CandleImporter] }).compile();
    importer = moduleRef.get(CandleImporter);
    assets = moduleRef.get(AssetRepository);
    candles = moduleRef.get(CandleRepository);
    db = moduleRef.get(DataSource);
    dir = await mkdtemp(join(tmpdir(), 'candle-importer-'));
  });

  afterAll(async () => {
    await db.query('DELETE FROM assets WHERE symbol = ANY($1)', [symbols]);
    await moduleRef.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** An asset of this test's own, so that specs sharing the database never see its candles. */
  async function freshAsset(): Promise<AssetEntity> {
    const symbol = `CSV${randomBytes(3).toString('hex').toUpperCase()}`;
    symbols.push(symbol);
    return assets.track({
      symbol,
      name: 'CSV import test',
      krakenAltname: `${symbol}USD`,
      krakenKey: `X${symbol}ZUSD`,
      base: symbol,
      quote: 'ZUSD',
    });
  }

  async function csv(lines: string[]): Promise<string> {
    const path = join(dir, `candles-${++files}.csv`);
    await writeFile(path, `${lines.join('\n')}\n`);
    return path;
  }

  const stored = (asset: AssetEntity, interval: IntervalCode = '1h') =>
    candles.history({ assetId: asset.id, interval, from: new Date(0), limit: 100_000 });
  const count = (asset: AssetEntity, interval: IntervalCode = '1h') => candles.count(asset.id, interval);
  const rowVersions = async (asset: AssetEntity) =>
    (await db.query('SELECT xmin::text AS v FROM candles WHERE asset_id = $1 ORDER BY interval, time', [asset.id])).map(
      (r: { v: string }) => r.v,
    );

  /** `n` well-formed hourly rows from Kraken's first hour on. */
  const hours = (n: number) => Array.from({ length: n }, (_, i) => `${FIRST_HOUR + i * HOUR},123.5,124.0,123.0,123.75,1.5,${i + 1}`);

  it('stores scientific-notation volumes as the numbers they are: 4E+2 as 400, 1E+1 as 10', async () => {
    const asset = await freshAsset();
    await importer.importFile(await csv([HEADER, ...ETH_DAYS]), asset.symbol, '1d');
    await importer.importFile(await csv([HEADER, '1381935600,146.14,146.14,142.28538,142.28538,1E+1,6']), asset.symbol, '1h');

    expect((await stored(asset, '1d')).map((c) => c.volume)).toEqual(['125.4', '400', '0.98']);
    expect((await stored(asset, '1h')).map((c) => c.volume)).toEqual(['10']);
  });

  it('keeps prices exactly as written, trailing zeros and tiny decimals included', async () => {
    const asset = await freshAsset();
    await importer.importFile(
      await csv([HEADER, BTC_HOURS[0], '1381096800,0.00012345,0.00012350,0.00012340,0.00012345,12345.67890123,2']),
      asset.symbol,
      '1h',
    );

    const [first, second] = await stored(asset);
    expect(first).toMatchObject({
      time: '2013-10-06T21:00:00.000Z',
      open: '122.0',
      high: '122.0',
      low: '122.0',
      close: '122.0',
      vwap: null,
      volume: '0.1',
      trades: 1,
    });
    expect(second).toMatchObject({
      open: '0.00012345',
      high: '0.00012350',
      low: '0.00012340',
      close: '0.00012345',
      volume: '12345.67890123',
      trades: 2,
    });
  });

  it('reports what it inserted, and changes nothing at all when the same file is imported again', async () => {
    const asset = await freshAsset();
    const path = await csv([HEADER, ...BTC_HOURS]);

    expect(await importer.importFile(path, asset.symbol, '1h')).toMatchObject({ rows: 3, inserted: 3, updated: 0 });
    const before = { candles: await stored(asset), versions: await rowVersions(asset) };

    expect(await importer.importFile(path, asset.symbol, '1h')).toMatchObject({ rows: 3, inserted: 0, updated: 0 });
    expect(await stored(asset)).toEqual(before.candles);
    expect(await rowVersions(asset)).toEqual(before.versions);
  });

  it('updates the candles a later file corrects and adds the ones it extends with', async () => {
    const asset = await freshAsset();
    await importer.importFile(await csv(BTC_HOURS.slice(0, 2)), asset.symbol, '1h');

    const corrected = BTC_HOURS[1].replace(',0.1,1', ',0.25,2');
    expect(await importer.importFile(await csv([BTC_HOURS[0], corrected, BTC_HOURS[2]]), asset.symbol, '1h')).toMatchObject({
      rows: 3,
      inserted: 1,
      updated: 1,
    });
    expect((await stored(asset)).map((c) => [c.volume, c.trades])).toEqual([
      ['0.1', 1],
      ['0.25', 2],
      ['0.1', 1],
    ]);
  });

  it('never lets a candle without trades replace a stored one that has trades', async () => {
    const asset = await freshAsset();
    await importer.importFile(await csv([BTC_HOURS[0]]), asset.symbol, '1h');

    const filler = '1381093200,121.0,121.0,121.0,121.0,0,0';
    expect(await importer.importFile(await csv([filler]), asset.symbol, '1h')).toMatchObject({ inserted: 0, updated: 0 });
    expect((await stored(asset))[0]).toMatchObject({ close: '122.0', trades: 1 });
  });

  it('still upserts when another writer stores a candle of the same hours while it imports', async () => {
    const asset = await freshAsset();
    const other = db.createQueryRunner();
    await other.connect();
    try {
      await other.startTransaction();
      await other.query(
        `INSERT INTO candles (asset_id, interval, time, open, high, low, close, volume, trades) VALUES ($1, 60, to_timestamp($2), 1, 1, 1, 1, 1, 1)`,
        [asset.id, FIRST_HOUR + HOUR],
      );
      // The import sees no candle in its range, inserts, and waits on the other writer's row.
      const importing = importer.importFile(await csv(BTC_HOURS), asset.symbol, '1h');
      await eventually(
        async () =>
          (
            (await db.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO candles%'`,
            )) as { n: number }[]
          )[0].n,
        (waiting) => waiting > 0,
        5000,
        "the import's INSERT to wait on the other writer's lock",
      );
      await other.commitTransaction();

      expect(await importing).toMatchObject({ rows: 3, inserted: 2, updated: 1 });
      expect((await stored(asset)).map((c) => c.close)).toEqual(['122.0', '123.61', '123.91']);
    } finally {
      await other.release();
    }
  });

  it('writes nothing when a row deep in the file is bad, and names its line', async () => {
    const asset = await freshAsset();
    // Well past the first COPY chunks, so that rows already sent to Postgres must be rolled back.
    const lines = [HEADER, ...hours(2500), '1390093200,123.5,124.0,123.0', ...hours(2600).slice(2501)];

    await expect(importer.importFile(await csv(lines), asset.symbol, '1h')).rejects.toThrow(
      /candles-\d+\.csv, line 2502: expected 7 fields/,
    );
    expect(await count(asset)).toBe(0);
  });

  it('leaves stored candles as they were when a file that would change them has a bad row', async () => {
    const asset = await freshAsset();
    await importer.importFile(await csv(BTC_HOURS), asset.symbol, '1h');
    const before = { candles: await stored(asset), versions: await rowVersions(asset) };

    const changed = BTC_HOURS.map((row) => row.replace(',0.1,1', ',9.9,9'));
    const misaligned = `${FIRST_HOUR + 3 * HOUR + 60},1,1,1,1,1,1`;
    await expect(importer.importFile(await csv([...changed, misaligned]), asset.symbol, '1h')).rejects.toThrow(InvalidCandleFileError);

    expect(await stored(asset)).toEqual(before.candles);
    expect(await rowVersions(asset)).toEqual(before.versions);
  });

  it('imports a headerless Kraken download', async () => {
    const asset = await freshAsset();
    expect(await importer.importFile(await csv(hours(50)), asset.symbol, '1h')).toMatchObject({ rows: 50, inserted: 50 });
    expect(await count(asset)).toBe(50);
  });

  it.each([
    ['a misaligned time', [...hours(3), `${FIRST_HOUR + 3 * HOUR + 1},1,1,1,1,1,1`], /line 4: time \d+ .* is not on a 1h boundary/],
    ['a time that does not increase', [HEADER, ...hours(3), hours(2)[1]], /line 5: time \d+ .* does not come after the previous row's/],
    [
      'a row with the wrong number of fields',
      [HEADER, ...hours(2), `${FIRST_HOUR + 2 * HOUR},1,1,1,1,1,1,1`],
      /line 4: expected 7 fields .* found 8/,
    ],
  ])('refuses a file with %s, naming the line, and stores none of it', async (_, lines, message) => {
    const asset = await freshAsset();
    const importing = importer.importFile(await csv(lines), asset.symbol, '1h');
    await expect(importing).rejects.toThrow(InvalidCandleFileError);
    await expect(importing).rejects.toThrow(message);
    expect(await count(asset)).toBe(0);
  });

  it("imports the shipped BTC daily history: 4,548 candles from Kraken's first day, 2013-10-06 at 122.0", async () => {
    const asset = await freshAsset();
    expect(await importer.importFile(SHIPPED_BTC_DAILY, asset.symbol, '1d')).toMatchObject({ rows: 4548, inserted: 4548, updated: 0 });

    expect(await count(asset, '1d')).toBe(4548);
    const [first] = await candles.history({ assetId: asset.id, interval: '1d', from: new Date(0), limit: 1 });
    expect(first).toMatchObject({
      time: '2013-10-06T00:00:00.000Z',
      open: '122.0',
      high: '122.0',
      low: '122.0',
      close: '122.0',
      volume: '0.1',
      trades: 1,
    });
    expect(first.time).toBe('2013-10-06T00:00:00.000Z');
  });

  it('tells how far it has got while it reads', async () => {
    const asset = await freshAsset();
    const seen: ImportProgress[] = [];
    await importer.importFile(await csv(hours(3000)), asset.symbol, '1h', (p) => seen.push(p));

    expect(seen.length).toBeGreaterThan(1);
    expect(seen.map((p) => p.rows)).toEqual([...seen.map((p) => p.rows)].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ rows: 3000, fileRead: true });
    expect(seen.at(-1)!.bytesRead).toBe(seen.at(-1)!.totalBytes);
  });

  it('creates BTC or ETH on their first import, since Candlecast knows their Kraken names', async () => {
    // Another spec's ETH, if any, steps aside for this test and comes back untouched afterwards.
    await db.query(`UPDATE assets SET symbol = 'ASIDEETH', kraken_key = 'ASIDE-XETHZUSD' WHERE symbol = 'ETH'`);
    try {
      expect(await importer.importFile(await csv(ETH_DAYS), 'eth', '1d')).toMatchObject({ inserted: 3 });
      expect(await assets.findBySymbol('ETH')).toMatchObject({
        symbol: 'ETH',
        krakenAltname: 'ETHUSD',
        krakenKey: 'XETHZUSD',
        tracked: true,
      });
    } finally {
      await db.query(`DELETE FROM assets WHERE symbol = 'ETH'`);
      await db.query(`UPDATE assets SET symbol = 'ETH', kraken_key = 'XETHZUSD' WHERE symbol = 'ASIDEETH'`);
    }
  });

  it('refuses an asset it does not know and says to add it with POST /crypto/assets first', async () => {
    const importing = importer.importFile(await csv(BTC_HOURS), 'NOSUCHCOIN', '1h');
    await expect(importing).rejects.toThrow(UnknownAssetError);
    await expect(importing).rejects.toThrow(/Unknown asset 'NOSUCHCOIN': add it with POST \/crypto\/assets first/);
    expect(await assets.findBySymbol('NOSUCHCOIN')).toBeNull();
  });
});
