import { BASELINE_SETTINGS } from '#libs/domain';
import type { BaselineModel } from './baseline.model.js';

/**
 * "Tomorrow = today" with an honest spread: center 0; σ of one candle the root mean square of the
 * last `window` returns (around 0, the forecast), so σ of step h is √h times it; the range the
 * geometric mean of the last `window` ranges. Calibrated, its intervals are the empirical
 * quantiles of recent returns: the bar every other family must clear.
 */
export const naiveModel: BaselineModel<Record<string, never>> = {
  family: 'naive',
  settings: BASELINE_SETTINGS.naive,
  minCandles: () => 31,
  fit: () => ({}),
  context: (_params, settings) => settings.window + 1,
  forecast(data, origin, horizon, _params, settings) {
    const first = Math.max(1, origin - settings.window + 1);
    let squares = 0;
    let logRange = 0;
    for (let i = first; i <= origin; i++) {
      squares += data.returns[i] ** 2;
      logRange += Math.log(data.range[i]);
    }
    const count = Math.max(1, origin - first + 1);
    const variance = squares / count;
    const range = Math.exp(logRange / count);
    return { variance: new Array<number>(horizon).fill(variance), range: new Array<number>(horizon).fill(range) };
  },
};
