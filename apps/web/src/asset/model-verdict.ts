/** The model against the naive forecast (next close = last close), said plainly. */
import type { components } from '../api/schema';

type Metrics = components['schemas']['MetricsView'];

export type Verdict = 'better' | 'no-better' | 'unknown';

const finite = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/**
 * Better only when its error is below the naive forecast's on the same window: MASE when both
 * have it (below 1 beats naive), else MAE. Equal is no better.
 */
export function verdict(model: Metrics, naive: Metrics): Verdict {
  if (finite(model.mase) && finite(naive.mase)) return model.mase < naive.mase ? 'better' : 'no-better';
  if (finite(model.mase) && !finite(naive.mase)) return model.mase < 1 ? 'better' : 'no-better';
  if (finite(model.mae) && finite(naive.mae)) return model.mae < naive.mae ? 'better' : 'no-better';
  return 'unknown';
}

export const VERDICT_TEXT: Record<Verdict, string> = {
  better: 'better than naive',
  'no-better': 'no better than naive',
  unknown: 'not compared with naive',
};
