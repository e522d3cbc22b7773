/**
 * How fast `npm run import` loads a Kraken CSV, next to the fastest Postgres takes the same rows:
 * `psql \copy` into a bare table with candles' column types and primary key. Aim: at most twice
 * \copy's time. Two more lines give context: the same import run again (every row already
 * stored: the idempotent upsert path), and \copy into a table with a foreign key to assets,
 * which shows why candles have none (its per-row check alone doubles a bulk load).
 *
 *   npm run bench:import [-- <file.csv>] [--interval 1h] [--runs 5]
 *
 * Works in a scratch database (candlecast_bench, dropped and recreated, migrated) on the server
 * of DATABASE_URL. Each run starts from empty tables and a checkpoint; the variants take turns.
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '#libs/config';
import { AssetRepository, CandleRepository, dataSourceOptions, dropDatabase, ensureDatabase, runMigrations } from '#libs/database';
import { intervalMinutes, isIntervalCode, type IntervalCode } from '#libs/domain';
import { CandleImporter, KNOWN_ASSETS } from '#libs/market-data';

const execFileAsync = promisify(execFile);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SCRATCH_DB = 'candlecast_bench';
const AIM = 2;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { interval: { type: 'string', default: '1h' }, runs: { type: 'string', default: '5' } },
});
const file = resolve(REPO, positionals[0] ?? '../shared/data/kraken-XBTUSD-60.csv');
const interval = values.interval as IntervalCode;
const runs = Number(values.runs);
if (!isIntervalCode(interval) || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write('Usage: npm run bench:import -- [file.csv] [--interval 1h] [--runs 5]\n');
  process.exit(2);
}

const text = await readFile(file, 'utf8');
const hasHeader = !/^\d/.test(text);
const rows = text.split('\n').filter((line) => /^\d/.test(line)).length;

const config = loadConfigOrExit();
const scratchUrl = Object.assign(new URL(config.DATABASE_URL), { pathname: `/${SCRATCH_DB}` }).toString();
await dropDatabase(scratchUrl);
await ensureDatabase(scratchUrl);
const db = await new DataSource(dataSourceOptions(scratchUrl)).initialize();

const ours: number[] = [];
const reimport: number[] = [];
const copy: number[] = [];
const copyWithForeignKey: number[] = [];
const psqlStartup: number[] = [];

try {
  await runMigrations(db);
  const assets = new AssetRepository(db);
  const importer = new CandleImporter(assets, new CandleRepository(db));
  const { id: assetId } = await assets.track(KNOWN_ASSETS.BTC);

  for (let i = 0; i < runs; i++) {
    await db.query('TRUNCATE candles');
    await checkpoint();
    const started = performance.now();
    const result = await importer.importFile(file, 'BTC', interval);
    ours.push(performance.now() - started);
    expectRows('our import', result.inserted, rows);
    const again = performance.now();
    const second = await importer.importFile(file, 'BTC', interval);
    reimport.push(performance.now() - again);
    expectRows('a second import', second.inserted + second.updated, 0);

    copy.push(await timeCopy(assetId, false));
    copyWithForeignKey.push(await timeCopy(assetId, true));
    psqlStartup.push(await timePsql(['-c', 'SELECT 1']));
  }
} finally {
  await db.destroy();
}

const ratio = median(ours) / median(copy);
const line = (name: string, times: number[], withRate = true) =>
  `${name.padEnd(36)}${fmt(median(times)).padStart(7)} ms${(withRate ? Math.round((rows / median(times)) * 1000).toLocaleString('en-US') : '').padStart(11)}   ${times.map(fmt).join(' ')}`;
console.log(`
Import of ${basename(file)}: ${rows.toLocaleString('en-US')} rows, ${(text.length / 1e6).toFixed(2)} MB, interval ${interval}
median of ${runs} runs, each into empty tables

${''.padEnd(36)}${'median'.padStart(10)}${'rows/s'.padStart(11)}   runs (ms)
${line('candlecast import (CandleImporter)', ours)}
${line('psql \\copy, same types and key', copy)}
${line('the same import again (no change)', reimport)}
${line('psql \\copy with a FK to assets', copyWithForeignKey)}
${line('psql start-up alone (SELECT 1)', psqlStartup, false)}

ours / \\copy:   ${ratio.toFixed(2)}×   aim ≤ ${AIM}×: ${ratio <= AIM ? 'met' : 'NOT met'}`);

/**
 * `psql \copy` of the file into a fresh table shaped like candles, optionally with candles' foreign
 * key. Its time column is bigint: COPY cannot turn unix seconds into a timestamptz.
 */
async function timeCopy(assetId: number, withForeignKey: boolean): Promise<number> {
  await db.query('DROP TABLE IF EXISTS copy_scratch');
  await db.query(`
    CREATE TABLE copy_scratch (
      asset_id int NOT NULL DEFAULT ${assetId} ${withForeignKey ? 'REFERENCES assets(id) ON DELETE CASCADE' : ''},
      interval int NOT NULL DEFAULT ${intervalMinutes(interval)},
      time     bigint NOT NULL,
      open     numeric NOT NULL,
      high     numeric NOT NULL,
      low      numeric NOT NULL,
      close    numeric NOT NULL,
      vwap     numeric,
      volume   numeric NOT NULL,
      trades   int NOT NULL,
      PRIMARY KEY (asset_id, interval, time)
    )`);
  await checkpoint();
  const source = `'${file.replaceAll("'", "''")}' CSV${hasHeader ? ' HEADER' : ''}`;
  const ms = await timePsql([
    '-v',
    'ON_ERROR_STOP=1',
    '-c',
    `\\copy copy_scratch (time, open, high, low, close, volume, trades) FROM ${source}`,
  ]);
  const [{ n }] = await db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM copy_scratch');
  expectRows('\\copy', n, rows);
  await db.query('DROP TABLE copy_scratch');
  return ms;
}

async function timePsql(args: string[]): Promise<number> {
  const started = performance.now();
  await execFileAsync('psql', ['-X', '-q', scratchUrl, ...args]);
  return performance.now() - started;
}

/** Leaves no dirty pages from the run before to be written during the next (needs superuser; skipped otherwise). */
async function checkpoint(): Promise<void> {
  await db.query('CHECKPOINT').catch(() => undefined);
}

function expectRows(what: string, got: number, want: number): void {
  if (got !== want) throw new Error(`${what} stored ${got} rows, expected ${want}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function fmt(ms: number): string {
  return ms.toFixed(0);
}
