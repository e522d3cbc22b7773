import { describe, expect, it } from 'vitest';
import { modelFiltersSearch, parseModelFilters } from './model-filters.ts';

describe('model filters in the URL', () => {
  it('reads asset, interval and status', () => {
    expect(parseModelFilters('?asset=btc&interval=1h&status=ready')).toEqual({ asset: 'BTC', interval: '1h', status: 'ready' });
  });

  it('leaves out unknown or malformed values instead of sending them to the API', () => {
    expect(parseModelFilters('asset=BT%20C&interval=2h&status=gone')).toEqual({});
    expect(parseModelFilters('')).toEqual({});
  });

  it('writes them back in a fixed order, without empty ones', () => {
    expect(modelFiltersSearch({ status: 'failed', asset: 'ETH' })).toBe('asset=ETH&status=failed');
    expect(modelFiltersSearch({})).toBe('');
    const filters = { asset: 'SOL', interval: '1d', status: 'training' } as const;
    expect(parseModelFilters(modelFiltersSearch(filters))).toEqual(filters);
  });
});
