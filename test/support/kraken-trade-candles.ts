/**
 * Kraken OHLC bodies at intervals nothing was recorded for (1m, 5m), built from the trades that
 * were: test/fixtures/kraken-api/trades-XBTUSD.json, Kraken's last 1000 XBT/USD trades of
 * 2020-12-05 15:43 to 17:32 UTC. Kraken's candles are these aggregates of its trades: the 60
 * minutes of 16:00 built here give exactly the 16:00 candle of the recorded hourly OHLC (open,
 * high, low, close, VWAP, volume and its 486 trades; a spec checks it).
 *
 * As in Kraken's answers: rows `[time, open, high, low, close, vwap, volume, count]` with prices
 * at XBTUSD's 1 decimal and volumes at 8; a period without trades is a filler row at the previous
 * close with vwap "0.0" and volume 0 (as the recorded 2020-10-24 17:00 hour); the last row is
 * the period still in progress; `last` is the open time of the newest closed one. The first period
 * is left out: the recording starts in its middle.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KRAKEN_FIXTURES, type KrakenOhlcBody } from './kraken-stand-in.js';

type TradeRow = [string, string, number, string, string, string];
export type OhlcRow = [number, string, string, string, string, string, string, number];

export const RECORDED_TRADES = (
  JSON.parse(readFileSync(join(KRAKEN_FIXTURES, 'trades-XBTUSD.json'), 'utf8')) as { result: { XXBTZUSD: TradeRow[] } }
).result.XXBTZUSD;

/** The candles of `minutes` (1, 5, 60, ...) built from the recorded trades, oldest first, the one in progress last. */
export function candlesFromTrades(minutes: number): OhlcRow[] {
  const seconds = minutes * 60;
  const periods = new Map<number, TradeRow[]>();
  for (const trade of RECORDED_TRADES) {
    const start = Math.floor(trade[2] / seconds) * seconds;
    periods.set(start, [...(periods.get(start) ?? []), trade]);
  }
  const starts = [...periods.keys()].sort((a, b) => a - b);
  const rows: OhlcRow[] = [];
  for (let time = starts[0] + seconds; time <= starts.at(-1)!; time += seconds) {
    const trades = periods.get(time);
    if (!trades) {
      const close = rows.at(-1)![4];
      rows.push([time, close, close, close, close, '0.0', '0.00000000', 0]);
      continue;
    }
    const prices = trades.map((t) => Number(t[0]));
    const volumes = trades.map((t) => Number(t[1]));
    const volume = volumes.reduce((a, b) => a + b, 0);
    const vwap = prices.reduce((sum, p, i) => sum + p * volumes[i], 0) / volume;
    rows.push([
      time,
      prices[0].toFixed(1),
      Math.max(...prices).toFixed(1),
      Math.min(...prices).toFixed(1),
      prices.at(-1)!.toFixed(1),
      vwap.toFixed(1),
      volume.toFixed(8),
      trades.length,
    ]);
  }
  return rows;
}

/** Kraken's OHLC answer for XXBTZUSD at `minutes`, from the recorded trades. */
export function ohlcFromTrades(minutes: number): KrakenOhlcBody {
  const rows = candlesFromTrades(minutes);
  return { error: [], result: { XXBTZUSD: rows, last: rows.at(-2)![0] } };
}
