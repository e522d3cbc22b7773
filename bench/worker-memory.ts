/**
 * Whether a worker's memory stays flat over many model cycles: in one process, on the backend a
 * worker picks here (the first of tensorflow, wasm, cpu that starts), 20 cycles of what the
 * worker's jobs do with TensorFlow.js: train a small LSTM ensemble on the shipped BTC daily history
 * as a `train` job does (fitForProduction: a walk-forward refit over the newest origins, then the
 * final fit and its artifact), and forecast from the newest candle as a `predict` job does (the
 * forecaster loads the stored artifact, predicts, and is disposed). The `score` job reads stored
 * walk-forwards and runs no TensorFlow.js.
 * Prints RSS, V8 heap and tf.memory() after each cycle, measured after a full garbage collection
 * so that what is printed is what the cycle left behind, not garbage not yet collected.
 *
 *   npm run build && node dist/bench/worker-memory.js [--cycles 20] [--candles 1500] [--backend wasm] [--hp '{"units":16}']
 *
 * Aim (DESIGN.md: "No tensor outlives its job"), against the figures after cycle 1 (the warm-up:
 * the backend's kernels, its memory and V8's code are sized then):
 * - tf.memory().numTensors after every cycle equals its value before the first. Exact: a tensor
 *   is disposed or it is not, and a model kept by mistake keeps its weights' tensors.
 * - The V8 heap grows by less than 3 MB from cycle 1 to the last. It grows by about 2 MB over the
 *   first few tens of cycles at this size and then levels off (heap snapshots of later cycles
 *   show the growth to be compiled code, not objects), so a tighter bound would fail on warm-up.
 * - RSS grows by less than 10% of its value after cycle 1. RSS is the allocators' view: glibc and
 *   V8 keep pages they once needed and it wanders by a few MB between cycles; the wasm memory,
 *   where the tensors live, is printed beside it (it grows in pages and never shrinks).
 * Twenty cycles catch a leak of about 100 KB a cycle or more (a model's JS graph is about 20 KB, its
 * weights are counted as tensors); the slopes over the second half are printed too, and a longer
 * run (--cycles 200 --hp '{"epochs":1,"seeds":1}') shows anything smaller. One such is TF.js's own: tfjs-layers
 * keeps the name of every variable it ever made (getUniqueTensorName's map in common.js), about
 * 0.5 KB per model built or loaded, never given back.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { fitForProduction, isBackendName, lstmForecaster, toSeries, useBackend } from '#libs/ml';
import { dailyHistory } from '../libs/ml/src/daily-history.fixture.js';

/** Small enough for a cycle of a few seconds; the same shape of work as the worker's settings (an ensemble, no inner CV). */
const SMALL = { units: 8, window: 10, epochs: 4, seeds: 2, folds: 0, batchSize: 64 };
/** Origins of each cycle's walk-forward, refit once: the worker's LSTM refits once over its span. */
const SPAN = 100;
const HORIZON = 7;
const HEAP_AIM_MB = 3;
const RSS_AIM_SHARE = 0.1;

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '20' },
    candles: { type: 'string', default: '1500' },
    backend: { type: 'string' },
    hp: { type: 'string', default: '{}' },
  },
});
const cycles = Number(values.cycles);
const candleCount = Number(values.candles);
if (
  !Number.isInteger(cycles) ||
  cycles < 4 ||
  !Number.isInteger(candleCount) ||
  candleCount < 200 ||
  (values.backend !== undefined && !isBackendName(values.backend))
) {
  process.stderr.write(
    'Usage: node dist/bench/worker-memory.js [--cycles 20] [--candles 1500] [--backend tensorflow|wasm|cpu] [--hp JSON]\n',
  );
  process.exit(2);
}
const hyperparameters = { ...SMALL, ...(JSON.parse(values.hp) as Record<string, number>) };

// A full collection before each reading: what is left is what a cycle kept.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const candles = dailyHistory('BTC').slice(-candleCount);
const series = toSeries(candles);
const backend = await useBackend(values.backend);

type Reading = {
  cycle: number;
  ms: number;
  rssMb: number;
  heapMb: number;
  externalMb: number;
  wasmMb: number | null;
  tensors: number;
  tensorMb: number;
};
const MB = 2 ** 20;
const read = (cycle: number, ms: number): Reading => {
  gc();
  const { rss, heapUsed, external } = process.memoryUsage();
  const memory = tf.memory();
  return {
    cycle,
    ms,
    rssMb: rss / MB,
    heapMb: heapUsed / MB,
    externalMb: external / MB,
    wasmMb: wasmHeapMb(),
    tensors: memory.numTensors,
    tensorMb: memory.numBytes / MB,
  };
};

