import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  intervalCode,
  intervalMinutes,
  type BacktestSummary,
  type CalibrationState,
  type ModelFamily,
  type ModelSelection,
  type StoredArtifact,
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
  family: ModelFamily;
  pinned: boolean;
  /** The model its series serves now: ready, and pinned, or the best of a series without a ready pinned one. */
  served: boolean;
  /** The family's settings (an LSTM's hyperparameters). */
  hyperparameters: Hyperparameters | Record<string, number>;
  calibration: CalibrationState | null;
  selection: ModelSelection | null;
  trainedFrom: Date | null;
  trainedTo: Date | null;
  /** Step 7's TrainingMetrics, or (step 8) the summary of its training walk-forward. */
  metrics: Jsonb<TrainingMetrics> | Jsonb<BacktestSummary> | null;
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
  family?: ModelFamily;
}

/** A new registry row; its version is the next one of its asset and interval. */
export type NewModel = Pick<ModelEntity, 'assetId' | 'interval' | 'status' | 'hyperparameters'> &
  Partial<
    Pick<
      ModelEntity,
      | 'family'
      | 'calibration'
      | 'artifact'
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

/** What a finished fit of any family stores, all at once with the status `ready` (completeFit). */
export interface FittedModel {
  /** The ForecasterArtifact without its weights. */
  artifact: StoredArtifact;
  /** Its binary part (the LSTM's weights), or null. */
  weights: Buffer | null;
  calibration: CalibrationState;
  /** The summary of its training walk-forward. */
  metrics: BacktestSummary;
  trainedFrom: Date;
  /** The newest candle it learned from. */
  trainedTo: Date;
  backend: string | null;
  trainingMs: number;
}

/** The model a series serves (the pinned one, else the best) with what it takes to run it. */
export interface ServedModel {
  id: string;
  version: number;
  family: ModelFamily;
  pinned: boolean;
  isBest: boolean;
  trainedTo: Date | null;
  /** The stored artifact with its weights put back (`weights` absent when it has none); null for a step-7 model. */
  artifact: (StoredArtifact & { weights?: Buffer }) | null;
  calibration: CalibrationState | null;
  metrics: Jsonb<TrainingMetrics> | Jsonb<BacktestSummary> | null;
}

