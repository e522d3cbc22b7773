/**
 * FORECAST.md's targets T1–T8, measured on the production path: `walkForward` (the engine the
 * training job, the backtest job and tuning call) with every family from `forecasterFor`, over the
 * newest `days` daily origins of BTC and ETH (the shipped history, data/history) and the newest
 * `hourly-days` of hourly candles (../shared/data, or --data). Refits every `every` days (the
 * LSTM every `lstm-every`; days × candles per day for hourly series); the calibration moves with
 * every realized actual; nothing after an origin reaches its forecast. Figures come from
 * summarizeWalkForward (per 365-origin segment, 30 days for hourly, and in total), the served
 * model from chooseServed. The LSTM's epochs are chosen once by its rolling-origin CV on the
 * candles before the first origin, then every refit trains that many (folds 0); its seed spread
 * (T7) comes from walk-forwards of the first seed-runs members alone: with folds 0 a member is the
 * fit its own seed would make (FittedLstm.member), so they predict with the ensemble's refits
 * instead of training each seed again.
 *
 *   npm run bench:walk-forward [-- --families naive,ewma,garch,har-range,lstm --days 1095 --every 30 --lstm-every 90
 *      --horizon 7 --hourly-days 180 --assets BTC,ETH --lstm '{"units":32}' --seed-runs 5 --backend wasm]
 *   quick: npm run bench:walk-forward -- --families naive,har-range --days 400 --hourly-days 0
 *   on 2 cores, the daily and each hourly series in a process of its own (--days 0: hourly only)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  INTERVAL_LEVELS,
  QUANTILE_LEVELS,
  isModelFamily,
  type BacktestFigures,
  type BacktestSummary,
  type Candle,
  type ModelFamily,
} from '#libs/domain';
import {
  chooseServed,
  coverageBand,
  coverageOfHits,
  edgeOf,
  forecasterFor,
  isBackendName,
  meanPinballLoss,
  registeredFamilies,
  summarizeWalkForward,
  useBackend,
  walkForward,
  winklerScore,
  type FittedLstm,
  type Forecaster,
  type ServedChoice,
  type WalkForwardRecord,
} from '#libs/ml';
import { toSeries, type CandleSeries } from '../libs/ml/src/candle.series.js';
import { dailyHistory } from '../libs/ml/src/daily-history.fixture.js';
import { squaredCorrelation } from '../libs/ml/src/evaluation/volatility.scores.js';

const DAY = 86_400;
const HOUR = 3_600;
const ASSETS = { BTC: 'XBTUSD', ETH: 'ETHUSD' } as const;
type Asset = keyof typeof ASSETS;

const { values } = parseArgs({
  options: {
    families: { type: 'string', default: registeredFamilies().join(',') },
    days: { type: 'string', default: '1095' },
    every: { type: 'string', default: '30' },
    'lstm-every': { type: 'string', default: '90' },
    horizon: { type: 'string', default: '7' },
    'hourly-days': { type: 'string', default: '180' },
    'hourly-history': { type: 'string', default: '8760' },
    assets: { type: 'string', default: 'BTC,ETH' },
    lstm: { type: 'string', default: '{}' },
    'seed-runs': { type: 'string', default: '5' },
    backend: { type: 'string', default: 'wasm' },
    data: { type: 'string', default: '' },
  },
});
const families = values.families.split(',').filter((f) => f !== '');
const assets = values.assets.split(',');
const [days, every, lstmEvery, horizon, hourlyDays, hourlyHistory, seedRuns] = [
  values.days,
  values.every,
  values['lstm-every'],
  values.horizon,
  values['hourly-days'],
  values['hourly-history'],
  values['seed-runs'],
].map(Number);
const lstmSettings = JSON.parse(values.lstm) as Record<string, number>;
if (
  !families.every(isModelFamily) ||
  !assets.every((a): a is Asset => a in ASSETS) ||
  ![every, lstmEvery, horizon, hourlyHistory].every((x) => Number.isInteger(x) && x > 0) ||
  ![days, hourlyDays].every((x) => Number.isInteger(x) && x >= 0) ||
  !(Number.isInteger(seedRuns) && seedRuns >= 0) ||
  !isBackendName(values.backend)
) {
  process.stderr.write(
    'Usage: node dist/bench/walk-forward.js [--families naive,ewma,garch,har-range,lstm] [--days 1095 (0: none)] [--every 30] [--lstm-every 90]\n' +
      '  [--horizon 7] [--hourly-days 180 (0: none)] [--hourly-history 8760] [--assets BTC,ETH] [--lstm JSON] [--seed-runs 5 (members alone; 0: none)]\n' +
      '  [--backend wasm] [--data ../shared/data]\n',
  );
  process.exit(2);
}
const backend = values.backend;
if (families.includes('lstm')) await useBackend(backend);
const started = performance.now();

/** One family's walk-forward over one series: its summary, its records, and (LSTM) the single-seed runs' summaries. */
type Run = {
  family: ModelFamily;
  summary: BacktestSummary;
  records: WalkForwardRecord[];
  fits: number;
  seconds: number;
  seedRuns: BacktestSummary[];
};
type SeriesResult = { label: string; asset: Asset; stepSeconds: number; series: CandleSeries; runs: Run[]; served: ServedChoice[] };

