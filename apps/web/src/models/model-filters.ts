import { INTERVALS, MODEL_STATUSES, type Interval, type ModelStatus } from './model-types.ts';

/** The registry's filters, as the URL keeps them: `/models?asset=BTC&interval=1d&status=ready`. */
export interface ModelFilters {
  asset?: string;
  interval?: Interval;
  status?: ModelStatus;
}

const SYMBOL = /^[A-Za-z0-9]{1,16}$/;

/** Reads the filters from a query string; anything unknown or malformed is left out (no filter). */
export function parseModelFilters(search: string): ModelFilters {
  const params = new URLSearchParams(search);
  const filters: ModelFilters = {};
  const asset = params.get('asset')?.trim().toUpperCase();
  if (asset && SYMBOL.test(asset)) filters.asset = asset;
  const interval = params.get('interval');
  if (interval && (INTERVALS as readonly string[]).includes(interval)) filters.interval = interval as Interval;
  const status = params.get('status');
  if (status && (MODEL_STATUSES as readonly string[]).includes(status)) filters.status = status as ModelStatus;
  return filters;
}

/** The query string for filters (without "?"), keys in a fixed order so that equal filters read alike. */
export function modelFiltersSearch(filters: ModelFilters): string {
  const params = new URLSearchParams();
  if (filters.asset) params.set('asset', filters.asset);
  if (filters.interval) params.set('interval', filters.interval);
  if (filters.status) params.set('status', filters.status);
  return params.toString();
}
