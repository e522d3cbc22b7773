import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { KrakenStandIn } from './support/kraken-stand-in.js';
import { freePort, run } from './support/processes.js';
import { eventually } from './support/queues.js';

/** `npm start` as a user runs it: the built launcher starting the three apps as real processes. */

const STACK_DB = process.env.TEST_DATABASE_URL!.replace(/\/[^/]*$/, '/candlecast_stack');

const launch = (env: Record<string, string>) => run('dist/tools/start.js', env);

describe('npm start', () => {
  const token = async () => {
    const login = await fetch(`${api}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'change-me-admin-password' }),
    });
    return ((await login.json()) as { access_token: string }).access_token;
  };

  let kraken: KrakenStandIn;
  let env: Record<string, string>;
  let stack: ReturnType<typeof launch>;
  let api: string;

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
    kraken = await KrakenStandIn.start();
    const admin = new pg.Client({ connectionString: STACK_DB.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS candlecast_stack WITH (FORCE)');
    await admin.end();
    const [gateway, prediction, worker] = [await freePort(), await freePort(), await freePort()];
    env = {
      DATABASE_URL: STACK_DB,
      REDIS_URL: process.env.REDIS_URL!,
      QUEUE_PREFIX: 'candlecast-stack',
      GATEWAY_PORT: String(gateway),
      PREDICTION_PORT: String(prediction),
      WORKER_METRICS_PORT: String(worker),
      PREDICTION_URL: `http://127.0.0.1:${prediction}`,
      KRAKEN_API_URL: kraken.url,
      TRACKED_INTERVALS: '1d',
    };
    api = `http://127.0.0.1:${gateway}`;
    stack = launch(env);
    await eventually(async () => stack.output(), (out) => /Candlecast is up|exited|not every app/.test(out), 90_000);
  }, 180_000);

  afterAll(async () => {
    if (stack.child.exitCode === null) stack.child.kill('SIGKILL');
    await kraken.stop();
  });

  it('creates the database, starts the three apps and prints where they answer', () => {
    expect(stack.output()).toContain('created database candlecast_stack');
    expect(stack.output()).toContain(`API        http://localhost:${env.GATEWAY_PORT}`);
    expect(stack.output()).toMatch(/\[gateway\] .*listening/);
    expect(stack.output()).toMatch(/\[worker\] .*imported 4548 shipped 1d candles for BTC/);
  });

  it('answers health on every app', async () => {
    for (const port of [env.GATEWAY_PORT, env.PREDICTION_PORT, env.WORKER_METRICS_PORT]) {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      expect(await res.json()).toMatchObject({ status: 'ok' });
    }
  });

  it('serves BTC and ETH with their shipped daily history to the first admin', async () => {
    const auth = { headers: { authorization: `Bearer ${await token()}` } };
    const assets = (await (await fetch(`${api}/crypto/assets`, auth)).json()) as { symbol: string }[];
    expect(assets.map((a) => a.symbol)).toEqual(['BTC', 'ETH']);
    const history = (await (await fetch(`${api}/crypto/assets/BTC/history?interval=1d`, auth)).json()) as { count: number; candles: object[] };
    expect(history.candles[0]).toMatchObject({ time: '2013-10-06T00:00:00.000Z', open: '122.0' });
    expect(history.count).toBe(4548);
  });

  it('has a forecast for BTC daily on its own, made by a model trained on the shipped history', async () => {
    const auth = { headers: { authorization: `Bearer ${await token()}` } };
    const latest = await eventually(
      () => fetch(`${api}/prediction/latest?asset=BTC&interval=1d`, auth),
      (res) => res.status === 200,
      240_000,
    );
    expect(latest.status).toBe(200);
    const forecast = (await latest.json()) as { asset: string; interval: string; model: { version: number }; points: { targetTime: string }[] };
    expect(forecast).toMatchObject({ asset: 'BTC', interval: '1d', model: { version: 1 } });
    expect(forecast.points[0].targetTime).toBe('2026-04-01T00:00:00.000Z');
  }, 300_000);

  it('stops every app on SIGTERM', async () => {
    stack.child.kill('SIGTERM');
    expect(await stack.exited).toBe(0);
    await expect(fetch(`${api}/health`)).rejects.toThrow();
  });

  it('refuses a bad setting before starting anything, naming the variable', async () => {
    const bad = launch({ ...env, GATEWAY_PORT: 'eighty' });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain("GATEWAY_PORT: must be a port number from 1 to 65535 (got 'eighty')");
  });

  it('says how to get Redis when none answers', async () => {
    const noRedis = launch({ ...env, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(await noRedis.exited).toBe(1);
    expect(noRedis.output()).toContain('Redis is a prerequisite, and none answers at redis://127.0.0.1:1');
    expect(noRedis.output()).toContain('redis-server --daemonize yes');
  });
});
