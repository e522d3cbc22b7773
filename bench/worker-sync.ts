/**
 * Jobs per second of a `sync` that finds nothing to write, through the real worker
 * (dist/apps/worker/src/main.js as its own process), next to the same jobs on a BullMQ worker
 * whose processor returns at once, on the same Redis, in the same run: "a sync costs X× an empty
 * job". Almost every sync the schedule runs (one per asset and interval every SYNC_EVERY) finds
 * nothing new. Aim: that sync costs at most 3× an empty job. An empty job is about four Redis
 * round trips (add, take, finish, the completed event); the sync adds six more of its own (one
 * Kraken call, five Postgres queries: the asset, lock, newest candle twice, unlock), so about
 * 2.5× is what its I/O alone costs, and beyond 3× the time goes into our code, not into waiting.
 *
 *   npm run build && node dist/bench/worker-sync.js [--jobs 200] [--rounds 3]
 *
 * Two no-op syncs, each of BTC 1h against a Kraken replay that serves the recorded response of
 * test/fixtures/kraken-api/ohlc-XBTUSD-60.json (720 rows) as test/support/kraken-stand-in.ts does:
 * - "nothing new": Kraken honours `since`, so the answer holds only the still-open candle (the
 *   steady state: one OHLC call, no closed candle received, nothing written);
 * - "all stored": Kraken answers with the whole recording whatever `since` says, so the sync
 *   upserts its 719 closed candles, all already stored (the idempotent upsert: nothing written).
 * Jobs run one after another: syncs of one asset and interval are deduplicated while waiting or
 * active and serialized by an advisory lock, so one after another is how they run. Each variant
 * gets a warm-up, then the variants take turns for `rounds` rounds of `jobs` jobs each.
 *
 * Works in a scratch database (candlecast_bench_worker, dropped and recreated, dropped again at
 * the end) on the server of DATABASE_URL, and under its own Redis prefix (candlecast-bench-worker),
 * whose keys it deletes before and after. Kraken calls are not paced (KRAKEN_MIN_INTERVAL_MS=0):
 * with the default pace of one call a second, every sync would wait for its slot instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { childEnvironment, loadConfigOrExit } from '#libs/config';
import { dropDatabase, ensureDatabase } from '#libs/database';
import { defaultJobOptions, JobName, QueueName, type SyncPayload, type SyncResult } from '#libs/queue';
import { freePort, until } from './support.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SCRATCH_DB = 'candlecast_bench_worker';
const PREFIX = 'candlecast-bench-worker';
const EMPTY_QUEUE = 'bench-empty';
const RECORDING = join(REPO, 'test/fixtures/kraken-api/ohlc-XBTUSD-60.json');
const AIM = 3;
const WARM_UP = 20;
const PAYLOAD: SyncPayload = { asset: 'BTC', interval: '1h' };

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '3' },
    'empty-worker': { type: 'boolean', default: false },
  },
});
const config = loadConfigOrExit();
const connection = { url: config.REDIS_URL, maxRetriesPerRequest: null };

/** The baseline's worker, in a process of its own like the real one: same queue options, a processor that does nothing. */
async function runEmptyWorker(): Promise<void> {
  const worker = new Worker(EMPTY_QUEUE, async () => ({}), { connection, prefix: config.QUEUE_PREFIX, concurrency: 2 });
  await worker.waitUntilReady();
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => void worker.close().then(() => process.exit(0)));
}

type Variant = { name: string; queue: Queue; events: QueueEvents; kraken?: 'since' | 'full-page' };
type Sample = { ms: number; inProcessorMs: number };
type Tally = { samples: Sample[]; requests: number; received: number; written: number; skipped: number };

