import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from 'pg';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { intervalCode, intervalMinutes, type Candle, type IntervalCode } from '#libs/domain';

export interface UpsertResult {
  inserted: number;
  updated: number;
}

export interface CandleQuery {
  assetId: number;
  interval: IntervalCode;
  from?: Date;
  to?: Date;
  limit: number;
}

/**
 * A stored candle as the API serves it: Kraken's values, with its open time in ISO 8601 (UTC),
 * written by Postgres: parsing a Date and printing it again per candle took a quarter of a history
 * read's CPU. It is also the row the history query selects, as it is.
 */
export type StoredCandle = Omit<Candle, 'time'> & { time: string };

export interface VersionedCandles {
  /** A bigint: the series' version when the candles were read. */
  version: string;
  candles: StoredCandle[];
}

/** The newest span of a series: `spanMinutes` back from its newest open time (exclusive), at most `limit` candles, the newest. */
export interface NewestSpanQuery {
  assetId: number;
  interval: IntervalCode;
  spanMinutes: number;
  limit: number;
}

export interface VersionedSpan extends VersionedCandles {
  /** The open time of the span's oldest candle when `limit` left some out (ISO 8601), else null. */
  leftOutFrom: string | null;
}

/** The newest candle of a tracked asset and interval, as newestOfTracked selects it. */
export interface NewestCandle {
  asset: string;
  interval: IntervalCode;
  time: Date;
}

// The rows of the other queries. Numerics come as strings, bigints too; `recent` selects a Candle as it is.
interface NewestCandleRow {
  asset: string;
  /** Minutes. */
  interval: number;
  time: Date;
}
interface LastTimeRow {
  /** Unix seconds (a bigint); null without candles. */
  t: string | null;
}
interface CountRow {
  n: number;
}
interface VersionRow {
  /** A bigint. */
  version: string;
}
interface EmptyRangeRow {
  empty: boolean;
}

// Ordered by candles.time, never by `time`: that would name this text column and sort every row.
const ISO_TIME = `to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time`;

/**
 * Moves rows from a source `s` with columns (t, o, h, l, c, vw, v, n) into candles.
 * Idempotent: a candle that is already stored with the same values is left untouched (no
 * new row version), and a filler candle without trades never replaces one with trades.
 */
const upsertFrom = (source: string) => `
  WITH up AS (
    INSERT INTO candles AS c (asset_id, interval, time, open, high, low, close, vwap, volume, trades)
    SELECT $1::int, $2::int, to_timestamp(s.t), s.o, s.h, s.l, s.c, s.vw, s.v, s.n FROM ${source}
    ON CONFLICT (asset_id, interval, time) DO UPDATE
      SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
          vwap = COALESCE(EXCLUDED.vwap, c.vwap), volume = EXCLUDED.volume, trades = EXCLUDED.trades
      WHERE (c.open, c.high, c.low, c.close, c.vwap, c.volume, c.trades)
            IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close,
                              COALESCE(EXCLUDED.vwap, c.vwap), EXCLUDED.volume, EXCLUDED.trades)
        AND NOT (EXCLUDED.trades = 0 AND c.trades > 0)
    RETURNING (xmax = 0) AS inserted
  )
  SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`;

const UNIQUE_VIOLATION = '23505';
const COPY_CHUNK_ROWS = 1000;

const UNNEST_SOURCE = `unnest($3::bigint[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[], $10::int[])
  AS s(t, o, h, l, c, vw, v, n)`;

