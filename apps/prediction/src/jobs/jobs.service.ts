import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { CandleRepository, ModelRepository } from '#libs/database';
import {
  BackwardsRangeError,
  backtestCost,
  checkResearchBudget,
  EmptySpanError,
  familySettingsProblem,
  InvalidSettingsError,
  HyperparametersOfOtherFamilyError,
  INTERVAL_CODES,
  intervalMinutes,
  JobFinishedError,
  MODEL_FAMILIES,
  trainingCandlesAtMost,
  tuneCost,
  UnknownJobError,
  type IntervalCode,
  type ModelFamily,
} from '#libs/domain';
import { CancellationSignals, JOB_QUEUE, JobName, JobProducer, QueueName, type JobPayloads } from '#libs/queue';
import {
  BACKTEST_HORIZON,
  HYPERPARAMETER_LIMITS,
  HYPERPARAMETER_NAMES,
  LISTED_JOB_STATES,
  type BacktestRequest,
  type HyperparametersView,
  type IngestRequest,
  type JobAcceptedView,
  type JobCancelView,
  type JobListView,
  type JobsQuery,
  type JobView,
  type PredictRequest,
  type ScoreRequest,
  type TrainAcceptedView,
  type TrainRequest,
  type TuneRequest,
} from '#libs/prediction-api';
import { KnownAssets } from '../assets/known-assets.service.js';
import type { Caller } from '../internal-link/caller.js';

/** The baselines, which every interval trains; the LSTM only where LSTM_INTERVALS has the interval. */
const BASELINES = MODEL_FAMILIES.filter((family) => family !== 'lstm');
/** Origins of a backtest without `from`: three years of daily forecasts (T1's span), or as many as the series holds. */
export const DEFAULT_BACKTEST_ORIGINS = 1095;
/** Refit cadence of a backtest without `refitEvery`: an LSTM refit is minutes, a baseline's milliseconds. */
export const DEFAULT_REFIT_EVERY = { lstm: 90, baseline: 30 } as const;
/** The states of a job that has not started: removing it is all a cancel takes. */
const NOT_STARTED = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

/** Enqueues the work the API asks for, and reports on it. */
@Injectable()
export class JobsService {
  private readonly logger = new Logger(JobsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly producer: JobProducer,
    private readonly knownAssets: KnownAssets,
    private readonly cancellation: CancellationSignals,
    private readonly candles: CandleRepository,
    private readonly models: ModelRepository,
  ) {}

  /**
   * One train job per family: the family asked for; the LSTM when hyperparameters (the LSTM's)
   * are given without one; else every family the interval trains by default, baselines first
   * (they serve within seconds). The top level of the answer is the LSTM's job when there is one
   * (what a step-7 client follows), else the first. The job carries the hyperparameters the
   * caller gave; the worker fills in the defaults and records the full set with the model.
   */
  async train(request: TrainRequest, caller: Caller): Promise<TrainAcceptedView> {
    const asset = await this.knownAssets.require(request.asset);
    const given = Object.fromEntries(Object.entries(request.hyperparameters ?? {}).filter(([, value]) => value !== undefined));
    const hyperparameters = Object.keys(given).length ? { hyperparameters: given } : {};
    if (request.family && request.family !== 'lstm' && request.hyperparameters) throw new HyperparametersOfOtherFamilyError(request.family);
    const families: ModelFamily[] = request.family
      ? [request.family]
      : request.hyperparameters
        ? ['lstm']
        : [...BASELINES, ...(this.config.LSTM_INTERVALS.includes(request.interval) ? (['lstm'] as const) : [])];
    const jobs = [];
    for (const family of families) {
      const payload = { asset: asset.symbol, interval: request.interval, family, ...(family === 'lstm' ? hyperparameters : {}) };
      jobs.push({ ...(await this.submit(JobName.Train, payload, caller)), family });
    }
    const headline = jobs.find((job) => job.family === 'lstm') ?? jobs[0];
    return { ...headline, jobs: [headline, ...jobs.filter((job) => job !== headline)] };
  }

