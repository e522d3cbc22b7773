import { BASELINE_SETTINGS } from '#libs/domain';
import { rangeOffset, type BaselineModel, type Deseasonalized } from './baseline.model.js';
import { nelderMead } from './nelder-mead.optimizer.js';

export type GarchParams = { omega: number; alpha: number; beta: number; variance: number; rangeOffset: number };

/** α + β at most this: a unit root would make the multi-step variance grow without bound. */
const MAX_PERSISTENCE = 0.9995;

/**
 * GARCH(1,1), σ²[t + 1] = ω + α r²[t] + β σ²[t], fitted by Gaussian quasi-maximum likelihood on the
 * last `window` returns of the fit range; center 0. Nelder–Mead searches a transform that keeps
 * α, β > 0 and α + β < 1 and the long-run variance v = ω / (1 − α − β) positive. Steps ahead
 * revert to v: σ²[t + h] = v + (α + β)^(h − 1) (σ²[t + 1] − v). The recursion of a forecast
 * starts at v, `context` candles before the origin.
 */
export const garchModel: BaselineModel<GarchParams> = {
  family: 'garch',
  settings: BASELINE_SETTINGS.garch,
  minCandles: () => 100,
  fit(data, { from, to }, settings) {
    const first = Math.max(from + 1, to - settings.window + 1);
    const { omega, alpha, beta, variance } = fitGarch(data.returns.subarray(first, to + 1));
    const forecasts = new Float64Array(to + 1);
    let v = variance;
    for (let i = first; i <= to; i++) {
      forecasts[i] = v;
      v = omega + alpha * data.returns[i] ** 2 + beta * v;
    }
    return { omega, alpha, beta, variance, rangeOffset: rangeOffset(data.range, (i) => forecasts[i], first, to) };
  },
  context: (params) => contextOf(params),
  forecast(data, origin, horizon, params) {
    const next = filtered(data, origin, params);
    const persistence = params.alpha + params.beta;
    const variance: number[] = [];
    const range: number[] = [];
    for (let h = 1; h <= horizon; h++) {
      const v = Math.max(params.variance + persistence ** (h - 1) * (next - params.variance), 1e-12);
      variance.push(v);
      range.push(Math.exp(params.rangeOffset) * Math.sqrt(v));
    }
    return { variance, range };
  },
};

/**
 * QMLE of GARCH(1,1) on `returns` (oldest first). First with variance targeting (two parameters:
 * a good start), then freeing the long-run variance too: one burst can make the sample variance a
 * poor target, and targeting it then biases α upward.
 */
export function fitGarch(returns: Float64Array): { omega: number; alpha: number; beta: number; variance: number } {
  let squares = 0;
  for (const r of returns) squares += r * r;
  const sample = Math.max(squares / Math.max(1, returns.length), 1e-12);
  // x = [u, w, l]: persistence p = MAX·logistic(u), share a = logistic(w) (α = p a, β = p (1 − a)),
  // long-run variance = sample · exp(l).
  const unpack = ([u, w, l = 0]: readonly number[]) => {
    const persistence = MAX_PERSISTENCE / (1 + Math.exp(-u));
    const share = 1 / (1 + Math.exp(-w));
    const alpha = persistence * share;
    const beta = persistence * (1 - share);
    const variance = sample * Math.exp(Math.max(-20, Math.min(20, l)));
    return { omega: variance * (1 - alpha - beta), alpha, beta, variance };
  };
  const negativeLogLikelihood = (x: readonly number[]) => {
    const { omega, alpha, beta } = unpack(x);
    let v = sample;
    let sum = 0;
    for (const r of returns) {
      sum += Math.log(v) + (r * r) / v;
      v = omega + alpha * r * r + beta * v;
    }
    return sum;
  };
  // From α 0.08, β 0.9 (typical of daily returns) with the long-run variance held at the
  // sample's, then from there with it free: the first search is cheap and starts the second well.
  const logit = (p: number) => Math.log(p / (1 - p));
  const targeted = nelderMead(negativeLogLikelihood, [logit(0.98 / MAX_PERSISTENCE), logit(0.08 / 0.98)], { step: 1, tolerance: 1e-8 });
  const free = nelderMead(negativeLogLikelihood, [...targeted.x, 0], { step: 0.3, tolerance: 1e-8, maxIterations: 600 });
  const best = free.value < targeted.value ? free : targeted;
  return unpack(best.x);
}

/** Enough candles for the starting variance to weigh less than one millionth (β^k). */
function contextOf(params: GarchParams): number {
  if (!(params.beta > 0)) return 50;
  return Math.min(2_000, Math.max(50, Math.ceil(Math.log(1e-6) / Math.log(params.beta)) + 1));
}

/** σ² of the candle after `origin`, by the recursion over the context, started at v. */
function filtered(data: Deseasonalized, origin: number, params: GarchParams): number {
  let v = params.variance;
  for (let i = Math.max(1, origin - contextOf(params) + 2); i <= origin; i++) {
    v = params.omega + params.alpha * data.returns[i] ** 2 + params.beta * v;
  }
  return v;
}
