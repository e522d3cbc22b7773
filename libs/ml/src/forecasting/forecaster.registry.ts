import type { ModelFamily } from '#libs/domain';
import { ewmaForecaster, garchForecaster, harRangeForecaster, naiveForecaster } from '../baselines/baseline.forecasters.js';
import { lstmForecaster } from '../lstm/index.js';
import type { FittedForecaster, Forecaster, ForecasterArtifact } from './forecaster.js';
import { UnknownFamilyError } from './forecasting.errors.js';

/**
 * Every family's Forecaster, by family: what the worker, the bench, the backtest job and tuning
 * look up. The LSTM's comes from libs/ml/src/lstm/ and is added here, one import and one line
 * (helper `lstm`): a plain map, so that nothing depends on which module happened to load first.
 */
const FORECASTERS: Partial<Record<ModelFamily, Forecaster>> = {
  naive: naiveForecaster,
  ewma: ewmaForecaster,
  garch: garchForecaster,
  'har-range': harRangeForecaster,
  lstm: lstmForecaster,
};

/** The Forecaster of a family; UnknownFamilyError when none is registered. */
export function forecasterFor(family: ModelFamily): Forecaster {
  const forecaster = FORECASTERS[family];
  if (forecaster === undefined) throw new UnknownFamilyError(family);
  return forecaster;
}

/** The families a Forecaster is registered for. */
export function registeredFamilies(): ModelFamily[] {
  return Object.keys(FORECASTERS) as ModelFamily[];
}

/** A stored model, ready to predict: its family's Forecaster loads the artifact. */
export async function loadForecaster(artifact: ForecasterArtifact): Promise<FittedForecaster> {
  return forecasterFor(artifact.family).load(artifact);
}
