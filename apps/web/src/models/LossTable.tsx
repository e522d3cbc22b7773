import { formatLoss } from './loss-series.ts';
import type { EpochLog } from './model-types.ts';

/** The loss curves as numbers: the chart's table fallback. */
export function LossTable({ history, caption }: { history: readonly EpochLog[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Epoch</th>
            <th scope="col" className="num">
              Loss
            </th>
            <th scope="col" className="num">
              Validation loss
            </th>
          </tr>
        </thead>
        <tbody>
          {history.map((entry) => (
            <tr key={entry.epoch}>
              <th scope="row">{entry.epoch}</th>
              <td className="num">{formatLoss(entry.loss)}</td>
              <td className="num">{formatLoss(entry.valLoss)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
