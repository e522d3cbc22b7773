import { Queue, type Job, type JobType } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { QueueName } from '#libs/queue';

/** Where a job ended up. `vanished`: no longer in Redis at all; `unsettled`: still not finished at the deadline. */
export type Fate = 'completed' | 'failed' | 'scheduled' | 'vanished' | 'unsettled';

export interface JobRecord {
  id: string;
  queue: string;
  name: string;
  fate: Fate;
  /** Its BullMQ state when last seen. */
  state: string;
  /** Attempts that failed (BullMQ keeps one stack trace per failed attempt). */
  failedAttempts: number;
  /** Times its worker stopped renewing its lock and another run took it over. */
  stalled: number;
  failedReason: string | null;
  /** The first line of each failed attempt's error. */
  errors: string[];
}

const STATES: JobType[] = ['completed', 'failed', 'active', 'wait', 'delayed', 'prioritized', 'waiting-children'];

/**
 * The jobs a phase must account for: every job id an API answer gave, and every job that was in
 * the queues at the moments it looks (before a disruption, and after the service came back).
 * Each must reach `completed`, or `failed` with its reason; none may vanish or stay active.
 */
export class JobLedger {
  private readonly queues: Queue[];
  private readonly ids = new Map<string, string>();
  /** Jobs an earlier phase settled: not answered for again. */
  private readonly done = new Set<string>();

  constructor(redisUrl: string, prefix: string) {
    this.queues = Object.values(QueueName).map((name) => {
      const queue = new Queue(name, { connection: { url: redisUrl, maxRetriesPerRequest: null }, prefix });
      queue.on('error', () => undefined); // reconnects on its own when the suite restarts Redis
      return queue;
    });
  }

  /** A job a phase is answerable for; `origin` says where it was seen first. */
  track(id: string, origin: string): void {
    if (!this.ids.has(id) && !this.done.has(id)) this.ids.set(id, origin);
  }

  /** Tracks every job in every queue right now, in whatever state. */
  async snapshot(origin: string): Promise<number> {
    let n = 0;
    for (const queue of this.queues) {
      for (const job of await queue.getJobs(STATES, 0, -1)) {
        if (job?.id) {
          this.track(job.id, origin);
          n++;
        }
      }
    }
    return n;
  }

  get tracked(): number {
    return this.ids.size;
  }

  /**
   * Waits until every tracked job is finished (or is a scheduled job whose time has not come),
   * at most `timeoutMs`, then says where each ended up; the next phase answers only for jobs it saw first.
   */
  async settle(timeoutMs: number): Promise<JobRecord[]> {
    const deadline = Date.now() + timeoutMs;
    let records: JobRecord[];
    for (;;) {
      records = await Promise.all([...this.ids.keys()].map((id) => this.record(id)));
      const open = records.filter((r) => r.fate === 'unsettled');
      if (open.length === 0 || Date.now() > deadline) break;
      await sleep(500);
    }
    for (const id of this.ids.keys()) this.done.add(id);
    this.ids.clear();
    return records;
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
  }

  private async record(id: string): Promise<JobRecord> {
    for (const queue of this.queues) {
      const job: Job | undefined = await queue.getJob(id);
      if (!job) continue;
      const state = await job.getState();
      return {
        id,
        queue: queue.name,
        name: job.name,
        fate: fateOf(job, state),
        state,
        failedAttempts: job.stacktrace?.length ?? 0,
        stalled: job.stalledCounter ?? 0,
        failedReason: job.failedReason || null,
        errors: (job.stacktrace ?? []).map((stack) => stack.split('\n')[0]),
      };
    }
    return { id, queue: '?', name: '?', fate: 'vanished', state: 'missing', failedAttempts: 0, stalled: 0, failedReason: null, errors: [] };
  }
}

function fateOf(job: Job, state: string): Fate {
  if (state === 'completed') return 'completed';
  if (state === 'failed') return job.failedReason ? 'failed' : 'unsettled';
  // A scheduler's next run (a daily scoring, a weekly retraining) waits for its time, which is not a stuck job.
  if (state === 'delayed' && job.repeatJobKey && job.timestamp + job.delay > Date.now() + 60_000) return 'scheduled';
  return 'unsettled';
}

/** One line per queue and job name: how many, and how they ended. */
export function jobSummary(phase: string, records: JobRecord[]): Record<string, string | number>[] {
  const groups = new Map<string, JobRecord[]>();
  for (const record of records) {
    const key = `${record.queue}/${record.name}`;
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, group]) => ({
      phase,
      jobs: key,
      tracked: group.length,
      completed: group.filter((r) => r.fate === 'completed').length,
      'failed (reason)': group.filter((r) => r.fate === 'failed').length,
      scheduled: group.filter((r) => r.fate === 'scheduled').length,
      'retried attempts': group.reduce((n, r) => n + r.failedAttempts, 0),
      stalled: group.reduce((n, r) => n + r.stalled, 0),
      'vanished or stuck': group.filter((r) => r.fate === 'vanished' || r.fate === 'unsettled').length,
    }));
}
