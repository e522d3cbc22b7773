/**
 * Step 10 as a user meets it, with every part a process of its own (tools/start.js: gateway,
 * prediction and worker) and a second gateway beside them: a rule on BTC, a webhook to a receiver
 * of our own, a live stream open on the other gateway, and a new candle across the level brought
 * by the Kraken stand-in through an admin's sync. One signed delivery (retried through two 500s
 * under one delivery id), one inbox entry, one live event; nothing for another user.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JobName, QueueName } from '#libs/queue';
import { emptyDatabase } from './support/fixtures.js';
import { KrakenStandIn, type KrakenOhlcBody } from './support/kraken-stand-in.js';
import { freePort, run, type Running } from './support/processes.js';
import { eventually } from './support/queues.js';
import { openTestDatabase } from './support/test-database.js';

const ADMIN = { username: 'admin', password: 'change-me-admin-password' };
const PASSWORD = 'a long and private phrase 42';
const PREFIX = `alert-stack-${process.pid}`;

/** Kraken's recorded hourly BTC answer: 720 rows, the last one still forming; `last` is the newest closed candle. */
const RECORDED = JSON.parse(readFileSync('test/fixtures/kraken-api/ohlc-XBTUSD-60.json', 'utf8')) as KrakenOhlcBody & {
  result: { XXBTZUSD: [number, string, string, string, string, string, string, number][]; last: number };
};
const ROWS = RECORDED.result.XXBTZUSD;
const NEWEST_CLOSED = ROWS[ROWS.length - 2];
const LEVEL = Math.ceil(Number(NEWEST_CLOSED[4]) * 1.02);

/**
 * The next answer: the candle that was forming closes at 2% above LEVEL (so it crosses it), and a
 * new one forms after it.
 */
function crossingAnswer(): KrakenOhlcBody {
  const forming = ROWS[ROWS.length - 1];
  const close = String(LEVEL * 1.02);
  const closed = [forming[0], forming[1], close, forming[3], close, close, forming[6], forming[7]];
  const next = [forming[0] + 3600, close, close, close, close, close, '0.1', 1];
  return { error: [], result: { XXBTZUSD: [...ROWS.slice(0, -1), closed, next], last: forming[0] } };
}

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver of our own: records every POST, and answers with the statuses given in turn (then 200). */
async function startReceiver(statuses: number[]): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