@Injectable()
export class CandleRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Writes one batch of candles in a single statement: all of it, or nothing. */
  async upsert(assetId: number, interval: IntervalCode, candles: readonly Candle[]): Promise<UpsertResult> {
    if (candles.length === 0) return { inserted: 0, updated: 0 };
    const column = <K extends keyof Candle>(key: K) => candles.map((c) => c[key]);
    const [row] = await this.db.query<UpsertResult[]>(upsertFrom(UNNEST_SOURCE), [
      assetId,
      intervalMinutes(interval),
      column('time'),
      column('open'),
      column('high'),
      column('low'),
      column('close'),
      column('vwap'),
      column('volume'),
      column('trades'),
    ]);
    return row;
  }

  /**
   * Bulk-loads candles with COPY into a staging table, then upserts them in one statement (a
   * plain insert when none is stored in their time range yet), all inside one transaction: a
   * bad row anywhere leaves the table as it was.
   * `onRows` is told how many rows have been streamed so far.
   */
  async bulkUpsert(
    assetId: number,
    interval: IntervalCode,
    candles: AsyncIterable<Candle> | Iterable<Candle>,
    onRows?: (count: number) => void,
  ): Promise<UpsertResult> {
    const minutes = intervalMinutes(interval);
    const runner = this.db.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await runner.startTransaction();
      await runner.query(
        `CREATE TEMP TABLE candle_import (t bigint, o numeric, h numeric, l numeric, c numeric, vw numeric, v numeric, n int) ON COMMIT DROP`,
      );
      let count = 0;
      // Small chunks, one at a time: Postgres parses each while the next one is being built.
      const lines = Readable.from(
        (async function* () {
          let chunk = '';
          for await (const c of candles) {
            chunk += `${c.time}\t${c.open}\t${c.high}\t${c.low}\t${c.close}\t${c.vwap ?? '\\N'}\t${c.volume}\t${c.trades}\n`;
            if (++count % COPY_CHUNK_ROWS === 0) {
              yield chunk;
              chunk = '';
              onRows?.(count);
            }
          }
          if (chunk) yield chunk;
          onRows?.(count);
        })(),
        { highWaterMark: 1 },
      );
      await pipeline(lines, client.query(copyFrom('COPY candle_import FROM STDIN')));
      const result = (await this.insertIntoEmptyRange(client, assetId, minutes)) ?? (await this.upsertStaged(runner, assetId, minutes));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async upsertStaged(runner: QueryRunner, assetId: number, minutes: number): Promise<UpsertResult> {
    const [row] = await this.db.query<UpsertResult[]>(upsertFrom('candle_import AS s'), [assetId, minutes], runner);
    return row;
  }

  /**
   * The fast path of a first import: when no stored candle falls in the staged time range, a plain
   * INSERT does the upsert's work without ON CONFLICT's speculative insertion (about a quarter of
   * a first import's time, measured with bench/import.ts). A writer that stores a candle in that range meanwhile
   * makes it fail with a unique violation; it then undoes itself and returns undefined, and the
   * caller upserts instead.
   */
  private async insertIntoEmptyRange(client: PoolClient, assetId: number, minutes: number): Promise<UpsertResult | undefined> {
    const { rows } = await client.query<EmptyRangeRow>(
      `SELECT NOT EXISTS (
         SELECT 1 FROM candles, (SELECT min(t) AS lo, max(t) AS hi FROM candle_import) AS r
          WHERE asset_id = $1 AND interval = $2 AND time BETWEEN to_timestamp(r.lo) AND to_timestamp(r.hi)
       ) AS empty`,
      [assetId, minutes],
    );
    if (!rows[0].empty) return undefined;
    await client.query('SAVEPOINT candle_import_insert');
    try {
      const { rowCount } = await client.query(
        `INSERT INTO candles (asset_id, interval, time, open, high, low, close, vwap, volume, trades)
         SELECT $1::int, $2::int, to_timestamp(s.t), s.o, s.h, s.l, s.c, s.vw, s.v, s.n FROM candle_import AS s`,
        [assetId, minutes],
      );
      await client.query('RELEASE SAVEPOINT candle_import_insert');
      return { inserted: rowCount ?? 0, updated: 0 };
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      await client.query('ROLLBACK TO SAVEPOINT candle_import_insert');
      return undefined;
    }
  }

  /** Open time of the newest stored candle, unix seconds; undefined when there is none. */
  async lastTime(assetId: number, interval: IntervalCode): Promise<number | undefined> {
    const [row] = await this.db.query<LastTimeRow[]>(
      `SELECT extract(epoch FROM max(time))::bigint AS t FROM candles WHERE asset_id = $1 AND interval = $2`,
      [assetId, intervalMinutes(interval)],
    );
    return row?.t == null ? undefined : Number(row.t);
  }

  /** The closes of the newest `limit` candles opening at or before `time` (unix seconds), newest first. */
  async closesUpTo(assetId: number, interval: IntervalCode, time: number, limit: number): Promise<{ time: number; close: string }[]> {
    return this.db.query(
      `SELECT extract(epoch FROM time)::bigint::int AS time, close FROM candles
        WHERE asset_id = $1 AND interval = $2 AND time <= to_timestamp($3) ORDER BY time DESC LIMIT $4`,
      [assetId, intervalMinutes(interval), time, limit],
    );
  }

  /** Open time of the newest candle of every tracked asset in each of `intervals` that has any. */
  async newestOfTracked(intervals: readonly IntervalCode[]): Promise<NewestCandle[]> {
    const rows = await this.db.query<NewestCandleRow[]>(
      `SELECT a.symbol AS asset, i.minutes AS interval, newest.time
         FROM assets a
        CROSS JOIN unnest($1::int[]) AS i(minutes)
         JOIN LATERAL (
           SELECT time FROM candles c WHERE c.asset_id = a.id AND c.interval = i.minutes ORDER BY time DESC LIMIT 1
         ) newest ON true
        WHERE a.tracked
        ORDER BY a.symbol, i.minutes`,
      [intervals.map(intervalMinutes)],
    );
    return rows.map(toNewestCandle);
  }

  /** How many candles of a series open from `from` to `to` (unix seconds, inclusive). */
  async countBetween(assetId: number, interval: IntervalCode, from: number, to: number): Promise<number> {
    const [row] = await this.db.query<CountRow[]>(
      `SELECT count(*)::int AS n FROM candles WHERE asset_id = $1 AND interval = $2 AND time BETWEEN to_timestamp($3) AND to_timestamp($4)`,
      [assetId, intervalMinutes(interval), from, to],
    );
    return row.n;
  }

  async count(assetId: number, interval: IntervalCode): Promise<number> {
    const [row] = await this.db.query<CountRow[]>(`SELECT count(*)::int AS n FROM candles WHERE asset_id = $1 AND interval = $2`, [
      assetId,
      intervalMinutes(interval),
    ]);
    return row.n;
  }

  /** Candles in time order; with only `limit`, the most recent ones. */
  history(query: CandleQuery): Promise<StoredCandle[]> {
    return this.historyRows(query, this.db.manager);
  }

  /**
   * The candles of history() with their series' version (migration 1763810000000-candle-notifications),
   * which changes with every statement that changes one of its candles and never comes back
   * ('0' before the first). Both are read from one snapshot, so the version names these candles exactly.
   */
  versionedHistory(query: CandleQuery): Promise<VersionedCandles> {
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      const [row] = await manager.query<VersionRow[]>(`SELECT version FROM candle_series WHERE asset_id = $1 AND interval = $2`, [
        query.assetId,
        intervalMinutes(query.interval),
      ]);
      return { version: row?.version ?? '0', candles: await this.historyRows(query, manager) };
    });
  }

  /**
   * The candles whose open time is later than the series' newest open time minus `spanMinutes`:
   * the newest `limit` of them, oldest first, with the series' version, read in one snapshot.
   */
  versionedNewestSpan({ assetId, interval, spanMinutes, limit }: NewestSpanQuery): Promise<VersionedSpan> {
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      const minutes = intervalMinutes(interval);
      const [row] = await manager.query<VersionRow[]>(`SELECT version FROM candle_series WHERE asset_id = $1 AND interval = $2`, [
        assetId,
        minutes,
      ]);
      const span = `asset_id = $1 AND interval = $2
        AND time > (SELECT max(time) FROM candles WHERE asset_id = $1 AND interval = $2) - make_interval(mins => $3)`;
      const rows = await manager.query<StoredCandle[]>(
        `SELECT ${ISO_TIME}, open, high, low, close, vwap, volume, trades FROM candles WHERE ${span}
          ORDER BY candles.time DESC LIMIT $4`,
        [assetId, minutes, spanMinutes, limit + 1],
      );
      let leftOutFrom: string | null = null;
      if (rows.length > limit) {
        const [oldest] = await manager.query<{ time: string }[]>(
          `SELECT ${ISO_TIME} FROM candles WHERE ${span} ORDER BY candles.time ASC LIMIT 1`,
          [assetId, minutes, spanMinutes],
        );
        leftOutFrom = oldest.time;
      }
      return { version: row?.version ?? '0', candles: rows.slice(0, limit).reverse(), leftOutFrom };
    });
  }

  private async historyRows({ assetId, interval, from, to, limit }: CandleQuery, manager: EntityManager): Promise<StoredCandle[]> {
    const params: unknown[] = [assetId, intervalMinutes(interval)];
    let where = 'asset_id = $1 AND interval = $2';
    if (from) where += ` AND time >= $${params.push(from)}`;
    if (to) where += ` AND time <= $${params.push(to)}`;
    const newestFirst = !from;
    const rows = await manager.query<StoredCandle[]>(
      `SELECT ${ISO_TIME}, open, high, low, close, vwap, volume, trades FROM candles WHERE ${where}
       ORDER BY candles.time ${newestFirst ? 'DESC' : 'ASC'} LIMIT $${params.push(limit)}`,
      params,
    );
    return newestFirst ? rows.reverse() : rows;
  }

  /** The newest `limit` candles, oldest first, with unix-second times: what the models read. */
  async recent(assetId: number, interval: IntervalCode, limit: number): Promise<Candle[]> {
    const rows = await this.db.query<Candle[]>(
      `SELECT extract(epoch FROM time)::bigint::int AS time, open, high, low, close, vwap, volume, trades
         FROM candles WHERE asset_id = $1 AND interval = $2 ORDER BY time DESC LIMIT $3`,
      [assetId, intervalMinutes(interval), limit],
    );
    return rows.reverse();
  }

  async latest(assetId: number, interval: IntervalCode): Promise<StoredCandle | undefined> {
    const [row] = await this.history({ assetId, interval, limit: 1 });
    return row;
  }

  /**
   * The candles of every series at the open times they all share: an inner join on time, so that
   * a time one series lacks is left out of all. Oldest first.
   */
  async aligned({ series, from, to, prices, limit }: AlignedQuery): Promise<AlignedRow[]> {
    const params: unknown[] = [];
    /** Series k's candles as `c<k>`, with its asset and interval as parameters. */
    const of = (s: SeriesRef, k: number) =>
      `c${k}.asset_id = $${params.push(s.assetId)} AND c${k}.interval = $${params.push(intervalMinutes(s.interval))}`;
    // LATERAL with LIMIT 1 (so that it is not flattened): each other series is looked up by its whole key
    // at each time of the first, whatever the planner thinks of the table: fresh from an import, without
    // statistics, it chose a nested loop that scans the whole second series per candle (4 s for two daily histories).
    const joins = series
      .slice(1)
      .map(
        (s, k) =>
          `JOIN LATERAL (SELECT * FROM candles c${k + 1} WHERE ${of(s, k + 1)} AND c${k + 1}.time = c0.time LIMIT 1) c${k + 1} ON true`,
      );
    const where = `${of(series[0], 0)}${timeRange(params, from, to)}`;
    const columns = (field: string) => `ARRAY[${series.map((_, k) => `c${k}.${field}`).join(', ')}]::text[] AS ${field}`;
    const fields = prices === 'ohlc' ? ['open', 'high', 'low', 'close'] : ['close'];
    const newest = limit !== undefined;
    const rows = await this.db.query<AlignedRow[]>(
      `SELECT to_char(c0.time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time, ${fields.map(columns).join(', ')}
         FROM candles c0 ${joins.join(' ')}
        WHERE ${where}
        ORDER BY c0.time ${newest ? `DESC LIMIT $${params.push(limit)}` : 'ASC'}`,
      params,
    );
    return newest ? rows.reverse() : rows;
  }

  /** How many candles each series has from `from` to `to`, and the first and last of them, in the order of `series`. */
  async spans(series: readonly SeriesRef[], from?: Date, to?: Date): Promise<SeriesSpan[]> {
    const params: unknown[] = [series.map((s) => s.assetId), series.map((s) => intervalMinutes(s.interval))];
    const rows = await this.db.query<(SeriesSpan & { k: string })[]>(
      `SELECT s.k, count(c.time)::int AS count, min(c.time) AS first, max(c.time) AS last
         FROM unnest($1::int[], $2::int[]) WITH ORDINALITY AS s(asset_id, interval, k)
         LEFT JOIN candles c ON c.asset_id = s.asset_id AND c.interval = s.interval${timeRange(params, from, to, 'c')}
        GROUP BY s.k ORDER BY s.k`,
      params,
    );
    return rows.map(({ count, first, last }) => ({ count, first, last }));
  }

  /** The closes of one series from `from` to `to`, oldest first. */
  closes({ assetId, interval }: SeriesRef, from?: Date, to?: Date): Promise<CloseRow[]> {
    const params: unknown[] = [assetId, intervalMinutes(interval)];
    return this.db.query<CloseRow[]>(
      `SELECT extract(epoch FROM c0.time)::bigint::int AS time, c0.close FROM candles c0
        WHERE c0.asset_id = $1 AND c0.interval = $2${timeRange(params, from, to)}
        ORDER BY c0.time`,
      params,
    );
  }
}

