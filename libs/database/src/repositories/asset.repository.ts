import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { INTERVAL_CODES, intervalCode, intervalMinutes, normalizeSymbol, UnknownAssetError, type IntervalCode } from '#libs/domain';
import { AssetEntity } from '../entities/asset.entity.js';

export type NewAsset = Pick<AssetEntity, 'symbol' | 'krakenAltname' | 'krakenKey' | 'base' | 'quote' | 'name'>;

/** A tracked asset with its latest daily close and the change from the close before it. */
export interface AssetSummary {
  symbol: string;
  name: string;
  krakenPair: string;
  base: string;
  quote: string;
  lastClose: string | null;
  previousClose: string | null;
  change: string | null;
  changePercent: number | null;
  lastCandleTime: Date | null;
  /** The intervals it has candles of, finest first: what a client can offer to chart. */
  intervals: IntervalCode[];
}

/** A tracked asset with the span of each interval it has candles of: what GET /crypto/config lists. */
export interface AssetSeries {
  symbol: string;
  name: string;
  krakenPair: string;
  krakenKey: string;
  quote: string;
  /** Finest first. */
  series: { interval: IntervalCode; first: string; last: string; count: number }[];
}

interface AssetSeriesRow {
  symbol: string;
  name: string;
  krakenPair: string;
  krakenKey: string;
  quote: string;
  minutes: number | null;
  first: string | null;
  last: string | null;
  count: string | null;
}

/** A summary as summaries() selects it, before the change and the interval codes are worked out. */
type AssetSummaryRow = Omit<AssetSummary, 'change' | 'changePercent' | 'intervals'> & { intervalMinutes: number[] };

interface IdRow {
  id: number;
}

/** The interval whose closes the summaries compare. */
const DAILY: IntervalCode = '1d';
/** Every interval in minutes, finest first. */
const ALL_MINUTES = INTERVAL_CODES.map(intervalMinutes).sort((a, b) => a - b);
const UNIQUE_VIOLATION = '23505';

