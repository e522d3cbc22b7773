/**
 * Ordinary least squares by the normal equations (a handful of regressors: HAR's four), solved by
 * Gaussian elimination with partial pivoting. A (near-)singular design, such as a flat series
 * whose ranges are all the floor, gets a tiny ridge instead of NaNs.
 */
export function leastSquares(
  rows: readonly (readonly number[])[],
  y: readonly number[],
): { coefficients: number[]; residualVariance: number } {
  const p = rows[0]?.length ?? 0;
  if (rows.length < p || p === 0) throw new Error(`least squares needs at least ${p} rows, got ${rows.length}`);
  const xtx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xty = new Array<number>(p).fill(0);
  rows.forEach((row, r) => {
    for (let i = 0; i < p; i++) {
      xty[i] += row[i] * y[r];
      for (let j = 0; j < p; j++) xtx[i][j] += row[i] * row[j];
    }
  });
  let coefficients = solve(xtx, xty);
  if (coefficients === null) {
    const ridge = 1e-8 * Math.max(1, ...xtx.map((row, i) => Math.abs(row[i])));
    coefficients =
      solve(
        xtx.map((row, i) => row.map((v, j) => (i === j ? v + ridge : v))),
        xty,
      ) ?? new Array<number>(p).fill(0);
  }
  let sse = 0;
  rows.forEach((row, r) => {
    const fitted = row.reduce((sum, x, i) => sum + x * coefficients[i], 0);
    sse += (y[r] - fitted) ** 2;
  });
  return { coefficients, residualVariance: sse / Math.max(1, rows.length - p) };
}

function solve(matrix: number[][], vector: number[]): number[] | null {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]]);
  const scale = Math.max(...a.map((row) => Math.max(...row.slice(0, n).map(Math.abs))));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (!(Math.abs(a[pivot][col]) > 1e-12 * scale)) return null;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = a[r][col] / a[col][col];
      for (let c = col; c <= n; c++) a[r][c] -= factor * a[col][c];
    }
  }
  return a.map((row, i) => row[n] / row[i]);
}
