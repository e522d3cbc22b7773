import { Injectable, Logger } from '@nestjs/common';
import {
  AssetRepository,
  CandleRepository,
  forecastKey,
  ModelRepository,
  PredictionRepository,
  type RealizedForecast,
} from '#libs/database';
import { intervalSeconds, type CalibrationState, type ModelFamily } from '#libs/domain';
import { applyActuals, calibrate, DEFAULT_CALIBRATION, forecasterFor, newCalibration, toSeries, type RealizedActual } from '#libs/ml';
import type { PredictPayload } from '#libs/queue';
import { decimalsFor, toPrices } from './distribution-prices.js';

export interface ForecastOutcome {
  asset: string;
  interval: string;
  modelVersion: number | null;
  family: ModelFamily | null;
  pinned: boolean;
  /** Unix seconds of the last candle the forecast starts from. */
  from: number | null;
  /** The median close of each step, with its 90% interval. */
  closes: { time: number; close: string; lower90: string; upper90: string }[];
  /** Past forecasts whose actual close became known with this run (each moved its model's calibration). */
  actualsFilled: number;
  /** The forecast written (forecastKey), for the alerts it may fire; null when none was. */
  forecast: string | null;
  skipped?: string;
}

/**
 * Writes the served model's forecast (the pinned one, else the best): its raw forecast at the
 * newest candle, calibrated with the state stored with it, as prices per step (median, quantiles,
 * 80/90/95% intervals, σ, expected range, and the raw center and σ that the calibration needs when
 * the actual comes). First, it fills the actual closes of past forecasts, says whether each fell
 * inside its intervals, and moves each model's calibration with them, in one transaction.
 */
@Injectable()
export class ForecastingService {
  private readonly logger = new Logger(ForecastingService.name);

  constructor(
    private readonly assets: AssetRepository,
    private readonly candles: CandleRepository,
    private readonly models: ModelRepository,
    private readonly forecasts: PredictionRepository,
  ) {}

  async forecast({ asset: symbol, interval, horizon }: PredictPayload): Promise<ForecastOutcome> {
    const asset = await this.assets.require(symbol);
    const filled = await this.forecasts.realize(asset.id, interval, (model, realized) => moveCalibration(model.calibration, realized));
    const actualsFilled = filled.length;
    const outcome: ForecastOutcome = {
      asset: asset.symbol,
      interval,
      modelVersion: null,
      family: null,
      pinned: false,
      from: null,
      closes: [],
      actualsFilled,
      forecast: null,
    };
    const served = await this.models.served(asset.id, interval);
    if (!served) return { ...outcome, skipped: 'no model serves this series yet: train and score one first' };
    if (!served.artifact)
      return { ...outcome, skipped: `v${served.version} has no forecaster artifact (trained before step 8): train a new one` };

    const fitted = await forecasterFor(served.family).load(served.artifact);
    try {
      const steps = Math.min(horizon ?? fitted.horizon, fitted.horizon);
      const candles = await this.candles.recent(asset.id, interval, Math.max(fitted.context, 2));
      if (candles.length < fitted.context)
        return { ...outcome, skipped: `the model needs ${fitted.context} candles, ${candles.length} are stored` };
      const series = toSeries(candles);
      const origin = series.time.length - 1;
      const [raw] = await fitted.predict(series, [origin]);
      const cut = {
        center: raw.center.slice(0, steps),
        sigma: raw.sigma.slice(0, steps),
        expectedRange: raw.expectedRange.slice(0, steps),
      };
      const state = served.calibration ?? newCalibration({ ...DEFAULT_CALIBRATION, horizon: fitted.horizon });
      const distribution = calibrate(cut, state);
      const lastClose = series.close[origin];
      const decimals = decimalsFor(series.closeText.slice(-20), lastClose);
      const text = (price: number) => price.toFixed(decimals);
      const step = intervalSeconds(interval);
      const points = distribution.map((d, i) => {
        const prices = toPrices(lastClose, d);
        return {
          targetTime: new Date((series.time[origin] + (i + 1) * step) * 1000),
          predictedClose: text(prices.median),
          distribution: {
            quantiles: prices.quantiles.map(text),
            intervals: {
              '80': { lower: text(prices.lower80), upper: text(prices.upper80) },
              '90': { lower: text(prices.lower90), upper: text(prices.upper90) },
              '95': { lower: text(prices.lower95), upper: text(prices.upper95) },
            },
            sigma: prices.sigma,
            rangeLow: text(prices.rangeLow),
            rangeHigh: text(prices.rangeHigh),
            rawCenter: cut.center[i],
            rawSigma: cut.sigma[i],
          },
        };
      });
      const madeAt = new Date();
      await this.forecasts.add({ modelId: served.id, assetId: asset.id, interval, madeAt, points });
      this.logger.log(
        `${asset.symbol} ${interval}: v${served.version} (${served.family}${served.pinned ? ', pinned' : ''}) forecasts ` +
          points
            .map((p) => `${p.predictedClose} [${p.distribution.intervals['90'].lower}, ${p.distribution.intervals['90'].upper}]`)
            .join(', '),
      );
      return {
        ...outcome,
        modelVersion: served.version,
        family: served.family,
        pinned: served.pinned,
        from: series.time[origin],
        forecast: forecastKey(served.id, madeAt),
        closes: points.map((p) => ({
          time: p.targetTime.getTime() / 1000,
          close: p.predictedClose,
          lower90: p.distribution.intervals['90'].lower,
          upper90: p.distribution.intervals['90'].upper,
        })),
      };
    } finally {
      fitted.dispose();
    }
  }
}

/**
 * The calibration once the realized points of one model are in, oldest target first (ACI moves in
 * time order). Points without their raw forecast or base close (written before step 8) or beyond
 * the state's horizon leave it as it is; each miss is judged by the intervals it was served with.
 */
export function moveCalibration(state: CalibrationState | null, realized: readonly RealizedForecast[]): CalibrationState | null {
  if (!state) return null;
  const actuals: RealizedActual[] = [...realized]
    .filter((p) => p.rawCenter !== null && p.rawSigma !== null && p.baseClose !== null && p.step <= state.steps.length)
    .sort((a, b) => a.targetTime.getTime() - b.targetTime.getTime() || a.step - b.step)
    .map((p) => {
      const base = Number(p.baseClose);
      // The intervals it was served with judge the miss (ACI's update), in log returns from its base close.
      const issued = p.issued?.map(({ level, lower, upper }) => ({
        level,
        lower: Math.log(Number(lower) / base),
        upper: Math.log(Number(upper) / base),
      }));
      return { step: p.step, center: p.rawCenter!, sigma: p.rawSigma!, actual: Math.log(Number(p.actualClose) / base), issued };
    });
  return actuals.length === 0 ? null : applyActuals(state, actuals);
}
