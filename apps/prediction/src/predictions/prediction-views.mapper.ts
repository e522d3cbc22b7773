import type { EvaluationEntity, ForecastRecord, ForecastSet, ModelSummary } from '#libs/database';
import type { EvaluationView, ForecastRecordView, ForecastView, LiveAccuracyView, ModelView } from '#libs/prediction-api';

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

export function toModelView(model: ModelSummary): ModelView {
  return {
    id: model.id,
    asset: model.asset,
    interval: model.interval,
    version: model.version,
    status: model.status,
    isBest: model.isBest,
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

export function toForecastView(asset: string, interval: string, set: ForecastSet): ForecastView {
  return {
    asset,
    interval,
    madeAt: set.madeAt.toISOString(),
    model: set.model,
    basedOn: set.basedOn && { time: set.basedOn.time.toISOString(), close: set.basedOn.close },
    points: set.points.map((p) => ({
      targetTime: p.targetTime.toISOString(),
      predictedClose: p.predictedClose,
      actualClose: p.actualClose,
    })),
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
    model: record.model,
  };
}

/** MAE and direction hit rate of the realized forecasts among these. */
export function liveAccuracy(records: ForecastRecordView[]): LiveAccuracyView {
  const realized = records.filter((r) => r.error !== null);
  const judged = realized.filter((r) => r.directionHit !== null);
  return {
    realized: realized.length,
    mae: realized.length ? realized.reduce((sum, r) => sum + Math.abs(r.error!), 0) / realized.length : null,
    directionHitRate: judged.length ? judged.filter((r) => r.directionHit).length / judged.length : null,
  };
}
