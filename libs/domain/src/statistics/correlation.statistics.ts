import { sampleCorrelation } from 'simple-statistics';

/**
 * The Pearson correlation matrix of `columns` (one array of equal length per series): 1 on the
 * diagonal, null where a series has no spread (or fewer than 2 values), so undefined.
 */
export function correlationMatrix(columns: readonly (readonly number[])[]): (number | null)[][] {
  const spread = columns.map((c) => c.length >= 2 && c.some((v) => v !== c[0]));
  const matrix = columns.map(() => new Array<number | null>(columns.length).fill(null));
  for (let i = 0; i < columns.length; i++) {
    if (!spread[i]) continue;
    matrix[i][i] = 1;
    for (let j = i + 1; j < columns.length; j++) {
      if (!spread[j]) continue;
      const r = sampleCorrelation(columns[i] as number[], columns[j] as number[]);
      matrix[i][j] = matrix[j][i] = Number.isFinite(r) ? Math.max(-1, Math.min(1, r)) : null;
    }
  }
  return matrix;
}
