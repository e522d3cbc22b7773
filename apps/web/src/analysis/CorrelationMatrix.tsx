import type { Correlation } from '../api/market-views.ts';
import type { ResolvedTheme } from '../app/theme/tokens.ts';
import { correlationColor } from './analysis-figures.ts';

/** The correlation matrix as a table, each cell shaded by its value (blue together, orange opposite). */
export function CorrelationMatrix({ correlation, theme }: { correlation: Correlation; theme: ResolvedTheme }) {
  const { symbols, matrix } = correlation;
  return (
    <div className="table-wrap">
      <p className="hint">
        {correlation.method}: {correlation.returns} {correlation.interval} returns.
      </p>
      <table className="correlation-matrix" data-testid="correlation-matrix">
        <caption className="visually-hidden">Correlation matrix of {symbols.join(', ')}</caption>
        <thead>
          <tr>
            <td />
            {symbols.map((s) => (
              <th key={s} scope="col" className="num">
                {s}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {symbols.map((row, i) => (
            <tr key={row}>
              <th scope="row">{row}</th>
              {symbols.map((col, j) => {
                const r = matrix[i]?.[j];
                return (
                  <td
                    key={col}
                    className="num"
                    style={r === undefined || r === null ? undefined : { background: correlationColor(r, theme) }}
                  >
                    {r === undefined || r === null ? '—' : r.toFixed(2)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