const start = read(0, 0);
const readings: Reading[] = [];
for (let cycle = 1; cycle <= cycles; cycle++) {
  const started = performance.now();
  const fit = await fitForProduction(lstmForecaster, series, {
    horizon: HORIZON,
    span: SPAN,
    refitEvery: SPAN,
    fit: { settings: hyperparameters, stepSeconds: 86_400, backend },
  });
  const artifact = fit.artifact;
  fit.fitted.dispose();
  const served = await lstmForecaster.load(artifact);
  try {
    await served.predict(series, [series.time.length - 1]);
  } finally {
    served.dispose();
  }
  readings.push(read(cycle, performance.now() - started));
}

const first = readings[0];
const last = readings[readings.length - 1];
const secondHalf = readings.slice(Math.floor(readings.length / 2));
const leakedTensors = readings.filter((r) => r.tensors !== start.tensors);
const rssGrowth = last.rssMb - first.rssMb;
const heapGrowth = last.heapMb - first.heapMb;
const rssBound = RSS_AIM_SHARE * first.rssMb;
const tensorsFlat = leakedTensors.length === 0;
const heapFlat = heapGrowth < HEAP_AIM_MB;
const rssFlat = rssGrowth < rssBound;

const columns: [string, number, (r: Reading) => string][] = [
  ['cycle', 5, (r) => (r.cycle === 0 ? 'start' : String(r.cycle))],
  ['time', 7, (r) => (r.cycle === 0 ? '' : `${(r.ms / 1000).toFixed(1)} s`)],
  ['RSS', 9, (r) => `${r.rssMb.toFixed(1)} MB`],
  ['heap used', 10, (r) => `${r.heapMb.toFixed(1)} MB`],
  ['external', 9, (r) => `${r.externalMb.toFixed(1)} MB`],
  ['wasm memory', 12, (r) => (r.wasmMb === null ? '–' : `${r.wasmMb.toFixed(1)} MB`)],
  ['tensors', 8, (r) => String(r.tensors)],
  ['tensor bytes', 13, (r) => `${r.tensorMb.toFixed(2)} MB`],
];
const row = (cells: string[]) => cells.map((text, i) => text.padStart(columns[i][1])).join('  ');
const signed = (n: number, digits = 1) => `${n >= 0 ? '+' : ''}${n.toFixed(digits)}`;
console.log(`
Worker memory over ${cycles} cycles of train (fitForProduction, ${SPAN} origins) + forecast (load + predict), backend ${backend}
BTC/USD daily, newest ${candles.length} candles; LSTM settings ${JSON.stringify(hyperparameters)}
readings after a full GC

${row(columns.map(([name]) => name))}
${[start, ...readings].map((r) => row(columns.map(([, , cell]) => cell(r)))).join('\n')}

baseline: after cycle 1 (warm-up); for tensors, before cycle 1
tensors    ${start.tensors} before cycle 1, ${last.tensors} after cycle ${last.cycle}: ${tensorsFlat ? 'back to the baseline after every cycle' : `NOT back after cycles ${leakedTensors.map((r) => r.cycle).join(', ')}`}
heap used  ${signed(heapGrowth)} MB from cycle 1 to ${last.cycle}; slope over cycles ${secondHalf[0].cycle}-${last.cycle}: ${signed(slope(secondHalf, 'heapMb') * 1024, 0)} KB/cycle   aim < ${HEAP_AIM_MB} MB: ${heapFlat ? 'met' : 'NOT met'}
RSS        ${signed(rssGrowth)} MB (${signed((rssGrowth / first.rssMb) * 100)}%) from cycle 1 to ${last.cycle}; slope over cycles ${secondHalf[0].cycle}-${last.cycle}: ${signed(slope(secondHalf, 'rssMb') * 1024, 0)} KB/cycle   aim < 10% (${rssBound.toFixed(0)} MB): ${rssFlat ? 'met' : 'NOT met'}
verdict: ${tensorsFlat && heapFlat && rssFlat ? 'flat' : 'NOT flat'}`);

// A tensor left behind breaks DESIGN.md's rule: fail. Memory figures beyond their aim are reported, as other benches do.
if (!tensorsFlat) process.exitCode = 1;

/** Least-squares growth per cycle (MB) of one figure: steadier than two readings. */
function slope(points: Reading[], key: 'rssMb' | 'heapMb'): number {
  const meanX = points.reduce((sum, p) => sum + p.cycle, 0) / points.length;
  const meanY = points.reduce((sum, p) => sum + p[key], 0) / points.length;
  const covariance = points.reduce((sum, p) => sum + (p.cycle - meanX) * (p[key] - meanY), 0);
  const variance = points.reduce((sum, p) => sum + (p.cycle - meanX) ** 2, 0);
  return covariance / variance;
}

/** The size of the wasm backend's linear memory (it grows in pages and never shrinks); null on other backends. */
function wasmHeapMb(): number | null {
  const wasm = (tf.backend() as { wasm?: { HEAPU8?: Uint8Array } }).wasm;
  return wasm?.HEAPU8 ? wasm.HEAPU8.buffer.byteLength / MB : null;
}
