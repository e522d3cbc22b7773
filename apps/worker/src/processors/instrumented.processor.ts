import { WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { Metrics } from '#libs/observability';
import type { JobTrace } from '#libs/queue';

/**
 * What every processor does around each job attempt: every log line made while it runs carries
 * the job (`job`: queue, name, id, attempt) and the id of the request that asked for it
 * (`reqId`), and the attempt is counted and timed (candlecast_jobs_total,
 * candlecast_job_duration_seconds). Subclasses implement `run`.
 */
export abstract class InstrumentedProcessor<Data extends JobTrace, Result> extends WorkerHost {
  @Inject(Metrics) protected readonly metrics!: Metrics;
  @Inject(PinoLogger) private readonly pino!: PinoLogger;

  protected abstract run(job: Job<Data>): Promise<Result>;

  process(job: Job<Data>): Promise<Result> {
    const labels = { queue: job.queueName, name: job.name };
    const bindings = { job: { queue: job.queueName, name: job.name, id: job.id, attempt: job.attemptsMade + 1 }, ...(job.data.requestId ? { reqId: job.data.requestId } : {}) };
    return this.pino.runInContext(async () => {
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
    }, { bindings });
  }
}