const toNewestCandle = ({ asset, interval, time }: NewestCandleRow): NewestCandle => ({ asset, interval: intervalCode(interval), time });

// --- step 9: series aligned on the times they share (GET /crypto/compare, /crypto/correlation), closes (stats) ---

/** One series: an asset's candles of one interval. */
export interface SeriesRef {
  assetId: number;
  interval: IntervalCode;
}

export interface AlignedQuery {
  series: readonly SeriesRef[];
  from?: Date;
  to?: Date;
  /** `close` for closes only, `ohlc` for all four prices. */
  prices: 'close' | 'ohlc';
  /** The newest `limit` shared times (still oldest first); every shared time without it. */
  limit?: number;
}

/** A time every series has a candle at, with each series' prices (decimal strings, in the order of `series`). */
export interface AlignedRow {
  /** Open time, ISO 8601 (UTC). */
  time: string;
  close: string[];
  open?: string[];
  high?: string[];
  low?: string[];
}

/** What a series holds from `from` to `to`: why it may share no time with the others. */
export interface SeriesSpan {
  count: number;
  first: Date | null;
  last: Date | null;
}

/** A close at its candle's open time in unix seconds, as number and as stored. */
export interface CloseRow {
  time: number;
  close: string;
}

/** The time range condition on `c0` of the aligned queries, with its parameters appended to `params`. */
function timeRange(params: unknown[], from?: Date, to?: Date, alias = 'c0'): string {
  let where = '';
  if (from) where += ` AND ${alias}.time >= $${params.push(from)}`;
  if (to) where += ` AND ${alias}.time <= $${params.push(to)}`;
  return where;
}
