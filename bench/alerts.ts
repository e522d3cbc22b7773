/**
 * What checking alert rules costs the worker: `evaluate` jobs (trigger `candle`, BTC 1h) through
 * the real worker (dist/apps/worker/src/main.js as its own process), one after another, timed from
 * add() to the completed event, with 0, 100, 1,000 and 10,000 active `price_above` rules none of
 * which fires, beside an empty BullMQ job and the 0-rule job in the same run; then 1,000 rules
 * that all fire on one candle.
 *
 *   npm run build && node dist/bench/alerts.js [--jobs 100] [--rounds 3] [--firing 1000] [--note 'what else ran']
 *
 * Why these cases. Most candles cross nobody's level, so the common job loads the series' active
 * rules (one query returning one row per rule, each mapped to an object), loads the candle and the
 * one before (one query), and compares each rule's level with the two closes in memory: a rule that
 * does not fire costs a row read, sent, parsed and compared, and no round trip of its own. The 0-rule
 * job stops after the rules query (the asset, then no rules), so the slope over it is the cost per
 * rule. A rule that fires costs a transaction of its own (BEGIN, the row lock, the firing insert,
 * last_fired_at, the per-user inbox lock, the notification insert, COMMIT: seven round trips), one
 * after another within the job.
 * Aim: AIM_PER_1000_MS ms per 1,000 non-firing rules (the slope from the 0-rule job to the 10,000-rule
 * one); see the constant for why that figure.
 *
 * The candles are BTC 1h, stored by the worker's own first sync from a local replay of the recorded
 * Kraken answer test/fixtures/kraken-api/ohlc-XBTUSD-60.json (719 closed candles), as
 * bench/worker-sync.ts does. Users and rules are inserted with SQL (1,000 users, the rules spread
 * over them, channel inbox only, the default cooldown of one candle). Every rule is inserted at the
 * start; each variant switches on only its own rules (then VACUUM ANALYZE, outside the timings), so
 * that the variants can take turns for `rounds` rounds of `jobs` jobs each after a warm-up, as in
 * worker-sync.ts. The non-firing rules' levels lie above every close of the recording.
 *
 * Firing: each round a fresh set of `firing` rules (levels spread between the close before the
 * candle and its close, so previous ≤ level < close for every one) is switched on alone and one job
 * checks that candle. Afterwards it checks that exactly `firing` firings and notifications were
 * written for the set, then runs the same job twice more: at once (the cooldown stops every rule),
 * and after moving the set's last_fired_at back past the cooldown (only the firing key, unique per
 * rule and candle, stops them); neither may fire anything. Any miscount exits non-zero.
 *
 * Works in a scratch database (candlecast_bench_alerts, dropped and recreated, dropped again at the
 * end) on the server of DATABASE_URL, and under its own Redis prefix (candlecast-bench-alerts),
 * whose keys it deletes before and after (bench/support.ts's withScratchWorker, as in worker-sync.ts).
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Queue, QueueEvents } from 'bullmq';
import { loadConfigOrExit } from '#libs/config';
import { defaultJobOptions, JobName, type EvaluatePayload } from '#libs/queue';
import { summarize, withScratchWorker, type Sample, type ScratchWorkerOptions } from './support.js';

const PREFIX = 'candlecast-bench-alerts';
// 'full-page': the first sync's second page is the whole recording again, as this bench's replay always answered.
const WORKER: ScratchWorkerOptions = { database: 'candlecast_bench_alerts', prefix: PREFIX, kraken: 'full-page', emptyConcurrency: 4 };
const USERS = 1000;
const RULE_COUNTS = [0, 100, 1000, 10_000] as const;
/** The non-firing rules' levels: above every close of the recording (all below 20,000 USD; checked at the start). */
const FAR_LEVEL = 100_000;
/**
 * Aim: at most this many ms per 1,000 rules that do not fire. A non-firing rule costs no round
 * trip, only its row: Postgres reading it (joined to its user and asset)
 * and sending ~300 bytes, the pg driver parsing its 13 fields (a uuid, a text[] and two timestamps
 * into Dates among them), toRule's spread and one comparison: each a µs or two, so about 10 µs a
 * row. At that, a candle with 10,000 rules (200 users at the default ALERT_RULES_PER_USER of 50)
 * is checked in about 0.1 s, a small part of the hour between two candles.
 * Chosen from that estimate before the first run; a first smoke run (10 jobs a variant, a loaded
 * machine) measured 9.8 µs a rule, and the aim was left where it was.
 */
