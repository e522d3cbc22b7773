import { rangeOffset, type BaselineModel, type Deseasonalized } from './baseline.model.js';
import { nelderMead } from './nelder-mead.optimizer.js';

export type GarchParams = { omega: number; alpha: number; beta: number; variance: number; rangeOffset: number };

/** α + β at most this: a unit root would make the multi-step variance grow without bound. */
const MAX_PERSISTENCE = 0.9995;

/**
 * GARCH(1,1), σ²[t + 1] = ω + α r²[t] + β σ²[t], fitted by Gaussian quasi-maximum likelihood on the
 * last `window` returns of the fit range; center 0. Variance targeting (ω = v (1 − α − β), v the
 * sample variance) leaves two parameters, searched by Nelder–Mead on a transform that keeps
 * α, β > 0 and α + β < 1 (persistence p = MAX·logistic(u), share a = logistic(w): α = p a,
 * β = p (1 − a)). Steps ahead revert to v: σ²[t + h] = v + p^(h − 1) (σ²[t + 1] − v).
 */
export const garchModel: BaselineModel<GarchParams> = {
  family: 'garch',
  settings: {
    window: { default: 1500, min: 100, max: 100_000, integer: true, description: 'Returns the likelihood is fitted on' },
  },
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

/** QMLE of GARCH(1,1) with variance targeting on `returns` (oldest first). */
export function fitGarch(returns: Float64Array): { omega: number; alpha: number; beta: number; variance: number } {
  let squares = 0;
  for (const r of returns) squares += r * r;
  const variance = Math.max(squares / Math.max(1, returns.length), 1e-12);
  const unpack = ([u, w]: readonly number[]) => {
    const persistence = MAX_PERSISTENCE / (1 + Math.exp(-u));
    const share = 1 / (1 + Math.exp(-w));
    return { alpha: persistence * share, beta: persistence * (1 - share) };
  };
  const negativeLogLikelihood = (x: readonly number[]) => {
    const { alpha, beta } = unpack(x);
    const omega = variance * (1 - alpha - beta);
    let v = variance;
    let sum = 0;
    for (const r of returns) {
      sum += Math.log(v) + (r * r) / v;
      v = omega + alpha * r * r + beta * v;
    }
    return sum;
  };
  // From α 0.08, β 0.9 (typical of daily returns), then once more from the first answer: a
  // restart gets Nelder–Mead out of a collapsed simplex.
  const logit = (p: number) => Math.log(p / (1 - p));
  const start = [logit(0.98 / MAX_PERSISTENCE), logit(0.08 / 0.98)];
  const first = nelderMead(negativeLogLikelihood, start, { step: 1 });
  const best = nelderMead(negativeLogLikelihood, first.x, { step: 0.3 });
  const { alpha, beta } = unpack(best.value <= first.value ? best.x : first.x);
  return { omega: variance * (1 - alpha - beta), alpha, beta, variance };
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
