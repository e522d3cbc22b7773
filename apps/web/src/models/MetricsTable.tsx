import { formatTime } from '../app/format.ts';
import { usePreferences } from '../app/preferences/usePreferences.ts';
import { metricRows } from './metric-rows.ts';
import type { TrainingEvaluation } from './model-types.ts';

/** One split's evaluation: the model beside the naive forecast (next close = last close). */
export function MetricsTable({ evaluation, caption }: { evaluation: TrainingEvaluation; caption: string }) {
  const { timezone } = usePreferences();
  const rows = metricRows(evaluation.model, evaluation.naive);
  return (
    <div className="table-wrap">
      <table>
        <caption>
          {caption}: {evaluation.samples} forecasts, {formatTime(evaluation.from * 1000, timezone, 'date')} to{' '}
          {formatTime(evaluation.to * 1000, timezone, 'date')}
        </caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="num">
              Model
            </th>
            <th scope="col" className="num">
              Naive
            </th>
            <th scope="col">Better than naive</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <th scope="row">{row.label}</th>
              <td className="num">{row.model}</td>
              <td className="num">{row.naive}</td>
              <td>{row.beatsNaive === null ? '—' : row.beatsNaive ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
