import type { Candle } from '#libs/domain';
import { useBackend, type BackendName } from './backend.selector.js';
import { toSeries } from './candle.series.js';
import { buildInputs, contextLength, type FeatureSpec } from './dataset.builder.js';
import { computeFeatures } from './features.builder.js';
import { compound, forecastReturns } from './forecast.runner.js';
import { loadArtifact, type ModelArtifact } from './model.artifact.js';
import { HorizonTooLongError, InsufficientCandlesError } from './ml.errors.js';

/** One forecast close: of the candle that opens at `time` (unix seconds). */
export type ForecastClose = { time: number; close: string };

export type Prediction = {
  /** Open time of the last candle the forecast was made from. */
  from: number;
  /** Its close, the naive forecast of every step. */
  lastClose: string;
  /** The next `horizon` closes, one step apart. */
  closes: ForecastClose[];
};

/** Significant digits a forecast keeps at least, however few decimals the prices have. */
const SIGNIFICANT_DIGITS = 6;
const MAX_DECIMALS = 12;

/**
 * The next `horizon` closes after the last candle (candles oldest first; only the last
 * `warmup + window` are used), as decimal strings with the decimals of the recent closes.
 */
export async function predict(
  artifact: ModelArtifact,
  spec: FeatureSpec,
  candles: readonly Candle[],
  horizon = spec.horizon,
  options: { backend?: BackendName } = {},
): Promise<Prediction> {
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be a whole number from 1, got ${horizon}`);
  if (horizon > spec.horizon) throw new HorizonTooLongError(horizon, spec.horizon);
  const needed = contextLength(spec.window);
  if (candles.length < needed) throw new InsufficientCandlesError(needed, candles.length, 'A forecast');
  const series = toSeries(candles.slice(-needed));
  const end = needed - 1;

  await useBackend(options.backend);
  const inputs = buildInputs(computeFeatures(series), spec, [end]);
  const model = await loadArtifact(artifact);
  let returns: Float64Array;
  try {
    returns = await forecastReturns(model, inputs, 1, spec);
  } finally {
    model.dispose();
  }
  const last = series.close[end];
  const decimals = decimalsFor(series.closeText.slice(-spec.window), last);
  return {
    from: series.time[end],
    lastClose: candles[candles.length - 1].close,
    closes: compound(last, returns, 0, horizon).map((close, h) => ({
      time: series.time[end] + (h + 1) * spec.stepSeconds,
      close: close.toFixed(decimals),
    })),
  };
}

/** The most decimals among recent closes, and at least enough for SIGNIFICANT_DIGITS of `price`. */
function decimalsFor(closes: readonly string[], price: number): number {
  const written = Math.max(0, ...closes.map((text) => /^\d+\.(\d+)$/.exec(text)?.[1].length ?? 0));
  const significant = SIGNIFICANT_DIGITS - 1 - Math.floor(Math.log10(price));
  return Math.min(MAX_DECIMALS, Math.max(written, significant, 0));
}
