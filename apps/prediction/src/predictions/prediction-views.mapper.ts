import type { EvaluationEntity, ForecastPoint, ForecastRecord, ForecastSet, ModelSummary } from '#libs/database';
import { QUANTILE_LEVELS } from '#libs/domain';
import type {
  EvaluationView,
  ForecastModelView,
  ForecastPointView,
  ForecastRecordView,
  ForecastView,
  LiveAccuracyView,
  ModelView,
} from '#libs/prediction-api';
import { calibrationOf, edgeOf, trainedAt } from './model-insight.mapper.js';

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/** `stale` is the caller's to say (it knows RETRAIN_SCHEDULE). */
export function toModelView(model: ModelSummary, stale: boolean): ModelView {
  return {
    id: model.id,
    asset: model.asset,
    interval: model.interval,
    version: model.version,
    status: model.status,
    isBest: model.isBest,
    family: model.family,
    pinned: model.pinned,
    served: model.served,
    stale,
    selection: model.selection,
    hyperparameters: model.hyperparameters,
    trainedFrom: iso(model.trainedFrom),
    trainedTo: iso(model.trainedTo),
    metrics: model.metrics,
    backend: model.backend,
    trainingMs: model.trainingMs,
    failureReason: model.failureReason,
    createdAt: model.createdAt.toISOString(),
    updatedAt: model.updatedAt.toISOString(),
  };
}

export function toEvaluationView(evaluation: EvaluationEntity): EvaluationView {
  return {
    id: evaluation.id,
    kind: evaluation.kind,
    windowFrom: evaluation.windowFrom.toISOString(),
    windowTo: evaluation.windowTo.toISOString(),
    samples: evaluation.samples,
    metrics: evaluation.metrics,
    naiveMetrics: evaluation.naiveMetrics,
    createdAt: evaluation.createdAt.toISOString(),
  };
}

export function toForecastModelView(model: ModelSummary): ForecastModelView {
  return {
    id: model.id,
    version: model.version,
    family: model.family,
    pinned: model.pinned,
    trainedTo: iso(model.trainedTo),
    trainedAt: trainedAt(model).toISOString(),
  };
}

export function toForecastPointView(p: ForecastPoint): ForecastPointView {
  return {
    targetTime: p.targetTime.toISOString(),
    predictedClose: p.predictedClose,
    median: p.predictedClose,
    quantiles: p.quantiles && p.quantiles.map((price, i) => ({ q: QUANTILE_LEVELS[i], price })),
    intervals: p.intervals,
    sigma: p.sigma,
    expectedRange: p.expectedRange,
    actualClose: p.actualClose,
  };
}

/** The newest forecast with what its model says of itself: family, pin, staleness, edge and realized coverage. */
export function toForecastView(asset: string, interval: string, set: ForecastSet, model: ModelSummary, stale: boolean): ForecastView {
  return {
    asset,
    interval,
    madeAt: set.madeAt.toISOString(),
    model: toForecastModelView(model),
    stale,
    edge: edgeOf(model),
    calibration: calibrationOf(model.calibration),
    basedOn: set.basedOn && { time: set.basedOn.time.toISOString(), close: set.basedOn.close },
    points: set.points.map(toForecastPointView),
  };
}

export function toForecastRecordView(record: ForecastRecord): ForecastRecordView {
  const realized = record.actualClose !== null;
  const predicted = Number(record.predictedClose);
  const actual = Number(record.actualClose);
  const base = record.baseClose === null ? null : Number(record.baseClose);
  return {
    madeAt: record.madeAt.toISOString(),
    targetTime: record.targetTime.toISOString(),
    predictedClose: record.predictedClose,
    actualClose: record.actualClose,
    baseClose: record.baseClose,
    error: realized ? actual - predicted : null,
    directionHit: realized && base !== null ? Math.sign(predicted - base) === Math.sign(actual - base) : null,
    inside80: record.inside?.['80'] ?? null,
    inside90: record.inside?.['90'] ?? null,
    inside95: record.inside?.['95'] ?? null,
    model: record.model,
  };
}

/** MAE, direction hit rate and interval coverage of the realized forecasts among these. */
export function liveAccuracy(records: ForecastRecordView[]): LiveAccuracyView {
  const realized = records.filter((r) => r.error !== null);
  const judged = realized.filter((r) => r.directionHit !== null);
  const withIntervals = realized.filter((r) => r.inside90 !== null);
  const coverage = (inside: (r: ForecastRecordView) => boolean | null) =>
    withIntervals.length ? withIntervals.filter((r) => inside(r) === true).length / withIntervals.length : null;
  return {
    realized: realized.length,
    mae: realized.length ? realized.reduce((sum, r) => sum + Math.abs(r.error!), 0) / realized.length : null,
    directionHitRate: judged.length ? judged.filter((r) => r.directionHit).length / judged.length : null,
    withIntervals: withIntervals.length,
    coverage80: coverage((r) => r.inside80),
    coverage90: coverage((r) => r.inside90),
    coverage95: coverage((r) => r.inside95),
  };
}
