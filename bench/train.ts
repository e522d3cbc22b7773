/**
 * Time to train the default LSTM on the shipped BTC/USD daily history (data/history), with each
 * TensorFlow.js backend in turn, in one process: the same data, hyperparameters and seed, so the
 * same work. Aim: the default trains in under a minute with the backend a worker picks here.
 *
 *   npm run bench:train [-- --backends wasm,cpu --asset BTC]
 *
 * samples/s counts training windows through one forward and backward pass (train samples ×
 * epochs run, over the training time); validation and test forecasts are in the total. "loop
 * lag" is the longest the event loop waited during training: what a BullMQ lock renewal may wait.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { contextLength, DEFAULT_HYPERPARAMETERS, evaluate, isBackendName, train, useBackend, type BackendName, type TrainResult } from '#libs/ml';
import { dailyHistory } from '../libs/ml/src/daily-history.fixture.js';

const AIM_SECONDS = 60;
const { values } = parseArgs({ options: { backends: { type: 'string', default: 'wasm,cpu' }, asset: { type: 'string', default: 'BTC' } } });
const backends = values.backends.split(',');
const asset = values.asset;
if (!backends.every(isBackendName) || (asset !== 'BTC' && asset !== 'ETH')) {
  process.stderr.write('Usage: node dist/bench/train.js [--backends tensorflow,wasm,cpu] [--asset BTC|ETH]\n');
  process.exit(2);
}

const candles = dailyHistory(asset);
type Run = { backend: BackendName; startMs: number; result: TrainResult; lagMs: number; rssMb: number; rawMase: number };
const runs: Run[] = [];
for (const backend of backends as BackendName[]) {
  const starting = performance.now();
  try {
    await useBackend(backend);
  } catch (error) {
    console.log(`${backend}: ${(error as Error).message}; skipped`);
    continue;
  }
  const startMs = performance.now() - starting;
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const result = await train(candles, {}, { backend });
  lag.disable();
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  const testCandles = candles.slice(-(result.samples.test + contextLength(result.featureSpec.window) + 1));
  const raw = await evaluate(result.artifact, { ...result.featureSpec, shrink: 1 }, testCandles, { from: result.test!.from });
  runs.push({ backend, startMs, result, lagMs: lag.max / 1e6, rssMb, rawMase: raw.model.mase });
}

const base = runs[0];
const columns: [string, number, (run: Run) => string][] = [
  ['backend', -10, (r) => r.backend],
  ['total', 8, (r) => `${(r.result.durationMs / 1000).toFixed(1)} s`],
  [`vs ${base.backend}`, 8, (r) => `${(r.result.durationMs / base.result.durationMs).toFixed(2)}×`],
  ['epochs', 7, (r) => String(r.result.history.length)],
  ['s/epoch', 8, (r) => (r.result.durationMs / r.result.history.length / 1000).toFixed(2)],
  ['samples/s', 10, (r) => Math.round((r.result.samples.train * r.result.history.length) / (r.result.durationMs / 1000)).toLocaleString('en-US')],
  ['backend start', 14, (r) => `${r.startMs.toFixed(0)} ms`],
  ['max loop lag', 13, (r) => `${r.lagMs.toFixed(0)} ms`],
  ['RSS after', 10, (r) => `${r.rssMb.toFixed(0)} MB`],
  ['test MASE', 10, (r) => r.result.test!.model.mase.toFixed(4)],
  ['raw MASE', 9, (r) => r.rawMase.toFixed(4)],
  ['shrink', 7, (r) => String(r.result.featureSpec.shrink)],
];
const row = (cells: string[]) => cells.map((text, i) => (columns[i][1] < 0 ? text.padEnd(-columns[i][1]) : text.padStart(columns[i][1]))).join('  ');
const first = candles[0];
const last = candles[candles.length - 1];
console.log(`
Training the default model on ${asset}/USD daily: ${candles.length.toLocaleString('en-US')} candles (${iso(first.time)} to ${iso(last.time)}),
${base.result.samples.train} train / ${base.result.samples.validation} validation / ${base.result.samples.test} test windows
hyperparameters ${JSON.stringify(DEFAULT_HYPERPARAMETERS)}

${row(columns.map(([name]) => name))}
${runs.map((run) => row(columns.map(([, , cell]) => cell(run)))).join('\n')}

${base.backend}: ${(base.result.durationMs / 1000).toFixed(1)} s, aim < ${AIM_SECONDS} s: ${base.result.durationMs < AIM_SECONDS * 1000 ? 'met' : 'NOT met'}
test MASE: the served model on the newest 15% of windows (shrink chosen on validation; 0 = the naive
forecast); raw MASE: the same LSTM unshrunk. Below 1 beats the naive forecast.`);

function iso(time: number): string {
  return new Date(time * 1000).toISOString().slice(0, 10);
}
