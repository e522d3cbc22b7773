import type { components } from '../api/schema';

export type ModelView = components['schemas']['ModelView'];
export type ModelStatus = ModelView['status'];
export type Interval = ModelView['interval'];
export type EpochLog = components['schemas']['EpochLogView'];
export type MetricsView = components['schemas']['MetricsView'];
export type TrainingEvaluation = components['schemas']['TrainingEvaluationView'];

/** Every candle interval the API knows, shortest first (the schema's enum). */
export const INTERVALS: readonly Interval[] = ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w', '15d'];
export const MODEL_STATUSES: readonly ModelStatus[] = ['training', 'ready', 'failed', 'archived'];