  /**
   * A walk-forward of one family over a span, once its cost is within BACKTEST_COST_BUDGET. The
   * job carries the span and cadence resolved here (the cost was counted on them), so that the
   * worker runs exactly what was accepted.
   */
  async backtest(request: BacktestRequest, caller: Caller): Promise<JobAcceptedView> {
    const asset = await this.knownAssets.require(request.asset);
    const { interval } = request;
    BackwardsRangeError.check(request);
    const step = intervalMinutes(interval) * 60;
    const family = request.family ?? (await this.servedFamily(asset.id, interval)) ?? 'har-range';
    const settings = request.settings ?? {};
    const problem = familySettingsProblem(family, settings);
    if (problem) throw new InvalidSettingsError(family, problem.field, problem.reason);
    const horizon = request.horizon ?? BACKTEST_HORIZON.default;
    const refitEvery = request.refitEvery ?? (family === 'lstm' ? DEFAULT_REFIT_EVERY.lstm : DEFAULT_REFIT_EVERY.baseline);
    const newest = await this.candles.lastTime(asset.id, interval);
    if (newest === undefined) throw new EmptySpanError(asset.symbol, interval);
    // The newest origin whose next close is known is the candle before the newest.
    const to = Math.min(request.to ? Math.floor(request.to.getTime() / 1000) : newest - step, newest - step);
    const from = request.from ? Math.floor(request.from.getTime() / 1000) : to - (DEFAULT_BACKTEST_ORIGINS - 1) * step;
    const origins = await this.candles.countBetween(asset.id, interval, from, to);
    if (origins === 0) throw new EmptySpanError(asset.symbol, interval);
    const trainCandles = await this.trainCandles(asset.id, interval);
    const cost = backtestCost({ family, settings, origins, refitEvery, trainCandles });
    checkResearchBudget(
      'backtest',
      cost,
      this.config.BACKTEST_COST_BUDGET,
      `${count(origins)} origins refit every ${refitEvery}, ${family}` +
        (family === 'lstm' ? ` fits of ${count(trainCandles)} candles, every seed counted` : ' fits count 1'),
      'BACKTEST_COST_BUDGET',
    );
    const given = request.settings ? { settings } : {};
    return this.submit(JobName.Backtest, { asset: asset.symbol, interval, family, from, to, horizon, refitEvery, ...given }, caller);
  }

  /** A bounded random search of a family's settings, once its cost is within TUNE_COST_BUDGET. */
  async tune(request: TuneRequest, caller: Caller): Promise<JobAcceptedView> {
    const asset = await this.knownAssets.require(request.asset);
    const family = request.family ?? 'lstm';
    const trainCandles = await this.trainCandles(asset.id, request.interval);
    const cost = tuneCost({ family, trials: request.trials, trainCandles });
    checkResearchBudget(
      'tuning',
      cost,
      this.config.TUNE_COST_BUDGET,
      `${request.trials} trials of ${family}` +
        (family === 'lstm'
          ? ` on ${count(trainCandles)} candles and the winner's training, every fit at the costliest settings a trial can draw, with every seed`
          : ', each with its cross-validation'),
      'TUNE_COST_BUDGET',
    );
    return this.submit(JobName.Tune, { asset: asset.symbol, interval: request.interval, trials: request.trials, family }, caller);
  }

  /**
   * Cancels a job: one that has not started is removed (and never runs); a running one is asked
   * to stop (its worker's AbortSignal fires and the job fails as cancelled). A finished job is a
   * conflict.
   */
  async cancel(id: string, caller: Caller): Promise<JobCancelView> {
    const job = await this.producer.find(id);
    if (!job) throw new UnknownJobError(id);
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') throw new JobFinishedError(id, state);
    if (NOT_STARTED.has(state)) {
      try {
        await job.remove();
        this.logger.log(`${job.name} job ${id} removed before it started, for user ${caller.userId ?? '(unknown)'}`);
        return { id, state: 'removed', message: `Job ${id} was removed before it started` };
      } catch {
        // A worker took it meanwhile (a locked job cannot be removed): it is running, ask it to stop.
      }
    }
    await this.cancellation.request(id, `cancelled by ${caller.userId ? `user ${caller.userId}` : 'an admin'}`);
    this.logger.log(`${job.name} job ${id} asked to stop, for user ${caller.userId ?? '(unknown)'}`);
    return { id, state: 'cancelling', message: `Job ${id} is running: it was asked to stop, and fails as cancelled when it does` };
  }

  async score(request: ScoreRequest, caller: Caller): Promise<JobAcceptedView> {
    const asset = await this.knownAssets.require(request.asset);
    return this.submit(JobName.Score, { asset: asset.symbol, interval: request.interval }, caller);
  }

  async predict(request: PredictRequest, caller: Caller): Promise<JobAcceptedView> {
    const asset = await this.knownAssets.require(request.asset);
    const horizon = request.horizon === undefined ? {} : { horizon: request.horizon };
    return this.submit(JobName.Predict, { asset: asset.symbol, interval: request.interval, ...horizon }, caller);
  }

