import { useId } from 'react';
import type { TimeValue } from '../api/market-views.ts';
import { formatTime } from '../app/format.ts';
import type { TimeZoneChoice } from '../app/preferences/preferences.store.ts';
import { FRAME } from '../backtest/svg-plot.ts';
import { percentOf, seriesPath } from './analysis-figures.ts';

/** A time series (rolling volatility, drawdown) as a line, its range labelled in percent, described in its caption. */
export function SeriesPlot({
  series,
  caption,
  testId,
  withZero = false,
  timezone,
}: {
  series: TimeValue[];
  caption: string;
  testId: string;
  withZero?: boolean;
  timezone: TimeZoneChoice;
}) {
  const captionId = useId();
  if (series.length < 2) return <p className="muted">Too few candles in this span.</p>;
  const f = FRAME;
  const { path, min, max, y } = seriesPath(series, f, withZero);
  return (
    <figure className="analysis-figure">
      <svg viewBox={`0 0 ${f.width} ${f.height}`} role="img" aria-labelledby={captionId} className="plot" data-testid={testId}>
        <path className="plot-line" d={path} />
        {[min, max].map((v, i) => (
          <text key={i} className="plot-label" x={f.left - 4} y={y(v) + 4} textAnchor="end">
            {percentOf(v, 0)}
          </text>
        ))}
        {[series[0].time, series.at(-1)!.time].map((t, i) => (
          <text
            key={i}
            className="plot-label"
            x={i === 0 ? f.left : f.width - f.right}
            y={f.height - 6}
            textAnchor={i === 0 ? 'start' : 'end'}
          >
            {formatTime(t, timezone, 'date')}
          </text>
        ))}
      </svg>
      <figcaption id={captionId}>{caption}</figcaption>
    </figure>
  );
}
