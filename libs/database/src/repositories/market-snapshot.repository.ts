import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { INTERVAL_CODES, intervalCode, intervalMinutes, type IntervalCode } from '#libs/domain';

/** How a row's 24 h quote volume was reckoned: every candle had Kraken's VWAP, none had, or some had. */
export type QuoteVolumeSource = 'vwap' | 'typical' | 'mixed';

/** One asset in the market table, as the snapshot query computes it. */
export interface MarketSnapshotRow {
  rank: number;
  symbol: string;
  name: string;
  /** Kraken's altname of the pair (`XBTUSD`). */
  pair: string;
  /** The pair's quote currency as Kraken names it (`ZUSD`, `XXBT`). */
  quote: string;
  /** The close of the newest candle closed by the table's time, as stored. */
  price: string;
  /** The price in USD: as stored for a USD pair, times the tracked USD rate of its quote otherwise; null without one. */
  priceUsd: string | null;
  /** Open time of the candle whose close is the price. */
  priceTime: string;
  change24h: number | null;
  change7d: number | null;
  change30d: number | null;
  /** Base volume of the candles that closed in the 24 h up to the price's close, as stored (summed). */
  volume24h: string;
  /** Their quote volume in USD, to the cent; null for a non-USD pair without a USD rate. */
  quoteVolume24h: string | null;
  quoteVolumeSource: QuoteVolumeSource;
}

/** The market table at a time: the rows, and what is needed to explain an empty one or to name its version. */
export interface MarketSnapshot {
  /** The newest close of the rows (ISO 8601); null when no asset has a candle closed by then. */
  asOf: string | null;
  /** The source interval of every row; null without rows. */
  interval: IntervalCode | null;
  rows: MarketSnapshotRow[];
  /** The earliest and the newest close of any tracked series, whatever the time asked; null without candles. */
  firstClose: string | null;
  newestClose: string | null;
  /**
   * Changes whenever a candle of a tracked series or a tracked asset changes (the series' versions of
   * migration 1763810000000 and a digest of the tracked assets), read in the same snapshot as the rows.
   */
  version: string;
}

/** The intervals a market table can be built from: those that end within a day, so that a 24 h change exists. */
export const MARKET_SOURCE_INTERVALS: readonly IntervalCode[] = INTERVAL_CODES.filter((code) => intervalMinutes(code) <= 1440);

