import { useMemo, useState } from 'react';
import { AlertEditor, type Editing } from '../alerts/AlertEditor.tsx';
import { isPriceKind } from '../alerts/alert-form.ts';
import { useAlertRules } from '../alerts/useAlerts.ts';
import { useAssets } from '../markets/useAssets.ts';
import { plainQuote } from '../search/track-as.ts';
import { Link, useLocation, useParams, useSearch } from 'wouter';
import { ApiError } from '../api/api-error.ts';
import { formatPrice, formatTime } from '../app/format.ts';
import { Loading } from '../app/Guard.tsx';
import { usePreferences, useSetPreferences } from '../app/preferences/usePreferences.ts';
import { useTheme } from '../app/theme/useTheme.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { describeError } from '../auth/describe-error.ts';
import './asset.css';
import { AccuracyPanel } from './AccuracyPanel.tsx';
import { AssetTables } from './AssetTables.tsx';
import {
  countHits,
  firstStepForecasts,
  toBandLayers,
  toCandlePoints,
  toForecastLine,
  toHitMarkers,
  toPastForecastLine,
  toRangeBars,
  toVolumePoints,
} from './chart-data.ts';
import { downloadText, EXPORT_HEADER, exportFileName, exportRows, toCsv } from './csv.ts';
import { INTERVAL_SECONDS, preferredInterval } from './intervals.ts';
import { LiveTicker } from './LiveTicker.tsx';
import { ModelPanel } from './ModelPanel.tsx';
import PriceChart from './PriceChart.tsx';
import { assetSearch, candleWindow, needsNewest, parseAssetSearch, type AssetView } from './range.ts';
import { SeriesControls } from './SeriesControls.tsx';
import { candlesStale, forecastStaleness } from './staleness.ts';
import {
  useCandles,
  useForecastHistory,
  useLatestForecast,
  useModelEvaluation,
  useNewestCandle,
  useRefreshAtClose,
  useTrackedIntervals,
  useVolatility,
} from './useAssetData.ts';
import { hasVolatility } from './volatility.ts';
import { useNow } from './useNow.ts';
import { VolatilityPanel } from './VolatilityPanel.tsx';
import { WatchStar } from '../watchlist/WatchStar.tsx';
import '../watchlist/watchlist.css';

const notFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/** The legend of the nested bands: which shade is which interval. */
function BandLegend({ levels }: { levels: number[] }) {
  if (levels.length === 0) return <>Interval: no interval yet.</>;
  if (levels.length === 1)
    return (
      <>
        <span className="legend-band" aria-hidden="true" /> Shaded: its {levels[0]}% interval.
      </>
    );
  return (
    <>
      Shaded: <span className="legend-band" aria-hidden="true" /> its {levels[0]}% interval and, darker,{' '}
      <span className="legend-band legend-band-inner" aria-hidden="true" /> its {levels[1]}% interval.
    </>
  );
}

