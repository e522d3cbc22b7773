import type { ModelSummary } from '#libs/database';
import { INTERVAL_LEVELS, type BacktestSummary, type CalibrationState, type Edge, type Jsonb } from '#libs/domain';
import type { CalibrationView } from '#libs/prediction-api';

/** What a model's stored figures say, for the API: its edge, its realized coverage, when it was trained. */

/** The walk-forward summary stored in models.metrics (step 8), or null for a step-7 training report. */
export function walkForwardOf(model: Pick<ModelSummary, 'metrics'>): Jsonb<BacktestSummary> | null {
  const metrics = model.metrics as Record<string, unknown> | null;
  return metrics && typeof metrics === 'object' && 'relMae' in metrics && 'coverage' in metrics
    ? (metrics as unknown as Jsonb<BacktestSummary>)
    : null;
}

const NO_EDGE: Edge = { vsNaive: 'none', relMae: null, ci95: null, dmPValue: null, samples: 0 };

/**
 * The median's edge over the naive forecast, by the rule of libs/ml's edgeOf (kept here so that the
 * API does not load TensorFlow): "none" unless the Diebold–Mariano test at 5% supports a claim.
 */
export function edgeOf(model: Pick<ModelSummary, 'metrics'>): Edge {
  const summary = walkForwardOf(model);
  if (!summary?.relMae) return NO_EDGE;
  const { value, ci95, dmPValue } = summary.relMae;
  const significant = dmPValue !== null && dmPValue < 0.05 && value !== null && value !== 1;
  return {
    vsNaive: significant ? (value < 1 ? 'better' : 'worse') : 'none',
    relMae: value,
    ci95: ci95 && ci95[0] !== null && ci95[1] !== null ? [ci95[0], ci95[1]] : null,
    dmPValue,
    samples: summary.samples ?? 0,
  };
}

/** Realized coverage of the newest one-step forecasts the calibration state has seen. */
export function calibrationOf(state: CalibrationState | null): CalibrationView | null {
  const first = state?.steps?.[0];
  if (!state || !first) return null;
  const share = (level: (typeof INTERVAL_LEVELS)[number]) => {
    const hits = first.hits[`${level}`] ?? [];
    return hits.length ? hits.filter(Boolean).length / hits.length : null;
  };
  return {
    coverage80: share(80),
    coverage90: share(90),
    coverage95: share(95),
    window: first.hits['90']?.length ?? 0,
    method: state.method,
  };
}

/** When the training ended: it started at createdAt and took trainingMs. */
export const trainedAt = (model: Pick<ModelSummary, 'createdAt' | 'trainingMs'>): Date =>
  new Date(model.createdAt.getTime() + (model.trainingMs ?? 0));
