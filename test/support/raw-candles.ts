import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A line of one of Kraken's CSV downloads, as written: the time in unix seconds, prices as text. */
export interface RawCandle {
  time: number;
  open: string;
  high: string;
  low: string;
  close: string;
}

/**
 * A file of the raw Kraken CSVs in shared/data (SOURCES.md there), found beside the repository
 * or one of its ancestors (a worktree, CI's clone): what a test checks the API's numbers against.
 */
export function sharedDataFile(name: string): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const path = join(dir, 'shared', 'data', name);
    if (existsSync(path)) return path;
  }
  throw new Error(`shared/data/${name} not found above ${fileURLToPath(import.meta.url)}`);
}

/** The candles of a CSV `time,open,high,low,close,volume,trades`, read with plain string splitting. */
export function readRawCandles(path: string): RawCandle[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  if (!header.startsWith('time,open,high,low,close')) throw new Error(`${path}: unexpected header ${header}`);
  return lines.map((line) => {
    const [time, open, high, low, close] = line.split(',');
    return { time: Number(time), open, high, low, close };
  });
}
