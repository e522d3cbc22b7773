/**
 * Forecasts as distributions (step 8, FORECAST.md): the types the ML code, the registry, the
 * worker and the API share. libs/ml works in log returns from the last close; the API and the
 * predictions table speak prices.
 */

/** The model families of the registry: the LSTM and the baselines beside it. */
export const MODEL_FAMILIES = ['lstm', 'naive', 'ewma', 'garch', 'har-range'] as const;
export type ModelFamily = (typeof MODEL_FAMILIES)[number];

export function isModelFamily(value: unknown): value is ModelFamily {
  return typeof value === 'string' && (MODEL_FAMILIES as readonly string[]).includes(value);
}

/** The quantiles every forecast step carries, lowest first. */
export const QUANTILE_LEVELS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95] as const;

/** The central intervals every forecast step carries, in percent. */
export const INTERVAL_LEVELS = [80, 90, 95] as const;
export type IntervalLevel = (typeof INTERVAL_LEVELS)[number];

export type ReturnInterval = { level: IntervalLevel; lower: number; upper: number };

/**
 * The calibrated forecast of one horizon step, in log returns from the last close the forecast
 * was made from (cumulative: step h is ln(close[t + h] / close[t])).
 */
export type ReturnDistribution = {
  /** 1 for the next candle. */
  step: number;
  /** At QUANTILE_LEVELS, nondecreasing; the 0.5 quantile is the median, the point forecast. */
  quantiles: number[];
  /** One per INTERVAL_LEVELS, in that order, each nested inside the next. */
  intervals: ReturnInterval[];
  /** Standard deviation of the log return to this step. */
  sigma: number;
  /** Expected ln(high / low) of this step's candle. */
  expectedRange: number;
};

/** Realized share of actuals inside each interval, over the newest `window` of them (null before any). */
export type RealizedCoverage = {
  coverage80: number | null;
  coverage90: number | null;
  coverage95: number | null;
  /** How many realized forecasts the shares are over. */
  window: number;
};

/**
 * The calibration layer's state, kept with the model (models.calibration jsonb) and moved as
 * actuals arrive: normalized conformal per horizon step with an adaptive (ACI) update.
 */
export type CalibrationState = {
  method: 'normalized-conformal-aci';
  /** Residuals kept per step. */
  window: number;
  /** ACI step size (Gibbs & Candès 2021). */
  gamma: number;
  steps: CalibrationStep[];
};

export type CalibrationStep = {
  /** (actual − center) / sigma of the newest realized forecasts of this step, oldest first, at most `window`. */
  residuals: number[];
  /** ACI's working miscoverage per interval level (starts at 1 − level / 100). */
  alpha: Record<`${IntervalLevel}`, number>;
  /** Whether each of the newest realized forecasts fell inside each interval, oldest first (for RealizedCoverage). */
  hits: Record<`${IntervalLevel}`, boolean[]>;
};

/** An estimate with its 95% confidence interval. */
export type Estimate = { value: number | null; ci95: [number, number] | null };

/** How the served median compares with the naive forecast on the walk-forward (T1). */
export type Edge = {
  /** "none" unless a Diebold–Mariano test at 5% supports a claim either way. */
  vsNaive: 'none' | 'better' | 'worse';
  relMae: number | null;
  ci95: [number, number] | null;
  dmPValue: number | null;
  samples: number;
};

/** The figures of a walk-forward over one span (all of it, or one 365-candle segment). */
export type BacktestFigures = {
  samples: number;
  /** Unix seconds: open times of the first and last candle forecast one step ahead. */
  from: number;
  to: number;
  /** MAE of the median over the naive forecast's (one step), block-bootstrap CI; `mase` is its alias. */
  relMae: Estimate & { dmPValue: number | null };
  /** Share of right directions among forecasts that called a move, with Pesaran–Timmermann's p. */
  hitRate: Estimate & { samples: number; ptPValue: number | null; upShare: number | null };
  /** Realized coverage of each interval (one step), with its binomial CI. */
  coverage: { level: IntervalLevel; value: number | null; ci95: [number, number] | null; christoffersenP: number | null }[];
  /** Coverage of the 90% interval at each horizon step. */
  coverage90ByStep: (number | null)[];
  /** Winkler (interval) score of the 90% interval, in log-return units; lower is better. */
  winkler90: number | null;
  /** Mean pinball loss over QUANTILE_LEVELS (≈ CRPS / 2), log-return units, and per level. */
  pinball: number | null;
  pinballByQuantile: (number | null)[];
  /** QLIKE of the forecast variance against the squared return, and EWMA(0.94)'s, with DM's p. */
  qlike: { model: number | null; ewma: number | null; dmPValue: number | null };
  /** R² out of sample of the median log return against the zero forecast. */
  r2Returns: number | null;
  /** R² of ln(expected range) for ln(high / low). */
  r2LogRange: number | null;
};

export type BacktestSummary = BacktestFigures & {
  /** Consecutive 365-candle spans, oldest first (the last may be shorter). */
  segments: BacktestFigures[];
};

// --- added by `api` (registry rows) ---

/** Why a model is or is not the served one of its series (models.selection jsonb), written by the score job. */
export type ModelSelection = {
  /** Chosen by the score (is_best); a pin can still serve another model. */
  served: boolean;
  reason: string;
  /** Mean pinball loss on its training walk-forward; null when it had none. */
  pinball: number | null;
  /** Realized coverage of its 90% interval on that walk-forward. */
  coverage90: number | null;
  /** Whether its intervals passed the coverage check that makes it eligible. */
  calibrated: boolean;
  /** ISO time of the decision. */
  decidedAt: string;
};

/** A ForecasterArtifact as models.artifact stores it: without its binary part (in models.weights). */
export type StoredArtifact = {
  family: ModelFamily;
  horizon: number;
  settings: Record<string, number>;
  params: Record<string, unknown>;
};