const results: SeriesResult[] = [];
const hourlyCandles = new Map<Asset, Candle[] | null>();
for (const asset of assets as Asset[]) {
  const daily = toSeries(dailyHistory(asset));
  // The hourly candles also give the daily forecasts' realized variance (T5), where they cover those days.
  const hourly = hourlyOf(asset);
  hourlyCandles.set(asset, hourly);
  if (days > 0) results.push(await runSeries(`${asset} 1d`, asset, daily, DAY, days, undefined, 365));
  if (hourlyDays > 0) {
    if (hourly === null) console.log(`${asset} 1h: no hourly file found (--data); skipped`);
    else {
      const origins = hourlyDays * 24;
      const series = toSeries(hourly.slice(-(origins + hourlyHistory + 1)));
      results.push(await runSeries(`${asset} 1h`, asset, series, HOUR, origins, hourlyHistory, 30 * 24));
    }
  }
}

for (const result of results) printSeries(result);
printTargetsAcrossAssets();
console.log(`\n${((performance.now() - started) / 1000).toFixed(0)} s in all; backend ${backend} for the LSTM.`);

async function runSeries(
  label: string,
  asset: Asset,
  series: CandleSeries,
  stepSeconds: number,
  origins: number,
  trainWindow: number | undefined,
  segment: number,
): Promise<SeriesResult> {
  const n = series.time.length;
  // The newest origin whose step-1 actual is known is n − 2; forecasts from there on have partial actuals.
  const end = n - 2;
  const start = Math.max(0, end - origins + 1);
  const runs: Run[] = [];
  for (const family of families as ModelFamily[]) {
    const isLstm = family === 'lstm';
    let settings: Record<string, number> = isLstm ? { ...lstmSettings } : {};
    if (isLstm) settings = await lstmEpochs(series, start, stepSeconds, settings, trainWindow);
    const kept = isLstm ? keptFits() : null;
    const walk = async (forecaster: Forecaster, s: Record<string, number>) => {
      const t0 = performance.now();
      const result = await walkForward(forecaster, series, {
        horizon,
        start,
        end,
        refitEvery: ((isLstm ? lstmEvery : every) * DAY) / stepSeconds,
        trainWindow,
        fit: { stepSeconds, settings: s, backend },
      });
      return { result, seconds: (performance.now() - t0) / 1000 };
    };
    const { result, seconds } = await walk(kept?.ensemble ?? forecasterFor(family), settings);
    const run: Run = {
      family,
      records: result.records,
      summary: summarizeWalkForward(result.records, { segment, stepSeconds }),
      fits: result.fits,
      seconds,
      seedRuns: [],
    };
    if (kept !== null) {
      try {
        for (let m = 0; m < Math.min(seedRuns, kept.size()); m++) {
          const single = await walk(kept.member(m), settings);
          run.seedRuns.push(summarizeWalkForward(single.result.records, { segment, stepSeconds }));
        }
      } finally {
        kept.dispose();
      }
    }
    runs.push(run);
    process.stderr.write(`${label} ${family}: ${result.records.length} origins, ${result.fits} fits, ${seconds.toFixed(1)} s\n`);
  }
  const served = chooseServed(runs.map((r) => ({ modelId: r.family, family: r.family, summary: r.summary, records: r.records })));
  return { label, asset, stepSeconds, series, runs, served };
}