  async ingest(request: IngestRequest, caller: Caller): Promise<JobAcceptedView> {
    const asset = await this.knownAssets.require(request.asset);
    const name = request.mode === 'backfill' ? JobName.Backfill : JobName.Sync;
    return this.submit(name, { asset: asset.symbol, interval: request.interval }, caller);
  }

  async find(id: string): Promise<JobView> {
    const job = await this.producer.find(id);
    if (!job) throw new UnknownJobError(id);
    return toJobView(job, await job.getState());
  }

  /**
   * The newest jobs of the queues asked for, newest first. Each queue is read for at most `limit`
   * jobs per state, the newest each state's list holds, so the answer costs at most
   * queues × states × limit job reads, however many jobs the queues keep.
   */
  async list({ queue, state, limit }: JobsQuery): Promise<JobListView> {
    const queues = queue ? [queue] : Object.values(QueueName);
    const states = state ? [state] : [...LISTED_JOB_STATES];
    // One read per queue and state, so that each job's state is the list it was found in (no getState per job).
    const found = await Promise.all(
      queues.flatMap((name) =>
        states.map(async (listed) => {
          const jobs = (await this.producer.queue(name).getJobs(listed, 0, limit - 1, false)) as Job[];
          return jobs.map((job) => toJobView(job, listed));
        }),
      ),
    );
    // A job that moved on between two reads is listed once.
    const unique = [...new Map(found.flat().map((view) => [`${view.queue}:${view.id}`, view])).values()];
    const jobs = unique.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id)).slice(0, limit);
    return { count: jobs.length, jobs };
  }

  /** The train form's fields: every hyperparameter's range and default, and the cost budget a request must stay within. */
  hyperparameters(): HyperparametersView {
    return {
      hyperparameters: HYPERPARAMETER_NAMES.map((name) => {
        const limit = HYPERPARAMETER_LIMITS[name];
        const type = limit.integer ? 'integer' : 'number';
        return { name, type, min: limit.min, max: limit.max, default: limit.default, description: limit.description };
      }),
      costBudget: this.config.TRAIN_COST_BUDGET,
      maxCandles: Object.fromEntries(
        INTERVAL_CODES.map((interval) => [interval, trainingCandlesAtMost(interval, this.config.TRAIN_HISTORY[interval])]),
      ) as Record<IntervalCode, number>,
    };
  }

  /** The family of the model a series serves, if it serves one. */
  private async servedFamily(assetId: number, interval: IntervalCode): Promise<ModelFamily | null> {
    const id = await this.models.servedId(assetId, interval);
    return id ? ((await this.models.findById(id))?.family ?? null) : null;
  }

  /** The candles a fit of this series reads: its stored ones, at most TRAIN_HISTORY's span of them. */
  private async trainCandles(assetId: number, interval: IntervalCode): Promise<number> {
    const stored = await this.candles.count(assetId, interval);
    const span = this.config.TRAIN_HISTORY[interval];
    const cap = span === null ? Infinity : Math.floor(span / (intervalMinutes(interval) * 60));
    return Math.max(1, Math.min(stored, cap));
  }

  private async submit<N extends Exclude<JobName, JobName.Deliver | JobName.Prune>>(
    name: N,
    payload: JobPayloads[N],
    caller: Caller,
  ): Promise<JobAcceptedView> {
    // The request id goes with the job, so that the worker's log lines of it carry it too.
    const traced = caller.requestId ? { ...payload, requestId: caller.requestId } : payload;
    const { job, deduplicated } = await this.producer.submit(name, traced);
    this.logger.log(
      `${name} ${payload.asset} ${payload.interval}: ${deduplicated ? 'already queued as' : 'queued as'} job ${job.id}, ` +
        `for user ${caller.userId ?? '(unknown)'} (${caller.role ?? 'no role'}), request ${caller.requestId ?? '(none)'}`,
    );
    return { jobId: job.id!, queue: JOB_QUEUE[name], name, deduplicated };
  }
}

const count = (n: number) => n.toLocaleString('en-US');

function toJobView(job: Job, state: string): JobView {
  const data = job.data as { asset?: unknown; interval?: unknown };
  return {
    id: job.id!,
    queue: job.queueName,
    name: job.name,
    asset: typeof data?.asset === 'string' ? data.asset : null,
    interval: typeof data?.interval === 'string' ? data.interval : null,
    state,
    progress: job.progress,
    attemptsMade: job.attemptsMade,
    data: job.data,
    result: job.returnvalue ?? null,
    failedReason: job.failedReason || null,
    createdAt: new Date(job.timestamp).toISOString(),
    processedAt: job.processedOn ? new Date(job.processedOn).toISOString() : null,
    finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}
