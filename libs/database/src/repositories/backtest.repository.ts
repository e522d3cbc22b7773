import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decimal } from './decimal.js';
import { intervalCode, intervalMinutes, type BacktestSummary, type IntervalCode, type Jsonb, type ModelFamily } from '#libs/domain';

/** `backtest`: asked for by an admin; `training`: a model's own walk-forward; `tune-trial`: one trial of a search. */
export const BACKTEST_KINDS = ['backtest', 'training', 'tune-trial'] as const;
export type BacktestKind = (typeof BACKTEST_KINDS)[number];

/** What a walk-forward ran with (span, horizon, refit cadence, the family's settings). */
export type BacktestParams = Record<string, unknown>;

export interface NewBacktest {
  assetId: number;
  interval: IntervalCode;
  family: ModelFamily;
  kind: BacktestKind;
  /** The model whose training this walk-forward was; null otherwise. */
  modelId?: string | null;
  params: BacktestParams;
  summary: BacktestSummary;
  jobId?: string | null;
}

/** One step of one origin of a walk-forward, in prices (numbers or decimal strings) but σ, PIT and pinball. */
export interface NewBacktestRecord {
  originTime: Date;
  step: number;
  lastClose: number | string;
  actualClose: number | string | null;
  median: number | string;
  /** At QUANTILE_LEVELS. */
  quantiles: (number | string)[];
  lower80: number | string;
  upper80: number | string;
  lower90: number | string;
  upper90: number | string;
  lower95: number | string;
  upper95: number | string;
  /** Of the log return to this step. */
  sigma: number;
  /** The probability integral transform of the actual; null when it is unknown. */
  pit: number | null;
  /** Mean pinball loss over QUANTILE_LEVELS, log-return units; null when the actual is unknown. */
  pinball: number | null;
}

export interface StoredBacktest {
  id: string;
  assetId: number;
  interval: IntervalCode;
  family: ModelFamily;
  kind: BacktestKind;
  modelId: string | null;
  params: BacktestParams;
  summary: Jsonb<BacktestSummary>;
  jobId: string | null;
  createdAt: Date;
  /** How many records it holds. */
  records: number;
}

/** A record as read back: prices as decimal strings, as Postgres `numeric` gives them. */
export interface BacktestRecord {
  originTime: Date;
  step: number;
  lastClose: string;
  actualClose: string | null;
  median: string;
  quantiles: string[];
  lower80: string;
  upper80: string;
  lower90: string;
  upper90: string;
  lower95: string;
  upper95: string;
  sigma: number;
  pit: number | null;
  pinball: number | null;
}

interface StoredBacktestRow extends Omit<StoredBacktest, 'interval'> {
  interval: number;
}

/** Records per INSERT: 16 arrays of this many stay far below Postgres' limits and keep one statement's memory small. */
const RECORDS_PER_STATEMENT = 5000;

const BACKTEST_COLUMNS = `b.id, b.asset_id AS "assetId", b.interval, b.family, b.kind, b.model_id AS "modelId", b.params, b.summary,
  b.job_id AS "jobId", b.created_at AS "createdAt", (SELECT count(*)::int FROM backtest_records r WHERE r.backtest_id = b.id) AS records`;

const RECORD_COLUMNS = `origin_time AS "originTime", step, last_close AS "lastClose", actual_close AS "actualClose", median,
  quantiles::text[] AS quantiles, lower80, upper80, lower90, upper90, lower95, upper95, sigma, pit, pinball`;

