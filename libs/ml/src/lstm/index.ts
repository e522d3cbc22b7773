export { FittedLstm, type LstmMemberParams, type LstmParams } from './fitted-lstm.js';
export type { CrossValidation } from './lstm-ensemble.trainer.js';
export { LSTM_WARMUP, type LstmInputSpec } from './lstm-inputs.builder.js';
export { LstmForecaster, lstmForecaster } from './lstm.forecaster.js';
export { validateLstmSettings, type LstmSettings } from './lstm.settings.js';
