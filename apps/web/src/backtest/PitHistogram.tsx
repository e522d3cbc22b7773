import { useId } from 'react';
import type { PitBin } from './backtest-figures.ts';
import { FRAME, scale } from './svg-plot.ts';

interface Props {
  bins: PitBin[];
  total: number;
  expected: number;
}

/**
 * Where each actual fell in its forecast distribution, in bins of the PIT: flat (the dashed line)
 * when calibrated, a U when the intervals are too narrow, a hump when too wide.
 */
export function PitHistogram({ bins, total, expected }: Props) {
  const captionId = useId();
  if (total === 0) return <p className="muted">No realized forecast with a PIT value yet.</p>;
  const f = FRAME;
  const top = Math.max(expected, ...bins.map((b) => b.count)) * 1.1;
  const x = scale(0, 1, f.left, f.width - f.right);
  const y = scale(0, top, f.height - f.bottom, f.top);
  const outer = Math.max(bins[0].count, bins.at(-1)!.count);
  const shape =
    outer > expected * 1.25 ? 'the outer bins are fuller than flat: intervals too narrow' : 'no strong U shape in the outer bins';
  const title = `PIT histogram of ${total} forecasts in ${bins.length} bins; ${Math.round(expected)} per bin if calibrated; ${shape}.`;
  return (
    <figure className="backtest-figure">
      <svg viewBox={`0 0 ${f.width} ${f.height}`} role="img" aria-labelledby={captionId} className="plot" data-testid="pit-histogram">
        {bins.map((b) => (
          <rect
            key={b.from}
            className="plot-bar"
            data-count={b.count}
            x={x(b.from) + 1}
            width={Math.max(0, x(b.to) - x(b.from) - 2)}
            y={y(b.count)}
            height={Math.max(0, y(0) - y(b.count))}
          />
        ))}
        <line className="plot-nominal" x1={f.left} x2={f.width - f.right} y1={y(expected)} y2={y(expected)} />
        {[0, Math.round(expected), Math.round(top / 1.1)]
          .filter((v, i, all) => all.indexOf(v) === i)
          .map((v) => (
            <text key={v} className="plot-label" x={f.left - 4} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          ))}
        {[0, 0.5, 1].map((v) => (
          <text key={v} className="plot-label" x={x(v)} y={f.height - 6} textAnchor={v === 0 ? 'start' : v === 1 ? 'end' : 'middle'}>
            {v}
          </text>
        ))}
      </svg>
      <figcaption id={captionId}>{title}</figcaption>
    </figure>
  );
}
