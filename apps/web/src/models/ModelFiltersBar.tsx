import { useAssets } from '../markets/useAssets.ts';
import type { ModelFilters } from './model-filters.ts';
import { INTERVALS, MODEL_STATUSES, type Interval, type ModelStatus } from './model-types.ts';

/** Asset, interval and status selects; every change goes to the URL (the page reads it back). */
export function ModelFiltersBar({ filters, onChange }: { filters: ModelFilters; onChange: (next: ModelFilters) => void }) {
  const assets = useAssets();
  const symbols = assets.data?.map((a) => a.symbol) ?? [];
  if (filters.asset && !symbols.includes(filters.asset)) symbols.push(filters.asset);
  return (
    <form className="filters" aria-label="Filter models" onSubmit={(e) => e.preventDefault()}>
      <label>
        Asset
        <select value={filters.asset ?? ''} onChange={(e) => onChange({ ...filters, asset: e.target.value || undefined })}>
          <option value="">All assets</option>
          {symbols.map((symbol) => (
            <option key={symbol} value={symbol}>
              {symbol}
            </option>
          ))}
        </select>
      </label>
      <label>
        Interval
        <select
          value={filters.interval ?? ''}
          onChange={(e) => onChange({ ...filters, interval: (e.target.value || undefined) as Interval | undefined })}
        >
          <option value="">All intervals</option>
          {INTERVALS.map((interval) => (
            <option key={interval} value={interval}>
              {interval}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select
          value={filters.status ?? ''}
          onChange={(e) => onChange({ ...filters, status: (e.target.value || undefined) as ModelStatus | undefined })}
        >
          <option value="">Any status</option>
          {MODEL_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
