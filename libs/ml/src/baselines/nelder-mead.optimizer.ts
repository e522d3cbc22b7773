/**
 * Nelder–Mead simplex minimisation: a few parameters, no gradient, robust to a likelihood that is
 * flat in places. Enough for GARCH(1,1)'s two free parameters; no dependency for it.
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  options: { step?: number; maxIterations?: number; tolerance?: number } = {},
): { x: number[]; value: number } {
  const { step = 0.5, maxIterations = 400, tolerance = 1e-9 } = options;
  const d = start.length;
  const value = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let simplex = [start.slice()];
  for (let i = 0; i < d; i++) {
    const x = start.slice();
    x[i] += step;
    simplex.push(x);
  }
  let values = simplex.map(value);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    if (Math.abs(values[d] - values[0]) <= tolerance * (Math.abs(values[0]) + tolerance)) break;
    const centroid = new Array<number>(d).fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j] += simplex[i][j] / d;
    const toward = (t: number) => centroid.map((c, j) => c + t * (simplex[d][j] - c));
    const reflected = toward(-1);
    const fr = value(reflected);
    if (fr < values[0]) {
      const expanded = toward(-2);
      const fe = value(expanded);
      [simplex[d], values[d]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[d - 1]) {
      [simplex[d], values[d]] = [reflected, fr];
    } else {
      const contracted = fr < values[d] ? toward(-0.5) : toward(0.5);
      const fc = value(contracted);
      if (fc < Math.min(fr, values[d])) {
        [simplex[d], values[d]] = [contracted, fc];
      } else {
        for (let i = 1; i <= d; i++) {
          simplex[i] = simplex[i].map((x, j) => simplex[0][j] + 0.5 * (x - simplex[0][j]));
          values[i] = value(simplex[i]);
        }
      }
    }
  }
  const best = values.indexOf(Math.min(...values));
  return { x: simplex[best], value: values[best] };
}
