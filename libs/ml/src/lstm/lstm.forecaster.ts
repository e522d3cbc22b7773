import type * as tf from '@tensorflow/tfjs';
import { useBackend } from '../backend.selector.js';
import type { CandleSeries } from '../candle.series.js';
import type { FitOptions, Forecaster, ForecasterArtifact } from '../forecasting/forecaster.js';
import { InsufficientCandlesError, TrainingAbortedError } from '../ml.errors.js';
import { loadArtifact } from '../model.artifact.js';
import { FittedLstm, type LstmParams } from './fitted-lstm.js';
import { fitEnsemble, foldLayout, MIN_TRAIN } from './lstm-ensemble.trainer.js';
import { buildSamples, contextOf, lstmInputSpec } from './lstm-inputs.builder.js';
import { validateLstmSettings, type LstmSettings } from './lstm.settings.js';

/**
 * The LSTM as a Forecaster (family 'lstm'): an ensemble of `seeds` small LSTMs on
 * volatility-normalized inputs (lstm-inputs.builder.ts), each giving QUANTILE_LEVELS of the
 * cumulative log return to every horizon step in units of the EWMA σ at the origin, trained with
 * the pinball loss; epochs chosen by rolling-origin CV unless `folds: 0` (lstm.settings.ts).
 * predict: center = the ensemble's median, sigma = (q0.95 − q0.05) / 3.29, both scaled back by the
 * σ at the origin; expectedRange = the geometric EWMA of ln(high / low) at the origin times the step's σ
 * per √step over that σ (within ×0.25 … ×4).
 */
export class LstmForecaster implements Forecaster {
  readonly family = 'lstm' as const;

  minCandles({ horizon, settings }: Pick<FitOptions, 'horizon' | 'settings'>): number {
    const s = validateLstmSettings(settings);
    const context = contextOf(lstmInputSpec(s.window, 86_400));
    let samples = MIN_TRAIN + (s.folds > 0 ? horizon - 1 : 0);
    while (foldLayout(samples, s.folds, horizon).earliestTrain < MIN_TRAIN) samples++;
    return context - 1 + samples + horizon;
  }

  async fit(series: CandleSeries, range: { from: number; to: number }, options: FitOptions): Promise<FittedLstm> {
    const settings = validateLstmSettings(options.settings);
    const { horizon } = options;
    if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be a whole number ≥ 1, got ${horizon}`);
    if (range.from < 0 || range.to >= series.close.length || range.from > range.to) {
      throw new RangeError(`Fit range ${range.from} … ${range.to} is outside the series (0 … ${series.close.length - 1})`);
    }
    const given = range.to - range.from + 1;
    const needed = this.minCandles({ horizon, settings });
    if (given < needed) {
      throw new InsufficientCandlesError(
        needed,
        given,
        `An LSTM fit with window ${settings.window}, horizon ${horizon} and ${settings.folds} folds`,
      );
    }
    if (options.signal?.aborted) throw new TrainingAbortedError(0);
    await useBackend(options.backend);
    const inputs = { ...lstmInputSpec(settings.window, options.stepSeconds), stepSeconds: options.stepSeconds };
    const samples = buildSamples(series, range.from + contextOf(inputs) - 1, range.to - horizon, inputs, horizon);
    const fit = await fitEnsemble(samples, { window: settings.window, width: inputs.features.length, horizon }, settings, options);
    return new FittedLstm(horizon, settings, inputs, fit.members, fit.epochs, fit.crossValidation);
  }

  async load(artifact: ForecasterArtifact): Promise<FittedLstm> {
    const params = artifact.params as Partial<LstmParams>;
    if (artifact.family !== 'lstm' || params.version !== 1 || !Array.isArray(params.members) || !params.inputs || !artifact.weights) {
      throw new Error(`Not an LSTM artifact of version 1 with weights (family ${artifact.family})`);
    }
    await useBackend();
    const settings = validateLstmSettings(artifact.settings);
    const members: tf.LayersModel[] = [];
    try {
      for (const member of params.members) {
        const weights = artifact.weights.subarray(member.offset, member.offset + member.length);
        members.push(await loadArtifact({ topology: member.topology, weightSpecs: member.weightSpecs, weights }));
      }
    } catch (error) {
      for (const member of members) member.dispose();
      throw error;
    }
    return new FittedLstm(
      artifact.horizon,
      settings,
      params.inputs,
      members,
      params.epochs ?? settings.epochs,
      params.crossValidation ?? null,
    );
  }
}

export const lstmForecaster = new LstmForecaster();

export type { LstmSettings };
