import { BaselineForecaster } from './baseline.forecaster.js';
import { ewmaModel } from './ewma.baseline.js';
import { garchModel } from './garch.baseline.js';
import { harRangeModel } from './har-range.baseline.js';
import { naiveModel } from './naive.baseline.js';

export const naiveForecaster = new BaselineForecaster(naiveModel);
export const ewmaForecaster = new BaselineForecaster(ewmaModel);
export const garchForecaster = new BaselineForecaster(garchModel);
export const harRangeForecaster = new BaselineForecaster(harRangeModel);
