import { INTERVAL_LEVELS, QUANTILE_LEVELS, type ReturnDistribution } from '#libs/domain';

/** One calibrated step in prices: what the predictions and backtest_records tables hold. */
export interface PriceStep {
  median: number;
  /** At QUANTILE_LEVELS. */
  quantiles: number[];
  lower80: number;
  upper80: number;
  lower90: number;
  upper90: number;
  lower95: number;
  upper95: number;
  /** Log-return units, as the distribution has it. */
  sigma: number;
  /** The expected high and low of that candle, around the median. */
  rangeLow: number;
  rangeHigh: number;
}

const MEDIAN = QUANTILE_LEVELS.indexOf(0.5);

/** A step of log returns from `lastClose` as prices (monotone, so quantiles and nesting survive). */
export function toPrices(lastClose: number, step: ReturnDistribution): PriceStep {
  const price = (logReturn: number) => lastClose * Math.exp(logReturn);
  const bound = (level: (typeof INTERVAL_LEVELS)[number]) => {
    const interval = step.intervals.find((i) => i.level === level);
    if (!interval) throw new Error(`the distribution of step ${step.step} has no ${level}% interval`);
    return [price(interval.lower), price(interval.upper)] as const;
  };
  const median = price(step.quantiles[MEDIAN]);
  const [lower80, upper80] = bound(80);
  const [lower90, upper90] = bound(90);
  const [lower95, upper95] = bound(95);
  return {
    median,
    quantiles: step.quantiles.map(price),
    lower80,
    upper80,
    lower90,
    upper90,
    lower95,
    upper95,
    sigma: step.sigma,
    rangeLow: median * Math.exp(-step.expectedRange / 2),
    rangeHigh: median * Math.exp(step.expectedRange / 2),
  };
}

/** Significant digits a forecast keeps at least, however few decimals the prices have. */
const SIGNIFICANT_DIGITS = 6;
const MAX_DECIMALS = 12;

/** The most decimals among recent closes, and at least enough for SIGNIFICANT_DIGITS of `price`. */
export function decimalsFor(closes: readonly string[], price: number): number {
  const written = Math.max(0, ...closes.map((text) => /^\d+\.(\d+)$/.exec(text)?.[1].length ?? 0));
  const significant = SIGNIFICANT_DIGITS - 1 - Math.floor(Math.log10(price));
  return Math.min(MAX_DECIMALS, Math.max(written, significant, 0));
}