/** Quote currencies that are US dollars, as Kraken names them. */
const USD_QUOTES = ['ZUSD', 'USD'];

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The whole table in one statement (one snapshot): per tracked asset and interval the first close
 * and the newest close by `t`; the time of the table `e`, the newest of those; which series cover
 * `e` (their newest close at most one interval before it, and reaching back 30 days or to the
 * asset's first candle); the interval covering most assets (the finest on a tie); then per asset
 * of that interval the price, the closes 24 h, 7 d and 30 d before it, the 24 h volumes and the USD
 * rate of its quote. Every lookup is a probe of the candles' primary key (asset, interval, time).
 */
const SNAPSHOT_SQL = `
  WITH tracked AS (
    SELECT id, symbol, name, kraken_altname AS pair, base, quote FROM assets WHERE tracked
  ),
  series AS (
    SELECT a.id, i.m, make_interval(mins => i.m) AS span,
           f.time + make_interval(mins => i.m) AS first_close,
           l.time + make_interval(mins => i.m) AS last_close,
           n.time + make_interval(mins => i.m) AS newest_close
      FROM tracked a
     CROSS JOIN unnest($2::int[]) AS i(m)
      JOIN LATERAL (SELECT time FROM candles WHERE asset_id = a.id AND interval = i.m ORDER BY time ASC LIMIT 1) f ON true
      JOIN LATERAL (SELECT time FROM candles WHERE asset_id = a.id AND interval = i.m ORDER BY time DESC LIMIT 1) n ON true
      LEFT JOIN LATERAL (
        SELECT time FROM candles WHERE asset_id = a.id AND interval = i.m AND time <= $1::timestamptz - make_interval(mins => i.m)
         ORDER BY time DESC LIMIT 1
      ) l ON true
  ),
  table_time AS (SELECT max(last_close) AS e FROM series),
  asset_first AS (SELECT id, min(first_close) AS first_close FROM series GROUP BY id),
  covered AS (
    SELECT s.id, s.m, s.span, s.last_close
      FROM series s CROSS JOIN table_time tt JOIN asset_first af ON af.id = s.id
     WHERE s.last_close >= tt.e - s.span
       AND s.first_close <= greatest(tt.e - interval '30 days', af.first_close) + s.span
  ),
  chosen AS (SELECT m FROM covered GROUP BY m ORDER BY count(*) DESC, m ASC LIMIT 1),
  computed AS (
    SELECT a.symbol, a.name, a.pair, a.quote, c.m, c.last_close, px.time AS price_time, px.close AS price,
           CASE WHEN a.quote = ANY($3::text[]) THEN 1::numeric ELSE usd.close END AS usd_rate,
           d1.close AS close_24h, d7.close AS close_7d, d30.close AS close_30d,
           v.volume, v.quote_volume, v.with_vwap, v.candles
      FROM covered c
      JOIN chosen USING (m)
      JOIN tracked a ON a.id = c.id
      JOIN LATERAL (SELECT time, close FROM candles WHERE asset_id = a.id AND interval = c.m AND time = c.last_close - c.span) px ON true
      LEFT JOIN LATERAL (
        SELECT close FROM candles WHERE asset_id = a.id AND interval = c.m AND time <= c.last_close - interval '1 day' - c.span
         ORDER BY time DESC LIMIT 1
      ) d1 ON true
      LEFT JOIN LATERAL (
        SELECT close FROM candles WHERE asset_id = a.id AND interval = c.m AND time <= c.last_close - interval '7 days' - c.span
         ORDER BY time DESC LIMIT 1
      ) d7 ON true
      LEFT JOIN LATERAL (
        SELECT close FROM candles WHERE asset_id = a.id AND interval = c.m AND time <= c.last_close - interval '30 days' - c.span
         ORDER BY time DESC LIMIT 1
      ) d30 ON true
      JOIN LATERAL (
        SELECT sum(volume) AS volume, sum(coalesce(vwap, (high + low + close) / 3) * volume) AS quote_volume,
               count(vwap) AS with_vwap, count(*) AS candles
          FROM candles WHERE asset_id = a.id AND interval = c.m
           AND time > c.last_close - interval '1 day' - c.span AND time <= c.last_close - c.span
      ) v ON true
      LEFT JOIN LATERAL (
        -- A quote that a tracked USD pair has as its base (XBT for ETH/XBT: BTC/USD): its close at the same time.
        SELECT rc.close FROM tracked r
          JOIN LATERAL (
            SELECT close FROM candles WHERE asset_id = r.id AND interval = c.m AND time <= c.last_close - c.span ORDER BY time DESC LIMIT 1
          ) rc ON true
         WHERE r.base = a.quote AND r.quote = ANY($3::text[])
         ORDER BY r.id LIMIT 1
      ) usd ON true
  ),
  ranked AS (
    SELECT *, round(quote_volume * usd_rate, 2) AS quote_volume_usd,
           row_number() OVER (ORDER BY quote_volume * usd_rate DESC NULLS LAST, symbol) AS rank
      FROM computed
  )
  SELECT
    (SELECT ${iso('max(last_close)')} FROM ranked) AS "asOf",
    (SELECT min(m) FROM ranked) AS "intervalMinutes",
    (SELECT ${iso('min(first_close)')} FROM series) AS "firstClose",
    (SELECT ${iso('max(newest_close)')} FROM series) AS "newestClose",
    (SELECT coalesce(max(cs.version), 0) FROM candle_series cs JOIN tracked t ON t.id = cs.asset_id WHERE cs.interval = ANY($2::int[]))::text
      || '.' || (SELECT md5(coalesce(string_agg(concat_ws('|', id, symbol, name, pair, base, quote), ',' ORDER BY id), '')) FROM tracked)
      AS version,
    coalesce((
      SELECT json_agg(json_build_object(
               'rank', rank, 'symbol', symbol, 'name', name, 'pair', pair, 'quote', quote,
               'price', price::text,
               'priceUsd', CASE WHEN usd_rate = 1 THEN price::text ELSE (price * usd_rate)::text END,
               'priceTime', ${iso('price_time')},
               'change24h', ((price / close_24h - 1) * 100)::float8,
               'change7d', ((price / close_7d - 1) * 100)::float8,
               'change30d', ((price / close_30d - 1) * 100)::float8,
               'volume24h', volume::text,
               'quoteVolume24h', quote_volume_usd::text,
               'quoteVolumeSource', CASE WHEN with_vwap = candles THEN 'vwap' WHEN with_vwap = 0 THEN 'typical' ELSE 'mixed' END
             ) ORDER BY rank)
        FROM ranked
    ), '[]'::json) AS rows`;

interface SnapshotRow {
  asOf: string | null;
  intervalMinutes: number | null;
  firstClose: string | null;
  newestClose: string | null;
  version: string;
  rows: MarketSnapshotRow[];
}

/** The market overview (GET /crypto/market), computed by Postgres from the stored candles. */
@Injectable()
export class MarketSnapshotRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The table as of `at`: the newest candles closed by then (open time + interval ≤ at). */
  async snapshot(at: Date): Promise<MarketSnapshot> {
    const [row] = await this.db.query<SnapshotRow[]>(SNAPSHOT_SQL, [at, MARKET_SOURCE_INTERVALS.map(intervalMinutes), USD_QUOTES]);
    return {
      asOf: row.asOf,
      interval: row.intervalMinutes === null ? null : intervalCode(row.intervalMinutes),
      rows: row.rows,
      firstClose: row.firstClose,
      newestClose: row.newestClose,
      version: row.version,
    };
  }
}
