import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { defaultJobOptions, JobName, JobProducer, JOB_QUEUE, type PrunePayload } from '#libs/queue';

/** How often the prune runs: each run then deletes about an hour of rows, in a few short batches. */
export const PRUNE_EVERY_MS = 3_600_000;

/**
 * The one job scheduler of the `prune` job (notifications queue), which deletes what is past its
 * retention (NotificationRetentionService). Every worker upserts it at start: one id is one
 * scheduler however many workers do, and an upsert that changes nothing keeps its next run. A
 * Redis that lost it gets it back from the SchedulerKeeper.
 */
@Injectable()
export class NotificationRetentionSchedule implements OnApplicationBootstrap {
  static readonly ID = 'prune';

  constructor(private readonly producer: JobProducer) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedule();
  }

  /** Creates the scheduler, or leaves it as it is; its first job runs at once. */
  async schedule(): Promise<void> {
    const data: PrunePayload = {};
    await this.queue().upsertJobScheduler(
      NotificationRetentionSchedule.ID,
      { every: PRUNE_EVERY_MS },
      { name: JobName.Prune, data, opts: defaultJobOptions(JobName.Prune, data) },
    );
  }

  async isScheduled(): Promise<boolean> {
    return (await this.queue().getJobScheduler(NotificationRetentionSchedule.ID)) !== undefined;
  }

  private queue(): Queue {
    return this.producer.queue(JOB_QUEUE[JobName.Prune]);
  }
}
