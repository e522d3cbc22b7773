import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { UnknownJobError } from '#libs/domain';
import { JOB_QUEUE, JobName, JobProducer, type JobPayloads } from '#libs/queue';
import {
  type IngestRequest,
  type JobAcceptedView,
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
  return {
    id: job.id!,
    queue: job.queueName,
    name: job.name,
    state,
    progress: job.progress,
    attemptsMade: job.attemptsMade,
    data: job.data,
    result: job.returnvalue ?? null,
    failedReason: job.failedReason || null,
    createdAt: new Date(job.timestamp).toISOString(),
    finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}
