import { describe, expect, it } from '@jest/globals';
import { INTERVAL_LEVELS, QUANTILE_LEVELS, type CalibrationState, type ReturnDistribution } from '#libs/domain';
import { mulberry32, studentT } from '../seeded.random.js';
import { MIN_RESIDUALS, applyActuals, calibrate, newCalibration, realizedCoverage, updateCalibration } from './conformal.calibrator.js';
import { InvalidCalibrationError } from './forecasting.errors.js';

/** Asserts what every calibrated step must be: ordered quantiles, median = center, nested intervals agreeing with the quantiles. */
function expectCoherent(step: ReturnDistribution, center: number): void {
  expect(step.quantiles).toHaveLength(QUANTILE_LEVELS.length);
  for (let i = 1; i < step.quantiles.length; i++) expect(step.quantiles[i]).toBeGreaterThanOrEqual(step.quantiles[i - 1]);
  expect(step.quantiles[3]).toBe(center);
  expect(step.intervals.map((i) => i.level)).toEqual([...INTERVAL_LEVELS]);
  const [i80, i90, i95] = step.intervals;
  expect(i80.lower).toBe(step.quantiles[1]);
  expect(i80.upper).toBe(step.quantiles[5]);
  expect(i90.lower).toBe(step.quantiles[0]);
  expect(i90.upper).toBe(step.quantiles[6]);
  expect(i95.lower).toBeLessThanOrEqual(i90.lower);
  expect(i95.upper).toBeGreaterThanOrEqual(i90.upper);
  expect(i80.lower).toBeLessThanOrEqual(center);
  expect(i80.upper).toBeGreaterThanOrEqual(center);
}

/** expectCoherent's checks as one boolean: cheap enough for every forecast of a long run. */
function coherent(step: ReturnDistribution, center: number): boolean {
  const q = step.quantiles;
  const [i80, i90, i95] = step.intervals;
  return (
    q.every((v, i) => i === 0 || v >= q[i - 1]) &&
    q[3] === center &&
    i80.lower === q[1] &&
    i80.upper === q[5] &&
    i90.lower === q[0] &&
    i90.upper === q[6] &&
    i95.lower <= i90.lower &&
    i95.upper >= i90.upper
  );
}

type Run = { inside: Record<number, boolean[]>; incoherent: number };

/**
 * One-step forecasts of `returns` with the model's σ given, calibrated online as the walk-forward
 * does: calibrate, then update with the actual.
 */
function run(returns: number[], sigma: (i: number) => number, gamma: number): Run {
  let state = newCalibration({ window: 500, gamma, horizon: 1 });
  const inside: Record<number, boolean[]> = { 80: [], 90: [], 95: [] };
  let incoherent = 0;
  returns.forEach((actual, i) => {
    const raw = { center: [0], sigma: [sigma(i)], expectedRange: [0.01] };
    const [step] = calibrate(raw, state);
    if (!coherent(step, 0)) incoherent++;
    for (const interval of step.intervals) inside[interval.level].push(actual >= interval.lower && actual <= interval.upper);
    state = updateCalibration(state, 1, { center: 0, sigma: sigma(i) }, actual, step.intervals);
  });
  return { inside, incoherent };
}

const share = (hits: boolean[]) => hits.filter(Boolean).length / hits.length;
/** Half-width of a 99.9% binomial band around a coverage `p` over `n` forecasts. */
const band = (p: number, n: number) => 3.3 * Math.sqrt((p * (1 - p)) / n);

