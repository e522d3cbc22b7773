import type { components } from '../api/schema';
import { formatPrice } from '../app/format.ts';
import { describeError } from '../auth/describe-error.ts';
import { HIT_COLOR, MISS_COLOR } from './marker-colors.ts';

type Accuracy = components['schemas']['LiveAccuracyView'];

interface Props {
  accuracy: Accuracy | undefined;
  /** Forecasts the accuracy covers (the newest ones the API gave). */
  forecasts: number;
  hits: number;
  misses: number;
  error: unknown;
}

/** Past forecasts against what happened: the API's live accuracy and the chart's hit/miss legend. */
export function AccuracyPanel({ accuracy, forecasts, hits, misses, error }: Props) {
  return (
    <section className="asset-panel" aria-labelledby="accuracy-heading">
      <h2 id="accuracy-heading">Past forecasts</h2>
      <p className="hint">
        A <strong>hit</strong> is a forecast that got the direction of the move right: up or down from the close it started from, as the
        candle then closed. The chart marks each one-step-ahead forecast:{' '}
        <span className="legend-mark" style={{ color: HIT_COLOR }} aria-hidden="true">
          ●
        </span>{' '}
        hit,{' '}
        <span className="legend-mark" style={{ color: MISS_COLOR }} aria-hidden="true">
          ■
        </span>{' '}
        miss; the dotted line is what they forecast.
      </p>
      {accuracy ? (
        <dl className="figures">
          <div>
            <dt>Direction right</dt>
            <dd>{accuracy.directionHitRate === null ? '—' : `${(accuracy.directionHitRate * 100).toFixed(1)}%`}</dd>
          </div>
          <div>
            <dt>Mean absolute error</dt>
            <dd>{accuracy.mae === null ? '—' : formatPrice(accuracy.mae)}</dd>
          </div>
          <div>
            <dt>Realized</dt>
            <dd>
              {accuracy.realized} of the newest {forecasts} forecasts
            </dd>
          </div>
          {accuracy.withIntervals > 0 && (
            <div>
              <dt>Inside their 90% interval</dt>
              <dd>
                {accuracy.coverage90 === null ? '—' : `${(accuracy.coverage90 * 100).toFixed(1)}%`} of {accuracy.withIntervals}
              </dd>
            </div>
          )}
          <div>
            <dt>On this chart</dt>
            <dd>
              {hits} hits, {misses} misses
            </dd>
          </div>
        </dl>
      ) : error ? (
        <p className="muted">No past forecasts: {describeError(error)}</p>
      ) : null}
    </section>
  );
}