/**
 * The LSTM for the ensemble's walk-forward, keeping each refit's ensemble (walkForward's dispose
 * leaves it), and for member m's: a forecaster whose fit of a range is member m of the ensemble kept
 * for that range.
 */
function keptFits() {
  const lstm = forecasterFor('lstm');
  const fits = new Map<string, FittedLstm>();
  const key = (range: { from: number; to: number }) => `${range.from}:${range.to}`;
  const using = (fit: Forecaster['fit']): Forecaster => ({
    family: 'lstm',
    minCandles: (options) => lstm.minCandles(options),
    load: (artifact) => lstm.load(artifact),
    fit,
  });
  return {
    ensemble: using(async (series, range, options) => {
      const fitted = (await lstm.fit(series, range, options)) as FittedLstm;
      fits.set(key(range), fitted);
      return {
        family: 'lstm',
        horizon: fitted.horizon,
        context: fitted.context,
        predict: (s, origins) => fitted.predict(s, origins),
        toArtifact: () => fitted.toArtifact(),
        dispose: () => undefined,
      };
    }),
    member: (m: number) =>
      using(async (_series, range) => {
        const fitted = fits.get(key(range));
        if (fitted === undefined) throw new Error(`No ensemble was fitted on ${key(range)}`);
        return fitted.member(m);
      }),
    size: () => Math.min(...[...fits.values()].map((f) => f.size)),
    dispose: () => {
      for (const fitted of fits.values()) fitted.dispose();
      fits.clear();
    },
  };
}

/** The LSTM's rolling-origin CV on the candles before the first origin chooses the epochs every refit then trains. */
async function lstmEpochs(
  series: CandleSeries,
  start: number,
  stepSeconds: number,
  settings: Record<string, number>,
  trainWindow: number | undefined,
): Promise<Record<string, number>> {
  if (settings.folds === 0) return settings;
  const from = trainWindow === undefined ? 0 : Math.max(0, start - trainWindow + 1);
  const fitted = await forecasterFor('lstm').fit(series, { from, to: start }, { horizon, stepSeconds, settings, backend });
  try {
    const artifact = await fitted.toArtifact();
    const epochs = Number((artifact.params as { epochs?: number }).epochs);
    process.stderr.write(`LSTM: CV before origin ${start} chose ${epochs} epochs\n`);
    return { ...settings, folds: 0, epochs };
  } finally {
    fitted.dispose();
  }
}

function printSeries(result: SeriesResult): void {
  const { label, runs, served, series } = result;
  const first = runs[0]?.summary;
  if (first === undefined) return;
  console.log(`\n=== ${label}: ${first.samples} one-step forecasts, ${date(first.from)} … ${date(first.to)}, horizon ${horizon} ===`);
  console.log(header());
  for (const run of runs) console.log(row(run.family, run.summary, run.fits, run.seconds));
  for (const run of runs) {
    if (run.summary.segments.length < 2) continue;
    run.summary.segments.forEach((s, i) => console.log(row(`  ${run.family} #${i + 1}`, s)));
  }
  const static365 = staticQuantiles(series, runs[0].records);
  console.log(
    `  static quantiles of the last 365 returns: winkler90 ${fixed(static365.winkler90, 4)}, pinball ${fixed(static365.pinball, 5)}`,
  );

  console.log(`\n  targets (${label}):`);
  for (const run of runs) {
    const lines = targets(run, static365, result);
    console.log(`  ${run.family}:`);
    for (const line of lines) console.log(`    ${line}`);
  }
  console.log('  T8 (served model):');
  for (const choice of served) console.log(`    ${choice.family.padEnd(9)} ${choice.reason}`);
}

