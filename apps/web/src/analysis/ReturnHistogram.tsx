import { useId } from 'react';
import type { AssetStats } from '../api/market-views.ts';
import { FRAME, scale } from '../backtest/svg-plot.ts';
import { fixed, histogramBars, percentOf } from './analysis-figures.ts';

/** How the returns spread: a bar per bin of the log return, its count as height; the zero line dashed. */
export function ReturnHistogram({ stats }: { stats: AssetStats }) {
  const captionId = useId();
  const { histogram, mean, sd, skew, kurtosis, min, max } = stats.distribution;
  if (histogram.length === 0) return <p className="muted">No returns in this span.</p>;
  const f = FRAME;
  const bars = histogramBars(histogram, f);
  const x = scale(histogram[0].from, histogram.at(-1)!.to, f.left, f.width - f.right);
  const top = Math.max(...histogram.map((b) => b.count));
  const y = scale(0, Math.max(1, top), f.height - f.bottom, f.top);
  const zero = histogram[0].from < 0 && histogram.at(-1)!.to > 0 ? x(0) : null;
  return (
    <figure className="analysis-figure">
      <svg viewBox={`0 0 ${f.width} ${f.height}`} role="img" aria-labelledby={captionId} className="plot" data-testid="return-histogram">
        {bars.map((b) => (
          <rect key={b.from} className="plot-bar" data-count={b.count} x={b.x} width={b.width} y={b.y} height={b.height} />
        ))}
        {zero !== null && <line className="plot-nominal" x1={zero} x2={zero} y1={f.top} y2={f.height - f.bottom} />}
        {[0, top].map((v) => (
          <text key={v} className="plot-label" x={f.left - 4} y={y(v) + 4} textAnchor="end">
            {v}
          </text>
        ))}
        {[histogram[0].from, histogram.at(-1)!.to].map((v, i) => (
          <text key={i} className="plot-label" x={x(v)} y={f.height - 6} textAnchor={i === 0 ? 'start' : 'end'}>
            {percentOf(v, 1)}
          </text>
        ))}
      </svg>
      <figcaption id={captionId}>
        {stats.returns} {stats.interval} log returns in {histogram.length} bins, from {percentOf(min)} to {percentOf(max)}: mean{' '}
        {percentOf(mean, 3)}, standard deviation {percentOf(sd)}, skew {fixed(skew)}, excess kurtosis {fixed(kurtosis)}.
      </figcaption>
    </figure>
  );
}
