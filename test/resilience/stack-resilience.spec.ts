import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import autocannon from 'autocannon';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { KrakenStandIn, type KrakenFault } from '../support/kraken-stand-in.js';
import { freePort } from '../support/processes.js';
import { eventually } from '../support/queues.js';
import { alive, allHealthy, get, linesSinceMark, markOutput, obituary, startApp, type App } from './support/apps.js';
import { RECORDED_CANDLES, recordingUpTo } from './support/hourly-recording.js';
import { JobLedger, jobSummary, type JobRecord } from './support/job-ledger.js';
import { OwnPostgres } from './support/own-postgres.js';
import { OwnRedis } from './support/own-redis.js';
import { printTable, say } from './support/report.js';
import { Traffic } from './support/traffic.js';

/**
 * The stack as real processes (gateway, prediction service, worker) against a Redis and a Postgres
 * that this suite starts on ports of its own, and a Kraken stand-in. Each phase breaks one thing
 * while requests flow and jobs run, then checks that the very same processes answer again, that no
 * job was lost and no model half-written, that every candle Kraken served is stored once, and
 * prints what the users and the jobs met on the way. Timings are never asserted: only recovery,
 * within generous deadlines.
 *
 * BTC's hourly candles come from the stand-in (Kraken's recorded answer, served a little further
 * each phase, as the market moves on), so that every phase has new candles to sync while it breaks
 * things; BTC's daily history is the shipped one, imported on first start, and its forecasts come
 * from a model trained through the API.
 */

const DATABASE = 'candlecast';
const PREFIX = 'resilience';
const ADMIN = { username: 'admin', password: 'resilience admin password 1' };
const READER_PASSWORD = 'resilience reading password 1';
/** Logs in and out again after each outage: the logout must hold at once, as when nothing broke. */
const LEAVER = { username: 'leaver', password: 'resilience leaving password 1' };
const USERS = 200;
/** Small models: each trains in seconds (apps/worker/src/models/model-pipeline.int.spec.ts). */
// One LSTM member each (seeds: 1): step 8's LSTM fit runs a 3-fold rolling-origin CV and a walk-forward
// refit besides its final fit, so one member costs about what step 7's single fit did, 5 members five times that.
const SMALL = { units: 8, window: 10, epochs: 3, batchSize: 64, seeds: 1 };
/** Long enough to still be running when a server goes down: early stopping is kept from ending it sooner. */
const RUNNING = { units: 16, window: 20, epochs: 4, patience: 50, batchSize: 32, seeds: 1 };
/** Long enough to be killed in the middle of (test/worker-kill.stack.spec.ts). */
const SLOW = { units: 16, window: 20, epochs: 6, patience: 50, batchSize: 32, seeds: 1 };
/** How long Redis and Postgres stay down. */
const DOWN_MS = 5000;
/** Generous deadlines for recovery, on a shared and noisy machine. */
const RECOVERY_MS = 90_000;
const SETTLE_MS = 180_000;

