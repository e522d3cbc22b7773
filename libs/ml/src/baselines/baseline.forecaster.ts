import type { BaselineFamily } from '#libs/domain';
import type { CandleSeries } from '../candle.series.js';
import type { FitOptions, FittedForecaster, Forecaster, ForecasterArtifact } from '../forecasting/forecaster.js';
import { ForecastAbortedError } from '../forecasting/forecasting.errors.js';
import { InsufficientCandlesError } from '../ml.errors.js';
import { BaselineFitted, deseasonalize, type BaselineParams } from './baseline.fitted.js';
import { validateSettings, type BaselineModel, type SettingSpec } from './baseline.model.js';
import { fitHourProfile } from './hour-of-day.profile.js';
import { featuresOf } from './series.features.js';

/** The Forecaster of one baseline family: settings, the hour-of-day profile and artifacts around its model. */
export class BaselineForecaster<P> implements Forecaster {
  readonly family: BaselineFamily;
  readonly settings: Readonly<Record<string, SettingSpec>>;

  constructor(private readonly model: BaselineModel<P>) {
    this.family = model.family;
    this.settings = model.settings;
  }

  minCandles(options: Pick<FitOptions, 'horizon' | 'settings'>): number {
    return this.model.minCandles(validateSettings(this.model.family, options.settings));
  }

  // async although nothing inside awaits: a bad range or setting then rejects like any other failure of a fit.
  async fit(series: CandleSeries, range: { from: number; to: number }, options: FitOptions): Promise<FittedForecaster> {
    if (options.signal?.aborted) throw new ForecastAbortedError(`before the ${this.family} fit`);
    const settings = validateSettings(this.model.family, options.settings);
    const { from, to } = range;
    if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to < series.time.length)) {
      throw new RangeError(`fit range ${from}…${to} is not within the series (0…${series.time.length - 1})`);
    }
    const needed = this.model.minCandles(settings);
    if (to - from + 1 < needed) throw new InsufficientCandlesError(needed, to - from + 1, `A ${this.family} fit`);
    const profile = fitHourProfile(series, featuresOf(series), from, to, options.stepSeconds);
    const data = deseasonalize(series, profile, from, to);
    const params: BaselineParams<P> = { stepSeconds: options.stepSeconds, profile, model: this.model.fit(data, range, settings) };
    return new BaselineFitted(this.model, options.horizon, settings, params);
  }

  async load(artifact: ForecasterArtifact): Promise<FittedForecaster> {
    if (artifact.family !== this.family) throw new TypeError(`a ${artifact.family} artifact given to the ${this.family} forecaster`);
    const settings = validateSettings(this.model.family, artifact.settings);
    const params = structuredClone(artifact.params) as unknown as BaselineParams<P>;
    if (typeof params.stepSeconds !== 'number' || params.model === undefined || params.profile === undefined) {
      throw new TypeError(`the ${this.family} artifact lacks stepSeconds, profile or model`);
    }
    return new BaselineFitted(this.model, artifact.horizon, settings, params);
  }
}
