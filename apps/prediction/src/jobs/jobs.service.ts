import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { UnknownJobError } from '#libs/domain';
import { JOB_QUEUE, JobName, JobProducer, QueueName, type JobPayloads } from '#libs/queue';
import {
  HYPERPARAMETER_LIMITS,
  HYPERPARAMETER_NAMES,
  LISTED_JOB_STATES,
  type HyperparametersView,
  type IngestRequest,
  type JobAcceptedView,
  type JobListView,
  type JobsQuery,
  type JobView,
  type PredictRequest,
  type ScoreRequest,
  type TrainRequest,
} from '#libs/prediction-api';
import { KnownAssets } from '../assets/known-assets.service.js';
import type { Caller } from '../internal-link/caller.js';

/** Enqueues the work the API asks for, and reports on it. */
@Injectable()
export class JobsService {
  private readonly logger = new Logger(JobsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly producer: JobProducer,
    private readonly knownAssets: KnownAssets,
  ) {}

  /** The job carries the hyperparameters the caller gave; the worker fills in the defaults and records the full set with the model. */
  async train(request: TrainRequest, caller: Caller): Promise<JobAcceptedView> {
    const asset = await this.knownAssets.require(request.asset);
    const given = Object.fromEntries(Object.entries(request.hyperparameters ?? {}).filter(([, value]) => value !== undefined));
    const hyperparameters = Object.keys(given).length ? { hyperparameters: given } : {};
    return this.submit(JobName.Train, { asset: asset.symbol, interval: request.interval, ...hyperparameters }, caller);
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
      maxCandles: this.config.TRAIN_MAX_CANDLES,
    };
  }

  private async submit<N extends JobName>(name: N, payload: JobPayloads[N], caller: Caller): Promise<JobAcceptedView> {
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
