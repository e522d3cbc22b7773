import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { AssetRepository, BacktestRepository, CandleRepository } from '#libs/database';
import { intervalSeconds, TUNE_SPACE, type BacktestSummary, type IntervalCode, type ModelFamily, type TuneRange } from '#libs/domain';
import {
  forecasterFor,
  InsufficientCandlesError,
  mulberry32,
  summarizeWalkForward,
  toSeries,
  walkForward,
  type CandleSeries,
} from '#libs/ml';
import type { BacktestPayload, TunePayload } from '#libs/queue';
import { backtestRows } from './backtest-records.js';
import { ModelTrainingService, type TrainingOutcome } from './model-training.service.js';
import { trainingPlan, walkForwardSettings } from './training-plan.js';

/** What a research job reports as its progress: the refits of the running walk-forward, and the trial it belongs to. */
export interface ResearchProgress {
  refit: number;
  refits: number;
  trial?: number;
  trials?: number;
}

export interface BacktestOutcome {
  backtestId: string;
  family: ModelFamily;
  /** Unix seconds of the first and last origin. */
  from: number;
  to: number;
  origins: number;
  fits: number;
  summary: BacktestSummary;
}

export interface TuneOutcome {
  family: ModelFamily;
  trials: { trial: number; backtestId: string; settings: Record<string, number>; pinball: number | null }[];
  winner: { trial: number; settings: Record<string, number>; pinball: number | null };
  /** The registry model trained with the winner's settings. */
  model: TrainingOutcome;
}

/** Trials of one tune job at most, whatever it asks (the API's cost budget is the real bound). */
export const MAX_TRIALS = 50;

const ALL = Number.MAX_SAFE_INTEGER;

/**
 * Backtests and tuning on the walk-forward engine that training uses (walkForward): a backtest
 * is one family over a span, stored as a `backtest` row with its records and summary; tuning is a
 * seeded random search over the family's settings, each trial a rolling-origin walk-forward over
 * the interval's training span scored by its mean pinball loss and stored as a `tune-trial` row,
 * the winner then trained as a registry model with those settings. Both stop at the next refit
 * once their signal fires.
 */
@Injectable()
export class ResearchService {
  private readonly logger = new Logger(ResearchService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly assets: AssetRepository,
    private readonly candles: CandleRepository,
    private readonly backtests: BacktestRepository,
    private readonly training: ModelTrainingService,
  ) {}

  async backtest(
    payload: BacktestPayload,
    report: (progress: ResearchProgress) => Promise<void>,
    options: { signal?: AbortSignal; jobId?: string } = {},
  ): Promise<BacktestOutcome> {
    const asset = await this.assets.require(payload.asset);
    const { interval, family } = payload;
    const plan = trainingPlan(interval, family, this.config, { horizon: payload.horizon });
    const refitEvery = payload.refitEvery ?? plan.refitEvery;
    const settings = walkForwardSettings(family, payload.settings ?? {});
    const series = toSeries(await this.candles.recent(asset.id, interval, ALL));
    const forecaster = forecasterFor(family);
    const needed = forecaster.minCandles({ horizon: plan.horizon, settings });
    const n = series.time.length;
    // The newest origin with an actual is the candle before the newest; the first leaves a fit its candles.
    const last = lastIndexAtOrBefore(series, payload.to ?? Infinity, n - 2);
    const first = Math.max(needed - 1, payload.from === undefined ? last - plan.origins + 1 : firstIndexAtOrAfter(series, payload.from));
    if (last < 0 || first > last) {
      throw new InsufficientCandlesError(needed + 1, n, `A ${family} backtest of ${asset.symbol} ${interval} over that span`);
    }
    const result = await walkForward(forecaster, series, {
      horizon: plan.horizon,
      start: first,
      end: last,
      refitEvery,
      trainWindow: plan.maxCandles ?? undefined,
      fit: { settings, stepSeconds: intervalSeconds(interval), backend: this.config.ML_BACKEND },
      signal: options.signal,
      onRefit: ({ refit, refits }) => report({ refit, refits }),
    });
    const summary = summarizeWalkForward(result.records, { segment: 365 });
    const backtestId = await this.backtests.save(
      {
        assetId: asset.id,
        interval,
        family,
        modelId: null,
        kind: 'backtest',
        params: {
          from: series.time[first],
          to: series.time[last],
          span: last - first + 1,
          horizon: plan.horizon,
          refitEvery,
          trainWindow: plan.maxCandles,
          settings,
        },
        summary,
        jobId: options.jobId ?? null,
      },
      backtestRows(result.records),
    );
    this.logger.log(
      `${asset.symbol} ${interval} ${family} backtest of ${result.records.length} origins, ${result.fits} fits` +
        `: pinball ${summary.pinball?.toFixed(5)}, 90% coverage ${summary.coverage.find((c) => c.level === 90)?.value?.toFixed(3)}`,
    );
    return {
      backtestId,
      family,
      from: series.time[first],
      to: series.time[last],
      origins: result.records.length,
      fits: result.fits,
      summary,
    };
  }

