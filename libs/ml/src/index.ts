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
export * from './lstm/index.js';
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
export { chiSquareCdf, chiSquareUpperP, normalCdf, studentTCdf, studentTTwoSidedP } from './evaluation/probability.distributions.js';
export { meanPinballLoss, pinballLoss, pitValue, winklerScore } from './evaluation/quantile.scores.js';
export {
  christoffersenIndependence,
  coverage as coverageOfHits,
  coverageBand,
  wilsonInterval,
  type Coverage as CoverageEstimate,
  type IndependenceTest,
} from './evaluation/coverage.tests.js';
export {
  dieboldMariano,
  maeRatioBootstrap,
  type BootstrapOptions,
  type DieboldMariano,
  type RatioEstimate,
} from './evaluation/forecast.comparison.js';
export { hitRate, pesaranTimmermann, type HitRate } from './evaluation/direction.tests.js';
export { ewmaVarianceForecasts, qlike, r2LogRange, r2OutOfSample, varianceSquaredError } from './evaluation/volatility.scores.js';
export {
  EWMA_LAMBDA,
  EWMA_WARMUP,
  edgeOf,
  originLosses,
  summarizeWalkForward,
  type OriginLoss,
  type SummaryOptions,
} from './evaluation/walk-forward.summary.js';
export { chooseServed, LSTM_MAX_P, LSTM_MIN_GAIN, type ServedCandidate, type ServedChoice } from './evaluation/served-model.choice.js';
