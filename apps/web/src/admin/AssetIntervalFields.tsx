import { INTERVALS, type Interval } from '../models/model-types.ts';

export interface Target {
  asset: string;
  interval: Interval;
}

/** The "Asset" and "Interval" selects that say what a job works on. */
export function AssetIntervalFields({
  symbols,
  target,
  onChange,
}: {
  symbols: string[];
  target: Target;
  onChange: (next: Target) => void;
}) {
  return (
    <div className="field-row">
      <label>
        Asset
        <select value={target.asset} required onChange={(e) => onChange({ ...target, asset: e.target.value })}>
          {symbols.length === 0 && <option value="">No tracked asset</option>}
          {symbols.map((symbol) => (
            <option key={symbol} value={symbol}>
              {symbol}
            </option>
          ))}
        </select>
      </label>
      <label>
        Interval
        <select value={target.interval} onChange={(e) => onChange({ ...target, interval: e.target.value as Interval })}>
          {INTERVALS.map((interval) => (
            <option key={interval} value={interval}>
              {interval}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
