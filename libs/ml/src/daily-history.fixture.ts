import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Candle } from '#libs/domain';

const FILES = { BTC: 'kraken-XBTUSD-1440.csv', ETH: 'kraken-ETHUSD-1440.csv' } as const;

/**
 * The shipped Kraken daily candles (data/history), oldest first, for the specs and the benchmarks
 * of this lib: real data, read synchronously and without the database.
 */
export function dailyHistory(asset: keyof typeof FILES): Candle[] {
  const lines = readFileSync(join(historyDir(), FILES[asset]), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [time, open, high, low, close, volume, trades] = line.split(',');
    return { time: Number(time), open, high, low, close, vwap: null, volume, trades: Number(trades) };
  });
}

/** data/history of the repository, found from this file in the sources and in dist/ alike. */
function historyDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'data/history', FILES.BTC))) return join(dir, 'data/history');
  }
  throw new Error('data/history not found above libs/ml');
}
