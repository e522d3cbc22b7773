/**
 * Time to train the default LSTM on the shipped BTC/USD daily history (data/history), with each
 * TensorFlow.js backend in turn, in one process: the same data, hyperparameters and seed, so the
 * same work. Aim: the default trains in under a minute with the backend a worker picks here.
 *
 *   npm run bench:train [-- --backends tensorflow,wasm,cpu --asset BTC --epochs 3 --candles 1500]
 *
 * samples/s counts training windows through one forward and backward pass a second, over the
 * epochs after the first (train samples × those epochs, over their time, each with its validation
 * pass): the first epoch carries the set-up and the backend's warm-up, and the validation and test
 * forecasts after the last are in the total only, so that short and full runs measure the same
 * thing. "× cpu" is a backend's samples/s over the plain JavaScript backend's, in the same run.
 * "loop lag" is the longest the event loop waited during training: what a BullMQ lock renewal may
 * wait. A backend that is not installed (tfjs-node, an optional dependency whose installer
 * downloads libtensorflow) is reported as skipped.
 *
 * The full run (the defaults) takes a few minutes here, most of it on cpu. `--epochs 3` (at most
 * that many epochs; at least 2, for a rate after the first) and `--candles 1500` (the newest
 * 1,500) shorten it to about 10 s for a quick comparison; the aim is judged on the full run only.
 * Compare rates of runs of the same length: short runs measured lower wasm rates here than full
 * ones.
 */
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { contextLength, evaluate, isBackendName, train, useBackend, type BackendName, type TrainResult } from '#libs/ml';
import { dailyHistory } from '../libs/ml/src/daily-history.fixture.js';

const AIM_SECONDS = 60;
const { values } = parseArgs({
  options: {
    backends: { type: 'string', default: 'tensorflow,wasm,cpu' },
    asset: { type: 'string', default: 'BTC' },
    epochs: { type: 'string' },
    candles: { type: 'string' },
  },
});
const backends = values.backends.split(',');
const asset = values.asset;
const epochs = values.epochs === undefined ? undefined : Number(values.epochs);
const candleLimit = values.candles === undefined ? undefined : Number(values.candles);
if (
  !backends.every(isBackendName) ||
  (asset !== 'BTC' && asset !== 'ETH') ||
  (epochs !== undefined && !(Number.isInteger(epochs) && epochs >= 2)) ||
  (candleLimit !== undefined && !(Number.isInteger(candleLimit) && candleLimit >= 200))
) {
  process.stderr.write(
    'Usage: node dist/bench/train.js [--backends tensorflow,wasm,cpu] [--asset BTC|ETH] [--epochs N (≥ 2)] [--candles N (≥ 200)]\n',
  );
  process.exit(2);
}
const hyperparameters = epochs === undefined ? {} : { epochs };
const shortened = epochs !== undefined || candleLimit !== undefined;

const history = dailyHistory(asset);
const candles = candleLimit === undefined ? history : history.slice(-candleLimit);
type Run = {
  backend: BackendName;
  startMs: number;
  result: TrainResult;
  samplesPerSecond: number;
  lagMs: number;
  rssMb: number;
  rawMase: number;
};
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
  const epochEnds: number[] = [];
  const result = await train(candles, hyperparameters, { backend, onEpoch: () => void epochEnds.push(performance.now()) });
  lag.disable();
  const samplesPerSecond = (result.samples.train * (epochEnds.length - 1)) / ((epochEnds[epochEnds.length - 1] - epochEnds[0]) / 1000);
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  const testCandles = candles.slice(-(result.samples.test + contextLength(result.featureSpec.window) + 1));
  const raw = await evaluate(result.artifact, { ...result.featureSpec, shrink: 1 }, testCandles, { from: result.test!.from });
  runs.push({ backend, startMs, result, samplesPerSecond, lagMs: lag.max / 1e6, rssMb, rawMase: raw.model.mase });
}

if (runs.length === 0) {
  console.log(skipped.join('\n'));
  process.exit(1);
}
const base = runs[0];
const cpu = runs.find((r) => r.backend === 'cpu');
const columns: [string, number, (run: Run) => string][] = [
  ['backend', -10, (r) => r.backend],
  ['total', 8, (r) => `${(r.result.durationMs / 1000).toFixed(1)} s`],
  ['epochs', 7, (r) => String(r.result.history.length)],
  ['s/epoch', 8, (r) => (r.result.durationMs / r.result.history.length / 1000).toFixed(2)],
  ['samples/s', 10, (r) => Math.round(r.samplesPerSecond).toLocaleString('en-US')],
  ['× cpu', 7, (r) => (cpu ? `${(r.samplesPerSecond / cpu.samplesPerSecond).toFixed(2)}×` : '–')],
  ['backend start', 14, (r) => `${r.startMs.toFixed(0)} ms`],
  ['max loop lag', 13, (r) => `${r.lagMs.toFixed(0)} ms`],
  ['RSS after', 10, (r) => `${r.rssMb.toFixed(0)} MB`],
  ['test MASE', 10, (r) => r.result.test!.model.mase.toFixed(4)],
  ['raw MASE', 9, (r) => r.rawMase.toFixed(4)],
  ['shrink', 7, (r) => String(r.result.featureSpec.shrink)],
];
const row = (cells: string[]) =>
  cells.map((text, i) => (columns[i][1] < 0 ? text.padEnd(-columns[i][1]) : text.padStart(columns[i][1]))).join('  ');
const first = candles[0];
const last = candles[candles.length - 1];
const aim = shortened
  ? `aim < ${AIM_SECONDS} s: not judged (a shortened run: ${[epochs && `--epochs ${epochs}`, candleLimit && `--candles ${candleLimit}`].filter(Boolean).join(' ')})`
  : `aim < ${AIM_SECONDS} s: ${base.result.durationMs < AIM_SECONDS * 1000 ? 'met' : 'NOT met'}`;
console.log(`
Training the default model on ${asset}/USD daily: ${candles.length.toLocaleString('en-US')} candles (${iso(first.time)} to ${iso(last.time)}),
${base.result.samples.train} train / ${base.result.samples.validation} validation / ${base.result.samples.test} test windows
hyperparameters ${JSON.stringify(base.result.hyperparameters)}${shortened ? ' (shortened run)' : ''}

${row(columns.map(([name]) => name))}
${[...runs.map((run) => row(columns.map(([, , cell]) => cell(run)))), ...skipped].join('\n')}

${base.backend}: ${(base.result.durationMs / 1000).toFixed(1)} s, ${aim}
test MASE: the served model on the newest 15% of windows (shrink chosen on validation; 0 = the naive
forecast); raw MASE: the same LSTM unshrunk. Below 1 beats the naive forecast.`);

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
