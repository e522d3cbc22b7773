import 'reflect-metadata';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import cliProgress from 'cli-progress';
import { ConfigModule, loadConfigOrExit } from '#libs/config';
import { DatabaseModule, ensureDatabase, probePostgres } from '#libs/database';
import { DomainError, INTERVAL_CODES, isIntervalCode, normalizeSymbol, SYMBOL_PATTERN, type IntervalCode } from '#libs/domain';
import { CandleImporter, type ImportProgress } from '#libs/market-data';

const USAGE = `Usage: npm run import -- <file.csv> --asset <SYMBOL> --interval <interval>

Imports a Kraken OHLCVT CSV download (time,open,high,low,close,volume,trades; with or
without that header) into the candles of one asset, in one transaction. Importing the
same file again changes nothing.

  <file.csv>              the file, e.g. ../shared/data/kraken-XBTUSD-60.csv
  -a, --asset <SYMBOL>    the asset, e.g. BTC (BTC and ETH are created if missing;
                          add any other with POST /crypto/assets first)
  -i, --interval <code>   the file's candle interval: ${INTERVAL_CODES.join(', ')}
  -h, --help              this message

Example: npm run import -- ../shared/data/kraken-XBTUSD-60.csv --asset BTC --interval 1h`;

/** Just what the import needs: configuration, Postgres (migrated on connect) and the importer. */
@Module({ imports: [ConfigModule, DatabaseModule], providers: [CandleImporter] })
class ImportCsvModule {}

const { file, symbol, interval } = parseCommandLine();
await requirePostgres(loadConfigOrExit().DATABASE_URL);

let app: INestApplicationContext | undefined;
try {
  app = await NestFactory.createApplicationContext(ImportCsvModule, { logger: ['warn', 'error', 'fatal'], abortOnError: false });
  const progress = process.stdout.isTTY ? progressBar() : progressLines();
  const result = await app.get(CandleImporter).importFile(file, symbol, interval, progress.update).finally(progress.stop);
  const seconds = Math.max(result.ms, 1) / 1000;
  console.log(
    `Imported ${basename(file)} into ${symbol} ${interval}: ${count(result.rows)} rows in ${seconds.toFixed(2)} s (${count(result.rows / seconds)} rows/s)`,
  );
  console.log(
    `  inserted ${count(result.inserted)}, updated ${count(result.updated)}, already stored ${count(result.rows - result.inserted - result.updated)}`,
  );
} catch (error) {
  // A bad file or an unknown asset is the user's to fix: the message says how. Anything else is ours: keep the stack.
  process.stderr.write(`${error instanceof DomainError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await app?.close();
}

function parseCommandLine(): { file: string; symbol: string; interval: IntervalCode } {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        asset: { type: 'string', short: 'a' },
        interval: { type: 'string', short: 'i' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length === 0) return usageError('Name the CSV file to import.');
  if (positionals.length > 1) return usageError(`Import one file at a time (got ${positionals.join(', ')}).`);
  const [file] = positionals;
  if (!isFile(file)) return usageError(`No such file: ${file}`);
  if (!values.asset) return usageError('Missing --asset: which asset are these candles of (e.g. --asset BTC)?');
  if (!SYMBOL_PATTERN.test(values.asset))
    return usageError(`--asset '${values.asset}' is not a symbol (2 to 12 letters or digits, e.g. BTC).`);
  if (!values.interval) return usageError(`Missing --interval: one of ${INTERVAL_CODES.join(', ')}.`);
  if (!isIntervalCode(values.interval))
    return usageError(`Unknown interval '${values.interval}': use one of ${INTERVAL_CODES.join(', ')}.`);
  return { file, symbol: normalizeSymbol(values.asset), interval: values.interval };
}

/** Fails fast with one line where the app's connection would retry for half a minute; creates the database if missing. */
async function requirePostgres(databaseUrl: string): Promise<void> {
  const probe = await probePostgres(databaseUrl);
  if (!probe.ok) {
    const { host, pathname } = new URL(databaseUrl);
    process.stderr.write(`Cannot reach Postgres at ${host}${pathname} (${probe.message}). Start it, or point DATABASE_URL at yours.\n`);
    process.exit(1);
  }
  await ensureDatabase(databaseUrl);
}

function usageError(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

interface ProgressDisplay {
  update: (progress: ImportProgress) => void;
  stop: () => void;
}

/** A terminal: a bar over the bytes of the file, then a note while Postgres merges the rows. */
function progressBar(): ProgressDisplay {
  const bar = new cliProgress.SingleBar(
    { format: '{bar} {percentage}% | {rows} rows | {stage}', stream: process.stdout, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: ({ rows, bytesRead, totalBytes, fileRead }) => {
      const payload = { rows: count(rows), stage: fileRead ? 'storing in Postgres…' : 'reading' };
      if (!started) bar.start(totalBytes, 0, payload);
      started = true;
      bar.update(bytesRead, payload);
    },
    stop: () => started && bar.stop(),
  };
}

/** A log or a pipe: a plain line at every tenth of the file read, and one when Postgres takes over. */
function progressLines(): ProgressDisplay {
  let shown = 0;
  return {
    update: ({ rows, bytesRead, totalBytes, fileRead }) => {
      if (fileRead) {
        console.log(`read ${count(rows)} rows; storing them in Postgres`);
        return;
      }
      const tenths = totalBytes > 0 ? Math.floor((bytesRead / totalBytes) * 10) : 0;
      if (tenths <= shown || tenths >= 10) return;
      shown = tenths;
      console.log(`${String(tenths * 10).padStart(3)}% read, ${count(rows)} rows`);
    },
    stop: () => undefined,
  };
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