/** An asset: candles and volume, the latest forecast after them, past forecasts against what happened, the model. */
export default function AssetPage() {
  const params = useParams<{ symbol: string }>();
  const symbol = (params.symbol ?? '').toUpperCase();
  usePageTitle(symbol);
  const search = useSearch();
  const [location, navigate] = useLocation();
  const { intervals: remembered, timezone } = usePreferences();
  const setPreferences = useSetPreferences();
  const { chart: colors } = useTheme();
  const view = parseAssetSearch(search, preferredInterval(remembered, symbol));
  const { interval } = view;
  const now = useNow();
  const [asTable, setAsTable] = useState(false);
  const [editing, setEditing] = useState<Editing | null>(null);
  const quote = plainQuote(useAssets().data?.find((a) => a.symbol === symbol)?.quote ?? '');
  const rules = useAlertRules();

  const newest = useNewestCandle(symbol, interval, needsNewest(view));
  const range = candleWindow(view, newest.data?.candle.time ?? null);
  const candlesQuery = useCandles(symbol, interval, range, !needsNewest(view) || newest.isSuccess);
  const forecastQuery = useLatestForecast(symbol, interval);
  const historyQuery = useForecastHistory(symbol, interval);
  const withVolatility = hasVolatility(forecastQuery.data);
  // A forecast with a distribution is step 8's: its model's figures are its walk-forward (the edge, the backtest page).
  const evaluationQuery = useModelEvaluation(symbol, interval, forecastQuery.isSuccess && !withVolatility);
  const volatilityQuery = useVolatility(symbol, interval, withVolatility);
  const candleError = newest.error ?? candlesQuery.error;
  const tracked = useTrackedIntervals(symbol);

  const candles = useMemo(() => candlesQuery.data?.candles ?? [], [candlesQuery.data]);
  const newestShown = candles.at(-1)?.time ?? null;
  useRefreshAtClose(symbol, interval, newestShown);

  // The latest forecast belongs after the newest candle: not after a window that ends earlier.
  const forecast = useMemo(() => {
    const f = forecastQuery.data;
    if (!f || f.points.length === 0) return null;
    const start = f.basedOn?.time ?? f.points[0].targetTime;
    return view.to === null || Date.parse(view.to) >= Date.parse(start) ? f : null;
  }, [forecastQuery.data, view.to]);

  const series = useMemo(() => {
    const points = toCandlePoints(candles);
    const past = firstStepForecasts(historyQuery.data?.forecasts ?? [], points);
    const markers = toHitMarkers(past, points);
    return {
      points,
      volume: toVolumePoints(candles),
      forecastLine: toForecastLine(points, forecast),
      bands: toBandLayers(points, forecast),
      range: toRangeBars(points, forecast),
      past,
      pastLine: toPastForecastLine(past),
      markers,
      ...countHits(markers),
    };
  }, [candles, forecast, historyQuery.data]);

  const change = (next: Pick<AssetView, 'interval' | 'preset' | 'from' | 'to'>) => {
    if (next.interval !== interval) setPreferences({ intervals: { ...remembered, [symbol]: next.interval } });
    navigate(`${location}?${assetSearch(next)}`);
  };

  const exportCsv = () => {
    const rows = exportRows({ asset: symbol, interval, candles, forecast, pastForecasts: series.past });
    downloadText(toCsv(EXPORT_HEADER, rows), exportFileName(symbol, interval));
  };

  const staleCandles = candlesStale(newestShown, interval, now) && view.to === null;
  const staleForecast = forecastStaleness(forecast, interval, now);
  const intraday = INTERVAL_SECONDS[interval] < 86_400;
  const last = candles.at(-1);
  const draft = editing?.draft;
  const draftLevel = draft && isPriceKind(draft.kind) ? Number(draft.threshold.replace(/,/g, '')) : NaN;
  const alertLevel = Number.isFinite(draftLevel) && draftLevel > 0 ? draftLevel : null;
  const ruleLevels = useMemo(
    () =>
      (rules.data?.rules ?? [])
        .filter(
          (r) =>
            r.asset === symbol &&
            r.interval === interval &&
            r.active &&
            r.threshold !== null &&
            isPriceKind(r.kind) &&
            r.id !== editing?.id,
        )
        .map((r) => r.threshold!),
    [rules.data, symbol, interval, editing?.id],
  );

  return (
    <section className="asset-page">
      <header className="asset-header">
        <div className="asset-title">
          <h1>
            {symbol} <span className="muted">{interval}</span>
          </h1>
          <WatchStar symbol={symbol} />
        </div>
        {last && (
          <p className="asset-last">
            Last close <strong>{formatPrice(last.close)}</strong>{' '}
            <span className="muted">(candle of {formatTime(last.time, timezone, intraday ? 'datetime' : 'date')})</span>
          </p>
        )}
        <LiveTicker symbol={symbol} />
        <p className="hint">
          <Link href="/markets">All markets</Link> ·{' '}
          <Link href={`/markets/${encodeURIComponent(symbol)}/backtest?interval=${interval}`}>Backtest of {interval} forecasts</Link> ·{' '}
          <Link href={`/markets/${encodeURIComponent(symbol)}/analysis?interval=${interval}`}>Analysis of {symbol}</Link> ·{' '}
          <Link href={`/compare?series=${encodeURIComponent(symbol)}`}>Compare</Link>
        </p>
      </header>

      <SeriesControls key={`${interval} ${view.from} ${view.to}`} view={view} intervals={tracked} onChange={change} />
      {view.ignored.length > 0 && <p className="hint">Ignored in the address: {view.ignored.join(', ')} (not readable).</p>}

      <div className="asset-warnings">
        {staleCandles && last && (
          <p className="warning">
            Warning: the newest {interval} candle opened {formatTime(last.time, timezone)}; more than two intervals have passed since it
            closed, so the data is not current.
          </p>
        )}
        {staleForecast.stale && (
          <p className="warning">
            Warning: the forecast is stale:{' '}
            {staleForecast.reason === 'passed' ? 'every candle it forecast has closed.' : 'it was made more than two intervals ago.'}
          </p>
        )}
      </div>

      <div className="chart-toolbar">
        <button type="button" aria-pressed={asTable} onClick={() => setAsTable((on) => !on)}>
          Show as table
        </button>
        <button type="button" onClick={exportCsv} disabled={candles.length === 0}>
          Export CSV
        </button>
      </div>

      {candleError ? (
        <p className="form-error" role="alert">
          {notFound(candleError) ? `No candles: ${describeError(candleError)}` : describeError(candleError)}
        </p>
      ) : candlesQuery.isPending ? (
        <Loading />
      ) : candles.length === 0 ? (
        <p>No {interval} candles in this range.</p>
      ) : asTable ? (
        <AssetTables
          symbol={symbol}
          interval={interval}
          candles={candles}
          forecast={forecast}
          pastForecasts={series.past}
          timezone={timezone}
        />
      ) : (
        <PriceChart
          candles={series.points}
          volume={series.volume}
          forecast={series.forecastLine}
          bands={series.bands}
          range={series.range}
          pastForecast={series.pastLine}
          markers={series.markers}
          colors={colors}
          timezone={timezone}
          intraday={intraday}
          alertLevel={alertLevel}
          onAlertLevel={(level) => editing && setEditing({ ...editing, draft: { ...editing.draft, threshold: String(level) } })}
          ruleLevels={ruleLevels}
          // Fitted once the forecast has answered too: fitted before, the view would end at the last candle and leave the forecast and its band out.
          fitKey={
            candlesQuery.isPlaceholderData || forecastQuery.isPending
              ? null
              : `${symbol} ${interval} ${view.preset} ${view.from} ${view.to}`
          }
        />
      )}
      {candlesQuery.data?.next && (
        <p className="hint">
          The first {candles.length.toLocaleString()} candles of this range are shown; narrow the range to see later ones.
        </p>
      )}

      <div className="chart-legend">
        {forecastQuery.isError ? (
          <p>No forecast: {describeError(forecastQuery.error)}</p>
        ) : forecast ? (
          <p>
            <span className="legend-line" aria-hidden="true" /> Forecast of {forecast.points.length} {interval} close
            {forecast.points.length === 1 ? '' : 's'}, dashed, from the last close. <BandLegend levels={series.bands.map((b) => b.level)} />{' '}
            The dashed vertical line marks now.
          </p>
        ) : forecastQuery.data ? (
          <p>The latest forecast lies outside this range.</p>
        ) : null}
        {!asTable && candles.length > 0 && (
          <p>
            <span className="legend-range" aria-hidden="true" /> Lowest pane: each candle&apos;s range (high over low, in percent)
            {series.range.expected.length > 0 ? (
              <>
                , then <span className="legend-range legend-range-expected" aria-hidden="true" /> the forecast&apos;s expected range of each
                coming candle.
              </>
            ) : (
              '; no expected range forecast yet.'
            )}
          </p>
        )}
      </div>

      <AlertEditor
        symbol={symbol}
        interval={interval}
        lastClose={last ? Number(last.close) : null}
        quote={quote}
        timezone={timezone}
        editing={editing}
        onEditing={setEditing}
      />

      <div className="asset-panels">
        <ModelPanel
          forecast={forecastQuery.data}
          evaluation={evaluationQuery.data}
          evaluationError={evaluationQuery.error}
          timezone={timezone}
          nowMs={now}
          backtestPath={`/markets/${encodeURIComponent(symbol)}/backtest?interval=${interval}`}
        />
        <AccuracyPanel
          accuracy={historyQuery.data?.accuracy}
          forecasts={historyQuery.data?.count ?? 0}
          hits={series.hits}
          misses={series.misses}
          error={historyQuery.error}
        />
        <VolatilityPanel
          volatility={volatilityQuery.data}
          available={withVolatility}
          error={volatilityQuery.error}
          timezone={timezone}
          intraday={intraday}
        />
      </div>
    </section>
  );
}