function header(): string {
  return [
    'family'.padEnd(16),
    'n'.padStart(5),
    'relMae [95% CI]'.padStart(24),
    'DM p'.padStart(6),
    'edge'.padStart(6),
    'hit (n)'.padStart(13),
    'PT p'.padStart(6),
    'up'.padStart(6),
    'cov80'.padStart(6),
    'cov90'.padStart(6),
    'cov95'.padStart(6),
    'Chr p'.padStart(6),
    `c90@h${horizon}`.padStart(7),
    'wink90'.padStart(7),
    'pinball'.padStart(8),
    'QLIKE m/ewma (p)'.padStart(24),
    'R²ret'.padStart(7),
    'R²rng'.padStart(6),
    'fits'.padStart(5),
    's'.padStart(6),
  ].join(' ');
}

function row(name: string, s: BacktestFigures, fits?: number, seconds?: number): string {
  const c = (level: number) => s.coverage.find((x) => x.level === level);
  return [
    name.padEnd(16),
    String(s.samples).padStart(5),
    `${fixed(s.relMae.value, 4)} [${fixed(s.relMae.ci95?.[0] ?? null, 3)}, ${fixed(s.relMae.ci95?.[1] ?? null, 3)}]`.padStart(24),
    fixed(s.relMae.dmPValue, 3).padStart(6),
    edgeOf(s).vsNaive.padStart(6),
    `${pct(s.hitRate.value)} (${s.hitRate.samples})`.padStart(13),
    fixed(s.hitRate.ptPValue, 3).padStart(6),
    pct(s.hitRate.upShare).padStart(6),
    pct(c(80)?.value ?? null).padStart(6),
    pct(c(90)?.value ?? null).padStart(6),
    pct(c(95)?.value ?? null).padStart(6),
    fixed(c(90)?.christoffersenP ?? null, 3).padStart(6),
    pct(s.coverage90ByStep[horizon - 1] ?? null).padStart(7),
    fixed(s.winkler90, 4).padStart(7),
    fixed(s.pinball, 5).padStart(8),
    `${fixed(s.qlike.model, 3)}/${fixed(s.qlike.ewma, 3)} (${fixed(s.qlike.dmPValue, 3)})`.padStart(24),
    fixed(s.r2Returns, 4).padStart(7),
    fixed(s.r2LogRange, 3).padStart(6),
    (fits === undefined ? '' : String(fits)).padStart(5),
    (seconds === undefined ? '' : seconds.toFixed(1)).padStart(6),
  ].join(' ');
}

/** T4's comparator: at each origin, the empirical quantiles of the 365 one-step log returns up to it. */
function staticQuantiles(
  series: CandleSeries,
  records: readonly WalkForwardRecord[],
): { winkler90: number | null; pinball: number | null } {
  let winkler = 0;
  let pinball = 0;
  let count = 0;
  for (const r of records) {
    const a = r.actual[0];
    if (a === null || r.origin < 365) continue;
    const returns: number[] = [];
    for (let j = r.origin - 364; j <= r.origin; j++) returns.push(Math.log(series.close[j] / series.close[j - 1]));
    returns.sort((x, y) => x - y);
    const quantiles = QUANTILE_LEVELS.map((q) => quantile(returns, q));
    pinball += meanPinballLoss(quantiles, a);
    winkler += winklerScore(90, quantiles[0], quantiles[QUANTILE_LEVELS.length - 1], a);
    count++;
  }
  return count === 0 ? { winkler90: null, pinball: null } : { winkler90: winkler / count, pinball: pinball / count };
}

type Static = ReturnType<typeof staticQuantiles>;

