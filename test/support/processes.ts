import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Queue, QueueEvents } from 'bullmq';
import type { QueueName } from '#libs/queue';
import { eventually } from './queues.js';

/** A port nothing listens on right now. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export interface Running {
  child: ChildProcess;
  output: () => string;
  /** The exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** One of the built entry points (`dist/...js`) as its own process, with only the environment given. */
export function run(entry: string, env: Record<string, string>): Running {
  let output = '';
  const child = spawn(process.execPath, [entry], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { child, output: () => output, exited };
}

/** The built worker as its own process (`workers` keeps it, for the spec to kill), once its /health answers. */
export async function startWorker(env: Record<string, string>, workers: Running[]): Promise<Running> {
  const port = await freePort();
  const worker = run('dist/apps/worker/src/main.js', { ...env, WORKER_METRICS_PORT: String(port) });
  workers.push(worker);
  await eventually(
    () =>
      fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      ),
    (ok) => ok,
    60_000,
    'the worker to answer /health',
  );
  return worker;
}

/**
 * What a spec that kills workers in mid-job needs: the built worker's environment on a Redis
 * prefix of its own (one tracked series, BTC 1d, and a short JOB_LOCK_MS, so that a killed
 * worker's job lapses to the next one within seconds), the queue the spec adds its job to and its
 * events, and the workers started, killed by close() if still running.
 */
export class KillableWorkers {
  readonly env: Record<string, string>;
  readonly queue: Queue;
  readonly events: QueueEvents;
  readonly workers: Running[] = [];

  private constructor(queueName: QueueName, prefix: string, env: Record<string, string>) {
    this.env = {
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      REDIS_URL: process.env.REDIS_URL!,
      QUEUE_PREFIX: prefix,
      TRACKED_ASSETS: 'BTC',
      TRACKED_INTERVALS: '1d',
      TRAIN_ON_FIRST_START: 'false',
      JOB_LOCK_MS: '2000',
      LOG_LEVEL: 'warn',
      ...env,
    };
    const connection = { url: process.env.REDIS_URL!, maxRetriesPerRequest: null };
    this.queue = new Queue(queueName, { connection, prefix });
    this.events = new QueueEvents(queueName, { connection, prefix });
  }

  /** `name` makes the prefix; `env` adds to the environment or overrides it. */
  static async on(queueName: QueueName, name: string, env: Record<string, string>): Promise<KillableWorkers> {
    const workers = new KillableWorkers(queueName, `${name}-${Date.now()}`, env);
    await workers.events.waitUntilReady();
    return workers;
  }

  start(): Promise<Running> {
    return startWorker(this.env, this.workers);
  }

  async close(): Promise<void> {
    for (const worker of this.workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await this.events.close();
    await this.queue.obliterate({ force: true });
    await this.queue.close();
  }
}
