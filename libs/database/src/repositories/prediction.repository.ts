import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decimal } from './decimal.js';
import {
  INTERVAL_LEVELS,
  intervalCode,
  intervalMinutes,
  type CalibrationState,
  type IntervalCode,
  type IntervalLevel,
  type RealizedCoverage,
} from '#libs/domain';

export interface ModelRef {
  id: string;
  version: number;
}

/** A forecast point's distribution, in prices (decimal strings) but σ; each null on forecasts made before step 8. */
export interface PointDistribution {
  /** At QUANTILE_LEVELS, lowest first. */
  quantiles: string[] | null;
  /** One per INTERVAL_LEVELS, in that order. */
  intervals: { level: IntervalLevel; lower: string; upper: string }[] | null;
  /** Standard deviation of the log return from the last close to this close. */
  sigma: number | null;
  /** The candle's expected low and high. */
  expectedRange: { low: string; high: string } | null;
}

export interface ForecastPoint extends PointDistribution {
  targetTime: Date;
  /** Decimal strings, as Postgres `numeric` gives them. */
  predictedClose: string;
  actualClose: string | null;
  /** Whether the actual close fell inside each interval; null until it is known (and on older forecasts). */
  inside: Record<`${IntervalLevel}`, boolean> | null;
}

/** Every close one model forecast at one moment. */
export interface ForecastSet {
  madeAt: Date;
  model: ModelRef;
  /** The last closed candle the forecast started from: the one just before its first target; null if it is not stored. */
  basedOn: { time: Date; close: string } | null;
  points: ForecastPoint[];
}

/** One forecast close, with the close it started from and its actual close once known. */
export interface ForecastRecord extends ForecastPoint {
  madeAt: Date;
  baseClose: string | null;
  model: ModelRef;
}

export interface ForecastHistoryQuery {
  assetId: number;
  interval: IntervalCode;
  /** Bounds on the target time. */
  from?: Date;
  to?: Date;
  limit: number;
}

/** The distribution of one new forecast point: prices as decimal strings or numbers. */
export interface NewPointDistribution {
  /** At QUANTILE_LEVELS. */
  quantiles: (string | number)[];
  /** Keyed by INTERVAL_LEVELS. */
  intervals: Record<`${IntervalLevel}`, { lower: string | number; upper: string | number }>;
  sigma: number;
  rangeLow: string | number;
  rangeHigh: string | number;
  /** The raw (uncalibrated) forecast of this step, log return from the last close, and its σ. */
  rawCenter: number;
  rawSigma: number;
}

export interface NewForecast {
  modelId: string;
  assetId: number;
  interval: IntervalCode;
  madeAt: Date;
  points: { targetTime: Date; predictedClose: string; actualClose?: string | null; distribution?: NewPointDistribution }[];
}

/** A forecast point whose actual close realize() has just filled in. */
export interface RealizedForecast {
  id: string;
  modelId: string;
  madeAt: Date;
  targetTime: Date;
  /** Its horizon step: 1 for the first target of its forecast. */
  step: number;
  /** The close the forecast started from (the candle before its first target); null if not stored. */
  baseClose: string | null;
  actualClose: string;
  predictedClose: string;
  /** The raw forecast the calibration update needs; null on forecasts made before step 8. */
  rawCenter: number | null;
  rawSigma: number | null;
  /** Null where the forecast had no intervals. */
  inside: Record<`${IntervalLevel}`, boolean> | null;
  /** The intervals it was served with (prices, decimal strings), one per INTERVAL_LEVELS; null where it had none. */
  issued: { level: IntervalLevel; lower: string; upper: string }[] | null;
}

/**
 * Moves one model's calibration with its forecasts just realized (oldest first); what it returns
 * is stored (null: leave it). Runs inside realize()'s transaction, so keep it pure and quick.
 */
export type Recalibrate = (
  model: { id: string; calibration: CalibrationState | null },
  realized: RealizedForecast[],
) => CalibrationState | null;

/** Realized coverage of one series' newest one-step forecasts (coverageBySeries). */
export interface SeriesCoverage extends RealizedCoverage {
  assetId: number;
  asset: string;
  interval: IntervalCode;
}

/** The columns of DISTRIBUTION_COLUMNS. */
interface DistributionRow {
  targetTime: Date;
  predictedClose: string;
  actualClose: string | null;
  quantiles: string[] | null;
  lower80: string | null;
  upper80: string | null;
  lower90: string | null;
  upper90: string | null;
  lower95: string | null;
  upper95: string | null;
  sigma: number | null;
  rangeLow: string | null;
  rangeHigh: string | null;
  inside80: boolean | null;
  inside90: boolean | null;
  inside95: boolean | null;
}

