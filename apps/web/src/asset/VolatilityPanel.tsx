import { formatPrice, formatTime } from '../app/format.ts';
import type { TimeZoneChoice } from '../app/preferences/preferences.store.ts';
import { describeError } from '../auth/describe-error.ts';
import { skillText, volatilityRows, type VolatilityView } from './volatility.ts';

interface Props {
  volatility: VolatilityView | undefined;
  /** False when the forecast carries no distribution: nothing was asked. */
  available: boolean;
  error: unknown;
  timezone: TimeZoneChoice;
  intraday: boolean;
}

const pct = (n: number | null) => (n === null ? '—' : `${n.toFixed(2)}%`);

/** The served forecast's volatility: σ per step, the expected range of each coming candle, σ annualised, skill over EWMA. */
export function VolatilityPanel({ volatility, available, error, timezone, intraday }: Props) {
  const rows = volatility ? volatilityRows(volatility) : [];
  return (
    <section className="asset-panel" aria-labelledby="volatility-heading">
      <h2 id="volatility-heading">Volatility</h2>
      {!available ? (
        <p className="muted">This forecast carries no volatility yet.</p>
      ) : error ? (
        <p className="muted">No volatility: {describeError(error)}</p>
      ) : volatility ? (
        <>
          <p>
            σ of the next candle, annualised: <strong>{pct(volatility.annualizedSigma * 100)}</strong>
          </p>
          <p className="hint">{skillText(volatility.skillVsEwma)}</p>
          <div className="table-wrap">
            <table>
              <caption>σ of each forecast candle&apos;s log return, σ to it from the last close, and its expected high–low range</caption>
              <thead>
                <tr>
                  <th scope="col">Candle</th>
                  <th scope="col" className="num">
                    σ
                  </th>
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
                    <td className="num">{pct(r.cumulativePercent)}</td>
                    <td className="num">
                      {r.low === null || r.high === null ? '—' : `${formatPrice(r.low)}–${formatPrice(r.high)} (${pct(r.rangePercent)})`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
