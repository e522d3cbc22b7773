import { lazy, Suspense, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { MARKET_LIMITS } from '../../../../libs/domain/src/market-views.ts';
import { formatPercent, formatTime } from '../app/format.ts';
import { Loading } from '../app/Guard.tsx';
import { usePreferences } from '../app/preferences/usePreferences.ts';
import { useTheme } from '../app/theme/useTheme.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { describeError } from '../auth/describe-error.ts';
import { useCryptoConfig } from '../crypto-config/useCryptoConfig.ts';
import {
  compareSearch,
  legendRows,
  parseCompareSearch,
  POINT_PRESETS,
  seriesSymbol,
  toCompareLines,
  toggleSeries,
  type CompareView,
} from './compare-data.ts';
import { useCompare } from './useCompare.ts';
import './compare.css';

const CompareChart = lazy(() => import('./CompareChart.tsx'));

/** Several assets on one chart, each rebased to 100 at the first time they all share. */
export default function ComparePage() {
  usePageTitle('Compare');
  const search = useSearch();
  const [location, navigate] = useLocation();
  const { timezone } = usePreferences();
  const { theme, chart: colors } = useTheme();
  const view = parseCompareSearch(search);
  const config = useCryptoConfig();
  const compare = useCompare(view.series, view.points);
  const lines = useMemo(() => (compare.data ? toCompareLines(compare.data, theme) : []), [compare.data, theme]);
  const legend = legendRows(lines);
  const go = (next: Pick<CompareView, 'series' | 'points'>) => navigate(`${location}?${compareSearch(next)}`);
  const chosen = new Set(view.series.map(seriesSymbol));
  const intraday = lines.some((line) => !/[dw]$/.test(line.interval));
  const { min, max } = MARKET_LIMITS.compareSeries;

  return (
    <section className="compare-page">
      <h1>Compare</h1>
      <p className="hint">
        Each asset&apos;s close, rebased to 100 at the first time all of them have a candle (the scale is indexed to 100 at the first time
        in view: zoom and it rebases). {min} to {max} assets, daily candles.
      </p>
      <fieldset className="compare-series">
        <legend>Assets</legend>
        {config.isPending ? (
          <Loading />
        ) : config.isError ? (
          <p className="form-error" role="alert">
            {describeError(config.error)}
          </p>
        ) : (
          config.data.assets.map((asset) => (
            <label key={asset.symbol} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.has(asset.symbol)}
                disabled={!chosen.has(asset.symbol) && view.series.length >= max}
                onChange={() => go({ ...view, series: toggleSeries(view.series, asset.symbol) })}
              />
              {asset.symbol} <span className="muted">{asset.name}</span>
            </label>
          ))
        )}
      </fieldset>
      <label className="compare-points">
        Span
        <select
          value={view.points ?? ''}
          onChange={(e) => go({ ...view, points: e.target.value === '' ? null : (Number(e.target.value) as 90) })}
        >
          {POINT_PRESETS.map((n) => (
            <option key={String(n)} value={n ?? ''}>
              {n === null ? 'every shared candle' : `the newest ${n} shared candles`}
            </option>
          ))}
        </select>
      </label>
      {view.ignored.length > 0 && <p className="hint">Ignored in the address: {view.ignored.join(', ')}.</p>}

      {view.series.length < min ? (
        <p>Choose at least {min} assets to compare.</p>
      ) : compare.isError ? (
        <p className="form-error" role="alert">
          {describeError(compare.error)}
        </p>
      ) : compare.isPending ? (
        <Loading />
      ) : (
        <>
          <p className="muted" data-testid="compare-span">
            {compare.data.count} shared times, {formatTime(compare.data.from, timezone, intraday ? 'datetime' : 'date')} to{' '}
            {formatTime(compare.data.to, timezone, intraday ? 'datetime' : 'date')}.
          </p>
          <Suspense fallback={<Loading />}>
            <CompareChart lines={lines} colors={colors} timezone={timezone} intraday={intraday} />
          </Suspense>
          <ul className="compare-legend" aria-label="Legend">
            {legend.map((row) => (
              <li key={row.key}>
                <span className="compare-swatch" style={{ background: row.color }} aria-hidden="true" /> <strong>{row.label}</strong>{' '}
                {row.last === null ? '—' : row.last.toLocaleString(undefined, { maximumFractionDigits: 1 })}{' '}
                <span className="muted">({formatPercent(row.changePercent)} over the span)</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
