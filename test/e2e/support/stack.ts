import { readFileSync } from 'node:fs';
import { dropDatabase } from '#libs/database';
import { KrakenStandIn, type KrakenOhlcBody, type KrakenTickerEntry } from '../../support/kraken-stand-in.js';
import { freePort, run, type Running } from '../../support/processes.js';

/**
 * The real stack for the browser tests: the built launcher (`dist/tools/start.js`) starting the
 * gateway, the prediction service and the worker as processes, on a database of their own
 * (`<test database>_e2e`) and a queue prefix of their own, with Kraken replaced by the stand-in.
 * The worker imports the shipped daily history of BTC and ETH; nothing trains on its own.
 */

export const ADMIN = { username: 'admin', password: 'change-me-admin-password' };
export const USER = { username: 'e2e-user', password: 'a long and private phrase 42' };
export const METRICS_TOKEN = 'e2e-metrics-token-0123456789';

/** The pair an admin adds in the tests: Kraken knows it (assetpairs.json), the stand-in serves its daily candles. */
export const NEW_PAIR = { symbol: 'LTC', altname: 'LTCUSD', wsname: 'LTC/USD', key: 'XLTCZUSD' };

/** The pair an admin tracks from the search box (the same coin on a second quote): the stand-in serves its daily candles too. */
export const SEARCH_PAIR = { symbol: 'BTCEUR', altname: 'XBTEUR', wsname: 'XBT/EUR', key: 'XXBTZEUR' };

/** Small and seeded: a training that ends in seconds and makes the same model every run; a week ahead, a line long enough to see on a phone. */
export const TINY_HYPERPARAMETERS = { units: 4, layers: 1, window: 5, horizon: 7, epochs: 3, batchSize: 256, patience: 3, seed: 42 };

export interface E2eStack {
  /** `http://localhost:<port>`: the name browsers treat as secure, so the `__Host-` cookie holds on plain HTTP. */
  origin: string;
  kraken: KrakenStandIn;
  launcher: Running;
  stop(): Promise<void>;
}

const E2E_DB = () => {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  return Object.assign(url, { pathname: `${url.pathname}_e2e` }).toString();
};

/**
 * 720 daily candles for the new pair, Kraken's OHLC shape, made from the shipped ETH history
 * (nothing was recorded from Kraken for another pair at 1440 minutes).
 */
function newPairDailyCandles(): KrakenOhlcBody {
  const rows = readFileSync('data/history/kraken-ETHUSD-1440.csv', 'utf8').trim().split('\n').slice(1).slice(-720);
  const ohlc = rows.map((line) => {
    const [time, open, high, low, close, volume, trades] = line.split(',');
    return [Number(time), open, high, low, close, close, volume, Number(trades)];
  });
  return { error: [], result: { [NEW_PAIR.key]: ohlc, last: ohlc[ohlc.length - 1][0] } };
}

