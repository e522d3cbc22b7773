import { formatPrice, formatTime } from '../app/format.ts';
import type { TimeZoneChoice } from '../app/preferences/preferences.store.ts';
import type { Forecast } from './chart-data.ts';
import { annualizedSigma, volatilityRows } from './volatility.ts';

interface Props {
  forecast: Forecast | null | undefined;
  intervalSeconds: number;
  timezone: TimeZoneChoice;
  intraday: boolean;
}

const pct = (n: number | null) => (n === null ? '—' : `${n.toFixed(2)}%`);

/** The served forecast's volatility: σ per step, the expected range of each coming candle, σ annualised. */
export function VolatilityPanel({ forecast, intervalSeconds, timezone, intraday }: Props) {
  const rows = volatilityRows(forecast);
  const annual = annualizedSigma(rows, intervalSeconds);
  return (
    <section className="asset-panel" aria-labelledby="volatility-heading">
      <h2 id="volatility-heading">Volatility</h2>
      {rows.length === 0 ? (
        <p className="muted">This forecast carries no volatility yet.</p>
      ) : (
        <>
          <p>
            σ of one step, annualised: <strong>{pct(annual)}</strong>
          </p>
          <div className="table-wrap">
            <table>
              <caption>σ of the log return to each step and the expected high–low range of each forecast candle</caption>
              <thead>
                <tr>
                  <th scope="col">Candle</th>
                  <th scope="col" className="num">
                    σ to it
                  </th>
                  <th scope="col" className="num">
                    Expected range
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.step}>
                    <th scope="row">{formatTime(r.targetTime, timezone, intraday ? 'datetime' : 'date')}</th>
                    <td className="num">{pct(r.sigmaPercent)}</td>
                    <td className="num">
                      {r.low === null || r.high === null ? '—' : `${formatPrice(r.low)}–${formatPrice(r.high)} (${pct(r.rangePercent)})`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
