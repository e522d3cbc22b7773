import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { Metrics } from '#libs/observability';
import { CancellationSignals, JOB_QUEUE, JobCancelledError, type JobTrace } from '#libs/queue';
import { jobFailure } from './job-errors.js';

/**
 * What every processor does around each job attempt: every log line made while it runs carries
 * the job (`job`: queue, name, id, attempt) and the id of the request that asked for it
 * (`reqId`), and the attempt is counted and timed (candlecast_jobs_total,
 * candlecast_job_duration_seconds). A failed attempt is retried or discarded here, for every
 * processor alike (job-errors.ts decides which), and logged once as a warning when the job gives
 * up. Each attempt gets the AbortSignal of its job's cancellation (DELETE /prediction/jobs/{id}),
 * which long jobs (training, research) pass on; a cancelled job is not retried. Subclasses
 * implement `run` and let its errors through.
 */
export abstract class InstrumentedProcessor<Data extends JobTrace & { asset?: string; interval?: string }, Result>
  extends WorkerHost
  implements OnModuleInit
{
  @Inject(Metrics) protected readonly metrics!: Metrics;
  @Inject(PinoLogger) private readonly pino!: PinoLogger;
  @Inject(CancellationSignals) private readonly cancellation!: CancellationSignals;
  private readonly failures = new Logger(this.constructor.name);

  protected abstract run(job: Job<Data>, signal: AbortSignal): Promise<Result>;

  /**
   * Called once when a job gives up for good (its last attempt failed, or it cannot be retried),
   * not when it was cancelled; its own trouble is logged and never hides the job's.
   */
  protected gaveUp?(job: Job<Data>, message: string): Promise<void>;

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
        const signal = this.cancellation.forJob(job.id!);
        try {
          const result = await this.run(job, signal);
          this.metrics.jobs.inc({ ...labels, status: 'completed' });
          return result;
        } catch (error) {
          this.metrics.jobs.inc({ ...labels, status: 'failed' });
          const failure = jobFailure(error);
          if (this.report(job, failure) && this.gaveUp && !(error instanceof JobCancelledError)) {
            await this.gaveUp(job, failure instanceof Error ? failure.message : String(failure)).catch((trouble: unknown) =>
              this.failures.warn(`after ${job.name} ${job.id} gave up: ${trouble instanceof Error ? trouble.message : trouble}`),
            );
          }
          throw failure;
        } finally {
          this.cancellation.release(job.id!);
          stopTimer();
        }
      },
      { bindings },
    );
  }

  /**
   * BullMQ's own trouble, such as finishing a job whose keys a Redis that lost its data no longer
   * has: a warning in the logs (BullMQ would print it to stderr), and the worker goes on.
   */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.failures.warn(`BullMQ: ${error.message}`);
  }

  /** Whether the attempt under way is the job's last: BullMQ will not retry it if it fails. */
  protected isLastAttempt(job: Job<Data>): boolean {
    return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  }

  /** One warning per job that gives up, rather than one per attempt: an offline machine stays readable. True when it gives up. */
  private report(job: Job<Data>, failure: unknown): boolean {
    const attempt = job.attemptsMade + 1;
    const final = failure instanceof UnrecoverableError || this.isLastAttempt(job);
    const message = failure instanceof Error ? failure.message : String(failure);
    const what = job.data.asset === undefined ? `${job.name} ${job.id}` : `${job.name} ${job.data.asset} ${job.data.interval}`;
    if (final) this.failures.warn(`${what} failed after ${attempt} attempt(s): ${message}`);
    else this.failures.debug(`${what} attempt ${attempt} failed, retrying with backoff: ${message}`);
    return final;
  }
}
