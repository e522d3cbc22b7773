/**
 * Walk-forward evaluation of the default LSTM on the shipped daily history. Over the last `days`
 * days of each asset: train on the candles before a cutoff (all of them, or the last `history`),
 * forecast each next close up to the next cutoff, move the cutoff `every` days on, train again.
 * Nothing at or after a cutoff reaches the training, the scaling or the shrink of the model that
 * forecasts past it. Prints MAE, MASE and directional accuracy of the model as served (its
 * forecasts shrunk by the factor its validation split chose), of the raw LSTM (shrink 1), and of
 * the naive forecast (next close = last close).
 *
 *   npm run bench:walk-forward [-- --days 365 --every 30 --history 0 --assets BTC,ETH --hp '{"units":32}']
 */
import { parseArgs } from 'node:util';
import type { Candle } from '#libs/domain';
import { DEFAULT_HYPERPARAMETERS, evaluate, isBackendName, train, useBackend, type Evaluation } from '#libs/ml';
import { dailyHistory } from '../libs/ml/src/daily-history.fixture.js';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '365' },
    every: { type: 'string', default: '30' },
    history: { type: 'string', default: '0' },
    backend: { type: 'string', default: 'wasm' },
    assets: { type: 'string', default: 'BTC,ETH' },
    hp: { type: 'string', default: '{}' },
  },
});
const [days, every, history] = [Number(values.days), Number(values.every), Number(values.history)];
const assets = values.assets.split(',');
const overrides = JSON.parse(values.hp) as Record<string, number>;
if (!isBackendName(values.backend) || !(days > 0) || !(every > 0) || !(history >= 0) || !assets.every((a) => a === 'BTC' || a === 'ETH')) {
  process.stderr.write(
    'Usage: node dist/bench/walk-forward.js [--days 365] [--every 30] [--history 0 (all)] [--backend wasm] [--assets BTC,ETH] [--hp JSON]\n',
  );
  process.exit(2);
}
const backend = await useBackend(values.backend);
const hyperparameters = { ...DEFAULT_HYPERPARAMETERS, ...overrides };

/** Sums over the segments between cutoffs; MAE, MASE and hit rates are ratios of these. */
type Totals = {
  samples: number;
  naive: number;
  served: number;
  raw: number;
  servedHits: number;
  rawHits: number;
  ups: number;
  trainMs: number;
  shrinks: number[];
};
const results: [string, Totals][] = [];
const started = performance.now();

for (const asset of assets as ('BTC' | 'ETH')[]) {
  const candles = dailyHistory(asset);
  const t: Totals = { samples: 0, naive: 0, served: 0, raw: 0, servedHits: 0, rawHits: 0, ups: 0, trainMs: 0, shrinks: [] };
  for (let cutoff = candles.length - days; cutoff < candles.length; cutoff += every) {
    const before = candles.slice(history > 0 ? Math.max(0, cutoff - history) : 0, cutoff);
    const { artifact, featureSpec, durationMs } = await train(before, hyperparameters, { backend, splits: { validation: 0.15, test: 0 } });
    const until = Math.min(cutoff + every, candles.length);
    const segment: Candle[] = candles.slice(0, until);
    const from = candles[cutoff].time;
    const served = await evaluate(artifact, featureSpec, segment, { from });
    const raw = await evaluate(artifact, { ...featureSpec, shrink: 1 }, segment, { from });
    add(t, served, raw);
    t.trainMs += durationMs;
    t.shrinks.push(featureSpec.shrink);
    for (let i = cutoff; i < until; i++) if (Number(candles[i].close) > Number(candles[i - 1].close)) t.ups++;
  }
  results.push([asset, t]);
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const cell = (text: string, width: number) => text.padStart(width);
console.log(`
Walk-forward on daily candles: the last ${days} days of each asset, one-step-ahead forecasts of the close,
retrained every ${every} days on ${history > 0 ? `the last ${history} candles` : 'every candle'} before the cutoff (85% train, 15% validation)
backend ${backend}, hyperparameters ${JSON.stringify(hyperparameters)}

                        MAE               MASE            directional accuracy
asset   days     naive   served      raw   served     raw   served    raw  up days   shrinks chosen     trainings
${results
  .map(([asset, t]) =>
    [
      asset.padEnd(5),
      cell(String(t.samples), 6),
      cell((t.naive / t.samples).toFixed(2), 9),
      cell((t.served / t.samples).toFixed(2), 8),
      cell((t.raw / t.samples).toFixed(2), 8),
      cell((t.served / t.naive).toFixed(4), 8),
      cell((t.raw / t.naive).toFixed(4), 7),
      cell(pct(t.servedHits / t.samples), 8),
      cell(pct(t.rawHits / t.samples), 6),
      cell(pct(t.ups / t.samples), 8),
      `   ${summarize(t.shrinks).padEnd(16)}`,
      `${t.shrinks.length} × ${(t.trainMs / t.shrinks.length / 1000).toFixed(1)} s`,
    ].join(' '),
  )
  .join('\n')}

served: the model as predict() serves it, its forecast returns times the shrink its validation split chose
(0 = the naive forecast); raw: the same LSTM unshrunk. MASE below 1 beats the naive forecast. The naive
forecast calls no direction (its directional accuracy is 0 by definition): a coin scores 50%, "always up"
scores the share of up days. ${((performance.now() - started) / 1000).toFixed(0)} s in all.`);

function add(t: Totals, served: Evaluation, raw: Evaluation): void {
  t.samples += served.samples;
  t.naive += served.naive.mae * served.samples;
  t.served += served.model.mae * served.samples;
  t.raw += raw.model.mae * raw.samples;
  t.servedHits += served.model.directionalAccuracy * served.samples;
  t.rawHits += raw.model.directionalAccuracy * raw.samples;
}

/** `0 ×13` or `0 ×11, 0.15, 0.3` */
function summarize(shrinks: number[]): string {
  const counts = new Map<number, number>();
  for (const s of shrinks) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => (n > 1 ? `${s} ×${n}` : String(s)))
    .join(', ');
}