/** One forecast point of the latest set, as latestSet selects it. */
interface LatestPointRow extends DistributionRow {
  madeAt: Date;
  modelId: string;
  version: number;
}

const DISTRIBUTION_COLUMNS = `p.target_time AS "targetTime", p.predicted_close AS "predictedClose", p.actual_close AS "actualClose",
  p.quantiles::text[] AS quantiles, p.lower80, p.upper80, p.lower90, p.upper90, p.lower95, p.upper95, p.sigma,
  p.range_low AS "rangeLow", p.range_high AS "rangeHigh", p.inside80, p.inside90, p.inside95`;

/** A statement's rows: inside is true when the actual close is within [lower, upper] of the level. */
const INSIDE = (level: IntervalLevel, actual: string) =>
  `CASE WHEN p.lower${level} IS NULL THEN NULL ELSE ${actual} BETWEEN p.lower${level} AND p.upper${level} END`;

interface RealizedRow extends Omit<RealizedForecast, 'inside' | 'issued'> {
  inside80: boolean | null;
  inside90: boolean | null;
  inside95: boolean | null;
  lower80: string | null;
  upper80: string | null;
  lower90: string | null;
  upper90: string | null;
  lower95: string | null;
  upper95: string | null;
}
interface CoverageRow {
  assetId: number;
  asset: string;
  interval: number;
  coverage80: number | null;
  coverage90: number | null;
  coverage95: number | null;
  window: number;
}

/** One forecast point with the close it started from, as history selects it. */
interface ForecastRecordRow extends LatestPointRow {
  baseClose: string | null;
}

interface BaseCandleRow {
  time: Date;
  close: string;
}
interface FoundRow {
  found: boolean;
}

/** One forecast's identity (every point one model made at one moment): `<model id>@<made at, ISO>`. */
export function forecastKey(modelId: string, madeAt: Date): string {
  return `${modelId}@${madeAt.toISOString()}`;
}

function parseForecastKey(key: string): [string, Date] | [null, null] {
  const match = /^([0-9a-f-]{36})@(.+)$/.exec(key);
  const madeAt = match ? new Date(match[2]) : null;
  return match && madeAt && !Number.isNaN(madeAt.getTime()) ? [match[1], madeAt] : [null, null];
}

/** The intervals the newest forecast gave one candle (pointFor). */
export interface ForecastForCandle {
  madeAt: Date;
  intervals: { level: IntervalLevel; lower: string; upper: string }[];
}

