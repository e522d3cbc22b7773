/**
 * Time to fit the LSTM forecaster (family `lstm`, the ensemble the worker trains) on the shipped
 * BTC/USD daily history (data/history), with each TensorFlow.js backend in turn, in one process:
 * the same data, settings and seeds, so the same work. Aim: one production fit of the worker's
 * LSTM settings (10 epochs, no inner CV, 5 seeds: apps/worker/src/models/training-plan.ts) in under
 * a minute with the backend a worker picks here.
 *
 *   npm run bench:train [-- --backends tensorflow,wasm,cpu --asset BTC --epochs 3 --seeds 2 --folds 0 --candles 1500]
 *
 * "member-epochs" counts the epochs of every ensemble member (and of its cross-validation folds,
 * when --folds is above 0): what a fit's time grows with; "s/member-epoch" is the total over
 * them. "× cpu" is a backend's member-epochs a second over the plain JavaScript backend's, in the
 * same run. "loop lag" is the longest the event loop waited during the fit: what a BullMQ lock
 * renewal may wait. "pinball" is the fitted ensemble's mean pinball loss (log returns, step 1) on
 * the newest 10% of origins, which the fit did not see. A backend that is not installed
 * (tfjs-node, an optional dependency whose installer downloads libtensorflow) is reported as skipped.
 */
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { isBackendName, lstmForecaster, meanPinballLoss, toSeries, useBackend, type BackendName } from '#libs/ml';
import { dailyHistory } from '../libs/ml/src/daily-history.fixture.js';

const AIM_SECONDS = 60;
const DAY = 86_400;
const { values } = parseArgs({
  options: {
    backends: { type: 'string', default: 'tensorflow,wasm,cpu' },
    asset: { type: 'string', default: 'BTC' },
    epochs: { type: 'string', default: '10' },
    seeds: { type: 'string', default: '5' },
    folds: { type: 'string', default: '0' },
    candles: { type: 'string' },
  },
});
const backends = values.backends.split(',');
const asset = values.asset;
const [epochs, seeds, folds] = [values.epochs, values.seeds, values.folds].map(Number);
const candleLimit = values.candles === undefined ? undefined : Number(values.candles);
if (
  !backends.every(isBackendName) ||
  (asset !== 'BTC' && asset !== 'ETH') ||
  !(Number.isInteger(epochs) && epochs >= 1) ||
  !(Number.isInteger(seeds) && seeds >= 1) ||
  !(Number.isInteger(folds) && folds >= 0) ||
  (candleLimit !== undefined && !(Number.isInteger(candleLimit) && candleLimit >= 300))
) {
  process.stderr.write(
    'Usage: node dist/bench/train.js [--backends tensorflow,wasm,cpu] [--asset BTC|ETH] [--epochs N] [--seeds N] [--folds N] [--candles N (≥ 300)]\n',
  );
  process.exit(2);
}
const settings = { epochs, seeds, folds };
const shortened = epochs !== 10 || seeds !== 5 || folds !== 0 || candleLimit !== undefined;

const history = dailyHistory(asset);
const candles = candleLimit === undefined ? history : history.slice(-candleLimit);
const series = toSeries(candles);
const n = series.time.length;
const horizon = 7;
// Fit on all but the newest 10%, forecast those origins (each reads its own past only).
const fitTo = Math.floor(n * 0.9) - 1;
const origins = Array.from({ length: n - 2 - fitTo }, (_, i) => fitTo + 1 + i);