/** Walk-forward runs and their per-step records. */
@Injectable()
export class BacktestRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Stores a walk-forward with its records in one transaction (arrays unnested: thousands of records in a few statements); returns its id. */
  async save(backtest: NewBacktest, records: readonly NewBacktestRecord[]): Promise<string> {
    return this.db.transaction(async (tx) => {
      const [{ id }] = await tx.query<{ id: string }[]>(
        `INSERT INTO backtests (asset_id, interval, family, model_id, kind, params, summary, job_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          backtest.assetId,
          intervalMinutes(backtest.interval),
          backtest.family,
          backtest.modelId ?? null,
          backtest.kind,
          JSON.stringify(backtest.params),
          JSON.stringify(backtest.summary),
          backtest.jobId ?? null,
        ],
      );
      for (let start = 0; start < records.length; start += RECORDS_PER_STATEMENT) {
        const chunk = records.slice(start, start + RECORDS_PER_STATEMENT);
        const column = (pick: (record: NewBacktestRecord) => number | string | null) =>
          chunk.map((r) => {
            const value = pick(r);
            return value === null ? null : decimal(value);
          });
        const float = (pick: (record: NewBacktestRecord) => number | null) =>
          chunk.map((r) => {
            const value = pick(r);
            return value !== null && Number.isFinite(value) ? value : null;
          });
        await tx.query(
          `INSERT INTO backtest_records (backtest_id, origin_time, step, last_close, actual_close, median, quantiles, lower80, upper80,
                                         lower90, upper90, lower95, upper95, sigma, pit, pinball)
           SELECT $1, t, s, lc, ac, md, q::numeric[], l80, u80, l90, u90, l95, u95, sg, pt, pb
             FROM unnest($2::timestamptz[], $3::int[], $4::numeric[], $5::numeric[], $6::numeric[], $7::text[], $8::numeric[],
                         $9::numeric[], $10::numeric[], $11::numeric[], $12::numeric[], $13::numeric[], $14::float8[], $15::float8[],
                         $16::float8[]) AS x(t, s, lc, ac, md, q, l80, u80, l90, u90, l95, u95, sg, pt, pb)`,
          [
            id,
            chunk.map((r) => r.originTime),
            chunk.map((r) => r.step),
            column((r) => r.lastClose),
            column((r) => r.actualClose),
            column((r) => r.median),
            chunk.map((r) => `{${r.quantiles.map(decimal).join(',')}}`),
            column((r) => r.lower80),
            column((r) => r.upper80),
            column((r) => r.lower90),
            column((r) => r.upper90),
            column((r) => r.lower95),
            column((r) => r.upper95),
            float((r) => r.sigma),
            float((r) => r.pit),
            float((r) => r.pinball),
          ],
        );
      }
      return id;
    });
  }

  async findById(id: string): Promise<StoredBacktest | null> {
    const [row] = await this.db.query<StoredBacktestRow[]>(`SELECT ${BACKTEST_COLUMNS} FROM backtests b WHERE b.id = $1`, [id]);
    return row ? toBacktest(row) : null;
  }

  /** The newest walk-forward of a series of one kind (`backtest` unless told), of one family when given. */
  async newest(
    assetId: number,
    interval: IntervalCode,
    filter: { family?: ModelFamily; kind?: BacktestKind } = {},
  ): Promise<StoredBacktest | null> {
    const params: unknown[] = [assetId, intervalMinutes(interval), filter.kind ?? 'backtest'];
    const family = filter.family === undefined ? '' : `AND b.family = $${params.push(filter.family)}`;
    const [row] = await this.db.query<StoredBacktestRow[]>(
      `SELECT ${BACKTEST_COLUMNS} FROM backtests b
        WHERE b.asset_id = $1 AND b.interval = $2 AND b.kind = $3 ${family}
        ORDER BY b.created_at DESC, b.id DESC LIMIT 1`,
      params,
    );
    return row ? toBacktest(row) : null;
  }

  /** A page of a walk-forward's records (of one horizon step, when given), by origin time then step. */
  async records(backtestId: string, page: { limit: number; offset?: number; step?: number }): Promise<BacktestRecord[]> {
    const params: unknown[] = [backtestId, page.limit, page.offset ?? 0];
    const step = page.step === undefined ? '' : `AND step = $${params.push(page.step)}`;
    return this.db.query<BacktestRecord[]>(
      `SELECT ${RECORD_COLUMNS} FROM backtest_records WHERE backtest_id = $1 ${step} ORDER BY origin_time, step LIMIT $2 OFFSET $3`,
      params,
    );
  }

  /** How many records a walk-forward holds (of one horizon step, when given). */
  async countRecords(backtestId: string, step?: number): Promise<number> {
    const params: unknown[] = [backtestId];
    const where = step === undefined ? '' : `AND step = $${params.push(step)}`;
    const [row] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM backtest_records WHERE backtest_id = $1 ${where}`,
      params,
    );
    return row.n;
  }

  /** The walk-forward of a model's own training with every record (for the score's choice); null when it has none. */
  async ofModel(modelId: string): Promise<{ backtest: StoredBacktest; records: BacktestRecord[] } | null> {
    const [row] = await this.db.query<StoredBacktestRow[]>(
      `SELECT ${BACKTEST_COLUMNS} FROM backtests b WHERE b.model_id = $1 AND b.kind = 'training' ORDER BY b.created_at DESC LIMIT 1`,
      [modelId],
    );
    if (!row) return null;
    const backtest = toBacktest(row);
    return { backtest, records: await this.records(backtest.id, { limit: backtest.records }) };
  }
}

const toBacktest = (row: StoredBacktestRow): StoredBacktest => ({ ...row, interval: intervalCode(row.interval) });