const AIM_PER_1000_MS = 10;
const WARM_UP = 10;

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
    firing: { type: 'string', default: '1000' },
    note: { type: 'string' },
  },
});
const config = loadConfigOrExit();

interface Outcome {
  checked: number;
  fired: string[];
  skipped?: string;
}
type Variant = { name: string; rules: number | null };
type Tally = { samples: Sample[]; checked: number; fired: number; wrong: string[] };
type FiringRound = {
  ms: number;
  inProcessorMs: number;
  fired: number;
  firings: number;
  notifications: number;
  again: number[];
  againMs: number[];
};

async function runBench(jobs: number, rounds: number, firing: number): Promise<void> {
  await withScratchWorker(WORKER, async ({ queues, events, firstSync: firstResult, db }) => {
    // The series: its newest closed candle (what a sync's check looks at), and the newest candle that closed above the one before (to fire on).
    const [{ assetId }] = (await db.query<{ assetId: number }>(`SELECT id AS "assetId" FROM assets WHERE symbol = 'BTC'`)).rows;
    const newest = firstResult.lastCandleTime;
    const [rise] = (
      await db.query<{ time: number; close: number; previous: number }>(
        `SELECT time, close, previous FROM (
           SELECT extract(epoch FROM time)::int AS time, close::float8 AS close, lag(close::float8) OVER (ORDER BY time) AS previous
             FROM candles WHERE asset_id = $1 AND interval = 60) c
          WHERE previous IS NOT NULL AND close > previous ORDER BY time DESC LIMIT 1`,
        [assetId],
      )
    ).rows;
    const [{ maxClose, candles }] = (
      await db.query<{ maxClose: number; candles: number }>(
        `SELECT max(close)::float8 AS "maxClose", count(*)::int AS candles FROM candles WHERE asset_id = $1 AND interval = 60`,
        [assetId],
      )
    ).rows;
    if (!rise || !(maxClose < FAR_LEVEL)) throw new Error(`the recording has no rising candle, or closes above ${FAR_LEVEL}`);

    // Users and rules, all inactive; each variant switches on its own.
    const userIds = (
      await db.query<{ id: string }>(
        `INSERT INTO users (username, password_hash) SELECT 'bench' || g, 'not-a-hash' FROM generate_series(1, $1) g RETURNING id`,
        [USERS],
      )
    ).rows.map((r) => r.id);
    const insertRules = async (levels: number[]) =>
      (
        await db.query<{ id: string }>(
          `INSERT INTO alert_rules (user_id, asset_id, interval, kind, threshold, cooldown_minutes, channels, active)
           SELECT ($1::uuid[])[1 + (i - 1) % cardinality($1::uuid[])], $2, 60, 'price_above', level, 60, '{inbox}', false
             FROM unnest($3::float8[]) WITH ORDINALITY AS l(level, i)
            ORDER BY i RETURNING id`,
          [userIds, assetId, levels],
        )
      ).rows.map((r) => r.id);
    const maxRules = Math.max(...RULE_COUNTS);
    const quiet = await insertRules(Array.from({ length: maxRules }, (_, i) => FAR_LEVEL + i));
    const firingSets: string[][] = [];
    for (let round = 0; round < rounds; round++) {
      const span = rise.close - rise.previous;
      firingSets.push(await insertRules(Array.from({ length: firing }, (_, i) => rise.previous + (span * (i + 0.5)) / firing)));
    }
    const activate = async (ids: string[]) => {
      await db.query(`UPDATE alert_rules SET active = (id = ANY($1::uuid[])) WHERE active IS DISTINCT FROM (id = ANY($1::uuid[]))`, [ids]);
      await db.query(`VACUUM ANALYZE alert_rules`);
    };
    let active: number | null = null;
    const activateQuiet = async (count: number) => {
      if (active !== count) await activate(quiet.slice(0, count));
      active = count;
    };

    let serial = 0;
    const runJob = async (queue: Queue, events: QueueEvents, payload: EvaluatePayload) => {
      const jobId = `bench-${++serial}`;
      const started = performance.now();
      const job = await queue.add(JobName.Evaluate, payload, { ...defaultJobOptions(JobName.Evaluate, payload), jobId });
      if (job.id !== jobId) throw new Error(`job ${jobId} was deduplicated into ${job.id}: something else is checking BTC 1h`);
      const result = (await job.waitUntilFinished(events, 120_000)) as Outcome | Record<string, never>;
      const ms = performance.now() - started;
      const done = await queue.getJob(jobId);
      return { ms, inProcessorMs: (done?.finishedOn ?? 0) - (done?.processedOn ?? 0), result };
    };
    const check: EvaluatePayload = { asset: 'BTC', interval: '1h', trigger: 'candle', candleTime: newest };

    const variants: Variant[] = [
      { name: 'empty job (baseline)', rules: null },
      ...RULE_COUNTS.map((rules) => ({ name: `${rules.toLocaleString('en-US')} rules, none fires`, rules })),
    ];
    const tallies = new Map<Variant, Tally>(variants.map((v) => [v, { samples: [], checked: 0, fired: 0, wrong: [] }]));
    const runJobs = async (variant: Variant, count: number, tally?: Tally) => {
      if (variant.rules !== null) await activateQuiet(variant.rules);
      for (let i = 0; i < count; i++) {
        const { ms, inProcessorMs, result } =
          variant.rules === null ? await runJob(queues.empty, events.empty, check) : await runJob(queues.alerts, events.alerts, check);
        if (!tally) continue;
        tally.samples.push({ ms, inProcessorMs });
        if (variant.rules === null) continue;
        const outcome = result as Outcome;
        tally.checked += outcome.checked;
        tally.fired += outcome.fired.length;
        if (outcome.checked !== variant.rules || outcome.fired.length > 0 || outcome.skipped)
          tally.wrong.push(
            `checked ${outcome.checked}, fired ${outcome.fired.length}${outcome.skipped ? `, skipped: ${outcome.skipped}` : ''}`,
          );
      }
    };

    const loadBefore = loadavg();
    const startedAt = Date.now();
    for (const variant of variants) await runJobs(variant, WARM_UP);
    for (let round = 0; round < rounds; round++) {
      for (const variant of variants) await runJobs(variant, jobs, tallies.get(variant));
    }
    const quietSeconds = (Date.now() - startedAt) / 1000;
    const quietFirings = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM alert_firings`)).rows[0].n;

    // Firing: one job per round, on the rising candle, with that round's set alone switched on.
    const fire: EvaluatePayload = { ...check, candleTime: rise.time };
    const countsOf = async (ids: string[]) =>
      (
        await db.query<{ firings: number; notifications: number }>(
          `SELECT (SELECT count(*)::int FROM alert_firings WHERE rule_id = ANY($1::uuid[])) AS firings,
                  (SELECT count(*)::int FROM notifications n JOIN alert_firings f ON f.id = n.firing_id WHERE f.rule_id = ANY($1::uuid[])) AS notifications`,
          [ids],
        )
      ).rows[0];
    const firingRounds: FiringRound[] = [];
    const firingWrong: string[] = [];
    for (const [round, ids] of firingSets.entries()) {
      await activate(ids);
      active = null;
      const { ms, inProcessorMs, result } = await runJob(queues.alerts, events.alerts, fire);
      const outcome = result as Outcome;
      const after = await countsOf(ids);
      // The same job again, at once (the cooldown stops them), then past the cooldown (the firing key stops them).
      const rerun = await runJob(queues.alerts, events.alerts, fire);
      await db.query(`UPDATE alert_rules SET last_fired_at = last_fired_at - interval '2 hours' WHERE id = ANY($1::uuid[])`, [ids]);
      const pastCooldown = await runJob(queues.alerts, events.alerts, fire);
      const again = [rerun, pastCooldown].map((r) => (r.result as Outcome).fired.length);
      const final = await countsOf(ids);
      firingRounds.push({
        ms,
        inProcessorMs,
        fired: outcome.fired.length,
        firings: final.firings,
        notifications: final.notifications,
        again,
        againMs: [rerun.ms, pastCooldown.ms],
      });
      if (outcome.checked !== firing || outcome.fired.length !== firing)
        firingWrong.push(`round ${round + 1}: checked ${outcome.checked}, fired ${outcome.fired.length} of ${firing}`);
      if (after.firings !== firing || after.notifications !== firing)
        firingWrong.push(`round ${round + 1}: ${after.firings} firings and ${after.notifications} notifications, not ${firing}`);
      if (again.some((n) => n > 0) || final.firings !== after.firings || final.notifications !== after.notifications)
        firingWrong.push(
          `round ${round + 1}: the same job again fired ${again.join(' and ')} (firings ${final.firings}, notifications ${final.notifications})`,
        );
    }
    const totals = (
      await db.query<{ firings: number; notifications: number; deliveries: number }>(
        `SELECT (SELECT count(*)::int FROM alert_firings) AS firings, (SELECT count(*)::int FROM notifications) AS notifications,
                (SELECT count(*)::int FROM webhook_deliveries) AS deliveries`,
      )
    ).rows[0];
    if (totals.firings !== firing * rounds || totals.notifications !== firing * rounds)
      firingWrong.push(`in all: ${totals.firings} firings and ${totals.notifications} notifications, not ${firing * rounds}`);

    // The table.
    const empty = summarize(tallies.get(variants[0])!.samples);
    const zero = summarize(tallies.get(variants[1])!.samples);
    const fmt = (ms: number, width = 8) => ms.toFixed(2).padStart(width);
    const header = `${''.padEnd(26)}${'jobs/s'.padStart(8)}${'mean ms'.padStart(9)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'× empty'.padStart(9)}${'× 0 rules'.padStart(10)}${'µs/rule'.padStart(9)}  in processor p50 / p99 ms`;
    const lines = variants.map((variant) => {
      const s = summarize(tallies.get(variant)!.samples);
      const perRule = variant.rules ? (((s.mean - zero.mean) / variant.rules) * 1000).toFixed(1) : '';
      return `${variant.name.padEnd(26)}${s.perSecond.toFixed(0).padStart(8)}${fmt(s.mean, 9)}${fmt(s.p50)}${fmt(s.p99)}${`${(s.mean / empty.mean).toFixed(2)}×`.padStart(9)}${variant.rules === null ? ''.padStart(10) : `${(s.mean / zero.mean).toFixed(2)}×`.padStart(10)}${perRule.padStart(9)}  ${s.inProcessorP50} / ${s.inProcessorP99}`;
    });
    const firingLines = firingRounds.map(
      (r, i) =>
        `round ${i + 1}: ${fmt(r.ms, 9)} ms, ${((r.fired / r.ms) * 1000).toFixed(0).padStart(5)} firings/s, ${((r.ms - zero.mean) / Math.max(1, r.fired)).toFixed(2)} ms per firing (in processor ${r.inProcessorMs} ms); ` +
        `${r.firings} firings, ${r.notifications} notifications; the same job again: fired ${r.again[0]} (cooldown, ${r.againMs[0].toFixed(0)} ms), ${r.again[1]} (past the cooldown: firing key, ${r.againMs[1].toFixed(0)} ms)`,
    );
    const firingMs = firingRounds.map((r) => r.ms).sort((a, b) => a - b);
    const medianFiring = firingMs[Math.floor(firingMs.length / 2)];
    const top = summarize(tallies.get(variants.at(-1)!)!.samples);
    const per1000 = ((top.mean - zero.mean) / maxRules) * 1000;
    const quietWrong = variants.flatMap((v) =>
      tallies
        .get(v)!
        .wrong.slice(0, 3)
        .map((w) => `${v.name}: ${w}`),
    );
    console.log(`
Worker: evaluate jobs (trigger candle, BTC 1h) with N active price_above rules, one job after another
${rounds} rounds × ${jobs} jobs per variant (after ${WARM_UP} warm-up jobs each; ${quietSeconds.toFixed(0)} s); Redis ${new URL(config.REDIS_URL).host}, prefix ${PREFIX}
series: ${candles} candles stored by the worker's first sync of a local Kraken replay; checked candle ${new Date(newest * 1000).toISOString()} (the newest closed)
machine: ${cpus().length} cores, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} at the start, ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at the end${values.note ? `\nnote: ${values.note}` : ''}
rules: ${maxRules.toLocaleString('en-US')} non-firing (levels ≥ ${FAR_LEVEL}, closes ≤ ${maxClose}) + ${rounds} × ${firing} firing, over ${USERS} users, channel inbox, cooldown 1h

${header}
${lines.join('\n')}

"× empty" and "× 0 rules": mean ms over the baseline's; "µs/rule": (mean ms − the 0-rule job's) / rules; latency from
add() to the completed event; "in processor": BullMQ's processedOn to finishedOn (1 ms resolution). The 0-rule job reads
the asset and finds no rule; with rules it also reads the candle and the one before.
non-firing jobs: ${variants
      .slice(1)
      .map((v) => tallies.get(v)!.checked)
      .reduce((a, b) => a + b, 0)
      .toLocaleString('en-US')} rule checks, ${quietFirings} firings written${quietWrong.length ? `; WRONG: ${quietWrong.join('; ')}` : ''}

firing: ${firing} rules that all fire on the candle of ${new Date(rise.time * 1000).toISOString()} (close ${rise.previous} → ${rise.close}), one job per round:
${firingLines.join('\n')}
in all: ${totals.firings} firings, ${totals.notifications} notifications, ${totals.deliveries} webhook deliveries${firingWrong.length ? `\nWRONG: ${firingWrong.join('; ')}` : ''}
firing, median round: ${medianFiring.toFixed(0)} ms for ${firing} firings: ${((firing / medianFiring) * 1000).toFixed(0)} firings/s, ${(medianFiring / zero.mean).toFixed(0)}× the 0-rule job

${maxRules.toLocaleString('en-US')} non-firing rules: ${top.mean.toFixed(2)} ms a job, ${(top.mean / zero.mean).toFixed(2)}× the 0-rule job; ${per1000.toFixed(2)} ms per 1,000 rules   aim ≤ ${AIM_PER_1000_MS} ms per 1,000: ${per1000 <= AIM_PER_1000_MS ? 'met' : 'NOT met'}`);
    if (quietWrong.length || quietFirings > 0 || firingWrong.length) process.exitCode = 1;
  });
}

const jobs = Number(values.jobs);
const rounds = Number(values.rounds);
const firing = Number(values.firing);
if (![jobs, rounds, firing].every((n) => Number.isInteger(n) && n >= 1)) {
  process.stderr.write('Usage: node dist/bench/alerts.js [--jobs 100] [--rounds 3] [--firing 1000] [--note text]\n');
  process.exit(2);
}
await runBench(jobs, rounds, firing);
