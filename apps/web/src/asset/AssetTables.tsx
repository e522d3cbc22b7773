import { formatPrice, formatTime } from '../app/format.ts';
import type { TimeZoneChoice } from '../app/preferences/preferences.store.ts';
import type { Candle, Forecast, ForecastRecord } from './chart-data.ts';

interface Props {
  symbol: string;
  interval: string;
  candles: Candle[];
  forecast: Forecast | null;
  pastForecasts: ForecastRecord[];
  timezone: TimeZoneChoice;
}

/** So many rows keep the page quick; the CSV has them all. */
export const TABLE_ROWS = 500;

/** The chart as tables: the forecast, past forecasts and the candles, newest first. */
export function AssetTables({ symbol, interval, candles, forecast, pastForecasts, timezone }: Props) {
  const newest = candles.slice(-TABLE_ROWS).reverse();
  const past = pastForecasts.slice(-TABLE_ROWS).reverse();
  return (
    <div className="asset-tables" data-testid="price-table">
      <div className="table-wrap">
        <table>
          <caption>
            {symbol} {interval} forecast
          </caption>
          <thead>
            <tr>
              <th scope="col">Candle</th>
              <th scope="col" className="num">
                Forecast close
              </th>
            </tr>
          </thead>
          <tbody>
            {forecast && forecast.points.length > 0 ? (
              forecast.points.map((p) => (
                <tr key={p.targetTime}>
                  <th scope="row">{formatTime(p.targetTime, timezone)}</th>
                  <td className="num">{formatPrice(p.predictedClose)}</td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={2}>No forecast shown.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {past.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>Past forecasts one step ahead, and what happened</caption>
            <thead>
              <tr>
                <th scope="col">Candle</th>
                <th scope="col" className="num">
                  Forecast
                </th>
                <th scope="col" className="num">
                  Actual
                </th>
                <th scope="col">Direction</th>
              </tr>
            </thead>
            <tbody>
              {past.map((r) => (
                <tr key={`${r.targetTime} ${r.madeAt}`}>
                  <th scope="row">{formatTime(r.targetTime, timezone)}</th>
                  <td className="num">{formatPrice(r.predictedClose)}</td>
                  <td className="num">{formatPrice(r.actualClose)}</td>
                  <td>{r.directionHit === null ? 'not yet' : r.directionHit ? 'hit' : 'miss'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="table-wrap">
        <table>
          <caption>
            {symbol} {interval} candles, newest first
            {candles.length > TABLE_ROWS ? ` (the newest ${TABLE_ROWS} of ${candles.length}; Export CSV has all)` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Open time</th>
              <th scope="col" className="num">
                Open
              </th>
              <th scope="col" className="num">
                High
              </th>
              <th scope="col" className="num">
                Low
              </th>
              <th scope="col" className="num">
                Close
              </th>
              <th scope="col" className="num hide-narrow">
                Volume
              </th>
            </tr>
          </thead>
          <tbody>
            {newest.map((c) => (
              <tr key={c.time}>
                <th scope="row">{formatTime(c.time, timezone)}</th>
                <td className="num">{formatPrice(c.open)}</td>
                <td className="num">{formatPrice(c.high)}</td>
                <td className="num">{formatPrice(c.low)}</td>
                <td className="num">{formatPrice(c.close)}</td>
                <td className="num hide-narrow">{Number(c.volume).toLocaleString(undefined, { maximumFractionDigits: 4 })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
