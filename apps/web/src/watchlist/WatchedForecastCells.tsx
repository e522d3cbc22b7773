import { ApiError } from '../api/api-error.ts';
import { formatPercent, formatPrice, formatTime } from '../app/format.ts';
import type { TimeZoneChoice } from '../app/preferences/preferences.store.ts';
import { describeError } from '../auth/describe-error.ts';
import { ago } from '../asset/forecast-notes.ts';
import type { IntervalCode } from '../asset/intervals.ts';
import { useLatestForecast } from '../asset/useAssetData.ts';
import { direction } from '../markets/market-format.ts';
import { summarizeForecast } from './forecast-summary.ts';

interface Props {
  symbol: string;
  interval: IntervalCode;
  /** The price the row shows (the market overview's), which the change is counted from. */
  currentPrice: string | null | undefined;
  timezone: TimeZoneChoice;
  nowMs: number;
}

/**
 * A tracked asset's forecast cells: the next close's median and its change from the price, its 80%
 * interval, the interval and when it was made. The asset page's query, so the two share one answer.
 */
export function WatchedForecastCells({ symbol, interval, currentPrice, timezone, nowMs }: Props) {
  const query = useLatestForecast(symbol, interval);
  const summary = query.data ? summarizeForecast(query.data, currentPrice) : null;
  const madeAt = query.data?.madeAt;

  let forecastCell;
  if (query.isPending) forecastCell = <td className="num">…</td>;
  else if (query.isError && !(query.error instanceof ApiError && query.error.status === 404))
    forecastCell = <td className="form-error">Forecast unavailable: {describeError(query.error)}</td>;
  else if (!summary) forecastCell = <td className="num">No forecast yet</td>;
  else
    forecastCell = (
      <td className="num">
        {formatPrice(summary.median)} <span className={direction(summary.changePercent)}>{formatPercent(summary.changePercent)}</span>
      </td>
    );

  return (
    <>
      {forecastCell}
      <td className="num hide-narrow">
        {summary?.range ? `${formatPrice(summary.range.lower)}–${formatPrice(summary.range.upper)}` : query.isPending ? '…' : '—'}
      </td>
      <td className="hide-narrow">
        {interval} ·{' '}
        {summary && madeAt ? (
          <time dateTime={madeAt} title={formatTime(madeAt, timezone)}>
            {ago(Date.parse(madeAt), nowMs)}
          </time>
        ) : query.isPending ? (
          '…'
        ) : (
          '—'
        )}
      </td>
    </>
  );
}
