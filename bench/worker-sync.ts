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
 * with the default pace of one call a second, every sync would wait for its slot instead. The
 * worker, the replay, the empty one and their clean-up are bench/support.ts's withScratchWorker.
 */
import { parseArgs } from 'node:util';
import type { Queue, QueueEvents } from 'bullmq';
import { loadConfigOrExit } from '#libs/config';
import { defaultJobOptions, JobName, type SyncPayload, type SyncResult } from '#libs/queue';
import { summarize, withScratchWorker, type KrakenMode, type Sample, type ScratchWorkerOptions } from './support.js';

const PREFIX = 'candlecast-bench-worker';
const WORKER: ScratchWorkerOptions = { database: 'candlecast_bench_worker', prefix: PREFIX, kraken: 'since', emptyConcurrency: 2 };
const AIM = 3;
const WARM_UP = 20;
const PAYLOAD: SyncPayload = { asset: 'BTC', interval: '1h' };

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '3' },
  },
});
const config = loadConfigOrExit();

type Variant = { name: string; queue: Queue; events: QueueEvents; kraken?: KrakenMode };
type Tally = { samples: Sample[]; requests: number; received: number; written: number; skipped: number };

async function runBench(jobs: number, rounds: number): Promise<void> {
  await withScratchWorker(WORKER, async ({ queues, events, firstSync: firstResult, db, kraken }) => {
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

    const baseline = summarize(tallies.get(variants[0])!.samples);
    const fmt = (ms: number) => ms.toFixed(2).padStart(8);
    const header = `${''.padEnd(24)}${'jobs/s'.padStart(8)}${'× empty'.padStart(9)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'max ms'.padStart(8)}  in processor p50 / p99 ms`;
    const lines = variants.map((variant) => {
      const s = summarize(tallies.get(variant)!.samples);
      return `${variant.name.padEnd(24)}${s.perSecond.toFixed(0).padStart(8)}${`${(baseline.perSecond / s.perSecond).toFixed(2)}×`.padStart(9)}${fmt(s.p50)}${fmt(s.p99)}${fmt(s.max)}  ${s.inProcessorP50} / ${s.inProcessorP99}`;
    });
    const perJob = variants.slice(1).map((variant) => {
      const t = tallies.get(variant)!;
      const n = t.samples.length;
      return `${variant.name.padEnd(24)}${(t.requests / n).toFixed(2)} Kraken OHLC requests, ${(t.received / n).toFixed(0)} closed candles received, ${t.written} rows written in ${n} jobs${t.skipped ? `, ${t.skipped} skipped (lock held)` : ''}`;
    });
    const steady = baseline.perSecond / summarize(tallies.get(variants[1])!.samples).perSecond;
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
  });
}

const jobs = Number(values.jobs);
const rounds = Number(values.rounds);
if (!Number.isInteger(jobs) || jobs < 1 || !Number.isInteger(rounds) || rounds < 1) {
  process.stderr.write('Usage: node dist/bench/worker-sync.js [--jobs 200] [--rounds 3]\n');
  process.exit(2);
}
await runBench(jobs, rounds);
