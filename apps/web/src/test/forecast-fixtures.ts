/**
 * Step 8's fields of a forecast at their "nothing known" values, for spec fixtures of forecasts
 * made before distributions (no intervals, no edge, no calibration), in the API's types.
 */
import type { components } from '../api/schema';

type Schemas = components['schemas'];

export const NO_EDGE: Schemas['EdgeView'] = { vsNaive: 'none', relMae: null, ci95: null, dmPValue: null, samples: 0 };

/** The model fields of a forecast by an LSTM of step 7. */
export const lstmModel = (id: string, version: number): Schemas['ForecastModelView'] => ({
  id,
  version,
  family: 'lstm',
  pinned: false,
  trainedAt: '2024-01-01T00:00:00.000Z',
  trainedTo: null,
});

/** A forecast point with its price only. */
export const plainPoint = (
  targetTime: string,
  predictedClose: string,
  actualClose: string | null = null,
): Schemas['ForecastPointView'] => ({
  targetTime,
  predictedClose,
  median: predictedClose,
  actualClose,
  quantiles: null,
  intervals: null,
  sigma: null,
  expectedRange: null,
});

/** A forecast's top-level step-8 fields without a distribution. */
export const PLAIN_FORECAST = { stale: false, edge: NO_EDGE, calibration: null } as const;

/** Interval membership of a past forecast without intervals. */
export const NO_INSIDE = { inside80: null, inside90: null, inside95: null } as const;
