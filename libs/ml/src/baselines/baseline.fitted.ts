import type { ModelFamily } from '#libs/domain';
import type { CandleSeries } from '../candle.series.js';
import type { FittedForecaster, ForecasterArtifact, RawForecast } from '../forecasting/forecaster.js';
import type { BaselineModel, BaselineSettings, Deseasonalized } from './baseline.model.js';
import { hourFactor, type HourProfile } from './hour-of-day.profile.js';
import { featuresOf } from './series.features.js';

/** What a baseline's artifact params hold besides the family's own parameters. */
export type BaselineParams<P> = { stepSeconds: number; profile: HourProfile; model: P };

/**
 * A fitted baseline: a few numbers. Its forecasts center on 0 (no drift: the honest median of a
 * price-only model) with σ cumulated over the steps and a range per step, both scaled by the hour
 * of each step's candle for series finer than a day.
 */
export class BaselineFitted<P> implements FittedForecaster {
  readonly family: ModelFamily;
  readonly context: number;

  constructor(
    private readonly model: BaselineModel<P>,
    readonly horizon: number,
    private readonly settings: BaselineSettings,
    private readonly params: BaselineParams<P>,
  ) {
    this.family = model.family;
    this.context = model.context(params.model, settings);
  }

  predict(series: CandleSeries, origins: readonly number[]): Promise<RawForecast[]> {
    if (origins.length === 0) return Promise.resolve([]);
    const n = series.time.length;
    let low = Infinity;
    let high = -Infinity;
    for (const origin of origins) {
      if (!Number.isInteger(origin) || origin < 0 || origin >= n)
        throw new RangeError(`origin ${origin} is not a candle of the series (0…${n - 1})`);
      low = Math.min(low, origin);
      high = Math.max(high, origin);
    }
    const data = deseasonalize(series, this.params.profile, Math.max(0, low - this.context + 1), high);
    const { stepSeconds, profile } = this.params;
    return Promise.resolve(
      origins.map((origin) => {
        const { variance, range } = this.model.forecast(data, origin, this.horizon, this.params.model, this.settings);
        const center: number[] = [];
        const sigma: number[] = [];
        const expectedRange: number[] = [];
        let cumulative = 0;
        for (let h = 1; h <= this.horizon; h++) {
          const factor = hourFactor(profile, series.time[origin] + h * stepSeconds);
          cumulative += variance[h - 1] * factor;
          center.push(0);
          sigma.push(Math.sqrt(cumulative));
          expectedRange.push(range[h - 1] * Math.sqrt(factor));
        }
        return { center, sigma, expectedRange };
      }),
    );
  }

  toArtifact(): Promise<ForecasterArtifact> {
    return Promise.resolve({
      family: this.family,
      horizon: this.horizon,
      settings: { ...this.settings },
      params: structuredClone(this.params) as unknown as Record<string, unknown>,
    });
  }

  dispose(): void {}
}

/** Returns and ranges of candles `from … to` over the square root of their hour's variance factor. */
export function deseasonalize(series: CandleSeries, profile: HourProfile, from: number, to: number): Deseasonalized {
  const features = featuresOf(series);
  const n = series.time.length;
  const returns = new Float64Array(n);
  const range = new Float64Array(n);
  for (let i = from; i <= to; i++) {
    const scale = Math.sqrt(hourFactor(profile, series.time[i]));
    returns[i] = features.returns[i] / scale;
    range[i] = features.range[i] / scale;
  }
  return { returns, range };
}
