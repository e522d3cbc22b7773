const GRID_STEPS = 20;

/**
 * The factor in [0, 1] (steps of 0.05) by which forecast log returns are multiplied, chosen to
 * minimize the MAE of next-close forecasts on samples the model did not fit (the validation
 * split). Daily returns are mostly noise: a forecast shrunk toward "no change" loses less when it
 * is wrong, and 0 makes it the naive forecast. Ties go to the smaller factor.
 */
export function calibrateShrink(last: ArrayLike<number>, actual: ArrayLike<number>, forecastReturns: ArrayLike<number>): number {
  const errorAt = (shrink: number) => {
    let error = 0;
    for (let i = 0; i < last.length; i++) error += Math.abs(actual[i] - last[i] * Math.exp(shrink * forecastReturns[i]));
    return error;
  };
  let best = 0;
  let bestError = errorAt(0);
  for (let k = 1; k <= GRID_STEPS; k++) {
    const error = errorAt(k / GRID_STEPS);
    if (error < bestError * (1 - 1e-12)) [best, bestError] = [k / GRID_STEPS, error];
  }
  return best;
}
