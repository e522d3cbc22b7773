/** GET /prediction/backtest and the registry as this page reads them, and the model families (libs/domain's MODEL_FAMILIES). */
import type { components } from '../api/schema';

type Schemas = components['schemas'];
export type BacktestView = Schemas['BacktestView'];
export type ModelFamily = Schemas['ModelView']['family'];
export type IntervalCode = Schemas['ModelView']['interval'];
export type JobAccepted = Schemas['JobAcceptedView'];

export const MODEL_FAMILIES: readonly ModelFamily[] = ['lstm', 'naive', 'ewma', 'garch', 'har-range'];

export const isFamily = (value: string | null | undefined): value is ModelFamily =>
  typeof value === 'string' && (MODEL_FAMILIES as readonly string[]).includes(value);
