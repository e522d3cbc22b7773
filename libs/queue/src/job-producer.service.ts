import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { isIssuedJobId } from './job-id.js';
import { defaultJobOptions } from './job-options.js';
import type { JobPayloads, NextJob } from './job-payloads.js';
import { JOB_QUEUE, JobName, QueueName } from './queue-name.js';

/** A job handed to a queue: the one just added, or the same job already waiting or running. */
export interface Submitted<N extends JobName> {
  job: Job<JobPayloads[N]>;
  /** True when BullMQ's deduplication returned the job already queued instead of adding this one. */
  deduplicated: boolean;
}

/**
 * Enqueues typed jobs on the right queue with their default options. Every job gets a UUID for its
 * id: unique across queues (so that a job can be found by id alone), and the way to tell that
 * BullMQ deduplicated a job, since it then answers with the id of the job already queued.
 */
@Injectable()
export class JobProducer {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.MarketData) marketData: Queue,
    @InjectQueue(QueueName.Training) training: Queue,
    @InjectQueue(QueueName.Scoring) scoring: Queue,
    @InjectQueue(QueueName.Prediction) prediction: Queue,
    @InjectQueue(QueueName.Research) research: Queue,
    @InjectQueue(QueueName.Alerts) alerts: Queue,
    @InjectQueue(QueueName.Notifications) notifications: Queue,
  ) {
    this.queues = {
      [QueueName.MarketData]: marketData,
      [QueueName.Training]: training,
      [QueueName.Scoring]: scoring,
      [QueueName.Prediction]: prediction,
      [QueueName.Research]: research,
      [QueueName.Alerts]: alerts,
      [QueueName.Notifications]: notifications,
    };
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  /** Adds a job; when the same job is already waiting or running, returns that one instead. */
  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: JobsOptions = {}): Promise<Job<JobPayloads[N]>> {
    return (await this.submit(name, payload, options)).job;
  }

  /** Enqueues the job that follows a finished one, and names it for that one's result (deduplicated like any other). */
  async enqueueNext<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<NextJob> {
    const job = await this.enqueue(name, payload);
    return { queue: JOB_QUEUE[name], name, jobId: job.id! };
  }

  /** Like enqueue, and says whether the job returned is one that was already waiting or running. */
  async submit<N extends JobName>(name: N, payload: JobPayloads[N], options: JobsOptions = {}): Promise<Submitted<N>> {
    const queue = this.queues[JOB_QUEUE[name]];
    const jobId = options.jobId ?? randomUUID();
    const added: Job<JobPayloads[N]> = await queue.add(name, payload, { ...defaultJobOptions(name, payload), ...options, jobId });
    if (added.id === jobId) return { job: added, deduplicated: false };
    // BullMQ answers a deduplicated add with a Job that carries the existing id but this call's data.
    const existing: Job<JobPayloads[N]> | undefined = await queue.getJob(added.id!);
    return { job: existing ?? added, deduplicated: true };
  }

  /** The job of this id, in whichever queue; an id we never issue is not looked up (see isIssuedJobId). */
  async find(id: string): Promise<Job | undefined> {
    if (!isIssuedJobId(id)) return undefined;
    for (const queue of Object.values(this.queues)) {
      const job = await queue.getJob(id);
      if (job) return job;
    }
    return undefined;
  }
}