function targets(run: Run, static365: Static, result: SeriesResult): string[] {
  const s = run.summary;
  const daily = result.stepSeconds === DAY;
  const mark = (ok: boolean | null) => (ok === null ? '·' : ok ? '✓' : '✗');
  const lines: string[] = [];
  const edge = edgeOf(s);
  const upper = s.relMae.ci95?.[1] ?? null;
  lines.push(
    `${mark(s.samples >= 1095 && upper !== null && upper <= 1.01 && edge.vsNaive !== 'worse')} T1 relMae ${fixed(s.relMae.value, 4)}, CI upper ${fixed(upper, 4)} (≤ 1.010 over ≥ 1,095), DM p ${fixed(s.relMae.dmPValue, 3)}, edge "${edge.vsNaive}"`,
  );

  const segmentBands: Record<number, [number, number]> = { 80: [0.76, 0.84], 90: [0.87, 0.93], 95: [0.93, 0.97] };
  const totalOk = INTERVAL_LEVELS.every((level) =>
    within(s.coverage.find((c) => c.level === level)?.value ?? null, coverageBand(level / 100, s.samples)),
  );
  const segmentsOk = s.segments
    .filter((x) => x.samples >= (daily ? 365 : 0))
    .every((x) => INTERVAL_LEVELS.every((level) => within(x.coverage.find((c) => c.level === level)?.value ?? null, segmentBands[level])));
  const perSegment = s.segments
    .map((x) => INTERVAL_LEVELS.map((level) => pct(x.coverage.find((c) => c.level === level)?.value ?? null)).join('/'))
    .join('  ');
  lines.push(
    `${mark(totalOk && segmentsOk)} T2 coverage 80/90/95 total ${INTERVAL_LEVELS.map((l) => pct(s.coverage.find((c) => c.level === l)?.value ?? null)).join('/')} (band for ${s.samples}: ${INTERVAL_LEVELS.map((l) => band(coverageBand(l / 100, s.samples))).join(', ')}); per segment ${perSegment}`,
  );

  const regimes = sigmaTerciles(run.records);
  const christoffersen = s.coverage.find((c) => c.level === 90)?.christoffersenP ?? null;
  lines.push(
    `${mark(within(regimes.calm, [0.86, 0.94]) && within(regimes.turbulent, [0.86, 0.94]) && christoffersen !== null && christoffersen > 0.05)} T3 90% coverage in the calmest third of σ ${pct(regimes.calm)}, most turbulent ${pct(regimes.turbulent)} (86–94%), Christoffersen p ${fixed(christoffersen, 3)} (> 0.05)`,
  );

  const winklerGain = gain(s.winkler90, static365.winkler90);
  const pinballGain = gain(s.pinball, static365.pinball);
  lines.push(
    `${mark(winklerGain !== null && pinballGain !== null ? winklerGain >= 0.02 && pinballGain >= 0.01 : null)} T4 gain over static quantiles of the last 365 returns: Winkler90 ${signedPct(winklerGain)} (≥ +2%), pinball ${signedPct(pinballGain)} (≥ +1%) (the target is the average over BTC and ETH, below)`,
  );

  const qlikeOk =
    s.qlike.model !== null && s.qlike.ewma !== null && s.qlike.dmPValue !== null
      ? s.qlike.model < s.qlike.ewma && s.qlike.dmPValue < 0.05
      : null;
  const rv = daily ? realizedVarianceR2(run, result.asset) : null;
  const profile = daily ? null : hourProfile(run.records);
  lines.push(
    `${mark(qlikeOk)} T5 QLIKE ${fixed(s.qlike.model, 4)} vs EWMA ${fixed(s.qlike.ewma, 4)} (DM p ${fixed(s.qlike.dmPValue, 3)}); R² log range ${fixed(s.r2LogRange, 3)} (≥ 0.25 averaged)` +
      (daily
        ? `; R² log realized variance ${rv === null ? 'n/a (no hourly candles over these days)' : `${fixed(rv.r2, 3)} over ${rv.days} days (≥ 0.40)`}`
        : `; hour-of-day σ: forecast max/min ${fixed(profile!.forecastRatio, 2)}, realized ${fixed(profile!.realizedRatio, 2)}, correlation ${fixed(profile!.correlation, 2)}`),
  );

  const h = s.coverage90ByStep[horizon - 1] ?? null;
  lines.push(
    `${mark(horizon >= 7 ? within(s.coverage90ByStep[6] ?? null, [0.87, 0.93]) : null)} T6 90% coverage at h = ${horizon}: ${pct(h)} (87–93% at h = 7); by step ${s.coverage90ByStep.map(pct).join(' ')}`,
  );

  if (run.family === 'lstm') {
    const members = Number(lstmSettings.seeds ?? 5);
    const spread = (f: (x: BacktestFigures) => number | null, digits: number) => {
      const xs = run.seedRuns.map(f).filter((x): x is number => x !== null);
      return xs.length === 0 ? 'n/a' : `${fixed(Math.min(...xs), digits)}–${fixed(Math.max(...xs), digits)}`;
    };
    const c90 = (x: BacktestFigures) => x.coverage.find((c) => c.level === 90)?.value ?? null;
    lines.push(
      `${mark(members >= 5)} T7 ensemble of ${members} seeds; across ${run.seedRuns.length} single seeds: relMae ${spread((x) => x.relMae.value, 4)}, DM p ${spread((x) => x.relMae.dmPValue, 3)}, pinball ${spread((x) => x.pinball, 5)}, coverage90 ${spread(c90, 3)}, winkler90 ${spread((x) => x.winkler90, 4)}, QLIKE ${spread((x) => x.qlike.model, 4)}, hit ${spread((x) => x.hitRate.value, 3)}`,
    );
  }
  return lines;
}

