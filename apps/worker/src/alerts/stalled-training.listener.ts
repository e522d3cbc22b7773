import { OnQueueEvent, QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JobName, JobProducer, QueueName, type TrainPayload } from '#libs/queue';

/** BullMQ's reason for a job whose lock lapsed more than maxStalledCount times. */
export const STALLED_TOO_OFTEN = 'job stalled more than allowable limit';

/**
 * A training whose worker died more often than the job may stall fails in Redis, where no
 * processor sees it fail (InstrumentedProcessor's gaveUp hears of every other failure): the
 * queue's events tell every worker, and each enqueues the admins' training_failed check of the
 * series. That check is deduplicated per job and fires once per job (its firing key), however
 * many workers heard.
 */
@QueueEventsListener(QueueName.Training)
export class StalledTrainingListener extends QueueEventsHost {
  private readonly logger = new Logger(StalledTrainingListener.name);

  constructor(private readonly producer: JobProducer) {
    super();
  }

  @OnQueueEvent('failed')
  async onFailed({ jobId, failedReason }: { jobId: string; failedReason: string }): Promise<void> {
    if (failedReason !== STALLED_TOO_OFTEN) return;
    try {
      const job = await this.producer.queue(QueueName.Training).getJob(jobId);
      if (!job) return;
      const { asset, interval, requestId } = job.data as TrainPayload;
      const reason = 'its worker stopped in the middle of it more often than a job may stall';
      await this.producer.enqueue(JobName.Evaluate, { asset, interval, requestId, trigger: 'training_failed', jobId, reason });
    } catch (error) {
      this.logger.warn(`cannot tell the alerts of stalled training ${jobId}: ${error instanceof Error ? error.message : error}`);
    }
  }
}
