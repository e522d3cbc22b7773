import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AssetRepository, CandleRepository } from '#libs/database';
import { KNOWN_ASSETS } from '#libs/market-data';
import { AssetScheduler, JobProducer, QueueName, RedisClient } from '#libs/queue';
import { startFromScratch } from '../../../../test/support/fixtures.js';
import { KrakenStandIn } from '../../../../test/support/kraken-stand-in.js';
import { bootApp } from '../../../../test/support/nest-app.js';
import { freePort } from '../../../../test/support/processes.js';
import { emptyQueues, eventually } from '../../../../test/support/queues.js';
import { WorkerModule } from '../worker.module.js';
import { NotificationRetentionSchedule } from './notification-retention.schedule.js';
import { SchedulerKeeper } from './scheduler-keeper.schedule.js';

const BTC_SCHEDULERS = ['evaluate-BTC-1h', 'score-BTC-1h', 'sync-BTC-1h', 'train-BTC-1h'];
const ALL_SCHEDULERS = [
  'evaluate-BTC-1h',
  'evaluate-ETH-1h',
  'score-BTC-1h',
  'score-ETH-1h',
  'sync-BTC-1h',
  'sync-ETH-1h',
  'train-BTC-1h',
  'train-ETH-1h',
];

/** The 719 closed hourly candles of the recording Kraken's stand-in serves (ohlc-XBTUSD-60.json). */
const RECORDED_CANDLES = 719;