/** 90% coverage (step 1) among the third of origins with the smallest forecast σ, and the third with the largest. */
function sigmaTerciles(records: readonly WalkForwardRecord[]): { calm: number | null; turbulent: number | null } {
  const realized = records.filter((r) => r.actual[0] !== null).sort((a, b) => a.steps[0].sigma - b.steps[0].sigma);
  const third = Math.floor(realized.length / 3);
  const inside = (r: WalkForwardRecord) => {
    const i = r.steps[0].intervals.find((x) => x.level === 90)!;
    return i.lower <= r.actual[0]! && r.actual[0]! <= i.upper;
  };
  return {
    calm: coverageOfHits(realized.slice(0, third).map(inside)).value,
    turbulent: coverageOfHits(realized.slice(realized.length - third).map(inside)).value,
  };
}

/** R² (squared correlation) of ln σ² (step 1) for the log realized variance of the forecast day from hourly candles. */
function realizedVarianceR2(run: Run, asset: Asset): { r2: number | null; days: number } | null {
  const candles = hourlyCandles.get(asset);
  if (candles === undefined || candles === null) return null;
  const byDay = new Map<number, number>();
  const counts = new Map<number, number>();
  for (let i = 1; i < candles.length; i++) {
    if (candles[i].time - candles[i - 1].time !== HOUR) continue;
    const day = Math.floor(candles[i].time / DAY) * DAY;
    const r = Math.log(Number(candles[i].close) / Number(candles[i - 1].close));
    byDay.set(day, (byDay.get(day) ?? 0) + r * r);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  const x: number[] = [];
  const y: number[] = [];
  for (const r of run.records) {
    const day = r.time + DAY;
    const rv = byDay.get(day);
    if (rv === undefined || (counts.get(day) ?? 0) < 20 || !(rv > 0)) continue;
    x.push(Math.log(r.steps[0].sigma ** 2));
    y.push(Math.log(rv));
  }
  return x.length < 30 ? null : { r2: squaredCorrelation(x, y), days: x.length };
}

/** The forecast σ and the realized RMS return by hour of day (UTC) of the candle forecast. */
function hourProfile(records: readonly WalkForwardRecord[]): {
  forecastRatio: number | null;
  realizedRatio: number | null;
  correlation: number | null;
} {
  const sigma = new Array<number>(24).fill(0);
  const squared = new Array<number>(24).fill(0);
  const count = new Array<number>(24).fill(0);
  for (const r of records) {
    if (r.actual[0] === null) continue;
    const hour = Math.floor(((r.time + HOUR) % DAY) / HOUR);
    sigma[hour] += r.steps[0].sigma;
    squared[hour] += r.actual[0] ** 2;
    count[hour]++;
  }
  if (count.some((c) => c === 0)) return { forecastRatio: null, realizedRatio: null, correlation: null };
  const f = sigma.map((s, h) => s / count[h]);
  const realized = squared.map((s, h) => Math.sqrt(s / count[h]));
  const r2 = squaredCorrelation(f, realized);
  return {
    forecastRatio: Math.max(...f) / Math.min(...f),
    realizedRatio: Math.max(...realized) / Math.min(...realized),
    correlation: r2 === null ? null : Math.sqrt(r2),
  };
}

function printTargetsAcrossAssets(): void {
  const daily = results.filter((r) => r.stepSeconds === DAY);
  if (daily.length < 2) return;
  console.log('\n=== across assets (daily): T4 and T5 are averaged over BTC and ETH ===');
  for (const family of families as ModelFamily[]) {
    const per = daily.map((r) => {
      const run = r.runs.find((x) => x.family === family)!;
      const st = staticQuantiles(r.series, run.records);
      return {
        winkler: gain(run.summary.winkler90, st.winkler90),
        pinball: gain(run.summary.pinball, st.pinball),
        range: run.summary.r2LogRange,
      };
    });
    const avg = (xs: (number | null)[]) => (xs.every((x) => x !== null) ? (xs as number[]).reduce((s, x) => s + x, 0) / xs.length : null);
    const w = avg(per.map((p) => p.winkler));
    const p = avg(per.map((x) => x.pinball));
    const range = avg(per.map((x) => x.range));
    const ok = (x: boolean | null) => (x === null ? '·' : x ? '✓' : '✗');
    console.log(
      `  ${family.padEnd(9)} ${ok(w !== null && p !== null ? w >= 0.02 && p >= 0.01 : null)} T4 gain over static quantiles: Winkler90 ${signedPct(w)}, pinball ${signedPct(p)}   ${ok(range === null ? null : range >= 0.25)} T5 R² log range ${fixed(range, 3)}`,
    );
  }
}

/** Kraken hourly candles of an asset from ../shared/data (SOURCES.md there), oldest first; null when absent. */
function hourlyOf(asset: Asset): Candle[] | null {
  const file = `kraken-${ASSETS[asset]}-60.csv`;
  const dirs = values.data !== '' ? [values.data] : ancestors().map((d) => join(d, 'shared/data'));
  const dir = dirs.find((d) => existsSync(join(d, file)));
  if (dir === undefined) return null;
  const lines = readFileSync(join(dir, file), 'utf8').trim().split('\n');
  const body = lines[0].startsWith('time') ? lines.slice(1) : lines;
  return body.map((line) => {
    const [time, open, high, low, close, volume, trades] = line.split(',');
    return { time: Number(time), open, high, low, close, vwap: null, volume, trades: Number(trades) };
  });
}

function ancestors(): string[] {
  const dirs: string[] = [];
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) dirs.push(dir);
  return dirs;
}

function quantile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

function within(value: number | null, range: [number, number] | null): boolean {
  return value !== null && range !== null && value >= range[0] - 1e-12 && value <= range[1] + 1e-12;
}

/** 1 − model / comparator: the share by which the model's loss is lower. */
function gain(model: number | null, comparator: number | null): number | null {
  return model === null || comparator === null || !(comparator > 0) ? null : 1 - model / comparator;
}

function band(range: [number, number] | null): string {
  return range === null ? 'n/a' : `${(range[0] * 100).toFixed(1)}–${(range[1] * 100).toFixed(1)}`;
}

function fixed(value: number | null, digits: number): string {
  return value === null || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

function pct(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(1)}%`;
}

function signedPct(value: number | null): string {
  return value === null ? '—' : `${value >= 0 ? '+' : '−'}${(Math.abs(value) * 100).toFixed(1)}%`;
}

function date(unix: number): string {
  return new Date(unix * 1000).toISOString().slice(0, 10);
}
