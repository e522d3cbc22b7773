import type { DataSource } from 'typeorm';
import { AssetRepository, CandleRepository } from '#libs/database';
import type { Candle, IntervalCode } from '#libs/domain';
import { KNOWN_ASSETS } from '#libs/market-data';
import type { INestApplication } from '@nestjs/common';
import { emptyQueues } from './queues.js';
import { openTestDatabase } from './test-database.js';

/** Empties every table a spec may have filled, so that each spec starts from a known state. */
export async function emptyDatabase(db: DataSource): Promise<void> {
  await db.query('TRUNCATE predictions, evaluations, models, candles, assets, users RESTART IDENTITY CASCADE');
}

/** Stores BTC with the given daily candles, through the app's own repositories. */
export async function seedAsset(app: INestApplication, symbol: 'BTC' | 'ETH', interval: IntervalCode, candles: Candle[]) {
  const asset = await app.get(AssetRepository).track(KNOWN_ASSETS[symbol]);
  await app.get(CandleRepository).upsert(asset.id, interval, candles);
  return asset;
}

/** Real Kraken BTC/USD daily candles (data/history/kraken-XBTUSD-1440.csv), its first four days. */
export const BTC_DAILY: Candle[] = [
  { time: 1381017600, open: '122.0', high: '122.0', low: '122.0', close: '122.0', vwap: null, volume: '0.1', trades: 1 },
  { time: 1381104000, open: '123.61', high: '123.61', low: '123.61', close: '123.61', vwap: null, volume: '0.1', trades: 1 },
  { time: 1381190400, open: '123.91', high: '124.19', low: '123.9', close: '124.18', vwap: null, volume: '3.9916', trades: 4 },
  { time: 1381276800, open: '124.01687', high: '124.01687', low: '123.84', close: '123.84', vwap: null, volume: '2.823', trades: 3 },
];

/** Before an app boots: no rows in the test database and no jobs or schedulers in the test queues. */
export async function startFromScratch(): Promise<void> {
  const db = await openTestDatabase();
  await emptyDatabase(db);
  await db.destroy();
  await emptyQueues();
}