  async tune(
    payload: TunePayload,
    report: (progress: ResearchProgress) => Promise<void>,
    options: { signal?: AbortSignal; jobId?: string } = {},
  ): Promise<TuneOutcome> {
    const asset = await this.assets.require(payload.asset);
    const { interval } = payload;
    const family = payload.family ?? defaultTunedFamily(interval, this.config);
    const trials = Math.max(1, Math.min(MAX_TRIALS, payload.trials));
    const plan = trainingPlan(interval, family, this.config);
    const series = toSeries(await this.candles.recent(asset.id, interval, plan.maxCandles ?? ALL));
    const forecaster = forecasterFor(family);
    const random = mulberry32(seedOf(asset.symbol, interval, family));

    const done: TuneOutcome['trials'] = [];
    for (let trial = 1; trial <= trials; trial++) {
      // The first trial is the family's defaults, so that the winner is never worse than them on this span.
      // The LSTM trains the epochs drawn (10 for the defaults) without its own CV of them: the trial is that CV.
      const settings = walkForwardSettings(family, trial === 1 ? {} : draw(TUNE_SPACE[family], random));
      const needed = forecaster.minCandles({ horizon: plan.horizon, settings });
      const end = series.time.length - 2;
      const start = Math.max(needed - 1, end - plan.origins + 1);
      if (start > end)
        throw new InsufficientCandlesError(needed + 1, series.time.length, `Tuning ${family} of ${asset.symbol} ${interval}`);
      const result = await walkForward(forecaster, series, {
        horizon: plan.horizon,
        start,
        end,
        refitEvery: plan.refitEvery,
        fit: { settings, stepSeconds: intervalSeconds(interval), backend: this.config.ML_BACKEND },
        signal: options.signal,
        onRefit: ({ refit, refits }) => report({ refit, refits, trial, trials }),
      });
      const summary = summarizeWalkForward(result.records, { segment: 365 });
      const backtestId = await this.backtests.save(
        {
          assetId: asset.id,
          interval,
          family,
          modelId: null,
          kind: 'tune-trial',
          params: { trial, trials, span: end - start + 1, horizon: plan.horizon, refitEvery: plan.refitEvery, settings },
          summary,
          jobId: options.jobId ?? null,
        },
        backtestRows(result.records),
      );
      done.push({ trial, backtestId, settings, pinball: summary.pinball });
      this.logger.log(
        `${asset.symbol} ${interval} ${family} trial ${trial}/${trials} ${JSON.stringify(settings)}: pinball ${summary.pinball}`,
      );
    }
    const winner = done.filter((t) => t.pinball !== null).sort((a, b) => a.pinball! - b.pinball!)[0] ?? done[0];
    const model = await this.training.train(
      { asset: asset.symbol, interval, family, hyperparameters: winner.settings },
      ({ refit, refits }) => report({ refit, refits, trial: trials, trials }),
      options,
    );
    return { family, trials: done, winner: { trial: winner.trial, settings: winner.settings, pinball: winner.pinball }, model };
  }
}

/** The LSTM where the interval has one (its settings matter most), else HAR on the range. */
function defaultTunedFamily(interval: IntervalCode, config: Pick<AppConfig, 'LSTM_INTERVALS'>): ModelFamily {
  return config.LSTM_INTERVALS.includes(interval) ? 'lstm' : 'har-range';
}

function draw(space: Record<string, TuneRange>, random: () => number): Record<string, number> {
  const settings: Record<string, number> = {};
  for (const [name, range] of Object.entries(space)) {
    const u = random();
    let value = range.log
      ? Math.exp(Math.log(range.min) + u * (Math.log(range.max) - Math.log(range.min)))
      : range.min + u * (range.max - range.min);
    if (range.integer) value = Math.round(value);
    settings[name] = Number(value.toPrecision(6));
  }
  return settings;
}

/** The same series and family draw the same trials: a tune can be repeated and compared. */
function seedOf(...parts: string[]): number {
  let hash = 2166136261;
  for (const char of parts.join('|')) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash;
}

function firstIndexAtOrAfter(series: CandleSeries, time: number): number {
  const i = series.time.findIndex((t) => t >= time);
  return i === -1 ? series.time.length : i;
}

function lastIndexAtOrBefore(series: CandleSeries, time: number, cap: number): number {
  let i = Math.min(cap, series.time.length - 1);
  while (i >= 0 && series.time[i] > time) i--;
  return i;
}
