import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { QueueEvents } from 'bullmq';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AssetRepository, CandleRepository } from '#libs/database';
import { JobName, JobProducer, QueueName } from '#libs/queue';
import { startFromScratch } from '../../../../test/support/fixtures.js';
import { KRAKEN_FIXTURES, KrakenStandIn } from '../../../../test/support/kraken-stand-in.js';
import { bootApp } from '../../../../test/support/nest-app.js';
import { eventually, queueEvents } from '../../../../test/support/queues.js';
import { WorkerModule } from '../worker.module.js';
import { CandleIngestService } from './candle-ingest.service.js';

type Row = [number, string, string, string, string, string, string, number];
const recording = (file: string) => JSON.parse(readFileSync(`${KRAKEN_FIXTURES}/${file}`, 'utf8')).result.XXBTZUSD as Row[];
const DECEMBER = recording('ohlc-XBTUSD-60.json');

describe('candle ingestion', () => {
  let kraken: KrakenStandIn;
  let app: INestApplication;
  let db: DataSource;
  let events: QueueEvents;
  let btcId: number;

  const stored = () =>
    db.query(
      `SELECT extract(epoch FROM time)::bigint::int AS t, open, high, low, close, vwap, volume, trades, xmin::text AS xmin
                FROM candles WHERE asset_id = $1 AND interval = 60 ORDER BY time`,
      [btcId],
    );
  const count = async () => app.get(CandleRepository).count(btcId, '1h');
  const run = async (name: JobName.Sync | JobName.Backfill, data: { asset: string; interval: '1h'; since?: number }) => {
    const job = await app.get(JobProducer).enqueue(name, data);
    return job.waitUntilFinished(events, 15_000);
  };

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    await startFromScratch();
    app = await bootApp(WorkerModule, kraken.workerEnv('1h'));
    db = app.get(DataSource);
    events = await queueEvents(QueueName.MarketData);
    btcId = (await app.get(AssetRepository).findBySymbol('BTC'))!.id;
    // The worker's own first sync, to its end: a full page of 719 candles makes it ask Kraken once
    // more (since the page's `last`) after storing them, which must not land in a later test's requests.
    await eventually(
      () => app.get(JobProducer).queue(QueueName.MarketData).getJobCounts('active', 'waiting', 'completed'),
      (counts) => counts.completed >= 1 && counts.active + counts.waiting === 0,
      30_000,
      'the first sync to finish',
    );
  });

  afterAll(async () => {
    await events.close();
    await app.close();
    await kraken.stop();
  });

  beforeEach(() => kraken.reset());

  it('keeps a tracked asset in sync on its own, storing every closed candle and never the open one', async () => {
    expect(await eventually(count, (n) => n === 719)).toBe(719);
    const rows = await stored();
    expect(rows[0]).toMatchObject({
      t: DECEMBER[0][0],
      open: DECEMBER[0][1],
      vwap: DECEMBER[0][5],
      volume: DECEMBER[0][6],
      trades: DECEMBER[0][7],
    });
    expect(rows.at(-1).t).toBe(DECEMBER.at(-2)![0]);
    expect(rows.some((r: { t: number }) => r.t === DECEMBER.at(-1)![0])).toBe(false);
  });

  it('asks Kraken only for what is newer than the last stored candle', async () => {
    await run(JobName.Sync, { asset: 'BTC', interval: '1h' });
    expect(kraken.requestsTo('OHLC').map((r) => r.query)).toEqual([
      { pair: 'XXBTZUSD', interval: '60', since: String(DECEMBER.at(-2)![0]) },
    ]);
  });

  it('adds no row and changes nothing when the same sync runs again', async () => {
    const before = await stored();
    kraken.useOhlc('ohlc-XBTUSD-60.json');
    const result = await run(JobName.Backfill, { asset: 'BTC', interval: '1h' });
    expect(result).toMatchObject({ received: 719, inserted: 0, updated: 0 });
    expect(await stored()).toEqual(before); // same values and the same row versions (xmin)
  });

  it('stores zero-volume filler candles, but never lets one replace a candle with trades', async () => {
    // Real rows of Kraken's hourly CSV for two hours that the October API recording reports as empty fillers.
    const traded = [
      {
        time: 1601222400,
        open: '10755.4',
        high: '10773.6',
        low: '10721.0',
        close: '10723.4',
        vwap: null,
        volume: '69.22247622',
        trades: 386,
      },
      {
        time: 1601226000,
        open: '10723.4',
        high: '10741.4',
        low: '10714.2',
        close: '10733.1',
        vwap: null,
        volume: '38.16040525',
        trades: 316,
      },
    ];
    await app.get(CandleRepository).upsert(btcId, '1h', traded);
    kraken.useOhlc('ohlc-XBTUSD-60-2020-10-27.json');
    const result = await run(JobName.Backfill, { asset: 'BTC', interval: '1h', since: 0 });
    expect(result).toMatchObject({ received: 719, inserted: 717, updated: 0 });

    const rows = await stored();
    expect(rows.find((r: { t: number }) => r.t === 1601222400)).toMatchObject({ close: '10723.4', trades: 386 });
    expect(rows.find((r: { t: number }) => r.t === 1601229600)).toMatchObject({ close: '10662.3', volume: '0.00000000', trades: 0 });
    expect(rows.find((r: { t: number }) => r.t === 1603558800)).toMatchObject({
      open: '13112.9',
      vwap: '0.0',
      volume: '0.00000000',
      trades: 0,
    });
    expect(rows).toHaveLength(719 + 719);
  });

  it('writes nothing when Kraken fails mid-sync, and a re-run completes the sync', async () => {
    await db.query('DELETE FROM candles WHERE asset_id = $1 AND interval = 60 AND time > to_timestamp($2)', [btcId, DECEMBER[100][0]]);
    const before = await stored();
    kraken.fail(3, 'http-500'); // every attempt of the client's share of the retry budget
    await expect(app.get(CandleIngestService).sync({ asset: 'BTC', interval: '1h' })).rejects.toThrow(/Kraken/);
    expect(await stored()).toEqual(before);

    const result = await app.get(CandleIngestService).sync({ asset: 'BTC', interval: '1h' });
    expect(result).toMatchObject({ inserted: 719 - 101, updated: 0 });
    expect(await count()).toBe(719 + 719);
  });

  it('leaves nothing half-written when one candle of a page cannot be stored', async () => {
    await db.query('DELETE FROM candles WHERE asset_id = $1 AND interval = 60 AND time > to_timestamp($2)', [btcId, DECEMBER[600][0]]);
    const before = await count();
    const broken = DECEMBER.map((row, i) => (i === 650 ? ([row[0], row[1], row[2], row[3], row[4], row[5], '-1.0', row[7]] as Row) : row));
    kraken.useOhlc({ error: [], result: { XXBTZUSD: broken, last: DECEMBER.at(-2)![0] } });
    await expect(app.get(CandleIngestService).sync({ asset: 'BTC', interval: '1h' })).rejects.toThrow();
    expect(await count()).toBe(before);
  });

  it('never runs two syncs of the same asset and interval at once', async () => {
    kraken.fail(1, { delayMs: 400 });
    const ingest = app.get(CandleIngestService);
    const results = await Promise.all([ingest.sync({ asset: 'BTC', interval: '1h' }), ingest.sync({ asset: 'BTC', interval: '1h' })]);
    expect(results.filter((r) => r.skipped)).toEqual([expect.objectContaining({ skipped: 'another ingestion of BTC 1h is running' })]);
    expect(kraken.requestsTo('OHLC')).toHaveLength(1);
  });

  it('fails a sync of an unknown asset at once, without retries', async () => {
    const job = await app.get(JobProducer).enqueue(JobName.Sync, { asset: 'DOGE', interval: '1h' });
    await expect(job.waitUntilFinished(events, 15_000)).rejects.toThrow("Unknown asset 'DOGE'");
    const failed = await app.get(JobProducer).find(job.id!);
    expect(failed?.attemptsMade).toBe(1);
  });

  describe('within the Kraken retry budget (3 requests per call, 3 attempts per job)', () => {
    it('gives up a sync that Kraken keeps refusing after 3 attempts of 3 requests each', async () => {
      kraken.fail(100, 'unavailable');
      const job = await app.get(JobProducer).enqueue(JobName.Sync, { asset: 'BTC', interval: '1h' });
      await expect(job.waitUntilFinished(events, 45_000)).rejects.toThrow('Kraken OHLC still unavailable after 3 attempts');
      expect((await app.get(JobProducer).find(job.id!))?.attemptsMade).toBe(3);
      expect(kraken.requestsTo('OHLC')).toHaveLength(9);
    }, 60_000);

    it('completes a sync whose outage ends within the budget, on the job attempt after the one that ran out', async () => {
      kraken.fail(4, 'http-503');
      const job = await app.get(JobProducer).enqueue(JobName.Sync, { asset: 'BTC', interval: '1h' });
      await expect(job.waitUntilFinished(events, 45_000)).resolves.toMatchObject({ asset: 'BTC', requests: 1 });
      expect((await app.get(JobProducer).find(job.id!))?.attemptsMade).toBe(2);
      expect(kraken.requestsTo('OHLC').map((r) => r.fault ?? 'answered')).toEqual([
        'http-503',
        'http-503',
        'http-503',
        'http-503',
        'answered',
      ]);
    }, 60_000);

    it("spends one request per job attempt on an answer that is not Kraken's, which the client does not retry", async () => {
      kraken.fail(100, 'not-kraken');
      const job = await app.get(JobProducer).enqueue(JobName.Sync, { asset: 'BTC', interval: '1h' });
      await expect(job.waitUntilFinished(events, 45_000)).rejects.toThrow('malformed response from Kraken OHLC');
      expect(kraken.requestsTo('OHLC')).toHaveLength(3);
    }, 60_000);
  });
});
