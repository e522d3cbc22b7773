import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { defaultJobOptions } from './job-options.js';
import type { JobPayloads } from './job-payloads.js';
import { JOB_QUEUE, JobName, QueueName } from './queue-name.js';

/** Enqueues typed jobs on the right queue with their default options. */
@Injectable()
export class JobProducer {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.MarketData) marketData: Queue,
    @InjectQueue(QueueName.Training) training: Queue,
    @InjectQueue(QueueName.Scoring) scoring: Queue,
    @InjectQueue(QueueName.Prediction) prediction: Queue,
  ) {
    this.queues = {
      [QueueName.MarketData]: marketData,
      [QueueName.Training]: training,
      [QueueName.Scoring]: scoring,
      [QueueName.Prediction]: prediction,
    };
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  /** Adds a job; when the same job is already waiting or running, returns that one instead. */
  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: JobsOptions = {}): Promise<Job<JobPayloads[N]>> {
    const queue = this.queues[JOB_QUEUE[name]];
    return queue.add(name, payload, { ...defaultJobOptions(name, payload), ...options });
  }

  async find(id: string): Promise<Job | undefined> {
    for (const queue of Object.values(this.queues)) {
      const job = await queue.getJob(id);
      if (job) return job;
    }
    return undefined;
  }
}