@Injectable()
export class AssetRepository {
  private readonly assets: Repository<AssetEntity>;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.assets = db.getRepository(AssetEntity);
  }

  findBySymbol(symbol: string): Promise<AssetEntity | null> {
    return this.assets.findOneBy({ symbol: normalizeSymbol(symbol) });
  }

  /** The asset, or UnknownAssetError. */
  async require(symbol: string): Promise<AssetEntity> {
    const asset = await this.findBySymbol(symbol);
    if (!asset) throw new UnknownAssetError(normalizeSymbol(symbol));
    return asset;
  }

  findByKrakenKey(krakenKey: string): Promise<AssetEntity | null> {
    return this.assets.findOneBy({ krakenKey });
  }

  findTracked(): Promise<AssetEntity[]> {
    return this.assets.find({ where: { tracked: true }, order: { symbol: 'ASC' } });
  }

  count(): Promise<number> {
    return this.assets.count();
  }

  /** Adds an asset, or starts tracking it again if it is already known. */
  async track(asset: NewAsset): Promise<AssetEntity> {
    await this.assets.upsert({ ...asset, symbol: normalizeSymbol(asset.symbol), tracked: true }, ['symbol']);
    return this.assets.findOneByOrFail({ symbol: normalizeSymbol(asset.symbol) });
  }

  /**
   * An admin's track: a new asset, or an untracked one tracked again with the same pair (its
   * candles and models kept; its name unless `name` is given). Null, writing nothing, when the
   * symbol is tracked already or was another pair's, or the pair belongs to another symbol: the
   * caller reads which.
   */
  async trackPair(asset: NewAsset, name?: string): Promise<AssetEntity | null> {
    try {
      const rows = await this.db.query<IdRow[]>(
        `INSERT INTO assets AS a (symbol, kraken_altname, kraken_key, base, quote, name)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (symbol) DO UPDATE
           SET tracked = true, kraken_altname = EXCLUDED.kraken_altname, base = EXCLUDED.base, quote = EXCLUDED.quote,
               name = COALESCE($7, a.name), updated_at = now()
           WHERE a.kraken_key = EXCLUDED.kraken_key AND NOT a.tracked
         RETURNING a.id`,
        [normalizeSymbol(asset.symbol), asset.krakenAltname, asset.krakenKey, asset.base, asset.quote, name ?? asset.name, name ?? null],
      );
      return rows.length ? await this.assets.findOneByOrFail({ id: rows[0].id }) : null;
    } catch (error) {
      // The pair is another symbol's (kraken_key is unique): the caller names which.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return null;
      throw error;
    }
  }

  /** Stops tracking; the candles stay, so that tracking it again needs no new backfill. */
  async untrack(symbol: string): Promise<boolean> {
    const result = await this.assets.update({ symbol: normalizeSymbol(symbol), tracked: true }, { tracked: false });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Every tracked asset with the first and last open time and the number of candles of each of
   * its series, in one query (candle_series names the series; each span reads the primary key).
   */
  async seriesSpans(): Promise<AssetSeries[]> {
    const rows = await this.db.query<AssetSeriesRow[]>(
      `SELECT a.symbol, a.name, a.kraken_altname AS "krakenPair", a.kraken_key AS "krakenKey", a.quote,
              s.interval AS minutes, s.count,
              to_char(s.first AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS first,
              to_char(s.last AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last
         FROM assets a
         LEFT JOIN LATERAL (
           SELECT cs.interval, min(c.time) AS first, max(c.time) AS last, count(*) AS count
             FROM candle_series cs JOIN candles c ON c.asset_id = cs.asset_id AND c.interval = cs.interval
            WHERE cs.asset_id = a.id
            GROUP BY cs.interval
         ) s ON true
        WHERE a.tracked
        ORDER BY a.symbol, s.interval`,
    );
    const assets = new Map<string, AssetSeries>();
    for (const { minutes, first, last, count, ...asset } of rows) {
      const entry = assets.get(asset.symbol) ?? { ...asset, series: [] };
      assets.set(asset.symbol, entry);
      if (minutes !== null && first !== null && last !== null) {
        entry.series.push({ interval: intervalCode(minutes), first, last, count: Number(count) });
      }
    }
    return [...assets.values()];
  }

  async summaries(): Promise<AssetSummary[]> {
    const rows = await this.db.query<AssetSummaryRow[]>(
      `SELECT a.symbol, a.name, a.kraken_altname AS "krakenPair", a.base, a.quote,
              last.close AS "lastClose", last.prev AS "previousClose", last.time AS "lastCandleTime",
              -- One index probe per interval, rather than reading every candle for the distinct ones.
              ARRAY(SELECT m FROM unnest($2::int[]) WITH ORDINALITY AS i(m, n)
                     WHERE EXISTS (SELECT 1 FROM candles WHERE asset_id = a.id AND interval = m) ORDER BY n) AS "intervalMinutes"
         FROM assets a
         LEFT JOIN LATERAL (
           SELECT c.time, c.close, lead(c.close) OVER (ORDER BY c.time DESC) AS prev
             FROM (SELECT time, close FROM candles WHERE asset_id = a.id AND interval = $1 ORDER BY time DESC LIMIT 2) c
            ORDER BY c.time DESC LIMIT 1
         ) last ON true
        WHERE a.tracked
        ORDER BY a.symbol`,
      [intervalMinutes(DAILY), ALL_MINUTES],
    );
    return rows.map(toSummary);
  }
}

function toSummary({ intervalMinutes: minutes, ...row }: AssetSummaryRow): AssetSummary {
  const last = row.lastClose === null ? null : Number(row.lastClose);
  const prev = row.previousClose === null ? null : Number(row.previousClose);
  const hasChange = last !== null && prev !== null && prev !== 0;
  return {
    ...row,
    change: hasChange ? (last - prev).toFixed(8).replace(/\.?0+$/, '') : null,
    changePercent: hasChange ? Math.round(((last - prev) / prev) * 1e6) / 1e4 : null,
    intervals: minutes.map(intervalCode),
  };
}