async function runBench(jobs: number, rounds: number): Promise<void> {
  const scratch = Object.assign(new URL(config.DATABASE_URL), { pathname: `/${SCRATCH_DB}` }).toString();
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const kraken = await KrakenReplay.start();
  const children: ChildProcess[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  let workerOutput = '';
  try {
    await dropDatabase(scratch);
    await ensureDatabase(scratch);
    await deleteKeys(redis, PREFIX);
    const env = {
      DATABASE_URL: scratch,
      QUEUE_PREFIX: PREFIX,
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
      sync: new Queue(QueueName.MarketData, { connection, prefix: PREFIX }),
      empty: new Queue(EMPTY_QUEUE, { connection, prefix: PREFIX }),
      prediction: new Queue(QueueName.Prediction, { connection, prefix: PREFIX }),
    };
    const events = {
      sync: new QueueEvents(QueueName.MarketData, { connection, prefix: PREFIX }),
      empty: new QueueEvents(EMPTY_QUEUE, { connection, prefix: PREFIX }),
    };
    closers.push(...Object.values(events).map((e) => () => e.close()), ...Object.values(queues).map((q) => () => q.close()));
    await Promise.all(Object.values(events).map((e) => e.waitUntilReady()));

    // The worker's scheduler runs the first sync at once: it stores the recording, and its new candles enqueue a forecast.
    // (The scheduler's next sync waits, delayed, for SYNC_EVERY: a day.)
    const idle = async (queue: Queue) => {
      const counts = await queue.getJobCounts('active', 'waiting', 'prioritized', 'completed', 'failed');
      return counts.completed + counts.failed > 0 && counts.active + counts.waiting + counts.prioritized === 0;
    };
    await until(
      'the first sync and its forecast',
      async () => (await idle(queues.sync)) && (await idle(queues.prediction)),
      60_000,
      worker,
    );
    const [first] = await queues.sync.getJobs(['completed', 'failed']);
    const firstResult = first?.returnvalue as SyncResult | undefined;
    if (!firstResult || !(firstResult.inserted > 0))
      throw new Error(`the first sync stored nothing: ${first?.failedReason ?? JSON.stringify(firstResult)}`);

    const emptyWorker = spawn(process.execPath, [fileURLToPath(import.meta.url), '--empty-worker'], {
      cwd: REPO,
      env: childEnvironment({ QUEUE_PREFIX: PREFIX }),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(emptyWorker);
    let emptyReady = false;
    emptyWorker.stdout!.on('data', (d) => (emptyReady ||= String(d).includes('ready')));
    await until('the empty worker', async () => emptyReady, 30_000, emptyWorker);

    const db = new pg.Client({ connectionString: scratch });
    await db.connect();
    closers.push(() => db.end());
    const fingerprint = async () =>
      (
        await db.query<{ rows: number; versions: string }>(
          `SELECT count(*)::int AS rows, md5(string_agg(xmin::text, ',' ORDER BY asset_id, interval, time)) AS versions FROM candles`,
        )
      ).rows[0];
    const before = await fingerprint();

    const variants: Variant[] = [
      { name: 'empty job (baseline)', queue: queues.empty, events: events.empty },
      { name: 'sync, nothing new', queue: queues.sync, events: events.sync, kraken: 'since' },
      { name: `sync, all ${firstResult.inserted} stored`, queue: queues.sync, events: events.sync, kraken: 'full-page' },
    ];
    const tallies = new Map<Variant, Tally>(variants.map((v) => [v, { samples: [], requests: 0, received: 0, written: 0, skipped: 0 }]));
    let serial = 0;
    const runJobs = async (variant: Variant, count: number, tally?: Tally) => {
      kraken.mode = variant.kraken ?? 'since';
      const requestsBefore = kraken.requests;
      for (let i = 0; i < count; i++) {
        const jobId = `bench-${++serial}`;
        const started = performance.now();
        const job = await variant.queue.add(JobName.Sync, PAYLOAD, { ...defaultJobOptions(JobName.Sync, PAYLOAD), jobId });
        if (job.id !== jobId) throw new Error(`job ${jobId} was deduplicated into ${job.id}: something else is syncing BTC 1h`);
        const result = (await job.waitUntilFinished(variant.events, 30_000)) as SyncResult | Record<string, never>;
        const ms = performance.now() - started;
        if (!tally) continue;
        const done = await variant.queue.getJob(jobId);
        tally.samples.push({ ms, inProcessorMs: (done?.finishedOn ?? 0) - (done?.processedOn ?? 0) });
        if ('asset' in result) {
          tally.received += result.received;
          tally.written += result.inserted + result.updated;
          if (result.skipped) tally.skipped += 1;
        }
      }
      if (tally) tally.requests += kraken.requests - requestsBefore;
    };

    for (const variant of variants) await runJobs(variant, WARM_UP);
    for (let round = 0; round < rounds; round++) {
      for (const variant of variants) await runJobs(variant, jobs, tallies.get(variant));
    }
    const after = await fingerprint();

    const baseline = summary(tallies.get(variants[0])!);
    const fmt = (ms: number) => ms.toFixed(2).padStart(8);
    const header = `${''.padEnd(24)}${'jobs/s'.padStart(8)}${'× empty'.padStart(9)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'max ms'.padStart(8)}  in processor p50 / p99 ms`;
    const lines = variants.map((variant) => {
      const s = summary(tallies.get(variant)!);
      return `${variant.name.padEnd(24)}${s.perSecond.toFixed(0).padStart(8)}${`${(baseline.perSecond / s.perSecond).toFixed(2)}×`.padStart(9)}${fmt(s.p50)}${fmt(s.p99)}${fmt(s.max)}  ${s.inProcessorP50} / ${s.inProcessorP99}`;
    });
    const perJob = variants.slice(1).map((variant) => {
      const t = tallies.get(variant)!;
      const n = t.samples.length;
      return `${variant.name.padEnd(24)}${(t.requests / n).toFixed(2)} Kraken OHLC requests, ${(t.received / n).toFixed(0)} closed candles received, ${t.written} rows written in ${n} jobs${t.skipped ? `, ${t.skipped} skipped (lock held)` : ''}`;
    });
    const steady = baseline.perSecond / summary(tallies.get(variants[1])!).perSecond;
    const unchanged = before.rows === after.rows && before.versions === after.versions;
    console.log(`
Worker: no-op sync of BTC 1h vs an empty BullMQ job, one job after another
${rounds} rounds × ${jobs} jobs per variant (after ${WARM_UP} warm-up jobs each); Redis ${new URL(config.REDIS_URL).host}, prefix ${PREFIX}
Kraken: a local replay of ${firstResult.received} recorded candles, NOT paced (KRAKEN_MIN_INTERVAL_MS=0; the default paces one call a second)
first sync: ${firstResult.inserted} candles stored in ${firstResult.requests} Kraken requests

${header}
${lines.join('\n')}

per job:
${perJob.join('\n')}
candles table: ${after.rows} rows, row versions ${unchanged ? 'unchanged' : 'CHANGED'} by ${rounds * jobs * 2 + 2 * WARM_UP} syncs

"× empty": jobs/s of the empty job over the variant's (how many empty jobs one sync costs); latency from
add() to the completed event; "in processor": BullMQ's processedOn to finishedOn (1 ms resolution).
${variants[1].name} / empty job: ${steady.toFixed(2)}×   aim ≤ ${AIM}×: ${steady <= AIM ? 'met' : 'NOT met'}`);
    if (!unchanged || variants.slice(1).some((v) => tallies.get(v)!.written > 0)) process.exitCode = 1;
  } catch (error) {
    if (workerOutput) process.stderr.write(`worker output:\n${workerOutput}\n`);
    throw error;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await Promise.all(children.map(stop));
    await deleteKeys(redis, PREFIX);
    redis.disconnect();
    await kraken.stop();
    await dropDatabase(scratch).catch(() => undefined);
  }
}

function summary({ samples }: Tally) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const inProcessor = samples.map((s) => s.inProcessorMs).sort((a, b) => a - b);
  const total = ms.reduce((a, b) => a + b, 0);
  return {
    perSecond: (ms.length / total) * 1000,
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

/**
 * Kraken's OHLC endpoint for XBTUSD 1h, replaying the recorded response the way the tests'
 * stand-in (test/support/kraken-stand-in.ts) does. That file is left out of the build
 * (tsconfig.build.json excludes test/) and finds its recordings relative to its own source, so
 * the bench serves the same recording itself. `mode` 'since' keeps the rows after `since` (plus
 * the still-open last row and `last`, as Kraken does); 'full-page' ignores `since`.
 */
class KrakenReplay {
  mode: 'since' | 'full-page' = 'since';
  requests = 0;
  private readonly recording = readFileSync(RECORDING, 'utf8');
  private readonly filtered = new Map<number, string>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<KrakenReplay> {
    const server = createHttpServer();
    const replay = new KrakenReplay(server);
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

/** Every key under this bench's prefix: its queues, jobs, schedulers, the Kraken pace. */
async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

// Last: the class above must be initialized before the bench uses it.
if (values['empty-worker']) {
  await runEmptyWorker();
} else {
  const jobs = Number(values.jobs);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(jobs) || jobs < 1 || !Number.isInteger(rounds) || rounds < 1) {
    process.stderr.write('Usage: node dist/bench/worker-sync.js [--jobs 200] [--rounds 3]\n');
    process.exit(2);
  }
  await runBench(jobs, rounds);
}
