/** The features of each step, in the order the model sees them (libs/ml computes them: features.builder.ts). */
export const FEATURE_NAMES = ['logReturn', 'range', 'logVolumeChange', 'volatility', 'closeVsAverage'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/**
 * Everything needed to turn candles into the model's inputs and its outputs back into prices,
 * stored with the model (models.features jsonb): the same scaling at training, scoring and prediction.
 */
export type FeatureSpec = {
  names: FeatureName[];
  /** z-score statistics of each feature, from the training split only. */
  means: number[];
  stds: number[];
  /** Scaled features are clipped to ±clip. */
  clip: number;
  /** Targets are log returns divided by this: the training split's standard deviation of one-step log returns. */
  targetScale: number;
  /**
   * Forecast log returns are shrink × the model's output × targetScale. Chosen in [0, 1] on the
   * validation split's one-step forecasts (0: the naive forecast), applied to every step.
   */
  shrink: number;
  window: number;
  horizon: number;
  /** Candles the features need before the first window (their warm-up). */
  warmup: number;
  /** Seconds between candles, to date the forecasts. */
  stepSeconds: number;
};