const historyRows = (file: string, last: number): string[][] =>
  readFileSync(`data/history/${file}`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .slice(-last)
    .map((line) => line.split(','));

/**
 * Daily candles for the searched pair, Kraken's OHLC shape, made from the shipped BTC history
 * (nothing was recorded for XBTEUR): candles to backfill, not EUR prices anyone should read.
 */
function searchPairDailyCandles(): KrakenOhlcBody {
  const ohlc = historyRows('kraken-XBTUSD-1440.csv', 720).map(([time, open, high, low, close, volume, trades]) => [
    Number(time),
    open,
    high,
    low,
    close,
    close,
    volume,
    Number(trades),
  ]);
  return { error: [], result: { [SEARCH_PAIR.key]: ohlc, last: ohlc[ohlc.length - 1][0] } };
}

/**
 * A Ticker entry (Kraken's shape) from the newest shipped daily candle of a history file, for the pairs
 * nothing was recorded for (only XBTUSD's ticker was): the asset headers of ETH and LTC show a live price.
 */
function tickerFromHistory(file: string): KrakenTickerEntry {
  const [, open, high, low, close, volume, trades] = historyRows(file, 1)[0];
  return {
    a: [close, '1', '1.000'],
    b: [close, '1', '1.000'],
    c: [close, '0.1'],
    v: [volume, volume],
    p: [close, close],
    t: [Number(trades), Number(trades)],
    l: [low, low],
    h: [high, high],
    o: open,
  };
}

async function poll<T>(what: string, get: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, launcher: Running): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (launcher.child.exitCode !== null) throw new Error(`${what}: the stack exited\n${launcher.output()}`);
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs / 1000} s\n${launcher.output().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function login(origin: string, who: { username: string; password: string }): Promise<string> {
  const res = await fetch(`${origin}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
  if (res.status !== 200) throw new Error(`login as ${who.username}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export async function startE2eStack(): Promise<E2eStack> {
  const kraken = await KrakenStandIn.start();
  kraken.useOhlcFor(NEW_PAIR.altname, 1440, newPairDailyCandles());
  kraken.useOhlcFor(SEARCH_PAIR.altname, 1440, searchPairDailyCandles());
  kraken.useTickerFor('ETHUSD', tickerFromHistory('kraken-ETHUSD-1440.csv'));
  kraken.useTickerFor(NEW_PAIR.altname, tickerFromHistory('kraken-ETHUSD-1440.csv'));
  kraken.useTickerFor(SEARCH_PAIR.altname, tickerFromHistory('kraken-XBTUSD-1440.csv'));
  const db = E2E_DB();
  await dropDatabase(db);
  const [gateway, prediction, worker] = [await freePort(), await freePort(), await freePort()];
  const origin = `http://localhost:${gateway}`;
  const launcher = run('dist/tools/start.js', {
    DATABASE_URL: db,
    REDIS_URL: process.env.TEST_REDIS_URL!,
    QUEUE_PREFIX: 'candlecast-e2e',
    GATEWAY_PORT: String(gateway),
    PREDICTION_PORT: String(prediction),
    WORKER_METRICS_PORT: String(worker),
    PREDICTION_URL: `http://127.0.0.1:${prediction}`,
    PUBLIC_ORIGIN: origin,
    KRAKEN_API_URL: kraken.url,
    KRAKEN_MIN_INTERVAL_MS: '0',
    KRAKEN_MAX_RETRIES: '0',
    TRACKED_INTERVALS: '1d',
    TRAIN_ON_FIRST_START: 'false',
    // The newest 1,095 daily candles are plenty for a model that only has to draw a forecast.
    TRAIN_HISTORY: '1d=3y',
    METRICS_TOKEN,
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    // The tests sign in many times from one address.
    LOGIN_LIMIT_PER_IP: '10000',
    LOGIN_DELAY_MAX_MS: '0',
    SIGNUP_LIMIT_PER_IP: '10000',
    REFRESH_LIMIT_PER_IP: '10000',
    REFRESH_LIMIT_PER_SESSION: '10000',
    // The webhook test's receiver listens on 127.0.0.1.
    WEBHOOK_ALLOW_PRIVATE: 'true',
    LOG_LEVEL: 'warn',
  });
  const stop = async () => {
    if (launcher.child.exitCode === null) {
      launcher.child.kill('SIGTERM');
      const killer = setTimeout(() => launcher.child.kill('SIGKILL'), 10_000);
      await launcher.exited;
      clearTimeout(killer);
    }
    await kraken.stop();
  };
  try {
    await poll(
      'the stack starting',
      async () => (await fetch(`${origin}/health`)).status,
      (status) => status === 200,
      120_000,
      launcher,
    );
    const admin = await login(origin, ADMIN);
    const auth = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    await poll(
      'the shipped BTC history imported',
      async () => (await (await fetch(`${origin}/crypto/assets/BTC/history?interval=1d`, { headers: auth })).json()) as { count?: number },
      (history) => history.count === 4548,
      120_000,
      launcher,
    );
    const signup = await fetch(`${origin}/auth/signup`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ ...USER, email: 'e2e-user@example.com' }),
    });
    if (signup.status !== 201) throw new Error(`signing up ${USER.username}: HTTP ${signup.status} ${await signup.text()}`);
    // BTC's forecast on the chart: a real training, small and seeded, so the chart shows the same data every run.
    const train = await fetch(`${origin}/prediction/train`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ asset: 'BTC', interval: '1d', hyperparameters: TINY_HYPERPARAMETERS }),
    });
    if (train.status !== 202) throw new Error(`training BTC: HTTP ${train.status} ${await train.text()}`);
    await poll(
      "BTC's first forecast",
      async () => (await fetch(`${origin}/prediction/latest?asset=BTC&interval=1d`, { headers: auth })).status,
      (status) => status === 200,
      180_000,
      launcher,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, kraken, launcher, stop };
}