describe('conformal calibration', () => {
  it('covers 80, 90 and 95% of Student-t returns when the model knows their scale', () => {
    const random = mulberry32(7);
    const sigma = (i: number) => (i < 2000 ? 0.02 : 0.05);
    const returns = Array.from({ length: 4000 }, (_, i) => sigma(i) * studentT(random, 4, true));
    const { inside, incoherent } = run(returns, sigma, 0.005);
    expect(incoherent).toBe(0);
    for (const level of INTERVAL_LEVELS) {
      const kept = inside[level].slice(MIN_RESIDUALS);
      expect(Math.abs(share(kept) - level / 100)).toBeLessThan(band(level / 100, kept.length));
    }
  });

  it('recovers its coverage after the volatility doubles under a model that did not notice, faster with ACI', () => {
    const random = mulberry32(11);
    const change = 1500;
    const trueSigma = (i: number) => (i < change ? 0.02 : 0.04);
    const returns = Array.from({ length: 3500 }, (_, i) => trueSigma(i) * studentT(random, 5, true));
    const stale = () => 0.02;
    const aci = run(returns, stale, 0.005);
    const plain = run(returns, stale, 0);
    expect(aci.incoherent + plain.incoherent).toBe(0);
    // Right after the change both miss more; ACI widens sooner.
    const afterChange = (r: Run) => share(r.inside[90].slice(change, change + 300));
    expect(afterChange(aci)).toBeGreaterThan(afterChange(plain) + 0.03);
    // Once the window has turned over, the coverage is back in its band, at every level.
    for (const level of INTERVAL_LEVELS) {
      const late = aci.inside[level].slice(change + 700);
      expect(Math.abs(share(late) - level / 100)).toBeLessThan(band(level / 100, late.length));
    }
    // Over the whole run too (the ACI guarantee is about the long-run average).
    expect(Math.abs(share(aci.inside[90].slice(MIN_RESIDUALS)) - 0.9)).toBeLessThan(0.02);
  });

  it('falls back to fixed multiples of σ, ordered and nested, before it has enough residuals', () => {
    let state = newCalibration({ window: 100, gamma: 0.005, horizon: 2 });
    const raw = { center: [0.001, 0.002], sigma: [0.02, 0.03], expectedRange: [0.04, 0.05] };
    const [first, second] = calibrate(raw, state);
    expectCoherent(first, 0.001);
    expectCoherent(second, 0.002);
    // Symmetric around the center and scaled by σ: the 90% bound is the same multiple at both steps.
    expect((first.intervals[1].upper - 0.001) / 0.02).toBeCloseTo((second.intervals[1].upper - 0.002) / 0.03, 12);
    expect(first.intervals[1].upper - 0.001).toBeCloseTo(0.001 - first.intervals[1].lower, 12);
    // Wider than a Gaussian's 90% interval: returns are fat-tailed.
    expect(first.intervals[1].upper - 0.001).toBeGreaterThan(1.645 * 0.02);
    expect(first.sigma).toBe(0.02);
    expect(second.expectedRange).toBe(0.05);
    for (let i = 0; i < MIN_RESIDUALS - 1; i++) state = updateCalibration(state, 1, { center: 0, sigma: 1 }, 0.1);
    expect(calibrate(raw, state)[0]).toEqual(first);
  });

  it("keeps σ at the model's one-step σ and widens it over the steps as the served 90% intervals widen", () => {
    // A model whose σ stays flat while its errors grow as √step: the calibration widens the later
    // steps' intervals, and σ follows them instead of staying at the model's flat value.
    let state = newCalibration({ window: 400, gamma: 0, horizon: 4 });
    const random = mulberry32(11);
    for (let i = 0; i < 400; i++) {
      for (let step = 1; step <= 4; step++) {
        state = updateCalibration(state, step, { center: 0, sigma: 0.01 }, 0.01 * Math.sqrt(step) * studentT(random, 5));
      }
    }
    const steps = calibrate({ center: [0, 0, 0, 0], sigma: [0.01, 0.01, 0.01, 0.01], expectedRange: [0.02, 0.02, 0.02, 0.02] }, state);
    expect(steps[0].sigma).toBe(0.01);
    const width = (s: ReturnDistribution) => s.intervals[1].upper - s.intervals[1].lower;
    for (const s of steps.slice(1)) expect(s.sigma / steps[0].sigma).toBeCloseTo(width(s) / width(steps[0]), 12);
    expect(steps[3].sigma / steps[0].sigma).toBeGreaterThan(1.7);
    expect(steps[3].sigma / steps[0].sigma).toBeLessThan(2.3);
  });

  it('keeps the median at the center and the quantiles uncrossed when every residual is on one side', () => {
    let state = newCalibration({ window: 200, gamma: 0.005, horizon: 1 });
    // A model that is always too low: every actual lands 1 to 2 σ above its center.
    const random = mulberry32(3);
    for (let i = 0; i < 200; i++) state = updateCalibration(state, 1, { center: 0, sigma: 0.01 }, 0.01 + 0.01 * random());
    const [step] = calibrate({ center: [0.005], sigma: [0.01], expectedRange: [0.02] }, state);
    expectCoherent(step, 0.005);
    // The upper bounds follow the residuals (1 to 2 σ above the center).
    expect(step.intervals[2].upper).toBeGreaterThan(0.005 + 0.018);
  });

  it('keeps intervals nested when ACI has pushed the levels past each other', () => {
    const state = newCalibration({ window: 200, gamma: 0.005, horizon: 1 });
    const random = mulberry32(5);
    let moved: CalibrationState = state;
    for (let i = 0; i < 100; i++) moved = updateCalibration(moved, 1, { center: 0, sigma: 1 }, studentT(random, 5));
    const tangled: CalibrationState = { ...moved, steps: [{ ...moved.steps[0], alpha: { '80': 0.05, '90': 0.3, '95': 0.4 } }] };
    expectCoherent(calibrate({ center: [0], sigma: [1], expectedRange: [1] }, tangled)[0], 0);
  });

  it('moves a copy: the state it was given is unchanged, and only the updated step differs', () => {
    const state = newCalibration({ window: 3, gamma: 0.1, horizon: 2 });
    const before = JSON.parse(JSON.stringify(state)) as CalibrationState;
    const next = updateCalibration(state, 2, { center: 0, sigma: 0.01 }, 0.05);
    expect(state).toEqual(before);
    expect(next.steps[0]).toEqual(before.steps[0]);
    expect(next.steps[1].residuals).toEqual([5]);
    // A miss at every level (the fallback 95% bound is 2.57 σ): each α drops by γ × (1 − α_target).
    expect(next.steps[1].alpha['90']).toBeCloseTo(0.1 + 0.1 * (0.1 - 1), 12);
    expect(next.steps[1].hits['95']).toEqual([false]);
  });

  it('applies a batch of actuals as the same updates one by one would, leaving the given state alone', () => {
    const random = mulberry32(9);
    let state = newCalibration({ window: 50, gamma: 0.01, horizon: 2 });
    for (let i = 0; i < 60; i++) state = updateCalibration(state, 1 + (i % 2), { center: 0, sigma: 0.02 }, 0.02 * studentT(random, 5));
    const before = structuredClone(state);
    const actuals = Array.from({ length: 20 }, (_, i) => ({
      step: 1 + (i % 2),
      center: 0.001,
      sigma: 0.02,
      actual: 0.02 * studentT(random, 5),
    }));
    let oneByOne = state;
    for (const a of actuals) oneByOne = updateCalibration(oneByOne, a.step, a, a.actual);
    expect(applyActuals(state, actuals)).toEqual(oneByOne);
    expect(state).toEqual(before);
    expect(() => applyActuals(state, [{ step: 3, center: 0, sigma: 1, actual: 0 }])).toThrow(InvalidCalibrationError);
  });

  it('keeps at most `window` residuals and hits, the newest, and reports their coverage', () => {
    let state = newCalibration({ window: 4, gamma: 0.005, horizon: 1 });
    for (const actual of [0.5, 5, 0.1, 0.2, 9, 0.3]) state = updateCalibration(state, 1, { center: 0, sigma: 1 }, actual);
    expect(state.steps[0].residuals).toEqual([0.1, 0.2, 9, 0.3]);
    expect(state.steps[0].hits['80']).toEqual([true, true, false, true]);
    expect(realizedCoverage(state)).toEqual({ coverage80: 0.75, coverage90: 0.75, coverage95: 0.75, window: 4 });
    expect(realizedCoverage(state, { last: 2 })).toEqual({ coverage80: 0.5, coverage90: 0.5, coverage95: 0.5, window: 2 });
    expect(realizedCoverage(newCalibration({ window: 4, gamma: 0, horizon: 1 }))).toEqual({
      coverage80: null,
      coverage90: null,
      coverage95: null,
      window: 0,
    });
  });

  it('refuses settings and steps that cannot work', () => {
    expect(() => newCalibration({ window: 0, gamma: 0.005, horizon: 1 })).toThrow(InvalidCalibrationError);
    expect(() => newCalibration({ window: 10, gamma: -1, horizon: 1 })).toThrow(InvalidCalibrationError);
    const state = newCalibration({ window: 10, gamma: 0.005, horizon: 1 });
    expect(() => updateCalibration(state, 2, { center: 0, sigma: 1 }, 0)).toThrow(InvalidCalibrationError);
    expect(() => calibrate({ center: [0, 0], sigma: [1, 1], expectedRange: [1, 1] }, state)).toThrow(InvalidCalibrationError);
    expect(() => calibrate({ center: [Number.NaN], sigma: [1], expectedRange: [1] }, state)).toThrow(InvalidCalibrationError);
    expect(() => calibrate({ center: [0], sigma: [Infinity], expectedRange: [1] }, state)).toThrow(InvalidCalibrationError);
    expect(() => updateCalibration(state, 1, { center: 0, sigma: 1 }, Number.NaN)).toThrow(InvalidCalibrationError);
  });
});
