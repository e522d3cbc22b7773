import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { JobCancelledError } from './job-cancelled.error.js';

/** How long a cancellation request waits for a job to start (a job that is cancelled before it starts stops at once). */
const REQUEST_TTL_SECONDS = 24 * 3600;

/**
 * Cancellation of running jobs across processes. BullMQ can remove a waiting job, and a worker
 * can abort its own active jobs (Worker.cancelJob), but the API that hears the request is not
 * the worker running the job: the request is a Redis key (for a job that starts later, or a
 * worker that was reconnecting) and a pub/sub message (for one running now), and the worker's
 * processor gets an AbortSignal that fires on either, with a JobCancelledError as its reason.
 */
@Injectable()
export class CancellationSignals implements OnApplicationShutdown {
  private readonly logger = new Logger(CancellationSignals.name);
  private readonly watched = new Map<string, AbortController>();
  private readonly prefix: string;
  private readonly url: string;
  private client?: Redis;
  private subscriber?: Redis;
  private subscribed?: Promise<void>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = `${config.QUEUE_PREFIX}:cancel`;
    this.url = config.REDIS_URL;
  }

  /** Asks a job to stop: a worker running it hears it at once; one that starts it later sees the request. */
  async request(jobId: string, reason = 'cancelled by an admin'): Promise<void> {
    const client = this.commands();
    await client.set(this.key(jobId), reason, 'EX', REQUEST_TTL_SECONDS);
    await client.publish(this.prefix, jobId);
  }

  /** The reason a job was asked to stop, or null. */
  async requested(jobId: string): Promise<string | null> {
    return this.commands().get(this.key(jobId));
  }

  /**
   * The signal that tells a processor its job was cancelled (already aborted when the request came
   * before it). Call release() when the job ends, whatever its outcome.
   */
  forJob(jobId: string): AbortSignal {
    const known = this.watched.get(jobId);
    if (known) return known.signal;
    const controller = new AbortController();
    this.watched.set(jobId, controller);
    void this.listen().then(() => this.check(jobId));
    return controller.signal;
  }

  /** Stops watching a job and forgets its request. */
  release(jobId: string): void {
    this.watched.delete(jobId);
    this.commands()
      .del(this.key(jobId))
      .catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.watched.clear();
    this.subscriber?.disconnect();
    this.client?.disconnect();
  }

  private key(jobId: string): string {
    return `${this.prefix}:${jobId}`;
  }

  /** Its own connection (the app's shared client refuses commands while it is reconnecting). */
  private commands(): Redis {
    if (!this.client) {
      this.client = new Redis(this.url, { maxRetriesPerRequest: 2 });
      this.client.on('error', () => undefined);
    }
    return this.client;
  }

  private listen(): Promise<void> {
    if (this.subscribed) return this.subscribed;
    const subscriber = new Redis(this.url, { maxRetriesPerRequest: null });
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined);
    subscriber.on('message', (_channel: string, jobId: string) => void this.check(jobId));
    // After a reconnect a message may have been missed: the keys say what was asked meanwhile.
    subscriber.on('ready', () => {
      for (const jobId of this.watched.keys()) void this.check(jobId);
    });
    this.subscribed = subscriber.subscribe(this.prefix).then(
      () => undefined,
      (error: Error) => this.logger.warn(`cannot listen for job cancellations: ${error.message}`),
    );
    return this.subscribed;
  }

  private async check(jobId: string): Promise<void> {
    const controller = this.watched.get(jobId);
    if (!controller || controller.signal.aborted) return;
    const reason = await this.requested(jobId).catch(() => null);
    if (reason !== null && this.watched.get(jobId) === controller) controller.abort(new JobCancelledError(jobId, reason));
  }
}
