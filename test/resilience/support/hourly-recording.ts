import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KRAKEN_FIXTURES, type KrakenOhlcBody } from '../../support/kraken-stand-in.js';

type Row = [number, string, string, string, string, string, string, number];

/** Kraken's recorded hourly BTC/USD answer (test/fixtures/kraken-api/ohlc-XBTUSD-60.json): 720 rows, the last still open. */
const RECORDED = JSON.parse(readFileSync(join(KRAKEN_FIXTURES, 'ohlc-XBTUSD-60.json'), 'utf8')) as {
  error: string[];
  result: { XXBTZUSD: Row[]; last: number };
};
const ROWS = RECORDED.result.XXBTZUSD;

/** The closed candles of the recording: every one that a sync must store, and nothing else. */
export const RECORDED_CANDLES = ROWS.slice(0, -1).map(([time, open, high, low, close, vwap, volume, trades]) => ({
  time,
  open,
  high,
  low,
  close,
  vwap,
  volume,
  trades,
}));

/**
 * Kraken's answer as it was when only the first `closed` candles of the recording had closed:
 * those, the next one still open, and `last` at the newest closed one, as Kraken sends them.
 * Serving a longer prefix later is the market moving on, so that every phase has new candles to sync.
 */
export function recordingUpTo(closed: number): KrakenOhlcBody {
  if (closed < 1 || closed > RECORDED_CANDLES.length)
    throw new Error(`the recording has ${RECORDED_CANDLES.length} closed candles, not ${closed}`);
  return { error: [], result: { XXBTZUSD: ROWS.slice(0, closed + 1), last: ROWS[closed - 1][0] } };
}
