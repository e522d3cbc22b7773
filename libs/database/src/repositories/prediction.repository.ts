import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { intervalMinutes, type IntervalCode } from '#libs/domain';

export interface ModelRef {
  id: string;
  version: number;
}

export interface ForecastPoint {
  targetTime: Date;
  /** Decimal strings, as Postgres `numeric` gives them. */
  predictedClose: string;
  actualClose: string | null;
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

export interface NewForecast {
  modelId: string;
  assetId: number;
  interval: IntervalCode;
  madeAt: Date;
  points: { targetTime: Date; predictedClose: string; actualClose?: string | null }[];
}

/** One forecast point of the latest set, as latestSet selects it. */
interface LatestPointRow extends ForecastPoint {
  madeAt: Date;
  modelId: string;
  version: number;
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
/** What an UPDATE gives back through TypeORM's Postgres driver: its RETURNING rows (none here) and how many rows it changed. */
type UpdateResult = [unknown[], number];

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

  /** The newest forecast of an asset and interval: every target of the latest `made_at`, oldest first. */
  async latestSet(assetId: number, interval: IntervalCode): Promise<ForecastSet | null> {
    const minutes = intervalMinutes(interval);
    const rows = await this.db.query<LatestPointRow[]>(
      `WITH latest AS (
         SELECT model_id, made_at FROM predictions WHERE asset_id = $1 AND interval = $2
          ORDER BY made_at DESC, id DESC LIMIT 1
       )
       SELECT p.made_at AS "madeAt", p.target_time AS "targetTime", p.predicted_close AS "predictedClose",
              p.actual_close AS "actualClose", m.id AS "modelId", m.version
         FROM latest l
         JOIN predictions p ON p.model_id = l.model_id AND p.made_at = l.made_at
         JOIN models m ON m.id = l.model_id
        ORDER BY p.target_time`,
      [assetId, minutes],
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
      `SELECT p.made_at AS "madeAt", p.target_time AS "targetTime", p.predicted_close AS "predictedClose", p.actual_close AS "actualClose",
              m.id AS "modelId", m.version,
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
    await this.db.query(
      `INSERT INTO predictions (model_id, asset_id, interval, made_at, target_time, predicted_close, actual_close)
       SELECT $1, $2, $3, $4, t, p, a FROM unnest($5::timestamptz[], $6::numeric[], $7::numeric[]) AS s(t, p, a)`,
      [
        forecast.modelId,
        forecast.assetId,
        intervalMinutes(forecast.interval),
        forecast.madeAt,
        forecast.points.map((p) => p.targetTime),
        forecast.points.map((p) => p.predictedClose),
        forecast.points.map((p) => p.actualClose ?? null),
      ],
    );
    return forecast.points.length;
  }

  /** Fills in the actual close of every past forecast whose candle has closed since; returns how many. */
  async fillActuals(assetId: number, interval: IntervalCode): Promise<number> {
    const result = await this.db.query<UpdateResult>(
      `UPDATE predictions p SET actual_close = c.close
         FROM candles c
        WHERE p.asset_id = $1 AND p.interval = $2 AND p.actual_close IS NULL
          AND c.asset_id = p.asset_id AND c.interval = p.interval AND c.time = p.target_time`,
      [assetId, intervalMinutes(interval)],
    );
    return result[1];
  }
}

const toPoint = ({ targetTime, predictedClose, actualClose }: LatestPointRow): ForecastPoint => ({
  targetTime,
  predictedClose,
  actualClose,
});

const toRecord = ({ modelId, version, ...rest }: ForecastRecordRow): ForecastRecord => ({ ...rest, model: { id: modelId, version } });
