import { Link } from 'wouter';
import type { components } from '../api/schema';
import { formatPrice, formatTime } from '../app/format.ts';
import type { TimeZoneChoice } from '../app/preferences/preferences.store.ts';
import { describeError } from '../auth/describe-error.ts';
import type { Forecast } from './chart-data.ts';
import { forecastMeta } from './forecast-notes.ts';
import { ForecastNotes } from './ForecastNotes.tsx';
import { verdict, VERDICT_TEXT } from './model-verdict.ts';

type Evaluation = components['schemas']['ModelEvaluationView'];
type Metrics = components['schemas']['MetricsView'];

interface Props {
  forecast: Forecast | undefined;
  evaluation: Evaluation | undefined;
  evaluationError: unknown;
  timezone: TimeZoneChoice;
  nowMs: number;
  /** The series' backtest page, where a step-8 model's walk-forward figures are. */
  backtestPath: string;
}

const num = (n: number | null | undefined, digits = 4) =>
  typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString(undefined, { maximumFractionDigits: digits }) : '—';
const pct = (share: number | null | undefined) =>
  typeof share === 'number' && Number.isFinite(share) ? `${(share * 100).toFixed(1)}%` : '—';

const ROWS: { label: string; value: (m: Metrics) => string }[] = [
  { label: 'MAE', value: (m) => (m.mae == null ? '—' : formatPrice(m.mae)) },
  { label: 'MASE', value: (m) => num(m.mase, 3) },
  { label: 'RMSE', value: (m) => (m.rmse == null ? '—' : formatPrice(m.rmse)) },
  { label: 'MAPE', value: (m) => (m.mape == null ? '—' : `${num(m.mape, 2)}%`) },
  { label: 'Direction right', value: (m) => pct(m.directionalAccuracy) },
];

/** Which model made the forecast, and how the best model fares beside the naive forecast. */
export function ModelPanel({ forecast, evaluation, evaluationError, timezone, nowMs, backtestPath }: Props) {
  const model = evaluation?.model;
  const result = evaluation && verdict(evaluation.evaluation.metrics, evaluation.evaluation.naiveMetrics);
  // With step 8's edge (a DM test on the walk-forward), a lower MASE alone is no longer stated as "better".
  const tested = (forecastMeta(forecast).edge?.samples ?? 0) > 0;
  return (
    <section className="asset-panel" aria-labelledby="model-heading">
      <h2 id="model-heading">Model</h2>
      {forecast && (
        <p>
          The forecast was made {formatTime(forecast.madeAt, timezone)} by{' '}
          <Link href={`/models/${encodeURIComponent(forecast.model.id)}`}>model version {forecast.model.version}</Link>.
        </p>
      )}
      <ForecastNotes forecast={forecast} nowMs={nowMs} />
      {forecast && forecast.edge.samples > 0 && (
        <p>
          <Link href={backtestPath}>Its walk-forward beside every baseline</Link>: coverage over time, PIT histogram, the figures with their
          CIs.
        </p>
      )}
      {evaluation && model ? (
        <>
          <p>
            Best model: <Link href={`/models/${encodeURIComponent(model.id)}`}>version {model.version}</Link>
            {model.backend ? <>, trained on the {model.backend} backend</> : null}
            {model.trainedFrom && model.trainedTo ? (
              <>
                , on candles from {formatTime(model.trainedFrom, timezone, 'date')} to {formatTime(model.trainedTo, timezone, 'date')}
              </>
            ) : null}
            .
          </p>
          {forecast && forecast.model.id !== model.id && (
            <p className="hint">The forecast shown is by version {forecast.model.version}, not by the current best model.</p>
          )}
          <p>
            {!tested && (
              <>
                <span className={`badge badge-${result}`}>{VERDICT_TEXT[result!]}</span>{' '}
              </>
            )}
            <span className="muted">
              {evaluation.evaluation.kind === 'score' ? 'Scored' : 'Tested at training'} on {evaluation.evaluation.samples} forecasts,
              candles {formatTime(evaluation.evaluation.windowFrom, timezone, 'date')} to{' '}
              {formatTime(evaluation.evaluation.windowTo, timezone, 'date')}.
            </span>
          </p>
          <div className="table-wrap">
            <table>
              <caption>The model beside the naive forecast (next close = last close), same window</caption>
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col" className="num">
                    Model
                  </th>
                  <th scope="col" className="num">
                    Naive
                  </th>
                </tr>
              </thead>
              <tbody>
                {ROWS.map((row) => (
                  <tr key={row.label}>
                    <th scope="row">{row.label}</th>
                    <td className="num">{row.value(evaluation.evaluation.metrics)}</td>
                    <td className="num">{row.value(evaluation.evaluation.naiveMetrics)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : evaluationError ? (
        <p className="muted">No evaluation: {describeError(evaluationError)}</p>
      ) : null}
    </section>
  );
}
