import { useState, type FormEvent } from 'react';
import type { IntervalCode } from './intervals.ts';
import { presetsFor, type AssetView, type PresetId } from './range.ts';

interface Props {
  view: AssetView;
  /** Intervals with stored candles (the shown one is always offered). */
  intervals: IntervalCode[];
  onChange: (next: Pick<AssetView, 'interval' | 'preset' | 'from' | 'to'>) => void;
}

const dateOf = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

/** Interval switch, range presets and a from/to form; every choice lands in the URL. */
export function SeriesControls({ view, intervals, onChange }: Props) {
  const offered = intervals.includes(view.interval) ? intervals : [view.interval, ...intervals];
  const custom = Boolean(view.from || view.to);
  const [from, setFrom] = useState(dateOf(view.from));
  const [to, setTo] = useState(dateOf(view.to));

  const applyDates = (event: FormEvent) => {
    event.preventDefault();
    onChange({
      interval: view.interval,
      preset: view.preset,
      from: from ? new Date(`${from}T00:00:00Z`).toISOString() : null,
      to: to ? new Date(`${to}T23:59:59Z`).toISOString() : null,
    });
  };

  return (
    <div className="series-controls">
      <fieldset className="segmented">
        <legend>Interval</legend>
        {offered.map((interval) => (
          <button
            key={interval}
            type="button"
            aria-pressed={interval === view.interval}
            onClick={() => onChange({ ...view, interval, preset: presetsFor(interval).includes(view.preset) ? view.preset : 'All' })}
          >
            {interval}
          </button>
        ))}
      </fieldset>
      <fieldset className="segmented">
        <legend>Range</legend>
        {presetsFor(view.interval).map((preset: PresetId) => (
          <button
            key={preset}
            type="button"
            aria-pressed={!custom && preset === view.preset}
            onClick={() => onChange({ interval: view.interval, preset, from: null, to: null })}
          >
            {preset}
          </button>
        ))}
      </fieldset>
      <form className="date-range" onSubmit={applyDates} aria-label="Date range">
        <label>
          From
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit">Show range</button>
      </form>
    </div>
  );
}
