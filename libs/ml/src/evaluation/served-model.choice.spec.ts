import { describe, expect, it } from '@jest/globals';
import type { BacktestSummary, ModelFamily } from '#libs/domain';
import { mulberry32 } from '../seeded.random.js';
import { chooseServed, type ServedCandidate } from './served-model.choice.js';
import type { OriginLoss } from './walk-forward.summary.js';

const N = 365;
const random = mulberry32(11);
/** har-range's per-origin losses: noisy around 0.01. */
const harLosses: OriginLoss[] = Array.from({ length: N }, (_, i) => ({ time: i * 86_400, pinball: 0.01 * (0.5 + random()) }));

function candidate(modelId: string, family: ModelFamily, coverage90: number, losses: OriginLoss[]): ServedCandidate {
  const pinball = losses.reduce((s, x) => s + x.pinball, 0) / losses.length;
  const summary = {
    samples: N,
    pinball,
    coverage: [{ level: 90, value: coverage90, ci95: null, christoffersenP: null }],
  } as unknown as BacktestSummary;
  return { modelId, family, summary, losses };
}
const scaled = (factor: number, noise = 0): OriginLoss[] =>
  harLosses.map((x) => ({ time: x.time, pinball: x.pinball * factor + noise * (random() - 0.5) }));

describe('chooseServed', () => {
  it('serves the lowest pinball among calibrated models and says why the others are not', () => {
    const choices = chooseServed([
      candidate('n', 'naive', 0.821, scaled(0.9)),
      candidate('h', 'har-range', 0.9, harLosses),
      candidate('e', 'ewma', 0.9, scaled(1.02)),
    ]);
    expect(choices.map((c) => c.served)).toEqual([false, true, false]);
    // 0.9 ± 1.96 √(0.09 / 365) = 86.9–93.1%
    expect(choices[0].reason).toBe('not served: 90% coverage 82.1% is outside 86.9–93.1% for 365 forecasts');
    expect(choices[0].calibrated).toBe(false);
    expect(choices[1].reason).toBe('served: lowest pinball among calibrated models');
    expect(choices[2].reason).toMatch(/^not served: pinball 0\.0\d+ is 2\.0% above the served har-range's 0\.0\d+$/);
    expect(choices[1]).toMatchObject({ modelId: 'h', family: 'har-range', coverage90: 0.9, calibrated: true });
  });

  it('keeps an LSTM that beats har-range by less than 1% out, with the DM test in the reason', () => {
    const choices = chooseServed([candidate('h', 'har-range', 0.9, harLosses), candidate('l', 'lstm', 0.9, scaled(0.996, 0.004))]);
    expect(choices.map((c) => c.served)).toEqual([true, false]);
    expect(choices[1].reason).toMatch(/^not served: LSTM beats har-range by 0\.\d% \(DM p 0\.\d+\); needs ≥ 1% with p < 0\.05$/);
  });

  it('serves an LSTM that beats har-range by 5% on every origin', () => {
    const choices = chooseServed([candidate('h', 'har-range', 0.9, harLosses), candidate('l', 'lstm', 0.91, scaled(0.95))]);
    expect(choices.map((c) => c.served)).toEqual([false, true]);
    expect(choices[1].reason).toMatch(/^served: lowest pinball among calibrated models; LSTM beats har-range by 5\.0% \(DM p /);
  });

  it('holds an LSTM back when there is no har-range to test it against', () => {
    const choices = chooseServed([candidate('l', 'lstm', 0.9, scaled(0.8)), candidate('g', 'garch', 0.9, harLosses)]);
    expect(choices.map((c) => c.served)).toEqual([false, true]);
    expect(choices[0].reason).toMatch(/^not served: no har-range walk-forward/);
  });

  it('falls back to the lowest pinball of all when none is calibrated, and says so', () => {
    const choices = chooseServed([candidate('h', 'har-range', 0.8, harLosses), candidate('n', 'naive', 0.97, scaled(0.98))]);
    expect(choices.map((c) => c.served)).toEqual([false, true]);
    expect(choices[1].reason).toMatch(
      /^served: no model is calibrated \(90% coverage 97\.0% is outside .*\); lowest pinball among all models$/,
    );
    expect(choices[0].reason).toMatch(/^not served: 90% coverage 80\.0% is outside/);
  });

  it('never serves a model without walk-forward figures', () => {
    const choices = chooseServed([{ modelId: 'x', family: 'garch', summary: null }, candidate('h', 'har-range', 0.9, harLosses)]);
    expect(choices[0]).toMatchObject({ served: false, reason: 'not served: no walk-forward figures', pinball: null, calibrated: false });
    expect(choices[1].served).toBe(true);
  });

  it('holds an LSTM against the best of several har-range versions', () => {
    const choices = chooseServed([
      candidate('h1', 'har-range', 0.9, scaled(1.2)),
      candidate('h2', 'har-range', 0.9, harLosses),
      candidate('l', 'lstm', 0.9, scaled(1.1)), // 8% better than h1, 10% worse than h2
    ]);
    expect(choices.map((c) => c.served)).toEqual([false, true, false]);
    expect(choices[2].reason).toMatch(/^not served: LSTM is 10\.0% worse than har-range/);
  });
});