/** An SSE stream read with fetch and the Authorization header, as the dashboard reads it: its events as they come. */
function openStream(origin: string, token: string) {
  const events: { id?: string; event?: string; data: string }[] = [];
  const abort = new AbortController();
  const done = (async () => {
    const res = await fetch(`${origin}/notifications/stream`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
    if (res.status !== 200) throw new Error(`stream: HTTP ${res.status} ${await res.text()}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body!) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: { id?: string; event?: string; data: string } = { data: '' };
        for (const line of block.split('\n')) {
          if (line.startsWith('id:')) event.id = line.slice(3).trim();
          else if (line.startsWith('event:')) event.event = line.slice(6).trim();
          else if (line.startsWith('data:')) event.data += line.slice(5).trim();
        }
        if (event.event || event.data) events.push(event);
      }
    }
  })().catch((error: Error) => {
    if (error.name !== 'AbortError') throw error;
  });
  return { events, close: () => abort.abort(), done };
}

describe('an alert on BTC, from a new Kraken candle to a signed webhook, the inbox and a live stream', () => {
  let kraken: KrakenStandIn;
  let stack: Running;
  let second: Running;
  let origin: string;
  let otherOrigin: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let deliveries: Queue;

  const call = async (base: string, token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const login = async (base: string, username: string, password: string) => {
    const res = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const signup = async (username: string) => {
    const res = await fetch(`${origin}/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (res.status !== 201) throw new Error(`signup ${username}: ${res.status} ${await res.text()}`);
    return login(origin, username, PASSWORD);
  };
  const up = (base: string, process: Running) =>
    eventually(
      () =>
        fetch(`${base}/health`).then(
          (r) => r.status,
          () => 0,
        ),
      (status) => status === 200,
      120_000,
      `${base} to be healthy; its output: ${process.output().slice(-3000)}`,
    );

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    receiver = await startReceiver([500, 500]);
    const db = await openTestDatabase();
    await emptyDatabase(db);
    await db.destroy();
    const [gateway, prediction, worker, gateway2] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const env = {
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      REDIS_URL: process.env.REDIS_URL!,
      QUEUE_PREFIX: PREFIX,
      PREDICTION_PORT: String(prediction),
      PREDICTION_URL: `http://127.0.0.1:${prediction}`,
      WORKER_METRICS_PORT: String(worker),
      ...kraken.workerEnv('1h'),
      WEBHOOK_ALLOW_PRIVATE: 'true',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_LIMIT_PER_IP: '10000',
      LOGIN_DELAY_MAX_MS: '0',
      SIGNUP_LIMIT_PER_IP: '10000',
      LOG_LEVEL: 'warn',
    };
    stack = run('dist/tools/start.js', { ...env, GATEWAY_PORT: String(gateway) });
    origin = `http://127.0.0.1:${gateway}`;
    await up(origin, stack);
    second = run('dist/apps/gateway/src/main.js', { ...env, GATEWAY_PORT: String(gateway2) });
    otherOrigin = `http://127.0.0.1:${gateway2}`;
    await up(otherOrigin, second);
    deliveries = new Queue(QueueName.Notifications, {
      connection: { url: process.env.REDIS_URL!, maxRetriesPerRequest: null },
      prefix: PREFIX,
    });
  }, 240_000);

  afterAll(async () => {
    for (const running of [second, stack]) {
      if (running && running.child.exitCode === null) {
        running.child.kill('SIGTERM');
        await running.exited;
      }
    }
    await deliveries?.obliterate({ force: true });
    await deliveries?.close();
    await new Promise((resolve) => receiver?.server.close(resolve));
    await kraken?.stop();
  });

  it('delivers one signed webhook through two failures, one inbox entry and one live event, to the rule owner only', async () => {
    const admin = await login(origin, ADMIN.username, ADMIN.password);
    // The worker's first sync stores the recorded candles; the newest closed one is Kraken's `last`.
    await eventually(
      () => call(origin, admin, 'GET', '/crypto/assets/BTC/latest?interval=1h'),
      (res) => res.status === 200 && new Date(res.body.candle.time).getTime() === NEWEST_CLOSED[0] * 1000,
      120_000,
      "the first sync's newest BTC 1h candle",
    );
    const owner = await signup('alert-owner');
    const bystander = await signup('alert-bystander');

    const rule = await call(origin, owner, 'POST', '/alerts', {
      asset: 'BTC',
      interval: '1h',
      kind: 'price_above',
      threshold: LEVEL,
      channels: ['inbox', 'webhook'],
    });
    expect(rule.status).toBe(201);
    const hook = await call(origin, owner, 'POST', '/webhooks', { url: `${receiver.url}/owner` });
    expect(hook.status).toBe(201);
    const secret: string = hook.body.secret;
    expect((await call(origin, bystander, 'POST', '/webhooks', { url: `${receiver.url}/bystander` })).status).toBe(201);

    // The owner's page is served by the other gateway; the bystander has one open too.
    const ownerStream = openStream(otherOrigin, owner);
    const bystanderStream = openStream(origin, bystander);
    await eventually(
      () => call(otherOrigin, owner, 'GET', '/notifications'),
      (res) => res.status === 200,
      10_000,
    );

    kraken.useOhlcFor('XBTUSD', 60, crossingAnswer());
    const synced = Date.now();
    expect((await call(origin, admin, 'POST', '/prediction/ingest', { asset: 'BTC', interval: '1h' })).status).toBe(202);

    const acknowledged = await eventually(
      () => Promise.resolve(receiver.received.filter((r) => r.path === '/owner')),
      (hits) => hits.length === 3,
      60_000,
      'the owner webhook answered 500, 500, then 200',
    );
    process.stdout.write(`alert-delivery: acknowledged ${Date.now() - synced} ms after the sync was asked for (two retries included)\n`);

    // One delivery id on all three attempts, each signed over its own timestamp and the body.
    const ids = new Set(acknowledged.map((r) => r.headers['x-candlecast-delivery']));
    expect(ids.size).toBe(1);
    for (const attempt of acknowledged) {
      expect(attempt.headers['x-candlecast-event']).toBe('alert.fired');
      const signature = String(attempt.headers['x-candlecast-signature']);
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
      expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(300);
      const expected = createHmac('sha256', secret).update(`${t}.${attempt.body}`).digest();
      expect(timingSafeEqual(Buffer.from(v1, 'hex'), expected)).toBe(true);
      const body = JSON.parse(attempt.body);
      expect(body.data).toMatchObject({ ruleId: rule.body.id, asset: 'BTC', interval: '1h', kind: 'price_above' });
    }

    const inbox = await call(origin, owner, 'GET', '/notifications');
    expect(inbox.body.items).toHaveLength(1);
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items[0]).toMatchObject({ kind: 'price_above', readAt: null });
    const live = await eventually(
      () => Promise.resolve(ownerStream.events.filter((e) => e.event === 'notification')),
      (events) => events.length === 1,
      10_000,
      "the owner's live event",
    );
    expect(live[0].id).toBe(inbox.body.items[0].id);
    expect(JSON.parse(live[0].data)).toMatchObject({ id: inbox.body.items[0].id, kind: 'price_above' });

    const listed = await call(origin, owner, 'GET', `/webhooks/${hook.body.id}/deliveries`);
    expect(listed.body.deliveries).toHaveLength(1);
    expect(listed.body.deliveries[0]).toMatchObject({ id: [...ids][0], status: 'delivered', attempts: 3, responseStatus: 200 });

    // Nothing more: the delivery queue has no delivery left to try (its prune scheduler's next run
    // waits there, delayed), and the receiver saw three POSTs in all.
    await eventually(
      async () => (await deliveries.getJobs(['waiting', 'delayed', 'active', 'prioritized'])).filter((job) => job.name === JobName.Deliver),
      (left) => left.length === 0,
      30_000,
      'no delivery left on the notifications queue',
    );
    expect(receiver.received).toHaveLength(3);
    expect((await call(origin, bystander, 'GET', '/notifications')).body.items).toHaveLength(0);
    expect(bystanderStream.events.filter((e) => e.event === 'notification')).toHaveLength(0);
    // The bystander cannot see the owner's rule or webhook.
    expect((await call(origin, bystander, 'GET', `/alerts/${rule.body.id}`)).status).toBe(404);
    expect((await call(origin, bystander, 'GET', `/webhooks/${hook.body.id}/deliveries`)).status).toBe(404);

    ownerStream.close();
    bystanderStream.close();
    await Promise.all([ownerStream.done, bystanderStream.done]);
  }, 240_000);
});