/** What pin() found. */
export type PinOutcome = 'pinned' | 'not-found' | 'not-ready';

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
  m.family, m.pinned, m.calibration, m.selection, m.hyperparameters,
  (m.status = 'ready' AND (m.pinned OR (m.is_best AND NOT EXISTS (
    SELECT 1 FROM models p WHERE p.asset_id = m.asset_id AND p.interval = m.interval AND p.pinned AND p.status = 'ready')))) AS served, m.trained_from AS "trainedFrom", m.trained_to AS "trainedTo", m.metrics, m.backend,
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
    if (filter.family !== undefined) where.push(`m.family = $${params.push(filter.family)}`);
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
                           backend, training_ms, failure_reason, topology, weight_specs, weights, family, calibration, artifact)
       SELECT $1, $2, COALESCE(max(version), 0) + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17
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
        model.family ?? 'lstm',
        json(model.calibration),
        json(model.artifact),
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
  async failInterrupted(assetId: number, interval: IntervalCode, family?: ModelFamily): Promise<number> {
    // Per family when given: a training holds the lock of its own family only (LOCKS.training).
    const result = await this.db.query<UpdateResult>(
      `UPDATE models SET status = 'failed', failure_reason = 'interrupted: the worker training it stopped', updated_at = now()
        WHERE asset_id = $1 AND interval = $2 AND status = 'training' AND ($3::text IS NULL OR family = $3)`,
      [assetId, intervalMinutes(interval), family ?? null],
    );
    return result[1];
  }

  /**
   * A model of any family becomes `ready` with its artifact, calibration and walk-forward
   * summary in one statement, so that no ready model lacks what serving it takes; only a model
   * still `training` can finish.
   */
  async completeFit(id: string, fit: FittedModel): Promise<boolean> {
    const result = await this.db.query<UpdateResult>(
      // hyperparameters become the settings as the family validated them, defaults filled in (the request's may omit some).
      `UPDATE models SET status = 'ready', artifact = $2, weights = $3, calibration = $4, metrics = $5, trained_from = $6,
              trained_to = $7, backend = $8, training_ms = $9, hyperparameters = COALESCE($2::jsonb->'settings', hyperparameters),
              updated_at = now()
        WHERE id = $1 AND status = 'training'`,
      [
        id,
        JSON.stringify(fit.artifact),
        fit.weights,
        JSON.stringify(fit.calibration),
        JSON.stringify(fit.metrics),
        fit.trainedFrom,
        fit.trainedTo,
        fit.backend,
        Math.round(fit.trainingMs),
      ],
    );
    return result[1] === 1;
  }

  /** The model a series serves: its pinned one if any, else its best; ready models only. */
  async served(assetId: number, interval: IntervalCode): Promise<ServedModel | null> {
    const [row] = await this.db.query<(Omit<ServedModel, 'artifact'> & { artifact: StoredArtifact | null; weights: Buffer | null })[]>(
      `SELECT id, version, family, pinned, is_best AS "isBest", trained_to AS "trainedTo", artifact, weights, calibration, metrics
         FROM models WHERE asset_id = $1 AND interval = $2 AND status = 'ready' AND (pinned OR is_best)
        ORDER BY pinned DESC LIMIT 1`,
      [assetId, intervalMinutes(interval)],
    );
    if (!row) return null;
    const { weights, artifact, ...rest } = row;
    return { ...rest, artifact: artifact && (weights ? { ...artifact, weights } : artifact) };
  }

  /** The id of the served model, without its artifact: cheap enough to ask before every forecast. */
  async servedId(assetId: number, interval: IntervalCode): Promise<string | null> {
    const [row] = await this.db.query<IdRow[]>(
      `SELECT id FROM models WHERE asset_id = $1 AND interval = $2 AND status = 'ready' AND (pinned OR is_best)
        ORDER BY pinned DESC LIMIT 1`,
      [assetId, intervalMinutes(interval)],
    );
    return row?.id ?? null;
  }

  /**
   * Pins a ready model as the served one of its series, unpinning any other in the same
   * transaction (a unique index allows one pin per series; the row lock orders two pins).
   */
  async pin(id: string): Promise<PinOutcome> {
    return this.db.transaction(async (tx) => {
      const [series] = await tx.query<SeriesRow[]>(`SELECT asset_id, interval FROM models WHERE id = $1`, [id]);
      if (!series) return 'not-found';
      // Pins of one series wait for each other, so that the second sees and moves the first's pin.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('candlecast.pin:' || $1 || ':' || $2))`, [series.asset_id, series.interval]);
      const [target] = await tx.query<{ status: ModelStatus }[]>(`SELECT status FROM models WHERE id = $1 FOR UPDATE`, [id]);
      if (!target) return 'not-found';
      if (target.status !== 'ready') return 'not-ready';
      await tx.query(`UPDATE models SET pinned = false, updated_at = now() WHERE asset_id = $1 AND interval = $2 AND pinned AND id <> $3`, [
        series.asset_id,
        series.interval,
        id,
      ]);
      await tx.query(`UPDATE models SET pinned = true, updated_at = now() WHERE id = $1 AND NOT pinned`, [id]);
      return 'pinned';
    });
  }

  /** Removes a model's pin; false when there is no such model. */
  async unpin(id: string): Promise<boolean> {
    const [row] = await this.db.query<IdRow[]>(
      `WITH target AS (SELECT id FROM models WHERE id = $1),
            changed AS (UPDATE models SET pinned = false, updated_at = now() WHERE id = $1 AND pinned)
       SELECT id FROM target`,
      [id],
    );
    return row !== undefined;
  }

  /** The served model of every tracked series that has one, with when its training ended (created_at + training_ms). */
  async servedBySeries(): Promise<{ asset: string; interval: IntervalCode; family: ModelFamily; trainedAt: Date }[]> {
    const rows = await this.db.query<{ asset: string; interval: number; family: ModelFamily; trainedAt: Date }[]>(
      `SELECT DISTINCT ON (m.asset_id, m.interval) a.symbol AS asset, m.interval, m.family,
              m.created_at + make_interval(secs => COALESCE(m.training_ms, 0) / 1000.0) AS "trainedAt"
         FROM models m JOIN assets a ON a.id = m.asset_id
        WHERE a.tracked AND m.status = 'ready' AND (m.pinned OR m.is_best)
        ORDER BY m.asset_id, m.interval, m.pinned DESC`,
    );
    return rows.map((row) => ({ ...row, interval: intervalCode(row.interval) }));
  }

  /** Stores a model's calibration as moved by realized actuals. */
  async saveCalibration(id: string, state: CalibrationState): Promise<void> {
    await this.db.query(`UPDATE models SET calibration = $2 WHERE id = $1`, [id, JSON.stringify(state)]);
  }

  /**
   * Writes the score's decision for a series in one transaction: every model's selection, and
   * `bestId` as its best (none when null). A pin is left as it is.
   */
  async writeSelection(
    assetId: number,
    interval: IntervalCode,
    choices: { id: string; selection: ModelSelection }[],
    bestId: string | null,
  ): Promise<void> {
    const minutes = intervalMinutes(interval);
    await this.db.transaction(async (tx) => {
      await tx.query(`SELECT id FROM models WHERE asset_id = $1 AND interval = $2 ORDER BY id FOR UPDATE`, [assetId, minutes]);
      if (choices.length > 0)
        await tx.query(
          `UPDATE models m SET selection = c.selection FROM unnest($3::uuid[], $4::jsonb[]) AS c(id, selection)
            WHERE m.id = c.id AND m.asset_id = $1 AND m.interval = $2`,
          [assetId, minutes, choices.map((c) => c.id), choices.map((c) => JSON.stringify(c.selection))],
        );
      await tx.query(
        `UPDATE models SET is_best = false, updated_at = now() WHERE asset_id = $1 AND interval = $2 AND is_best AND id IS DISTINCT FROM $3`,
        [assetId, minutes, bestId],
      );
      if (bestId !== null)
        await tx.query(
          `UPDATE models SET is_best = true, updated_at = now() WHERE id = $1 AND asset_id = $2 AND interval = $3 AND NOT is_best`,
          [bestId, assetId, minutes],
        );
    });
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

  /**
   * Archives, in each family of an asset and interval, the ready models beyond its newest `keep`
   * (the best and the pinned one count among them and are never archived), so that baselines and
   * tuning trials never archive the LSTM; returns how many.
   */
  async archiveOld(assetId: number, interval: IntervalCode, keep: number): Promise<number> {
    const result = await this.db.query<UpdateResult>(
      `UPDATE models SET status = 'archived', updated_at = now()
        WHERE id IN (
          SELECT id FROM (
            SELECT id, is_best OR pinned AS kept,
                   row_number() OVER (PARTITION BY family ORDER BY (is_best OR pinned) DESC, version DESC) AS rank
              FROM models WHERE asset_id = $1 AND interval = $2 AND status = 'ready'
          ) ranked
          WHERE NOT kept AND rank > $3)`,
      [assetId, intervalMinutes(interval), Math.max(0, keep)],
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
