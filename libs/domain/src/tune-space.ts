import type { ModelFamily } from './forecast-distribution.js';

/** A bounded range of one setting that tuning draws from (uniform, or log-uniform for rates). */
export interface TuneRange {
  min: number;
  max: number;
  integer?: boolean;
  log?: boolean;
}

/**
 * The search space of each family: inside each setting's valid range, bounded to what is worth a
 * trial (an LSTM of 256 units would take an hour a fit and forecast no better: bench/RESULTS.md).
 * The worker draws trials from it; the API counts a tuning's cost at its costliest point.
 */
export const TUNE_SPACE: Record<ModelFamily, Record<string, TuneRange>> = {
  naive: { window: { min: 30, max: 1500, integer: true } },
  ewma: { lambda: { min: 0.85, max: 0.995 } },
  garch: { window: { min: 300, max: 3000, integer: true } },
  'har-range': { window: { min: 200, max: 3000, integer: true } },
  lstm: {
    units: { min: 4, max: 32, integer: true },
    window: { min: 10, max: 60, integer: true },
    learningRate: { min: 0.0001, max: 0.01, log: true },
    dropout: { min: 0, max: 0.3 },
    epochs: { min: 5, max: 40, integer: true },
  },
};

/** Every setting of the family's space at its maximum: no trial costs more (the cost grows with each). */
export function costliestTrial(family: ModelFamily): Record<string, number> {
  return Object.fromEntries(Object.entries(TUNE_SPACE[family]).map(([name, range]) => [name, range.max]));
}
