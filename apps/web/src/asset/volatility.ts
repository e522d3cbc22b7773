/**
 * The forecast's volatility in words and figures (GET /prediction/volatility): σ of each coming
 * candle's log return and σ to it from the last close, its expected high-low range, σ annualised,
 * and whether those σ forecasts beat EWMA(0.94)'s as a QLIKE comparison on the walk-forward says.
 */
import type { components } from '../api/schema';
import type { Forecast } from './chart-data.ts';

type Schemas = components['schemas'];
export type VolatilityView = Schemas['VolatilityView'];
export type VolatilitySkill = Schemas['VolatilitySkillView'];

export interface VolatilityRow {
  step: number;
  targetTime: string;
  /** σ of that candle's own log return, in percent. */
  sigmaPercent: number;
  /** σ of the log return from the last close to that candle, in percent. */
  cumulativePercent: number;
  low: number | null;
  high: number | null;
  /** ln(high / low) of the expected range, in percent. */
  rangePercent: number | null;
}

/** Whether the forecast carries a distribution (σ), i.e. whether GET /prediction/volatility has anything to say. */
export function hasVolatility(forecast: Forecast | null | undefined): boolean {
  return forecast?.points.some((p) => typeof p.sigma === 'number' && Number.isFinite(p.sigma)) ?? false;
}

const finite = (value: string | number | null | undefined): number | null => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : null;
};

export function volatilityRows(view: VolatilityView): VolatilityRow[] {
  return view.steps.map((s) => {
    const low = finite(s.expectedRange?.low);
    const high = finite(s.expectedRange?.high);
    return {
      step: s.step,
      targetTime: s.targetTime,
      sigmaPercent: s.sigma * 100,
      cumulativePercent: s.cumulativeSigma * 100,
      low,
      high,
      rangePercent: low !== null && high !== null && low > 0 && high >= low ? Math.log(high / low) * 100 : null,
    };
  });
}

const p = (value: number | null) => (value === null ? 'p unknown' : value < 0.001 ? 'p < 0.001' : `p = ${value.toFixed(3)}`);

/**
 * The σ forecasts against EWMA(0.94)'s on QLIKE (lower is better): a claim either way only when
 * Diebold–Mariano's p is below 5%.
 */
export function skillText(skill: VolatilitySkill | null | undefined): string {
  if (!skill || skill.qlike === null || skill.ewmaQlike === null) return "Not yet compared with EWMA(0.94)'s σ.";
  const figures = `QLIKE ${skill.qlike.toFixed(3)} against EWMA's ${skill.ewmaQlike.toFixed(3)}${
    skill.skill === null ? '' : `, skill ${(skill.skill * 100).toFixed(1)}%`
  }, Diebold–Mariano ${p(skill.dmPValue)}`;
  const tested = skill.dmPValue !== null && skill.dmPValue < 0.05;
  if (tested && skill.qlike < skill.ewmaQlike) return `Its σ beats EWMA(0.94)'s: ${figures}.`;
  if (tested && skill.qlike > skill.ewmaQlike) return `Its σ is worse than EWMA(0.94)'s: ${figures}.`;
  return `No measurable edge of its σ over EWMA(0.94)'s: ${figures}.`;
}
