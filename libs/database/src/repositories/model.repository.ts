import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  intervalCode,
  intervalMinutes,
  type FeatureSpec,
  type ForecastMetrics,
  type Hyperparameters,
  type IntervalCode,
  type Jsonb,
  type ModelTopology,
  type TrainingMetrics,
  type WeightSpec,
} from '#libs/domain';
import type { ModelEntity, ModelStatus } from '../entities/model.entity.js';

/** A model of the registry without its artifact (topology, weight specs, weights) or scaling parameters. */
export interface ModelSummary {
  id: string;
  assetId: number;
  /** The asset's symbol (`BTC`). */
  asset: string;
  interval: IntervalCode;
  version: number;
  status: ModelStatus;
  isBest: boolean;
  hyperparameters: Hyperparameters;
  trainedFrom: Date | null;
  trainedTo: Date | null;
  metrics: Jsonb<TrainingMetrics> | null;
  backend: string | null;
  trainingMs: number | null;
  failureReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** How many of a model's newest forecast points with a known close its live error is taken over. */
export const LIVE_POINTS = 100;

/** The best model of one asset and interval with its latest evaluation and its live error. */
export interface ModelScore {
  /** The asset's symbol. */
  asset: string;
  interval: IntervalCode;
  version: number;
  /** The latest evaluation's metrics, the model's and the naive forecast's; null before any. */
  metrics: Jsonb<ForecastMetrics> | null;
  naiveMetrics: Jsonb<ForecastMetrics> | null;
  /** Mean absolute error of its newest forecasts (up to LIVE_POINTS) whose candle has closed; null without any. */
  liveMae: number | null;
  /** The same for "next close = last close known when the forecast was made". */
  liveNaiveMae: number | null;
}

export interface ModelFilter {
  assetId?: number;
  interval?: IntervalCode;
  status?: ModelStatus;
}

/** A new registry row; its version is the next one of its asset and interval. */
export type NewModel = Pick<ModelEntity, 'assetId' | 'interval' | 'status' | 'hyperparameters'> &
  Partial<
    Pick<
      ModelEntity,
      | 'features'
      | 'trainedFrom'
      | 'trainedTo'
      | 'metrics'
      | 'backend'
      | 'trainingMs'
      | 'failureReason'
      | 'topology'
      | 'weightSpecs'
      | 'weights'
    >
  >;

/** What a finished training stores, all at once with the status `ready`. */
export type TrainedModel = Required<
  Pick<
    ModelEntity,
    'features' | 'trainedFrom' | 'trainedTo' | 'metrics' | 'backend' | 'trainingMs' | 'topology' | 'weightSpecs' | 'weights'
  >
>;

/** A ready model with what it takes to run it. */
export interface LoadedModel {
  id: string;
  version: number;
  features: FeatureSpec;
  trainedTo: Date;
  topology: ModelTopology;
  weightSpecs: WeightSpec[];
  weights: Buffer;
}

/** The row of SUMMARY_COLUMNS: a summary with the interval in minutes. */
interface ModelSummaryRow extends Omit<ModelSummary, 'interval'> {
  interval: number;
}

/** The row of the scoreboard: a score with the interval in minutes. */
interface ModelScoreRow extends Omit<ModelScore, 'interval'> {
  interval: number;
}

interface IdRow {
  id: string;
}
interface CountRow {
  n: number;
}
interface SeriesRow {
  asset_id: number;
  /** Minutes. */
  interval: number;
}
/** What an UPDATE gives back through TypeORM's Postgres driver: its RETURNING rows (none here) and how many rows it changed. */
type UpdateResult = [unknown[], number];

// loadReady and loadBest select a LoadedModel as it is (jsonb parsed, bytea as a Buffer).
const LOADED_COLUMNS = `id, version, features, trained_to AS "trainedTo", topology, weight_specs AS "weightSpecs", weights`;

const SUMMARY_COLUMNS = `
  m.id, m.asset_id AS "assetId", a.symbol AS asset, m.interval, m.version, m.status, m.is_best AS "isBest",
  m.hyperparameters, m.trained_from AS "trainedFrom", m.trained_to AS "trainedTo", m.metrics, m.backend,
  m.training_ms AS "trainingMs", m.failure_reason AS "failureReason", m.created_at AS "createdAt", m.updated_at AS "updatedAt"`;

@Injectable()
export class ModelRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The registry, by asset, interval, then newest version first; every filter is optional. */
  async list(filter: ModelFilter = {}): Promise<ModelSummary[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.assetId !== undefined) where.push(`m.asset_id = $${params.push(filter.assetId)}`);
    if (filter.interval !== undefined) where.push(`m.interval = $${params.push(intervalMinutes(filter.interval))}`);
    if (filter.status !== undefined) where.push(`m.status = $${params.push(filter.status)}`);
    const rows = await this.db.query<ModelSummaryRow[]>(
      `SELECT ${SUMMARY_COLUMNS} FROM models m JOIN assets a ON a.id = m.asset_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.symbol, m.interval, m.version DESC`,
      params,
    );
    return rows.map(toSummary);
  }

  async findById(id: string): Promise<ModelSummary | null> {
    const [row] = await this.db.query<ModelSummaryRow[]>(
      `SELECT ${SUMMARY_COLUMNS} FROM models m JOIN assets a ON a.id = m.asset_id WHERE m.id = $1`,
      [id],
    );
    return row ? toSummary(row) : null;
  }

  /** The model marked best for an asset and interval (at most one: a unique index holds it). */
  async best(assetId: number, interval: IntervalCode): Promise<ModelSummary | null> {
    const [row] = await this.db.query<ModelSummaryRow[]>(
      `SELECT ${SUMMARY_COLUMNS} FROM models m JOIN assets a ON a.id = m.asset_id
        WHERE m.asset_id = $1 AND m.interval = $2 AND m.is_best`,
      [assetId, intervalMinutes(interval)],
    );
    return row ? toSummary(row) : null;
  }

  async count(assetId: number, interval: IntervalCode): Promise<number> {
    const [row] = await this.db.query<CountRow[]>(`SELECT count(*)::int AS n FROM models WHERE asset_id = $1 AND interval = $2`, [
      assetId,
      intervalMinutes(interval),
    ]);
    return row.n;
  }

  /** Registers a model as the next version of its asset and interval. */
  async create(model: NewModel): Promise<ModelSummary> {
    const [row] = await this.db.query<IdRow[]>(
      `INSERT INTO models (asset_id, interval, version, status, hyperparameters, features, trained_from, trained_to, metrics,
                           backend, training_ms, failure_reason, topology, weight_specs, weights)
       SELECT $1, $2, COALESCE(max(version), 0) + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14
         FROM models WHERE asset_id = $1 AND interval = $2
       RETURNING id`,
      [
        model.assetId,
        intervalMinutes(model.interval),
        model.status,
        JSON.stringify(model.hyperparameters),
        json(model.features),
        model.trainedFrom ?? null,
        model.trainedTo ?? null,
        json(model.metrics),
        model.backend ?? null,
        model.trainingMs ?? null,
        model.failureReason ?? null,
        json(model.topology),
        json(model.weightSpecs),
        model.weights ?? null,
      ],
    );
    return (await this.findById(row.id))!;
  }

  /**
   * A model becomes `ready` with its artifact, metrics and scaling in one statement, so that no
   * ready model ever lacks its weights; only a model still `training` can finish.
   */
  async completeTraining(id: string, trained: TrainedModel): Promise<boolean> {
    const result = await this.db.query<UpdateResult>(
      `UPDATE models SET status = 'ready', features = $2, trained_from = $3, trained_to = $4, metrics = $5, backend = $6,
              training_ms = $7, topology = $8, weight_specs = $9, weights = $10, updated_at = now()
        WHERE id = $1 AND status = 'training'`,
      [
        id,
        json(trained.features),
        trained.trainedFrom,
        trained.trainedTo,
        json(trained.metrics),
        trained.backend,
        trained.trainingMs,
        json(trained.topology),
        json(trained.weightSpecs),
        trained.weights,
      ],
    );
    return result[1] === 1;
  }

  async failTraining(id: string, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE models SET status = 'failed', failure_reason = $2, updated_at = now() WHERE id = $1 AND status = 'training'`,
      [id, reason],
    );
  }

  /**
   * Models left `training` by a worker that died: called by the next training of the same asset
   * and interval, which holds the lock that says no other training of them runs.
   */
  async failInterrupted(assetId: number, interval: IntervalCode): Promise<number> {
    const result = await this.db.query<UpdateResult>(
      `UPDATE models SET status = 'failed', failure_reason = 'interrupted: the worker training it stopped', updated_at = now()
        WHERE asset_id = $1 AND interval = $2 AND status = 'training'`,
      [assetId, intervalMinutes(interval)],
    );
    return result[1];
  }

  /** Every ready model of an asset and interval, with its artifact, newest first. */
  async loadReady(assetId: number, interval: IntervalCode): Promise<LoadedModel[]> {
    return this.db.query<LoadedModel[]>(
      `SELECT ${LOADED_COLUMNS} FROM models WHERE asset_id = $1 AND interval = $2 AND status = 'ready' ORDER BY version DESC`,
      [assetId, intervalMinutes(interval)],
    );
  }

  /** The id of the best model, without its artifact: cheap enough to ask before every forecast. */
  async bestId(assetId: number, interval: IntervalCode): Promise<string | null> {
    const [row] = await this.db.query<IdRow[]>(
      `SELECT id FROM models WHERE asset_id = $1 AND interval = $2 AND status = 'ready' AND is_best`,
      [assetId, intervalMinutes(interval)],
    );
    return row?.id ?? null;
  }

  async loadBest(assetId: number, interval: IntervalCode): Promise<LoadedModel | null> {
    const [row] = await this.db.query<LoadedModel[]>(
      `SELECT ${LOADED_COLUMNS} FROM models WHERE asset_id = $1 AND interval = $2 AND status = 'ready' AND is_best`,
      [assetId, intervalMinutes(interval)],
    );
    return row ?? null;
  }

  /** Archives the ready models beyond the newest `keep`, never the best one; returns how many. */
  async archiveOld(assetId: number, interval: IntervalCode, keep: number): Promise<number> {
    const result = await this.db.query<UpdateResult>(
      `UPDATE models SET status = 'archived', updated_at = now()
        WHERE id IN (SELECT id FROM models WHERE asset_id = $1 AND interval = $2 AND status = 'ready' AND NOT is_best
                      ORDER BY version DESC OFFSET $3)`,
      [assetId, intervalMinutes(interval), Math.max(0, keep - 1)],
    );
    return result[1];
  }

  /** Marks one model the best of its asset and interval, and no other. */
  async markBest(id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [target] = await tx.query<SeriesRow[]>(`SELECT asset_id, interval FROM models WHERE id = $1 FOR UPDATE`, [id]);
      if (!target) return;
      await tx.query(
        `UPDATE models SET is_best = false, updated_at = now() WHERE asset_id = $1 AND interval = $2 AND is_best AND id <> $3`,
        [target.asset_id, target.interval, id],
      );
      await tx.query(`UPDATE models SET is_best = true, updated_at = now() WHERE id = $1 AND NOT is_best`, [id]);
    });
  }

  /**
   * Every best model's latest evaluation, and the error of its newest forecasts against the
   * closes that came, beside the naive forecast's (the last close known when each was made).
   */
  async scoreboard(): Promise<ModelScore[]> {
    const rows = await this.db.query<ModelScoreRow[]>(
      `SELECT a.symbol AS asset, m.interval, m.version, e.metrics, e.naive_metrics AS "naiveMetrics",
              live.mae AS "liveMae", live.naive_mae AS "liveNaiveMae"
         FROM models m
         JOIN assets a ON a.id = m.asset_id
         LEFT JOIN LATERAL (
           SELECT metrics, naive_metrics FROM evaluations WHERE model_id = m.id ORDER BY created_at DESC, id DESC LIMIT 1
         ) e ON true
         LEFT JOIN LATERAL (
           SELECT avg(abs(p.predicted_close - p.actual_close))::float8 AS mae, avg(abs(last.close - p.actual_close))::float8 AS naive_mae
             FROM (SELECT * FROM predictions
                    WHERE asset_id = m.asset_id AND interval = m.interval AND model_id = m.id AND actual_close IS NOT NULL
                    ORDER BY made_at DESC LIMIT ${LIVE_POINTS}) p
             JOIN LATERAL (
               SELECT c.close FROM candles c
                WHERE c.asset_id = p.asset_id AND c.interval = p.interval AND c.time <= p.made_at - make_interval(mins => p.interval)
                ORDER BY c.time DESC LIMIT 1
             ) last ON true
         ) live ON true
        WHERE m.is_best AND m.status = 'ready'
        ORDER BY a.symbol, m.interval`,
    );
    return rows.map(toScore);
  }
}

const toSummary = (row: ModelSummaryRow): ModelSummary => ({ ...row, interval: intervalCode(row.interval) });

const toScore = (row: ModelScoreRow): ModelScore => ({ ...row, interval: intervalCode(row.interval) });

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
