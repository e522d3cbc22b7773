import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { QueueEvents } from 'bullmq';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AssetRepository, CandleRepository } from '#libs/database';
import { JobName, JobProducer, JOB_QUEUE, QueueName } from '#libs/queue';
import { startFromScratch } from '../../../../test/support/fixtures.js';
import { KRAKEN_FIXTURES, KrakenStandIn } from '../../../../test/support/kraken-stand-in.js';
import { candlesFromTrades, ohlcFromTrades, type OhlcRow } from '../../../../test/support/kraken-trade-candles.js';
import { bootApp } from '../../../../test/support/nest-app.js';
import { eventually, queueEvents } from '../../../../test/support/queues.js';
import { WorkerModule } from '../worker.module.js';

const HOURLY = (JSON.parse(readFileSync(`${KRAKEN_FIXTURES}/ohlc-XBTUSD-60.json`, 'utf8')) as { result: { XXBTZUSD: OhlcRow[] } }).result
  .XXBTZUSD;
const MINUTES = candlesFromTrades(1);
const FIVE_MINUTES = candlesFromTrades(5);

describe('1m and 5m candles, tracked', () => {
  let kraken: KrakenStandIn;
  let app: INestApplication;
  let events: QueueEvents;
  let btcId: number;

  const stored = (minutes: number) =>
    app.get(DataSource).query(
      `SELECT extract(epoch FROM time)::bigint::int AS t, open, high, low, close, vwap, volume, trades FROM candles
          WHERE asset_id = $1 AND interval = $2 ORDER BY time`,
      [btcId, minutes],
    );

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    kraken.useOhlcFor('XBTUSD', 1, ohlcFromTrades(1)).useOhlcFor('XBTUSD', 5, ohlcFromTrades(5));
    await startFromScratch();
    app = await bootApp(WorkerModule, kraken.workerEnv('1m,5m'));
    events = await queueEvents(QueueName.MarketData);
    btcId = (await app.get(AssetRepository).findBySymbol('BTC'))!.id;
  });

  afterAll(async () => {
    await events.close();
    await app.close();
    await kraken.stop();
  });

  it("serves 1m candles that are Kraken's: the minutes of 16:00 add up to the recorded hourly candle of 16:00", () => {
    const hour = candlesFromTrades(60).find((row) => row[0] === 1607184000);
    expect(hour).toEqual(HOURLY.find((row) => row[0] === 1607184000));
    expect(MINUTES.filter((row) => row[0] >= 1607184000 && row[0] < 1607187600)).toHaveLength(60);
  });

  it('syncs a tracked 1m and 5m series on its own, every closed candle and never the open one', async () => {
    const closed = MINUTES.slice(0, -1);
    const rows = await eventually(
      () => stored(1),
      (r) => r.length === closed.length,
    );
    expect(rows.map((r: { t: number }) => r.t)).toEqual(closed.map((row) => row[0]));
    expect(rows.at(-1)).toEqual({
      t: closed.at(-1)![0],
      open: closed.at(-1)![1],
      high: closed.at(-1)![2],
      low: closed.at(-1)![3],
      close: closed.at(-1)![4],
      vwap: closed.at(-1)![5],
      volume: closed.at(-1)![6],
      trades: closed.at(-1)![7],
    });
    const fives = await eventually(
      () => stored(5),
      (r) => r.length === FIVE_MINUTES.length - 1,
    );
    expect(fives.at(-1).t).toBe(FIVE_MINUTES.at(-2)![0]);
    expect(await app.get(CandleRepository).count(btcId, '1m')).toBe(closed.length);
  });

  it("syncs 1m every minute and 5m every 5 minutes, SYNC_EVERY notwithstanding, so that no candle leaves Kraken's 720-candle window unsynced", async () => {
    const schedulers = await app.get(JobProducer).queue(JOB_QUEUE[JobName.Sync]).getJobSchedulers();
    const every = Object.fromEntries(schedulers.map((s) => [s.key, s.every]));
    expect(every).toMatchObject({ 'sync-BTC-1m': 60_000, 'sync-BTC-5m': 300_000 });
  });

  it('asks Kraken for the 1m candles after the newest one stored', async () => {
    kraken.requests.length = 0;
    const job = await app.get(JobProducer).enqueue(JobName.Sync, { asset: 'BTC', interval: '1m' });
    await expect(job.waitUntilFinished(events, 15_000)).resolves.toMatchObject({ inserted: 0 });
    expect(kraken.requestsTo('OHLC').map((r) => r.query)).toEqual([{ pair: 'XXBTZUSD', interval: '1', since: String(MINUTES.at(-2)![0]) }]);
  });
});
