import { WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { Metrics } from '#libs/observability';
import { JOB_QUEUE, type JobTrace } from '#libs/queue';

/**
 * What every processor does around each job attempt: every log line made while it runs carries
 * the job (`job`: queue, name, id, attempt) and the id of the request that asked for it
 * (`reqId`), and the attempt is counted and timed (candlecast_jobs_total,
 * candlecast_job_duration_seconds). Subclasses implement `run`.
 */
export abstract class InstrumentedProcessor<Data extends JobTrace, Result> extends WorkerHost implements OnModuleInit {
  @Inject(Metrics) protected readonly metrics!: Metrics;
  @Inject(PinoLogger) private readonly pino!: PinoLogger;

  protected abstract run(job: Job<Data>): Promise<Result>;

  /** Every job counter starts at zero, so that Prometheus' increase() sees a worker's first failure. */
  onModuleInit(): void {
    for (const [name, queue] of Object.entries(JOB_QUEUE)) {
      for (const status of ['completed', 'failed']) this.metrics.jobs.inc({ queue, name, status }, 0);
    }
  }

  process(job: Job<Data>): Promise<Result> {
    const labels = { queue: job.queueName, name: job.name };
    const bindings = {
      job: { queue: job.queueName, name: job.name, id: job.id, attempt: job.attemptsMade + 1 },
      ...(job.data.requestId ? { reqId: job.data.requestId } : {}),
    };
    return this.pino.runInContext(
      async () => {
        const stopTimer = this.metrics.jobDuration.startTimer(labels);
        try {
          const result = await this.run(job);
          this.metrics.jobs.inc({ ...labels, status: 'completed' });
          return result;
        } catch (error) {
          this.metrics.jobs.inc({ ...labels, status: 'failed' });
          throw error;
        } finally {
          stopTimer();
        }
      },
      { bindings },
    );
  }
}
