import { useId } from 'react';
import { formatTime } from '../app/format.ts';
import type { TimeZoneChoice } from '../app/preferences/preferences.store.ts';
import type { CoveragePoint } from './backtest-figures.ts';
import { FRAME, linePath, scale } from './svg-plot.ts';

interface Props {
  points: CoveragePoint[];
  level: number;
  window: number;
  band: { low: number; high: number };
  timezone: TimeZoneChoice;
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/**
 * The rolling coverage of the interval over time, with the band a calibrated interval stays inside
 * (shaded) and the nominal level (dashed): a line leaving the band shows when the intervals failed.
 */
export function CoverageChart({ points, level, window, band, timezone }: Props) {
  const captionId = useId();
  if (points.length === 0) return <p className="muted">Fewer than {window} realized forecasts: no rolling coverage yet.</p>;
  const f = FRAME;
  const values = points.map((p) => p.value);
  const low = Math.min(band.low, ...values) - 0.02;
  const high = Math.min(1, Math.max(band.high, ...values) + 0.02);
  const x = scale(points[0].time, points.at(-1)!.time, f.left, f.width - f.right);
  const y = scale(low, high, f.height - f.bottom, f.top);
  const insideBand = points.filter((p) => p.value >= band.low && p.value <= band.high).length / points.length;
  const latest = points.at(-1)!;
  const ticks = [low, band.low, level / 100, band.high, high].filter((v, i, all) => all.indexOf(v) === i);
  const title = `Rolling ${level}% coverage over the last ${window} forecasts: latest ${pct(latest.value)}, inside the ${pct(band.low)}–${pct(band.high)} band ${pct(insideBand)} of the time.`;
  return (
    <figure className="backtest-figure">
      <svg
        viewBox={`0 0 ${f.width} ${f.height}`}
        role="img"
        aria-labelledby={captionId}
        className="plot"
        data-testid="coverage-chart"
        data-points={points.length}
      >
        <rect
          className="plot-band"
          x={f.left}
          width={f.width - f.left - f.right}
          y={y(band.high)}
          height={Math.max(0, y(band.low) - y(band.high))}
        />
        <line className="plot-nominal" x1={f.left} x2={f.width - f.right} y1={y(level / 100)} y2={y(level / 100)} />
        {ticks.map((v) => (
          <text key={v} className="plot-label" x={f.left - 4} y={y(v) + 4} textAnchor="end">
            {(v * 100).toFixed(0)}%
          </text>
        ))}
        <path className="plot-line" d={linePath(points.map((p) => ({ x: x(p.time), y: y(p.value) })))} />
        <text className="plot-label" x={f.left} y={f.height - 6}>
          {formatTime(points[0].time * 1000, timezone, 'date')}
        </text>
        <text className="plot-label" x={f.width - f.right} y={f.height - 6} textAnchor="end">
          {formatTime(latest.time * 1000, timezone, 'date')}
        </text>
      </svg>
      <figcaption id={captionId}>{title}</figcaption>
    </figure>
  );
}
