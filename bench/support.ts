import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { childEnvironment, loadConfigOrExit } from '#libs/config';
import { dropDatabase, ensureDatabase } from '#libs/database';
import { QueueName, type SyncResult } from '#libs/queue';

/** What the benches that start processes share (test/support is not part of the build). */

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const RECORDING = join(REPO, 'test/fixtures/kraken-api/ohlc-XBTUSD-60.json');
/** The queue of the baseline's worker (bench/empty-worker.ts). */
export const EMPTY_QUEUE = 'bench-empty';

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it holds; fails after `timeoutMs`, or at once when `child` has exited. A check that throws counts as not yet. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (child && child.exitCode !== null) throw new Error(`waiting for ${what}: its process exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`waiting for ${what}: nothing after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One job's time from add() to the completed event, and BullMQ's processedOn to finishedOn (1 ms resolution). */
export type Sample = { ms: number; inProcessorMs: number };

/** Jobs per second (one after another), mean, percentiles and max of the samples' latencies, and the in-processor percentiles. */
export function summarize(samples: Sample[]) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const inProcessor = samples.map((s) => s.inProcessorMs).sort((a, b) => a - b);
  const total = ms.reduce((a, b) => a + b, 0);
  return {
    perSecond: (ms.length / total) * 1000,
    mean: total / ms.length,
    p50: percentile(ms, 0.5),
    p99: percentile(ms, 0.99),
    max: ms[ms.length - 1],
    inProcessorP50: percentile(inProcessor, 0.5),
    inProcessorP99: percentile(inProcessor, 0.99),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

export interface ScratchWorkerOptions {
  /** The scratch database, on the server of DATABASE_URL: dropped and made at the start, dropped at the end. */
  database: string;
  /** The Redis prefix, whose keys are deleted before and after. */
  prefix: string;
  /** How the Kraken replay answers from the start, the worker's first sync included. */
  kraken: KrakenMode;
  /** The baseline's worker's concurrency. */
  emptyConcurrency: number;
}

/** What a bench gets from withScratchWorker. */
export interface ScratchWorker {
  queues: { sync: Queue; prediction: Queue; alerts: Queue; empty: Queue };
  events: { sync: QueueEvents; alerts: QueueEvents; empty: QueueEvents };
  /** The worker's first sync of BTC 1h, which stored the recording. */
  firstSync: SyncResult & { lastCandleTime: number };
  /** A client of the scratch database. */
  db: pg.Client;
  kraken: KrakenReplay;
}

/**
 * Runs `bench` beside a worker of its own: the built worker (dist/apps/worker/src/main.js) as its
 * own process on a scratch database and Redis prefix, tracking BTC 1h only, its Kraken a local
 * replay of test/fixtures/kraken-api/ohlc-XBTUSD-60.json, not paced (KRAKEN_MIN_INTERVAL_MS=0:
 * with the default pace of one call a second, every sync would wait for its slot instead); after
 * its first sync stored the recording and what that sync enqueued has run; with the baseline's
 * empty worker (bench/empty-worker.ts) on the same prefix. Cleans all of it up after; when anything
 * fails, writes the worker's output to stderr first.
 */
export async function withScratchWorker(options: ScratchWorkerOptions, bench: (worker: ScratchWorker) => Promise<void>): Promise<void> {
  const { database, prefix } = options;
  const config = loadConfigOrExit();
  const connection = { url: config.REDIS_URL, maxRetriesPerRequest: null };
  const scratch = Object.assign(new URL(config.DATABASE_URL), { pathname: `/${database}` }).toString();
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const kraken = await KrakenReplay.start(options.kraken);
  const children: ChildProcess[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  let workerOutput = '';
  try {
    await dropDatabase(scratch);
    await ensureDatabase(scratch);
    await deleteKeys(redis, prefix);
    const env = {
      DATABASE_URL: scratch,
      QUEUE_PREFIX: prefix,
      KRAKEN_API_URL: kraken.url,
      KRAKEN_MIN_INTERVAL_MS: '0',
      IMPORT_DEFAULT_HISTORY: 'false',
      TRAIN_ON_FIRST_START: 'false',
      TRACKED_ASSETS: 'BTC',
      TRACKED_INTERVALS: '1h',
      SYNC_EVERY: '1d',
      LOG_LEVEL: 'warn',
      NO_COLOR: '1',
    } as const;

    const port = await freePort();
    const worker = spawn(process.execPath, [join(REPO, 'dist/apps/worker/src/main.js')], {
      cwd: REPO,
      env: childEnvironment({ ...env, WORKER_METRICS_PORT: String(port) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(worker);
    worker.stdout!.on('data', (d) => (workerOutput += d));
    worker.stderr!.on('data', (d) => (workerOutput += d));
    await until(
      'the worker answers /health',
      () =>
        fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.ok,
          () => false,
        ),
      60_000,
      worker,
    );

    const queues = {
      sync: new Queue(QueueName.MarketData, { connection, prefix }),
      prediction: new Queue(QueueName.Prediction, { connection, prefix }),
      alerts: new Queue(QueueName.Alerts, { connection, prefix }),
      empty: new Queue(EMPTY_QUEUE, { connection, prefix }),
    };
    const events = {
      sync: new QueueEvents(QueueName.MarketData, { connection, prefix }),
      alerts: new QueueEvents(QueueName.Alerts, { connection, prefix }),
      empty: new QueueEvents(EMPTY_QUEUE, { connection, prefix }),
    };
    closers.push(...Object.values(events).map((e) => () => e.close()), ...Object.values(queues).map((q) => () => q.close()));
    await Promise.all(Object.values(events).map((e) => e.waitUntilReady()));

    // The worker's scheduler runs the first sync at once: it stores the recording, and enqueues a forecast and the newest candle's check.
    // (The scheduler's next sync waits, delayed, for SYNC_EVERY: a day.)
    await until(
      'the first sync, its forecast and its check',
      async () => (await idle(queues.sync)) && (await idle(queues.prediction)) && (await idle(queues.alerts)),
      60_000,
      worker,
    );
    const [first] = await queues.sync.getJobs(['completed', 'failed']);
    const firstSync = first?.returnvalue as SyncResult | undefined;
    if (!firstSync || !(firstSync.inserted > 0) || firstSync.lastCandleTime === null)
      throw new Error(`the first sync stored nothing: ${first?.failedReason ?? JSON.stringify(firstSync)}`);

    const emptyWorker = spawn(process.execPath, [join(REPO, 'dist/bench/empty-worker.js'), String(options.emptyConcurrency)], {
      cwd: REPO,
      env: childEnvironment({ QUEUE_PREFIX: prefix }),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(emptyWorker);
    let emptyReady = false;
    emptyWorker.stdout!.on('data', (d) => (emptyReady ||= String(d).includes('ready')));
    await until('the empty worker', async () => emptyReady, 30_000, emptyWorker);

    const db = new pg.Client({ connectionString: scratch });
    await db.connect();
    closers.push(() => db.end());

    await bench({ queues, events, firstSync: { ...firstSync, lastCandleTime: firstSync.lastCandleTime }, db, kraken });
  } catch (error) {
    if (workerOutput) process.stderr.write(`worker output:\n${workerOutput}\n`);
    throw error;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await Promise.all(children.map(stop));
    await deleteKeys(redis, prefix);
    redis.disconnect();
    await kraken.stop();
    await dropDatabase(scratch).catch(() => undefined);
  }
}

/** Done with what it was given: something finished, nothing waits or runs. */
async function idle(queue: Queue): Promise<boolean> {
  const counts = await queue.getJobCounts('active', 'waiting', 'prioritized', 'completed', 'failed');
  return counts.completed + counts.failed > 0 && counts.active + counts.waiting + counts.prioritized === 0;
}

/** 'since': as Kraken, only the rows after `since`; 'full-page': the whole recording, whatever `since` says. */
export type KrakenMode = 'since' | 'full-page';

/**
 * Kraken's OHLC endpoint for XBTUSD 1h, replaying the recorded response the way the tests'
 * stand-in (test/support/kraken-stand-in.ts) does. That file is left out of the build
 * (tsconfig.build.json excludes test/) and finds its recordings relative to its own source, so
 * the benches serve the same recording themselves. `mode` 'since' keeps the rows after `since`
 * (plus the still-open last row and `last`, as Kraken does); 'full-page' ignores `since`.
 */
export class KrakenReplay {
  requests = 0;
  private readonly recording = readFileSync(RECORDING, 'utf8');
  private readonly filtered = new Map<number, string>();

  private constructor(
    private readonly server: Server,
    public mode: KrakenMode,
  ) {}

  static async start(mode: KrakenMode): Promise<KrakenReplay> {
    const server = createHttpServer();
    const replay = new KrakenReplay(server, mode);
    server.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', 'http://replay');
      const pair = url.searchParams.get('pair')?.toUpperCase();
      const send = (status: number, body: string) =>
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      if (url.pathname !== '/0/public/OHLC' || (pair !== 'XBTUSD' && pair !== 'XXBTZUSD') || url.searchParams.get('interval') !== '60') {
        return send(404, `kraken replay: only OHLC of XBTUSD at interval 60 was recorded, not ${req.url}`);
      }
      replay.requests += 1;
      const since = url.searchParams.get('since');
      if (replay.mode === 'full-page' || since === null) return send(200, replay.recording);
      return send(200, replay.after(Number(since)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return replay;
  }

  /** The recording without the rows at or before `since`; kept, so that the bench's own work stays out of the timings. */
  private after(since: number): string {
    let text = this.filtered.get(since);
    if (text === undefined) {
      const body = JSON.parse(this.recording) as { error: string[]; result: Record<string, unknown> };
      for (const [key, rows] of Object.entries(body.result)) {
        if (key !== 'last' && Array.isArray(rows)) body.result[key] = rows.filter(([time]: [number]) => time > since);
      }
      this.filtered.set(since, (text = JSON.stringify(body)));
    }
    return text;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const closed = new Promise((resolve) => this.server.close(resolve));
    this.server.closeAllConnections();
    await closed;
  }
}

/** SIGTERM (the worker finishes its job and closes), SIGKILL after 10 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Every key under a bench's prefix: its queues, jobs, schedulers, the Kraken pace. */
async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
