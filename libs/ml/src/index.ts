export { BACKENDS, isBackendName, useBackend, type BackendName } from './backend.selector.js';
export { DEFAULT_SPLIT, type SplitFractions } from './chronological.split.js';
export { contextLength, type FeatureSpec } from './dataset.builder.js';
export { FEATURE_NAMES, type FeatureName } from './features.builder.js';
export * from './forecast.metrics.js';
export type { Evaluation } from './forecast.scorer.js';
export * from './hyperparameters.schema.js';
export * from './ml.errors.js';
export { loadArtifact, saveArtifact, type ModelArtifact } from './model.artifact.js';
export { evaluate, type EvaluateOptions } from './model.evaluator.js';
export { predict, type ForecastClose, type Prediction } from './model.predictor.js';
export { train, type EpochLog, type TrainOptions, type TrainResult } from './model.trainer.js';
export type * from './forecasting/forecaster.js';
// Step 8 (helper core): calibration, walk-forward, the forecaster registry, the baselines.
export {
  DEFAULT_CALIBRATION,
  MIN_RESIDUALS,
  applyActuals,
  calibrate,
  newCalibration,
  realizedCoverage,
  updateCalibration,
  type CalibrationSettings,
  type RealizedActual,
} from './forecasting/conformal.calibrator.js';
export * from './forecasting/forecasting.errors.js';
export * from './forecasting/forecaster.registry.js';
export * from './forecasting/walk-forward.js';
export { BaselineForecaster } from './baselines/baseline.forecaster.js';
export { ewmaForecaster, garchForecaster, harRangeForecaster, naiveForecaster } from './baselines/baseline.forecasters.js';
export { validateSettings, type BaselineSettings } from './baselines/baseline.model.js';
export { gaussian, mulberry32, studentT } from './seeded.random.js';