describe('a worker whose Redis lost its data', () => {
  let kraken: KrakenStandIn;
  /** A connection of the test's own to the test Redis database (TEST_REDIS_URL), to empty it as a lost Redis would be. */
  let redis: Redis;

  const worker = (env: Record<string, string>) =>
    bootApp(WorkerModule, {
      KRAKEN_API_URL: kraken.url,
      KRAKEN_MIN_INTERVAL_MS: '0',
      TRACKED_ASSETS: 'BTC,ETH',
      TRACKED_INTERVALS: '1h',
      IMPORT_DEFAULT_HISTORY: 'false',
      TRAIN_ON_FIRST_START: 'false',
      ...env,
    });
  const scheduled = (app: INestApplication) => app.get(AssetScheduler).scheduled();
  /** The notifications queue's schedulers: the prune's alone. */
  const pruneScheduled = async (app: INestApplication) =>
    (await app.get(JobProducer).queue(QueueName.Notifications).getJobSchedulers()).map((s) => s.key);
  const btcHours = async (app: INestApplication) => {
    const btc = await app.get(AssetRepository).findBySymbol('BTC');
    return app.get(CandleRepository).count(btc!.id, '1h');
  };
  /** Candles that only a sync can bring back: nothing else writes them. */
  const deleteDecember = async (app: INestApplication) => {
    const btc = await app.get(AssetRepository).findBySymbol('BTC');
    await app.get(DataSource).query(`DELETE FROM candles WHERE asset_id = $1 AND interval = 60 AND time > '2020-12-01'`, [btc!.id]);
    expect(await btcHours(app)).toBeLessThan(RECORDED_CANDLES);
  };
  /** What DELETE /crypto/assets/{symbol} does: untrack in Postgres, then remove the schedulers. */
  const untrackAsAnAdmin = async (app: INestApplication, symbol: string) => {
    await app.get(AssetRepository).untrack(symbol);
    await app.get(AssetScheduler).unschedule(symbol);
  };

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    // The recorded BTC hours for every pair, so that ETH's syncs succeed too (what they store does not matter here).
    kraken.useOhlc('ohlc-XBTUSD-60.json');
    redis = new Redis(process.env.REDIS_URL!);
  });

  afterAll(async () => {
    redis.disconnect();
    await kraken.stop();
  });

  describe('on its regular beat', () => {
    let app: INestApplication;

    beforeAll(async () => {
      await startFromScratch();
      app = await worker({ SYNC_EVERY: '2', SCHEDULER_CHECK_EVERY: '1' });
    });

    afterAll(async () => {
      await app.close();
      await emptyQueues();
    });

    it('makes the lost schedulers again, and the next scheduled sync brings the candles in', async () => {
      expect(
        await eventually(
          () => btcHours(app),
          (n) => n === RECORDED_CANDLES,
        ),
      ).toBe(RECORDED_CANDLES);

      await redis.flushdb();
      await deleteDecember(app);

      // Every job the queue knows of now was made after the flush: a sync still running when Redis
      // lost its data cannot complete (its job is gone), though it may still write its candles.
      const completedBtcSyncs = async () =>
        (await app.get(JobProducer).queue(QueueName.MarketData).getJobs(['completed'])).filter(
          (job) => job.name === 'sync' && job.data.asset === 'BTC',
        ).length;
      expect(await eventually(completedBtcSyncs, (n) => n > 0, 20_000, 'a scheduled BTC sync completed after the flush')).toBeGreaterThan(
        0,
      );
      expect(
        await eventually(
          () => btcHours(app),
          (n) => n === RECORDED_CANDLES,
          20_000,
        ),
      ).toBe(RECORDED_CANDLES);
      expect(await scheduled(app)).toEqual(ALL_SCHEDULERS);
      expect(await pruneScheduled(app)).toEqual([NotificationRetentionSchedule.ID]);
    });
  });

  describe('when Redis answers again, and on demand', () => {
    let app: INestApplication;
    let keeper: SchedulerKeeper;

    beforeAll(async () => {
      await startFromScratch();
      // A beat far beyond any test: whatever comes back here comes back by reconnection or check().
      app = await worker({ SYNC_EVERY: '1h', SCHEDULER_CHECK_EVERY: '1h' });
      keeper = app.get(SchedulerKeeper);
    });

    beforeEach(async () => {
      await app.get(AssetRepository).track(KNOWN_ASSETS.ETH);
      await keeper.check();
      expect(await scheduled(app)).toEqual(ALL_SCHEDULERS);
      expect(await pruneScheduled(app)).toEqual([NotificationRetentionSchedule.ID]);
    });

    afterEach(() => {
      jest.restoreAllMocks();
    });

    afterAll(async () => {
      await app.close();
      await emptyQueues();
    });

    it('makes the lost schedulers again within seconds of a reconnection', async () => {
      await redis.flushdb();
      expect(await scheduled(app)).toEqual([]);
      expect(await pruneScheduled(app)).toEqual([]);
      // Redis drops the worker's connection, as a restart or a failover does.
      const id = await app.get(RedisClient).client('ID');
      await redis.client('KILL', 'ID', String(id));
      expect(
        await eventually(
          () => scheduled(app),
          (ids) => ids.length === ALL_SCHEDULERS.length,
        ),
      ).toEqual(ALL_SCHEDULERS);
      expect(await pruneScheduled(app)).toEqual([NotificationRetentionSchedule.ID]);
    });

    it('leaves the schedulers that exist as they are, with their next run', async () => {
      const marketData = app.get(JobProducer).queue(QueueName.MarketData);
      const nextBtcSync = async () =>
        (await marketData.getJobs(['delayed'])).filter((job) => job.repeatJobKey === 'sync-BTC-1h').map((job) => job.id);
      const nextPrune = async () =>
        (await app.get(JobProducer).queue(QueueName.Notifications).getJobs(['delayed']))
          .filter((job) => job.repeatJobKey === NotificationRetentionSchedule.ID)
          .map((job) => job.id);
      const before = await eventually(nextBtcSync, (ids) => ids.length === 1);
      expect(before).toHaveLength(1);
      const pruneBefore = await eventually(nextPrune, (ids) => ids.length === 1);
      const btcRequests = () => kraken.requestsTo('OHLC').filter((r) => r.query.pair === 'XXBTZUSD').length;
      const requestsBefore = btcRequests();

      await app.get(AssetScheduler).unschedule('ETH');
      await keeper.check();
      expect(await scheduled(app)).toEqual(ALL_SCHEDULERS);
      expect(await nextBtcSync()).toEqual(before);
      expect(await nextPrune()).toEqual(pruneBefore);
      expect(btcRequests()).toBe(requestsBefore); // no sync of BTC run again by the check
    });

    it('makes each scheduler once when several workers restore them at once', async () => {
      const other = await worker({ SYNC_EVERY: '1h', SCHEDULER_CHECK_EVERY: '1h' });
      try {
        await redis.flushdb();
        await Promise.all([keeper.check(), other.get(SchedulerKeeper).check(), keeper.check()]);
        expect(await scheduled(app)).toEqual(ALL_SCHEDULERS);
        expect(await pruneScheduled(app)).toEqual([NotificationRetentionSchedule.ID]);
        // One next run per cron scheduler (score and train of BTC and ETH), not one per worker.
        expect(await app.get(JobProducer).queue(QueueName.Scoring).getJobCountByTypes('delayed')).toBe(2);
        expect(await app.get(JobProducer).queue(QueueName.Training).getJobCountByTypes('delayed')).toBe(2);
      } finally {
        await other.close();
      }
    });

    it('does not bring back the schedulers of an asset an admin untracked', async () => {
      await untrackAsAnAdmin(app, 'ETH');
      await redis.flushdb();
      await keeper.check();
      expect(await scheduled(app)).toEqual(BTC_SCHEDULERS);
    });

    it('does not bring back an asset untracked after it read which assets are tracked', async () => {
      await redis.flushdb();
      const assets = app.get(AssetRepository);
      const findTracked = assets.findTracked.bind(assets);
      jest.spyOn(assets, 'findTracked').mockImplementationOnce(async () => {
        const tracked = await findTracked();
        await untrackAsAnAdmin(app, 'ETH');
        return tracked;
      });
      await keeper.check();
      expect(await scheduled(app)).toEqual(BTC_SCHEDULERS);
    });

    it('takes back what it made for an asset whose untrack landed while it wrote the schedulers', async () => {
      await redis.flushdb();
      const assets = app.get(AssetRepository);
      const findBySymbol = assets.findBySymbol.bind(assets);
      // The admin's untrack commits just after the keeper's last look, and its unschedule finds nothing yet to remove.
      jest.spyOn(assets, 'findBySymbol').mockImplementation(async (symbol) => {
        const asset = await findBySymbol(symbol);
        if (symbol === 'ETH' && asset?.tracked) await untrackAsAnAdmin(app, 'ETH');
        return asset;
      });
      await keeper.check();
      expect(await scheduled(app)).toEqual(BTC_SCHEDULERS);
      expect(await assets.findTracked()).toEqual([expect.objectContaining({ symbol: 'BTC' })]);
    });
  });

  describe('after a restart of a Redis that keeps nothing', () => {
    let app: INestApplication;
    let port: number;
    let server: ChildProcess | undefined;

    /** A redis-server of this test's own, with no persistence at all: a restart empties it. */
    const startRedis = async () => {
      const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server = child;
      let log = '';
      await new Promise<void>((resolve, reject) => {
        const onData = (data: Buffer) => {
          log += data;
          if (log.includes('Ready to accept connections')) resolve();
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        child.once('error', reject);
        child.once('exit', (code, signal) => reject(new Error(`redis-server exited (${signal ?? code}) while starting:\n${log}`)));
      });
    };
    const stopRedis = async () => {
      const child = server;
      server = undefined;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    };

    beforeAll(async () => {
      port = await freePort();
      await startRedis();
      await startFromScratch();
      app = await worker({ REDIS_URL: `redis://127.0.0.1:${port}`, SYNC_EVERY: '1h', SCHEDULER_CHECK_EVERY: '1h' });
    });

    afterAll(async () => {
      await app.close();
      await stopRedis();
    });

    it('makes the schedulers again once Redis answers, and their first sync brings the candles in', async () => {
      expect(
        await eventually(
          () => btcHours(app),
          (n) => n === RECORDED_CANDLES,
        ),
      ).toBe(RECORDED_CANDLES);

      await stopRedis();
      await deleteDecember(app);
      await startRedis();

      expect(
        await eventually(
          () => btcHours(app),
          (n) => n === RECORDED_CANDLES,
          20_000,
        ),
      ).toBe(RECORDED_CANDLES);
      expect(await scheduled(app)).toEqual(ALL_SCHEDULERS);
      expect(await pruneScheduled(app)).toEqual([NotificationRetentionSchedule.ID]);
    });
  });
});
