import { Link, useLocation, useParams, useSearch } from 'wouter';
import { MARKET_LIMITS } from '../../../../libs/domain/src/market-views.ts';
import type { AssetStats } from '../api/market-views.ts';
import { formatPrice, formatTime } from '../app/format.ts';
import type { TimeZoneChoice } from '../app/preferences/preferences.store.ts';
import { Loading } from '../app/Guard.tsx';
import { usePreferences } from '../app/preferences/usePreferences.ts';
import { useTheme } from '../app/theme/useTheme.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { describeError } from '../auth/describe-error.ts';
import { useCryptoConfig } from '../crypto-config/useCryptoConfig.ts';
import {
  analysisSearch,
  overlaps,
  parseAnalysisSearch,
  percentOf,
  SPAN_PRESETS,
  spanRange,
  type AnalysisView,
} from './analysis-figures.ts';
import { CorrelationMatrix } from './CorrelationMatrix.tsx';
import { ReturnHistogram } from './ReturnHistogram.tsx';
import { SeriesPlot } from './SeriesPlot.tsx';
import { useCorrelation, useStats } from './useAnalysis.ts';
import '../backtest/backtest.css';
import './analysis.css';

function drawdownCaption(d: AssetStats['drawdown'], timezone: TimeZoneChoice): string {
  if (!d.peak || !d.trough) return 'How far the close stood below its highest close so far: it never fell in this span.';
  const at = (time: string) => formatTime(time, timezone, 'date');
  return `How far the close stood below its highest close so far. The deepest: ${percentOf(d.max, 1)}, from ${formatPrice(d.peak.close)} (${at(d.peak.time)}) to ${formatPrice(d.trough.close)} (${at(d.trough.time)}), ${d.recovered ? `recovered ${at(d.recovered)}` : 'not recovered yet'}.`;
}

/** An asset's history analysed over a span: returns, volatility, drawdowns, and its correlation with the other tracked assets. */
export default function AnalysisPage() {
  const params = useParams<{ symbol: string }>();
  const symbol = (params.symbol ?? '').toUpperCase();
  usePageTitle(`${symbol} analysis`);
  const search = useSearch();
  const [location, navigate] = useLocation();
  const { timezone } = usePreferences();
  const { theme } = useTheme();
  const view = parseAnalysisSearch(search);
  const config = useCryptoConfig();
  const asset = config.data?.assets.find((a) => a.symbol === symbol);
  const span = asset?.intervals.find((i) => i.interval === view.interval) ?? null;
  const range = spanRange(view, span?.last ?? null);
  const ready = config.isSuccess;
  const stats = useStats(symbol, view.interval, range, ready);
  const others = (config.data?.assets ?? [])
    .filter((a) => a.symbol !== symbol && a.intervals.some((i) => i.interval === view.interval && overlaps(i, range)))
    .map((a) => a.symbol);
  const symbols = [symbol, ...others].slice(0, MARKET_LIMITS.correlationSymbols.max);
  const correlation = useCorrelation(symbols, view.interval, range, ready);
  const go = (next: Partial<AnalysisView>) => navigate(`${location}?${analysisSearch({ ...view, ...next })}`);
  const s = stats.data;

  return (
    <section className="analysis-page">
      <h1>
        {symbol} analysis <span className="muted">{view.interval}</span>
      </h1>
      <p className="hint">
        <Link href={`/markets/${encodeURIComponent(symbol)}?interval=${view.interval}`}>Chart of {symbol}</Link> ·{' '}
        <Link href="/markets">All markets</Link>
      </p>
      <div className="analysis-controls" role="group" aria-label="Span">
        {SPAN_PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            aria-pressed={view.from === null && view.to === null && view.span === preset.id}
            onClick={() => go({ span: preset.id, from: null, to: null })}
          >
            {preset.id}
          </button>
        ))}
        {config.data && asset && asset.intervals.length > 1 && (
          <label>
            Interval{' '}
            <select value={view.interval} onChange={(e) => go({ interval: e.target.value as AnalysisView['interval'] })}>
              {asset.intervals.map((i) => (
                <option key={i.interval} value={i.interval}>
                  {i.interval}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {view.ignored.length > 0 && <p className="hint">Ignored in the address: {view.ignored.join(', ')} (not readable).</p>}
      {config.isError && (
        <p className="form-error" role="alert">
          {describeError(config.error)}
        </p>
      )}
      {config.isSuccess && !asset && <p>{symbol} is not a tracked asset.</p>}

      {stats.isError ? (
        <p className="form-error" role="alert">
          {describeError(stats.error)}
        </p>
      ) : !s ? (
        <Loading />
      ) : (
        <>
          <p data-testid="analysis-span">
            {formatTime(s.from, timezone, 'date')} to {formatTime(s.to, timezone, 'date')}: {s.candles} candles, {s.returns} returns.{' '}
            <span className="muted">{s.conventions}.</span>
          </p>
          <h2>Returns</h2>
          <ReturnHistogram stats={s} />
          <div className="analysis-lists">
            <div>
              <h3>Best candles</h3>
              <ol>
                {s.best.map((b) => (
                  <li key={b.time}>
                    {formatTime(b.time, timezone, 'date')}: <span className="up">{percentOf(b.return)}</span>
                  </li>
                ))}
              </ol>
            </div>
            <div>
              <h3>Worst candles</h3>
              <ol>
                {s.worst.map((w) => (
                  <li key={w.time}>
                    {formatTime(w.time, timezone, 'date')}: <span className="down">{percentOf(w.return)}</span>
                  </li>
                ))}
              </ol>
            </div>
          </div>
          <h2>Volatility</h2>
          <SeriesPlot
            series={s.volatility.rolling}
            testId="rolling-volatility"
            timezone={timezone}
            withZero
            caption={`Annualised volatility ${percentOf(s.volatility.annualised, 1)} over the span; the line is its rolling value over ${s.volatility.window} candles.`}
          />
          <h2>Drawdowns</h2>
          <SeriesPlot
            series={s.drawdown.series}
            testId="drawdown"
            timezone={timezone}
            withZero
            caption={drawdownCaption(s.drawdown, timezone)}
          />
        </>
      )}

      <h2>Correlation</h2>
      {symbols.length < MARKET_LIMITS.correlationSymbols.min ? (
        <p>No other tracked asset has {view.interval} candles in this span to correlate with.</p>
      ) : correlation.isError ? (
        <p className="form-error" role="alert">
          {describeError(correlation.error)}
        </p>
      ) : !correlation.data ? (
        <Loading />
      ) : (
        <CorrelationMatrix correlation={correlation.data} theme={theme} />
      )}
    </section>
  );
}