type Run = { backend: BackendName; startMs: number; fitMs: number; memberEpochs: number; lagMs: number; rssMb: number; pinball: number };
const runs: Run[] = [];
const skipped: string[] = [];
for (const backend of backends as BackendName[]) {
  if (backend === 'tensorflow' && !installed('@tensorflow/tfjs-node')) {
    skipped.push('tensorflow: skipped (not installed)');
    continue;
  }
  const starting = performance.now();
  try {
    await useBackend(backend);
  } catch (error) {
    skipped.push(`${backend}: skipped (${(error as Error).message})`);
    continue;
  }
  const startMs = performance.now() - starting;
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  let memberEpochs = 0;
  const fitStart = performance.now();
  const fitted = await lstmForecaster.fit(
    series,
    { from: 0, to: fitTo },
    { horizon, settings, stepSeconds: DAY, backend, onProgress: () => void memberEpochs++ },
  );
  const fitMs = performance.now() - fitStart;
  lag.disable();
  try {
    const forecasts = await fitted.predict(series, origins);
    // Step 1 of the raw forecast as a normal distribution's quantiles: the bench times the fit, this only checks it learned something sane.
    const z = [-1.645, -1.2816, -0.6745, 0, 0.6745, 1.2816, 1.645];
    const losses = origins.map((origin, i) => {
      const actual = Math.log(series.close[origin + 1] / series.close[origin]);
      return meanPinballLoss(
        z.map((k) => forecasts[i].center[0] + k * forecasts[i].sigma[0]),
        actual,
      );
    });
    const pinball = losses.reduce((sum, x) => sum + x, 0) / losses.length;
    runs.push({ backend, startMs, fitMs, memberEpochs, lagMs: lag.max / 1e6, rssMb: process.memoryUsage().rss / 2 ** 20, pinball });
  } finally {
    fitted.dispose();
  }
}

if (runs.length === 0) {
  console.log(skipped.join('\n'));
  process.exit(1);
}
const base = runs[0];
const cpu = runs.find((r) => r.backend === 'cpu');
const rate = (r: Run) => r.memberEpochs / (r.fitMs / 1000);
const columns: [string, number, (run: Run) => string][] = [
  ['backend', -10, (r) => r.backend],
  ['fit', 8, (r) => `${(r.fitMs / 1000).toFixed(1)} s`],
  ['member-epochs', 14, (r) => String(r.memberEpochs)],
  ['s/member-epoch', 15, (r) => (r.fitMs / Math.max(1, r.memberEpochs) / 1000).toFixed(2)],
  ['× cpu', 7, (r) => (cpu ? `${(rate(r) / rate(cpu)).toFixed(2)}×` : '–')],
  ['backend start', 14, (r) => `${r.startMs.toFixed(0)} ms`],
  ['max loop lag', 13, (r) => `${r.lagMs.toFixed(0)} ms`],
  ['RSS after', 10, (r) => `${r.rssMb.toFixed(0)} MB`],
  ['pinball', 9, (r) => r.pinball.toExponential(3)],
];
const row = (cells: string[]) =>
  cells.map((text, i) => (columns[i][1] < 0 ? text.padEnd(-columns[i][1]) : text.padStart(columns[i][1]))).join('  ');
const aim = shortened
  ? `aim < ${AIM_SECONDS} s: not judged (not the worker's settings: ${JSON.stringify(settings)}${candleLimit ? `, --candles ${candleLimit}` : ''})`
  : `aim < ${AIM_SECONDS} s: ${base.fitMs < AIM_SECONDS * 1000 ? 'met' : 'NOT met'}`;
console.log(`
Fitting the LSTM forecaster on ${asset}/USD daily: ${(fitTo + 1).toLocaleString('en-US')} candles (${iso(series.time[0])} to ${iso(series.time[fitTo])}),
settings ${JSON.stringify(settings)}, horizon ${horizon}; forecasts checked on the newest ${origins.length} origins

${row(columns.map(([name]) => name))}
${[...runs.map((run) => row(columns.map(([, , cell]) => cell(run)))), ...skipped].join('\n')}

${base.backend}: ${(base.fitMs / 1000).toFixed(1)} s, ${aim}`);

function iso(time: number): string {
  return new Date(time * 1000).toISOString().slice(0, 10);
}

/** Whether a package can be found at all: a backend missing from node_modules is skipped, not failed. */
function installed(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}
