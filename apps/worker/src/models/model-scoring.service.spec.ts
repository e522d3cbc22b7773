import { describe, expect, it } from '@jest/globals';
import type { ServedChoice } from '#libs/ml';
import { withFallback } from './model-scoring.service.js';

const choice = (family: ServedChoice['family'], pinball: number | null, served = false): ServedChoice => ({
  modelId: family,
  family,
  served,
  reason: served ? 'served: lowest pinball among calibrated models' : 'not served: no har-range walk-forward to hold the LSTM against',
  pinball,
  coverage90: 0.9,
  calibrated: true,
});

describe('the served model when the choice serves none', () => {
  it('leaves the choice alone when it serves one', () => {
    const choices = [choice('lstm', 0.004), choice('garch', 0.005, true)];
    expect(withFallback(choices)).toEqual(choices);
  });

  it('serves the lowest pinball, saying why, when no model passed (an LSTM alone, before its baselines)', () => {
    const [lstm, other] = withFallback([choice('lstm', 0.004), choice('naive', null)]);
    expect(lstm).toMatchObject({
      served: true,
      reason:
        'served for now: no model passed the choice (no har-range walk-forward to hold the LSTM against); the lowest pinball of the ready models',
    });
    expect(other.served).toBe(false);
  });
});
