export * from './candle.js';
export * from './errors.js';
export * from './interval.js';
export * from './symbol.js';
export * from './hyperparameters.js';
export * from './training-cost.js';