@Injectable()
export class PredictionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async exists(assetId: number, interval: IntervalCode): Promise<boolean> {
    const [row] = await this.db.query<FoundRow[]>(
      `SELECT EXISTS (SELECT 1 FROM predictions WHERE asset_id = $1 AND interval = $2) AS found`,
      [assetId, intervalMinutes(interval)],
    );
    return row.found;
  }

  /**
   * The newest forecast of an asset and interval: every target of the latest `made_at`, oldest
   * first; or, given a forecast key (forecastKey), that forecast.
   */
  async latestSet(assetId: number, interval: IntervalCode, key?: string): Promise<ForecastSet | null> {
    const minutes = intervalMinutes(interval);
    const [modelId, madeAt] = key === undefined ? [null, null] : parseForecastKey(key);
    if (key !== undefined && modelId === null) return null;
    const rows = await this.db.query<LatestPointRow[]>(
      `WITH latest AS (
         SELECT model_id, made_at FROM predictions WHERE asset_id = $1 AND interval = $2
            AND ($3::uuid IS NULL OR (model_id = $3 AND made_at = $4))
          ORDER BY made_at DESC, id DESC LIMIT 1
       )
       SELECT p.made_at AS "madeAt", ${DISTRIBUTION_COLUMNS}, m.id AS "modelId", m.version
         FROM latest l
         JOIN predictions p ON p.model_id = l.model_id AND p.made_at = l.made_at
         JOIN models m ON m.id = l.model_id
        ORDER BY p.target_time`,
      [assetId, minutes, modelId, madeAt],
    );
    if (rows.length === 0) return null;
    const [base] = await this.db.query<BaseCandleRow[]>(
      `SELECT time, close FROM candles WHERE asset_id = $1 AND interval = $2 AND time = $3::timestamptz - make_interval(mins => $2)`,
      [assetId, minutes, rows[0].targetTime],
    );
    return {
      madeAt: rows[0].madeAt,
      model: { id: rows[0].modelId, version: rows[0].version },
      basedOn: base ?? null,
      points: rows.map(toPoint),
    };
  }

  /** The intervals of the newest forecast (that had intervals) of the candle opening at `targetTime`; null when none forecast it. */
  async pointFor(assetId: number, interval: IntervalCode, targetTime: Date): Promise<ForecastForCandle | null> {
    const [row] = await this.db.query<(DistributionRow & { madeAt: Date })[]>(
      `SELECT p.made_at AS "madeAt", ${DISTRIBUTION_COLUMNS} FROM predictions p
        WHERE p.asset_id = $1 AND p.interval = $2 AND p.target_time = $3 AND p.lower90 IS NOT NULL
        ORDER BY p.made_at DESC, p.id DESC LIMIT 1`,
      [assetId, intervalMinutes(interval), targetTime],
    );
    const intervals = row ? toPoint(row).intervals : null;
    return row && intervals ? { madeAt: row.madeAt, intervals } : null;
  }

  /**
   * Forecast closes by target time, oldest first: from `from` on when it is given, else the most
   * recent ones. Each comes with the close of the candle its forecast started from.
   */
  async history({ assetId, interval, from, to, limit }: ForecastHistoryQuery): Promise<ForecastRecord[]> {
    const params: unknown[] = [assetId, intervalMinutes(interval)];
    let where = 'asset_id = $1 AND interval = $2';
    if (from) where += ` AND target_time >= $${params.push(from)}`;
    if (to) where += ` AND target_time <= $${params.push(to)}`;
    const newestFirst = !from;
    const order = newestFirst ? 'DESC' : 'ASC';
    const rows = await this.db.query<ForecastRecordRow[]>(
      `SELECT p.made_at AS "madeAt", ${DISTRIBUTION_COLUMNS}, m.id AS "modelId", m.version,
              (SELECT c.close FROM candles c
                WHERE c.asset_id = p.asset_id AND c.interval = p.interval
                  AND c.time = (SELECT min(q.target_time) FROM predictions q WHERE q.model_id = p.model_id AND q.made_at = p.made_at)
                               - make_interval(mins => p.interval)) AS "baseClose"
         FROM (SELECT * FROM predictions WHERE ${where} ORDER BY target_time ${order}, made_at ${order}, id ${order} LIMIT $${params.push(limit)}) p
         JOIN models m ON m.id = p.model_id
        ORDER BY p.target_time ${order}, p.made_at ${order}, p.id ${order}`,
      params,
    );
    const records = rows.map(toRecord);
    return newestFirst ? records.reverse() : records;
  }

  /** Stores one forecast: every target close one model made at one moment. */
  async add(forecast: NewForecast): Promise<number> {
    if (forecast.points.length === 0) return 0;
    const points = forecast.points;
    const d = (pick: (distribution: NewPointDistribution) => string | number) =>
      points.map((p) => (p.distribution ? decimal(pick(p.distribution)) : null));
    // quantiles go as one text per point ('{…}'), since unnest would flatten a 2-D array.
    await this.db.query(
      `INSERT INTO predictions (model_id, asset_id, interval, made_at, target_time, predicted_close, actual_close, quantiles,
                                lower80, upper80, lower90, upper90, lower95, upper95, sigma, range_low, range_high, raw_center, raw_sigma)
       SELECT $1, $2, $3, $4, t, p, a, q::numeric[], l80, u80, l90, u90, l95, u95, sg, rl, rh, rc, rs
         FROM unnest($5::timestamptz[], $6::numeric[], $7::numeric[], $8::text[], $9::numeric[], $10::numeric[], $11::numeric[],
                     $12::numeric[], $13::numeric[], $14::numeric[], $15::float8[], $16::numeric[], $17::numeric[], $18::float8[],
                     $19::float8[]) AS s(t, p, a, q, l80, u80, l90, u90, l95, u95, sg, rl, rh, rc, rs)`,
      [
        forecast.modelId,
        forecast.assetId,
        intervalMinutes(forecast.interval),
        forecast.madeAt,
        points.map((p) => p.targetTime),
        points.map((p) => p.predictedClose),
        points.map((p) => p.actualClose ?? null),
        points.map((p) => (p.distribution ? `{${p.distribution.quantiles.map(decimal).join(',')}}` : null)),
        d((x) => x.intervals['80'].lower),
        d((x) => x.intervals['80'].upper),
        d((x) => x.intervals['90'].lower),
        d((x) => x.intervals['90'].upper),
        d((x) => x.intervals['95'].lower),
        d((x) => x.intervals['95'].upper),
        points.map((p) => p.distribution?.sigma ?? null),
        d((x) => x.rangeLow),
        d((x) => x.rangeHigh),
        points.map((p) => p.distribution?.rawCenter ?? null),
        points.map((p) => p.distribution?.rawSigma ?? null),
      ],
    );
    return points.length;
  }

  /** Fills in the actual close of every past forecast whose candle has closed since; returns how many. */
  async fillActuals(assetId: number, interval: IntervalCode): Promise<number> {
    return (await this.realize(assetId, interval)).length;
  }

  /**
   * In one transaction: fills in the actual close of every past forecast whose candle has closed
   * since, with whether it fell inside each interval; then, when `recalibrate` is given, moves the
   * calibration of each model concerned (row-locked, so two predict jobs cannot lose each other's
   * update) with its realized forecasts, oldest first. Returns the forecasts realized.
   */
  async realize(assetId: number, interval: IntervalCode, recalibrate?: Recalibrate): Promise<RealizedForecast[]> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<RealizedRow[]>(
        `WITH filled AS (
           UPDATE predictions p SET actual_close = c.close,
                  inside80 = ${INSIDE(80, 'c.close')}, inside90 = ${INSIDE(90, 'c.close')}, inside95 = ${INSIDE(95, 'c.close')}
             FROM candles c
            WHERE p.asset_id = $1 AND p.interval = $2 AND p.actual_close IS NULL
              AND c.asset_id = p.asset_id AND c.interval = p.interval AND c.time = p.target_time
           RETURNING p.id, p.model_id, p.made_at, p.target_time, p.actual_close, p.predicted_close, p.raw_center, p.raw_sigma,
                     p.inside80, p.inside90, p.inside95, p.lower80, p.upper80, p.lower90, p.upper90, p.lower95, p.upper95
         )
         SELECT f.id, f.model_id AS "modelId", f.made_at AS "madeAt", f.target_time AS "targetTime", f.actual_close AS "actualClose",
                f.predicted_close AS "predictedClose", f.raw_center AS "rawCenter", f.raw_sigma AS "rawSigma",
                f.inside80, f.inside90, f.inside95, f.lower80, f.upper80, f.lower90, f.upper90, f.lower95, f.upper95,
                s.step, s.base_close AS "baseClose"
           FROM filled f
           JOIN LATERAL (
             SELECT (SELECT count(*)::int FROM predictions q
                      WHERE q.model_id = f.model_id AND q.made_at = f.made_at AND q.target_time <= f.target_time) AS step,
                    (SELECT c.close FROM candles c
                      WHERE c.asset_id = $1 AND c.interval = $2
                        AND c.time = (SELECT min(q.target_time) FROM predictions q WHERE q.model_id = f.model_id AND q.made_at = f.made_at)
                                     - make_interval(mins => $2)) AS base_close
           ) s ON true
          ORDER BY f.target_time, f.made_at, s.step`,
        [assetId, intervalMinutes(interval)],
      );
      const realized = rows.map(toRealized);
      if (recalibrate && realized.length > 0) {
        const modelIds = [...new Set(realized.map((r) => r.modelId))].sort();
        const models = await tx.query<{ id: string; calibration: CalibrationState | null }[]>(
          `SELECT id, calibration FROM models WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
          [modelIds],
        );
        for (const model of models) {
          const moved = recalibrate(
            model,
            realized.filter((r) => r.modelId === model.id),
          );
          if (moved) await tx.query(`UPDATE models SET calibration = $2 WHERE id = $1`, [model.id, JSON.stringify(moved)]);
        }
      }
      return realized;
    });
  }

  /** When the newest forecast of every tracked series that has one was made. */
  async newestBySeries(): Promise<{ asset: string; interval: IntervalCode; madeAt: Date }[]> {
    const rows = await this.db.query<{ asset: string; interval: number; madeAt: Date }[]>(
      `SELECT a.symbol AS asset, s.interval, s.made_at AS "madeAt"
         FROM (SELECT asset_id, interval, max(made_at) AS made_at FROM predictions GROUP BY asset_id, interval) s
         JOIN assets a ON a.id = s.asset_id
        WHERE a.tracked
        ORDER BY a.symbol, s.interval`,
    );
    return rows.map((row) => ({ ...row, interval: intervalCode(row.interval) }));
  }

  /**
   * Realized coverage of the newest `window` one-step forecasts of a series (those whose actual
   * is known and that had intervals), whichever models made them.
   */
  async recentCoverage(assetId: number, interval: IntervalCode, window = 90): Promise<RealizedCoverage> {
    const [row] = await this.db.query<CoverageRow[]>(
      `SELECT ${COVERAGE_COLUMNS} FROM (${ONE_STEP_REALIZED} ORDER BY p.target_time DESC LIMIT $3) r`,
      [assetId, intervalMinutes(interval), window],
    );
    return toCoverage(row);
  }

  /** recentCoverage of every series that has realized forecasts with intervals (for the coverage gauge). */
  async coverageBySeries(window = 90): Promise<SeriesCoverage[]> {
    const rows = await this.db.query<CoverageRow[]>(
      `SELECT s.asset_id AS "assetId", a.symbol AS asset, s.interval, cov.*
         FROM (SELECT DISTINCT asset_id, interval FROM predictions WHERE inside90 IS NOT NULL) s
         JOIN assets a ON a.id = s.asset_id
         JOIN LATERAL (
           SELECT ${COVERAGE_COLUMNS} FROM (
             ${ONE_STEP_REALIZED.replace('$1', 's.asset_id').replace('$2', 's.interval')} ORDER BY p.target_time DESC LIMIT $1
           ) r
         ) cov ON true
        ORDER BY a.symbol, s.interval`,
      [window],
    );
    return rows.map((row) => ({ ...toCoverage(row), assetId: row.assetId, asset: row.asset, interval: intervalCode(row.interval) }));
  }
}

/** The realized one-step forecasts with intervals of series ($1, $2): no earlier target in the same forecast. */
const ONE_STEP_REALIZED = `SELECT p.inside80, p.inside90, p.inside95 FROM predictions p
   WHERE p.asset_id = $1 AND p.interval = $2 AND p.inside90 IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM predictions q WHERE q.model_id = p.model_id AND q.made_at = p.made_at AND q.target_time < p.target_time)`;

const COVERAGE_COLUMNS = `avg(r.inside80::int)::float8 AS coverage80, avg(r.inside90::int)::float8 AS coverage90,
  avg(r.inside95::int)::float8 AS coverage95, count(*)::int AS window`;

const toCoverage = (row: CoverageRow | undefined): RealizedCoverage => ({
  coverage80: row?.coverage80 ?? null,
  coverage90: row?.coverage90 ?? null,
  coverage95: row?.coverage95 ?? null,
  window: row?.window ?? 0,
});

const insideOf = (row: { inside80: boolean | null; inside90: boolean | null; inside95: boolean | null }) =>
  row.inside80 === null || row.inside90 === null || row.inside95 === null
    ? null
    : { '80': row.inside80, '90': row.inside90, '95': row.inside95 };

const toRealized = ({
  inside80,
  inside90,
  inside95,
  lower80,
  upper80,
  lower90,
  upper90,
  lower95,
  upper95,
  ...rest
}: RealizedRow): RealizedForecast => {
  const bounds = { lower80, upper80, lower90, upper90, lower95, upper95 };
  return {
    ...rest,
    inside: insideOf({ inside80, inside90, inside95 }),
    issued: INTERVAL_LEVELS.every((level) => bounds[`lower${level}`] !== null && bounds[`upper${level}`] !== null)
      ? INTERVAL_LEVELS.map((level) => ({ level, lower: bounds[`lower${level}`]!, upper: bounds[`upper${level}`]! }))
      : null,
  };
};

const toPoint = (row: DistributionRow): ForecastPoint => ({
  targetTime: row.targetTime,
  predictedClose: row.predictedClose,
  actualClose: row.actualClose,
  quantiles: row.quantiles,
  intervals:
    row.lower80 === null
      ? null
      : INTERVAL_LEVELS.map((level) => ({
          level,
          lower: row[`lower${level}`]!,
          upper: row[`upper${level}`]!,
        })),
  sigma: row.sigma,
  expectedRange: row.rangeLow === null || row.rangeHigh === null ? null : { low: row.rangeLow, high: row.rangeHigh },
  inside: insideOf(row),
});

const toRecord = (row: ForecastRecordRow): ForecastRecord => ({
  ...toPoint(row),
  madeAt: row.madeAt,
  baseClose: row.baseClose,
  model: { id: row.modelId, version: row.version },
});