describe('the stack under failures', () => {
  let redis: OwnRedis;
  let postgres: OwnPostgres;
  let kraken: KrakenStandIn;
  let env: Record<string, string>;
  let api: string;
  let gateway: App;
  let prediction: App;
  let worker: App;
  let ledger: JobLedger;
  let adminToken: string;
  let userTokens: string[];
  /** How many of the recording's hourly candles the stand-in serves as closed. */
  let served = 400;
  const apps = () => [gateway, prediction, worker];
  const errorTable: Record<string, string | number>[] = [];
  const jobTable: Record<string, string | number>[] = [];

  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: postgres.url(DATABASE) });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  const call = async (method: 'GET' | 'POST', path: string, token?: string, body?: object) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    return get(`${api}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined }, 20_000);
  };

  const login = async (username: string, password: string) => {
    const res = await call('POST', '/auth/login', undefined, { username, password });
    if (res.status !== 200) throw new Error(`login of ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { access_token: string }).access_token;
  };

  const enqueue = async (path: string, body: object) => {
    const res = await call('POST', path, adminToken, body);
    if (res.status !== 202) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { jobId: string }).jobId;
  };

  const job = async (id: string) =>
    (await call('GET', `/prediction/jobs/${id}`, adminToken)).body as {
      state: string;
      progress: { epoch?: number } | number;
      result: { version?: number } | null;
      failedReason: string | null;
    };

  /** BTC hourly candles: how many, and the first and last open time (unix seconds). */
  const hourly = async () => {
    const [row] = await sql<{ n: number; first: number | null; last: number | null }>(
      `SELECT count(*)::int AS n, extract(epoch FROM min(c.time))::int AS first, extract(epoch FROM max(c.time))::int AS last
         FROM candles c JOIN assets a ON a.id = c.asset_id WHERE a.symbol = 'BTC' AND c.interval = 60`,
    );
    return row;
  };

  /** Every candle the stand-in served as closed is stored, and nothing between them is missing. */
  const expectHourlyComplete = async () => {
    const stored = await eventually(hourly, (h) => h.n === served, RECOVERY_MS);
    expect(stored).toEqual({ n: served, first: RECORDED_CANDLES[0].time, last: RECORDED_CANDLES[served - 1].time });
    expect((stored.last! - stored.first!) / 3600 + 1).toBe(served);
  };

  const models = () =>
    sql<{ version: number; status: string; reason: string | null; complete: boolean; partial: boolean }>(
      `SELECT version, status, failure_reason AS reason,
              (artifact IS NOT NULL AND calibration IS NOT NULL AND (family <> 'lstm' OR weights IS NOT NULL)) AS complete,
              (artifact IS NOT NULL OR calibration IS NOT NULL OR weights IS NOT NULL) AS partial
         FROM models ORDER BY interval, version`,
    );

  /** No model is ready without its whole artifact, and none but a ready or archived one has any of it. */
  const expectNoHalfWrittenModel = async () => {
    const all = await models();
    expect(all.filter((m) => (m.status === 'ready' || m.status === 'archived') && !m.complete)).toEqual([]);
    expect(all.filter((m) => m.status !== 'ready' && m.status !== 'archived' && m.partial)).toEqual([]);
  };

  /** Waits for a training to be in its epochs (so that it is running when something breaks). */
  const trainingUnderWay = async (hyperparameters: object, epochs = 1) => {
    const id = await enqueue('/prediction/train', { asset: 'BTC', interval: '1d', hyperparameters });
    ledger.track(id, 'api');
    const epoch = async () => {
      const progress = (await job(id)).progress;
      return typeof progress === 'object' && progress !== null ? (progress.epoch ?? 0) : 0;
    };
    expect(await eventually(epoch, (e) => e >= epochs, 120_000)).toBeGreaterThanOrEqual(epochs);
    return id;
  };

  /** The warnings and errors each app logged during a phase, by level, with the most frequent messages. */
  const logSummary = (phase: string) => {
    for (const app of apps()) if (!alive(app)) say(`  ${phase}: ${obituary(app)}`);
    for (const app of apps()) {
      const lines = linesSinceMark(app).filter((l) => l.level === 'error' || l.level === 'fatal' || l.level === 'warn');
      const counts = new Map<string, number>();
      for (const line of lines)
        counts.set(`${line.level}: ${line.msg.slice(0, 140)}`, (counts.get(`${line.level}: ${line.msg.slice(0, 140)}`) ?? 0) + 1);
      const top = [...counts].sort(([, a], [, b]) => b - a).slice(0, 4);
      errorTable.push({
        phase,
        app: app.name,
        'warn lines': lines.filter((l) => l.level === 'warn').length,
        'error lines': lines.filter((l) => l.level !== 'warn').length,
      });
      for (const [msg, n] of top) say(`  ${phase} ${app.name} ${n}× ${msg}`);
    }
  };

  const reportModels = async (phase: string) => {
    const all = await models();
    say(`  ${phase}: models ${all.map((m) => `v${m.version} ${m.status}${m.reason ? ` (${m.reason})` : ''}`).join(', ')}`);
  };

  const reportJobs = (phase: string, records: JobRecord[]) => {
    const rows = jobSummary(phase, records);
    jobTable.push(...rows);
    printTable(`${phase}: jobs`, rows);
    for (const r of records.filter((r) => r.errors.length > 0))
      say(`  ${phase} ${r.queue}/${r.name} ${r.id} (${r.fate}) failed attempts: ${r.errors.join(' | ')}`);
    for (const r of records.filter((r) => r.fate === 'failed'))
      say(`  ${phase} failed job ${r.queue}/${r.name} ${r.id}: ${r.failedReason}`);
    for (const r of records.filter((r) => r.fate === 'vanished' || r.fate === 'unsettled'))
      say(`  ${phase} LOST job ${r.queue}/${r.name} ${r.id}: ${r.state}`);
  };

  /**
   * Requests flow while `outage` stops a server and starts it again. Returns the traffic's counts,
   * after checking that the same processes answer /health and real requests again.
   */
  const throughOutage = async (phase: string, stop: () => Promise<void>, start: () => Promise<void>) => {
    markOutput(apps());
    const traffic = new Traffic(api, userTokens, adminToken, (id) => ledger.track(id, 'api'));
    await ledger.snapshot('before');
    traffic.start();
    await sleep(2000);
    // Jobs running: a training in its epochs, and the hourly sync with new candles to fetch.
    await trainingUnderWay(RUNNING);
    traffic.phase = 'down';
    await stop();
    served += 80;
    kraken.useOhlc(recordingUpTo(served));
    await sleep(DOWN_MS);
    await start();
    traffic.phase = 'recovering';
    const recovered = await allHealthy(apps(), RECOVERY_MS);
    traffic.phase = 'after';
    await sleep(5000);
    await traffic.stop();
    await ledger.snapshot('after');

    printTable(`${phase}: requests through the gateway (status × count)`, traffic.summary(['before', 'down', 'recovering', 'after']));
    for (const [key, body] of traffic.examples) say(`  ${phase} ${key}: ${body}`);
    const records = await ledger.settle(SETTLE_MS);
    reportJobs(phase, records);
    logSummary(phase);
    await reportModels(phase);

    expect({ recovered, alive: apps().map((app) => [app.name, alive(app)]) }).toEqual({
      recovered: true,
      alive: [
        ['gateway', true],
        ['prediction', true],
        ['worker', true],
      ],
    });
    // Once /health says so, every request is answered as usual, and none was ever left hanging.
    expect(Object.fromEntries(traffic.outcomes('after'))).toEqual({ 200: expect.any(Number), 202: expect.any(Number) });
    // No request was left hanging, and no valid session was refused: a 401 tells a client to throw its tokens away.
    for (const p of ['before', 'down', 'recovering', 'after']) {
      const outcomes = traffic.outcomes(p);
      expect({ p, hung: outcomes.get('no answer') ?? 0, refusedSessions: outcomes.get(401) ?? 0 }).toEqual({
        p,
        hung: 0,
        refusedSessions: 0,
      });
    }
    expect((await call('GET', '/prediction/latest?asset=BTC&interval=1d', userTokens[0])).status).toBe(200);
    expect(records.filter((r) => r.fate === 'vanished' || r.fate === 'unsettled')).toEqual([]);
    await expectHourlyComplete();
    await expectNoHalfWrittenModel();
    await expectFreshAnswers();
  };

  /** What the services answer after an outage is today's truth, not what they held before it. */
  const expectFreshAnswers = async () => {
    // The newest forecast in Postgres is the one served: at least the newest before the request (jobs
    // still run, so one may land while it is answered) and no newer than the newest after it.
    const newest = async () =>
      (
        await sql<{ madeAt: Date }>(
          `SELECT max(p.made_at) AS "madeAt" FROM predictions p JOIN assets a ON a.id = p.asset_id WHERE a.symbol = 'BTC' AND p.interval = 1440`,
        )
      )[0].madeAt.toISOString();
    const before = await newest();
    const latest = await call('GET', '/prediction/latest?asset=BTC&interval=1d', userTokens[0]);
    const after = await newest();
    const served = (latest.body as { madeAt?: string }).madeAt ?? '';
    expect({ status: latest.status, served, fresh: served >= before && served <= after }).toEqual({
      status: 200,
      served,
      fresh: true,
    });
    // A logout holds at once.
    const token = await login(LEAVER.username, LEAVER.password);
    expect((await call('GET', '/auth/users/me', token)).status).toBe(200);
    expect((await call('POST', '/auth/logout', token)).status).toBeLessThan(300);
    expect((await call('GET', '/auth/users/me', token)).status).toBe(401);
  };

  beforeAll(async () => {
    redis = await OwnRedis.start();
    postgres = await OwnPostgres.start(DATABASE);
    kraken = await KrakenStandIn.start();
    kraken.useOhlc(recordingUpTo(served));
    const [gatewayPort, predictionPort] = [await freePort(), await freePort()];
    api = `http://127.0.0.1:${gatewayPort}`;
    env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: postgres.url(DATABASE),
      REDIS_URL: redis.url,
      QUEUE_PREFIX: PREFIX,
      GATEWAY_PORT: String(gatewayPort),
      PREDICTION_PORT: String(predictionPort),
      PREDICTION_URL: `http://127.0.0.1:${predictionPort}`,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      JWT_ACCESS_TTL: '1h',
      SIGNUP_LIMIT_PER_IP: '100000',
      LOGIN_LIMIT_PER_IP: '100000',
      KRAKEN_API_URL: kraken.url,
      KRAKEN_MIN_INTERVAL_MS: '0',
      KRAKEN_TIMEOUT_MS: '1500',
      KRAKEN_MAX_RETRIES: '2',
      TRACKED_ASSETS: 'BTC',
      TRACKED_INTERVALS: '1h',
      SYNC_EVERY: '2',
      IMPORT_DEFAULT_HISTORY: 'true',
      TRAIN_ON_FIRST_START: 'false',
      // The newest 1,095 daily candles: plenty for models that only have to forecast.
      TRAIN_HISTORY: '1d=3y',
      ML_BACKEND: 'wasm',
      JOB_LOCK_MS: '2000',
    };
    // The worker first: it imports the shipped history before anyone reads it.
    worker = await startApp('worker', env);
    [gateway, prediction] = await Promise.all([startApp('gateway', env), startApp('prediction', env)]);
    ledger = new JobLedger(redis.url, PREFIX);

    adminToken = await login(ADMIN.username, ADMIN.password);
    userTokens = [];
    for (let i = 0; i < USERS; i += 20) {
      const batch = Array.from({ length: Math.min(20, USERS - i) }, (_, j) => `reader${i + j}`);
      userTokens.push(
        ...(await Promise.all(
          batch.map(async (username) => {
            const signup = await call('POST', '/auth/signup', undefined, { username, password: READER_PASSWORD });
            if (signup.status !== 201) throw new Error(`signup of ${username}: ${signup.status} ${JSON.stringify(signup.body)}`);
            return login(username, READER_PASSWORD);
          }),
        )),
      );
    }

    const leaver = await call('POST', '/auth/signup', undefined, LEAVER);
    if (leaver.status !== 201) throw new Error(`signup of ${LEAVER.username}: ${leaver.status} ${JSON.stringify(leaver.body)}`);

    // A first model and forecast for BTC daily, and the first hourly candles.
    const first = await enqueue('/prediction/train', { asset: 'BTC', interval: '1d', hyperparameters: SMALL });
    const forecast = await eventually(
      () => call('GET', '/prediction/latest?asset=BTC&interval=1d', userTokens[0]),
      (res) => res.status === 200,
      180_000,
    );
    if (forecast.status !== 200)
      throw new Error(`no forecast: ${JSON.stringify(forecast)}; training job ${JSON.stringify(await job(first))}`);
    await expectHourlyComplete();
    say(
      `\nstack up: Redis ${redis.url} (pid ${redis.pid}), Postgres on 127.0.0.1:${postgres.port}, ` +
        `gateway pid ${gateway.pid}, prediction pid ${prediction.pid}, worker pid ${worker.pid}, ${userTokens.length} users logged in`,
    );
  }, 600_000);

  afterAll(async () => {
    printTable('warnings and errors the apps logged, per phase', errorTable);
    printTable('jobs, per phase', jobTable);
    for (const app of [gateway, prediction, worker]) if (app && alive(app)) app.running.child.kill('SIGTERM');
    await Promise.all(
      [gateway, prediction, worker].map((app) => app && Promise.race([app.running.exited, sleep(20_000, undefined, { ref: false })])),
    );
    for (const app of [gateway, prediction, worker]) if (app && alive(app)) app.running.child.kill('SIGKILL');
    await ledger?.close();
    await kraken?.stop();
    await redis?.destroy();
    await postgres?.destroy();
  }, 120_000);

  it('answers again, with the same processes, after Redis is restarted while requests flow and jobs run', async () => {
    await throughOutage(
      'redis restart',
      () => redis.stop(),
      () => redis.start(),
    );
  }, 600_000);

  it('answers again, with the same processes, after Postgres is restarted while requests flow and jobs run', async () => {
    await throughOutage(
      'postgres restart',
      () => postgres.stop(),
      () => postgres.start(),
    );
  }, 600_000);

  it('finishes a training on another worker when its worker is killed with SIGKILL mid-job, and marks the interrupted model failed', async () => {
    markOutput(apps());
    await ledger.snapshot('before');
    const id = await trainingUnderWay(SLOW, 2);
    const killed = worker;
    killed.running.child.kill('SIGKILL');
    await killed.running.exited;
    served += 80;
    kraken.useOhlc(recordingUpTo(served));
    const [interrupted] = (await models()).filter((m) => m.status === 'training');
    expect(interrupted).toMatchObject({ status: 'training', complete: false, partial: false });

    worker = await startApp('worker', env);
    const finished = await eventually(
      () => job(id),
      (j) => j.state === 'completed' || j.state === 'failed',
      SETTLE_MS,
    );
    await ledger.snapshot('after');
    const records = await ledger.settle(SETTLE_MS);
    reportJobs('worker SIGKILL', records);
    logSummary('worker SIGKILL');
    await reportModels('worker SIGKILL');

    expect(finished).toMatchObject({ state: 'completed', result: { version: interrupted.version + 1 } });
    expect(
      (await models())
        .filter((m) => m.version >= interrupted.version)
        .map(({ version, status, reason, complete }) => ({ version, status, reason, complete })),
    ).toEqual([
      { version: interrupted.version, status: 'failed', reason: 'interrupted: the worker training it stopped', complete: false },
      { version: interrupted.version + 1, status: 'ready', reason: null, complete: true },
    ]);
    expect(records.filter((r) => r.fate === 'vanished' || r.fate === 'unsettled')).toEqual([]);
    await expectHourlyComplete();
    await expectNoHalfWrittenModel();
  }, 600_000);

  it('stores every candle once when Kraken answers rate limits, 500s, timeouts and malformed JSON for a while', async () => {
    markOutput(apps());
    await ledger.snapshot('before');
    const faults: [number, KrakenFault][] = [
      [4, 'rate-limit'],
      [4, 'http-500'],
      [3, 'timeout'],
      [4, 'malformed-json'],
    ];
    const scripted = faults.reduce((n, [times]) => n + times, 0);
    kraken.reset();
    for (const [times, fault] of faults) kraken.fail(times, fault);
    served = RECORDED_CANDLES.length;
    kraken.useOhlc(recordingUpTo(served));

    const faulted = () => kraken.requests.filter((r) => r.fault !== undefined).length;
    expect(
      await eventually(
        async () => faulted(),
        (n) => n === scripted,
        RECOVERY_MS,
      ),
    ).toBe(scripted);
    await expectHourlyComplete();
    await ledger.snapshot('after');
    const records = await ledger.settle(SETTLE_MS);

    const served_ = kraken.requests.map((r) => (r.fault === undefined ? 'answered' : typeof r.fault === 'string' ? r.fault : 'delayed'));
    printTable('kraken faults: what the stand-in served, per request', [
      Object.fromEntries(['answered', ...faults.map(([, f]) => f)].map((kind) => [kind, served_.filter((s) => s === kind).length])),
    ]);
    reportJobs('kraken faults', records);
    logSummary('kraken faults');
    const metrics = (await get(worker.health.replace('/health', '/metrics'))).body as string;
    const krakenOutcomes = metrics.split('\n').filter((l) => l.startsWith('candlecast_kraken_requests_total{'));
    say(`  worker's own count of Kraken requests by outcome:\n    ${krakenOutcomes.join('\n    ')}`);

    expect(records.filter((r) => r.fate === 'vanished' || r.fate === 'unsettled')).toEqual([]);
    expect(alive(worker) && alive(gateway) && alive(prediction)).toBe(true);
    // Every candle of the recording, once, exactly as Kraken sent it.
    const stored = await sql(
      `SELECT extract(epoch FROM c.time)::int AS time, c.open::text AS open, c.high::text AS high, c.low::text AS low, c.close::text AS close,
              c.vwap::text AS vwap, c.volume::text AS volume, c.trades
         FROM candles c JOIN assets a ON a.id = c.asset_id WHERE a.symbol = 'BTC' AND c.interval = 60 ORDER BY c.time`,
    );
    expect(stored).toEqual(RECORDED_CANDLES);
  }, 600_000);

  it('serves 200 users reading forecasts at once for 30 seconds, and answers as usual afterwards', async () => {
    markOutput(apps());
    let next = 0;
    const result = await autocannon({
      url: `${api}/prediction/latest?asset=BTC&interval=1d`,
      connections: USERS,
      duration: 30,
      timeout: 20,
      // One user per connection: each connection keeps the token it was given first.
      requests: [
        {
          setupRequest: (req, context: { token?: string }) => {
            context.token ??= userTokens[next++ % userTokens.length];
            return { ...req, headers: { ...req.headers, authorization: `Bearer ${context.token}` } };
          },
        },
      ],
    });
    const statuses = Object.entries(result.statusCodeStats ?? {})
      .map(([code, { count }]) => `${code}×${count}`)
      .join(' ');
    printTable('200 users reading forecasts for 30 s', [
      {
        requests: result.requests.total,
        '2xx': result['2xx'],
        non2xx: result.non2xx,
        statuses,
        errors: result.errors,
        'no answer (20 s)': result.timeouts,
        'p50 ms': result.latency.p50,
        'p99 ms': result.latency.p99,
        'max ms': result.latency.max,
      },
    ]);
    logSummary('200 readers');

    // Every reader got an answer: no connection error, none left without an answer, and nothing but
    // forecasts or the gateway's designed answers to an overloaded prediction service (503, 504).
    expect({ errors: result.errors, timeouts: result.timeouts }).toEqual({ errors: 0, timeouts: 0 });
    expect(Object.keys(result.statusCodeStats ?? {}).filter((code) => !['200', '503', '504'].includes(code))).toEqual([]);
    expect(result['2xx']).toBeGreaterThan(0);
    expect(await allHealthy(apps(), RECOVERY_MS)).toBe(true);
    expect((await call('GET', '/crypto/assets/BTC/history?interval=1h&limit=5', userTokens[1])).status).toBe(200);
  }, 300_000);

  it('afterwards: the same gateway and prediction service answer, no candle is missing or doubled, no model is half-written', async () => {
    expect([gateway, prediction].map((app) => ({ app: app.name, alive: alive(app), pid: app.running.child.pid }))).toEqual([
      { app: 'gateway', alive: true, pid: gateway.pid },
      { app: 'prediction', alive: true, pid: prediction.pid },
    ]);
    expect(await allHealthy(apps(), RECOVERY_MS)).toBe(true);
    await expectHourlyComplete();
    // The shipped daily history, whole: every line of data/history/kraken-XBTUSD-1440.csv once.
    const [daily] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM candles c JOIN assets a ON a.id = c.asset_id WHERE a.symbol = 'BTC' AND c.interval = 1440`,
    );
    expect(daily.n).toBe(4548);
    await expectNoHalfWrittenModel();
    // Any model a stopped training left `training` was marked failed by the next training.
    expect((await models()).filter((m) => m.status === 'training')).toEqual([]);
  });
});
