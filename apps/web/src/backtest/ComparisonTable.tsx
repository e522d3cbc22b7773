import { COLUMNS, comparisonRows, type FamilyBacktest } from './backtest-figures.ts';

/** The served model beside every baseline, each figure with its CI or test below it. */
export function ComparisonTable({ backtests, caption }: { backtests: FamilyBacktest[]; caption: string }) {
  const rows = comparisonRows(backtests);
  return (
    // Wide (figures with their CIs): it scrolls sideways on a narrow screen, so it takes keyboard focus to scroll.
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="comparison">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Model family</th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className="num">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.family} className={row.served ? 'served' : undefined}>
              <th scope="row">
                {row.family}
                {row.served && <span className="badge badge-served"> served</span>}
              </th>
              {row.cells ? (
                row.cells.map((cell, i) => (
                  <td key={COLUMNS[i]} className="num">
                    {cell.value}
                    {cell.note && <span className="cell-note">{cell.note}</span>}
                  </td>
                ))
              ) : (
                <td colSpan={COLUMNS.length}>No walk-forward figures for this family yet.</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
