import type { Candle } from '#libs/domain';
import { useBackend, type BackendName } from './backend.selector.js';
import { toSeries } from './candle.series.js';
import { buildInputs, contextLength, labeledEnds, type FeatureSpec } from './dataset.builder.js';
import { computeFeatures } from './features.builder.js';
import { forecastReturns } from './forecast.runner.js';
import { scoreForecasts, type Evaluation } from './forecast.scorer.js';
import { loadArtifact, type ModelArtifact } from './model.artifact.js';
import { InsufficientCandlesError } from './ml.errors.js';

export type EvaluateOptions = {
  /** Unix seconds: score only forecasts of closes from this candle on (earlier candles are context). */
  from?: number;
  backend?: BackendName;
};

/**
 * The model's metrics and the naive forecast's on candles (oldest first), one forecast per
 * window whose next `horizon` closes are known. The first `warmup + window` candles, and any
 * before `from`, only feed the inputs. Pass candles the model never trained on: those after its
 * `trainedTo`.
 */
export async function evaluate(
  artifact: ModelArtifact,
  spec: FeatureSpec,
  candles: readonly Candle[],
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  const series = toSeries(candles);
  const from = options.from ?? Number.NEGATIVE_INFINITY;
  const ends = labeledEnds(candles.length, spec.window, spec.horizon).filter((end) => series.time[end + 1] >= from);
  if (ends.length === 0) {
    throw new InsufficientCandlesError(contextLength(spec.window) + spec.horizon, candles.length, 'Evaluation (after `from`)');
  }
  await useBackend(options.backend);
  const inputs = buildInputs(computeFeatures(series), spec, ends);
  const model = await loadArtifact(artifact);
  try {
    return scoreForecasts(series, ends, await forecastReturns(model, inputs, ends.length, spec), spec.horizon);
  } finally {
    model.dispose();
  }
}
