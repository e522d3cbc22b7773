import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidCandleFileError, type Candle, type IntervalCode } from '#libs/domain';
import { CandleCsvReader } from './candle-csv.reader.js';

const HEADER = 'time,open,high,low,close,volume,trades';
// Real rows: Kraken's first XBTUSD hours (kraken-XBTUSD-60.csv), one with a volume of 1E+1.
const HOURS = [
  '1381093200,122.0,122.0,122.0,122.0,0.1,1',
  '1381096800,123.61,123.61,123.61,123.61,0.1,1',
  '1381935600,146.14,146.14,142.28538,142.28538,1E+1,6',
];

let dir: string;
let files = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'candle-csv-reader-'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

async function csv(text: string): Promise<string> {
  const path = join(dir, `file-${++files}.csv`);
  await writeFile(path, text);
  return path;
}

async function readAll(path: string, interval: IntervalCode = '1h'): Promise<Candle[]> {
  const candles: Candle[] = [];
  for await (const candle of await CandleCsvReader.open(path, interval)) candles.push(candle);
  return candles;
}

describe('CandleCsvReader', () => {
  it('reads a headerless Kraken download, keeping every number as Kraken wrote it', async () => {
    const candles = await readAll(await csv(`${HOURS.join('\n')}\n`));
    expect(candles).toEqual([
      { time: 1381093200, open: '122.0', high: '122.0', low: '122.0', close: '122.0', vwap: null, volume: '0.1', trades: 1 },
      { time: 1381096800, open: '123.61', high: '123.61', low: '123.61', close: '123.61', vwap: null, volume: '0.1', trades: 1 },
      { time: 1381935600, open: '146.14', high: '146.14', low: '142.28538', close: '142.28538', vwap: null, volume: '1E+1', trades: 6 },
    ]);
  });

  it('skips the header line when the file has one', async () => {
    const candles = await readAll(await csv(`${HEADER}\n${HOURS.join('\n')}\n`));
    expect(candles.map((c) => c.time)).toEqual([1381093200, 1381096800, 1381935600]);
  });

  it('reads Windows line endings and a file without a final newline', async () => {
    const candles = await readAll(await csv(`${HEADER}\r\n${HOURS.join('\r\n')}`));
    expect(candles).toHaveLength(3);
    expect(candles[2].trades).toBe(6);
  });

  it('accepts scientific notation in prices and volumes, as Kraken exports it', async () => {
    const [candle] = await readAll(await csv('1443744000,5.5E+2,6E+2,5E+2,5.5E+2,4E+2,3\n'), '1d');
    expect(candle).toMatchObject({ open: '5.5E+2', high: '6E+2', volume: '4E+2' });
  });

  it('does not check the alignment of weekly candles, which Kraken starts on its own calendar', async () => {
    const candles = await readAll(await csv('1381017600,122.0,122.0,122.0,122.0,0.1,1\n1381622400,123.0,123.0,123.0,123.0,0.1,1\n'), '1w');
    expect(candles).toHaveLength(2);
  });

  it('counts the bytes it has read, up to the size of the file', async () => {
    const text = `${HEADER}\n${HOURS.join('\n')}\n`;
    const reader = await CandleCsvReader.open(await csv(text), '1h');
    expect(reader.totalBytes).toBe(Buffer.byteLength(text));
    expect(reader.done).toBe(false);
    for await (const _ of reader);
    expect(reader.bytesRead).toBe(reader.totalBytes);
    expect(reader.rows).toBe(3);
    expect(reader.done).toBe(true);
  });

  it.each([
    [
      'a misaligned time',
      [HEADER, HOURS[0], '1381096801,123.61,123.61,123.61,123.61,0.1,1'],
      /line 3: time 1381096801 \(2013-10-06T22:00:01Z\) is not on a 1h boundary/,
    ],
    [
      'a time that repeats the row before',
      [HOURS[0], HOURS[1], HOURS[1]],
      /line 3: time 1381096800 .* does not come after the previous row's 1381096800/,
    ],
    [
      'a time earlier than the row before',
      [HEADER, HOURS[1], HOURS[0]],
      /line 3: time 1381093200 .* does not come after the previous row's 1381096800/,
    ],
    [
      'a row with too few fields',
      [HEADER, HOURS[0], '1381096800,123.61,123.61,123.61,123.61,0.1'],
      /line 3: expected 7 fields \(time,open,high,low,close,volume,trades\), found 6/,
    ],
    ['a row with too many fields', [HOURS[0], `${HOURS[1]},99`], /line 2: expected 7 fields .* found 8/],
    ['a price that is not a number', [HEADER, '1381093200,122.0,NaN,122.0,122.0,0.1,1'], /line 2: high 'NaN' is not a decimal number/],
    ['a negative volume', [HEADER, '1381093200,122.0,122.0,122.0,122.0,-0.1,1'], /line 2: volume '-0.1' is not a decimal number/],
    ['a fractional trade count', [HEADER, '1381093200,122.0,122.0,122.0,122.0,0.1,1.5'], /line 2: trades '1.5' is not a whole number/],
    [
      'a time that is not unix seconds',
      [HEADER, '2013-10-06,122.0,122.0,122.0,122.0,0.1,1'],
      /line 2: time '2013-10-06' is not a whole number of seconds/,
    ],
    ["a header that is not Kraken's", ['date,o,h,l,c,v,n', HOURS[0]], /line 1: 'date,o,h,l,c,v,n' is neither the header .* nor a candle/],
  ])('refuses %s, naming the file and the line', async (_, lines, message) => {
    const path = await csv(`${lines.join('\n')}\n`);
    const reading = readAll(path);
    await expect(reading).rejects.toThrow(InvalidCandleFileError);
    await expect(reading).rejects.toThrow(message);
    await expect(reading).rejects.toThrow(`${path}, line`);
  });

  it('fails at once for a file that does not exist', async () => {
    await expect(CandleCsvReader.open(join(dir, 'missing.csv'), '1h')).rejects.toThrow(/ENOENT/);
  });
});
