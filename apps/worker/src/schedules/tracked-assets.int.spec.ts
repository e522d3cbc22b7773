import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AssetRepository, CandleRepository } from '#libs/database';
import { AssetScheduler, JobName, JobProducer, QueueName } from '#libs/queue';
import { emptyDatabase } from '../../../../test/support/fixtures.js';
import { KrakenStandIn } from '../../../../test/support/kraken-stand-in.js';
import { bootApp } from '../../../../test/support/nest-app.js';
import { emptyQueues } from '../../../../test/support/queues.js';
import { openTestDatabase } from '../../../../test/support/test-database.js';
import { WorkerModule } from '../worker.module.js';

describe('a worker starting on an empty database', () => {
  let kraken: KrakenStandIn;
  let app: INestApplication | undefined;
  let db: DataSource;

  const start = async () => {
    app = await bootApp(WorkerModule, {
      KRAKEN_API_URL: kraken.url,
      KRAKEN_MIN_INTERVAL_MS: '0',
      TRACKED_ASSETS: 'BTC,ETH',
      TRACKED_INTERVALS: '1d',
      IMPORT_DEFAULT_HISTORY: 'true',
      TRAIN_ON_FIRST_START: 'false',
      SYNC_EVERY: '1h',
    });
    return app;
  };
  const daily = async (symbol: string) => {
    const asset = await app!.get(AssetRepository).findBySymbol(symbol);
    return app!.get(CandleRepository).history({ assetId: asset!.id, interval: '1d', from: new Date(0), limit: 10_000 });
  };

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    db = await openTestDatabase();
    await emptyDatabase(db);
    await emptyQueues();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await emptyQueues(); // the syncs it scheduled must not run in a later spec
  });

  afterAll(async () => {
    await db.destroy();
    await kraken.stop();
  });

  it('imports the shipped Kraken daily history of BTC and ETH, and schedules their syncs', async () => {
    await start();
    const btc = await daily('BTC');
    expect(btc).toHaveLength(4548);
    expect(btc[0]).toMatchObject({ time: '2013-10-06T00:00:00.000Z', open: '122.0', close: '122.0', volume: '0.1', trades: 1 });
    expect(btc.at(-1)).toMatchObject({ time: '2026-03-31T00:00:00.000Z', close: '68219.7', volume: '2941.58055909' });
    const eth = await daily('ETH');
    expect(eth).toHaveLength(3154);
    // Kraken's export writes this volume in scientific notation (4E+2).
    expect(eth.find((c) => c.time === '2015-10-02T00:00:00.000Z')?.volume).toBe('400');
    expect(await app!.get(AssetScheduler).scheduled()).toEqual([
      'evaluate-BTC-1d',
      'evaluate-ETH-1d',
      'score-BTC-1d',
      'score-ETH-1d',
      'sync-BTC-1d',
      'sync-ETH-1d',
      'train-BTC-1d',
      'train-ETH-1d',
    ]);
  });

  it("checks the admins' candles_stale rules of each series every sync period, which no candle triggers", async () => {
    await start();
    const checks = (await app!.get(JobProducer).queue(QueueName.Alerts).getJobSchedulers()).map((s) => ({
      id: s.key,
      every: Number(s.every),
      name: s.name,
      data: s.template?.data,
    }));
    expect(checks.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      ['BTC', 'ETH'].map((asset) => ({
        id: `evaluate-${asset}-1d`,
        every: 3_600_000,
        name: JobName.Evaluate,
        data: { asset, interval: '1d', trigger: 'stale_check' },
      })),
    );
  });

  it('imports nothing again on a later start', async () => {
    const [{ xmins: before }] = await db.query(`SELECT array_agg(xmin::text ORDER BY time) AS xmins FROM candles`);
    await start();
    const [{ xmins: after }] = await db.query(`SELECT array_agg(xmin::text ORDER BY time) AS xmins FROM candles`);
    expect(after).toEqual(before);
  });

  it('leaves an asset that an admin stopped tracking untracked on a later start', async () => {
    await start();
    await app!.get(AssetRepository).untrack('ETH');
    await app!.get(AssetScheduler).unschedule('ETH');
    await app!.close();
    await start();
    expect((await app!.get(AssetRepository).findTracked()).map((a) => a.symbol)).toEqual(['BTC']);
    expect(await app!.get(AssetScheduler).scheduled()).toEqual(['evaluate-BTC-1d', 'score-BTC-1d', 'sync-BTC-1d', 'train-BTC-1d']);
  });
});
