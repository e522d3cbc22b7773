/**
 * The public API under a property-based fuzzer. The real gateway and the real prediction service
 * run with real HTTP between them (Kraken is the stand-in); the fuzzer reads /docs-json from the
 * running gateway, so that a new route is fuzzed without a line here, and sends every route
 * hostile requests over real HTTP (test/fuzz/openapi-arbitraries.ts says which) as nobody, as a
 * user and as an admin: first a fixed catalogue per route (every class of hostile input once, in
 * an otherwise valid request), then FUZZ_RUNS random ones. Every answer must be below 500 (or a
 * 502/503/504 its route documents: Kraken's stand-in has recorded answers for few pairs), every
 * error in the documented shape
 * `{statusCode, error, message}`, and every request answered within 10 s (a streaming route is
 * exempt from that: its headers suffice).
 *
 * It acts only as users it made itself, and names in DELETE and PUT paths only its own
 * throwaway users and assets or names nobody has; when a request ends its caller's session (a
 * logout, a new password), it makes a new caller.
 *
 *   FUZZ_SEED=123     another seed (the default is fixed, so that CI is reproducible)
 *   FUZZ_RUNS=300     random requests per route, after its catalogue (and then shrinking, on a failure)
 *   FUZZ_ROUTES=pin   only the routes whose key (`PUT /prediction/models/{id}/pin`) matches this regular expression
 *   FUZZ_COLLECT=1    no stopping at the first failure of a route: every distinct failure is
 *                     gathered (by route, status and the server's own error) with its smallest
 *                     example, and printed; the test then fails if there was any
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AssetRepository, UserRepository, type UserRole } from '#libs/database';
import { RedisClient } from '#libs/queue';
import { KNOWN_ASSETS } from '#libs/market-data';
import { configureGateway, GATEWAY_APP_OPTIONS } from '../../apps/gateway/src/gateway.app.js';
import { GatewayModule } from '../../apps/gateway/src/gateway.module.js';
import { PasswordService } from '../../apps/gateway/src/auth/password.service.js';
import { configurePrediction, PREDICTION_APP_OPTIONS } from '../../apps/prediction/src/prediction.app.js';
import { PredictionModule } from '../../apps/prediction/src/prediction.module.js';
import { BTC_DAILY, emptyDatabase, seedAsset } from '../support/fixtures.js';
import { KRAKEN_FIXTURES, KrakenStandIn } from '../support/kraken-stand-in.js';
import { bootApp } from '../support/nest-app.js';
import { seedForecasts } from '../support/prediction-app.js';
import {
  CALLER_TOKEN,
  examplesFor,
  JsonObject,
  Pick,
  RawFromJson,
  RawSegment,
  requestsFor,
  routesOf,
  toJsonText,
  type ArbitraryOptions,
  type Caller,
  type FuzzRequest,
  type OpenApiDocument,
  type Route,
} from './openapi-arbitraries.js';
import { BULLMQ_QUEUE_KEYS } from '../support/bullmq-keys.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const COLLECT = process.env.FUZZ_COLLECT === '1';
const ONLY = process.env.FUZZ_ROUTES ? new RegExp(process.env.FUZZ_ROUTES) : undefined;
const ANSWER_WITHIN_MS = 10_000;
const REDIS_PREFIX = 'fuzz-spec';

/** The password of every user the fuzzer makes (hashed once). */
const PASSWORD = 'fuzzer password 2026';
const VICTIMS = Array.from({ length: 8 }, (_, i) => `fz-victim-${i}`);
const LOGIN_TARGETS = Array.from({ length: 4 }, (_, i) => `fz-login-${i}`);
/** Kraken pairs the fuzzer may track (each under its usual symbol, or under one of its own) and untrack. */
const THROWAWAY_SYMBOLS = ['ADA', 'DOT', 'LINK', 'UNI', 'ATOM', 'FIL', 'KSM', 'FZONE', 'FZTWO'];
const THROWAWAY_PAIRS = ['ADAUSD', 'DOTUSD', 'ALGOUSD', 'TRXUSD', 'ADA/USD', 'NOPEUSD'];
/** BullMQ's own keys and words that a job id route must not take for a job. */
const NOT_JOB_IDS = BULLMQ_QUEUE_KEYS;

/** Users the fuzzer acts as or relies on, and assets the other routes need: never deleted, demoted or renamed. */
const PROTECTED_USERNAME = /^(fz-(actor|login|donor)|admin$)/;
const PROTECTED_SYMBOLS = new Set(['BTC', 'ETH', 'XBT']);

/** A name as a lenient server might read it: no blanks, controls or invisible characters, compatibility forms folded. */
const plain = (value: string) =>
  [...value.normalize('NFKC').replace(/ſ/g, 's')]
    .filter((c) => c > ' ' && c !== '\u007f' && !/[\s\u200b-\u200d\u2060\ufeff]/.test(c))
    .join('');

/** Kraken's pairs (the stand-in's recording), for the fuzzer to track under symbols of its own. */
const KRAKEN_PAIRS = Object.values(
  (JSON.parse(readFileSync(join(KRAKEN_FIXTURES, 'assetpairs.json'), 'utf8')) as { result: Record<string, { altname: string }> }).result,
).map((p) => p.altname);

const options: ArbitraryOptions = {
  baselines: {
    'body:username': 'fz-login-0',
    password: PASSWORD,
    current_password: PASSWORD,
    email: 'fuzz@example.com',
    refresh_token: new Pick('refreshToken'),
    asset: 'BTC',
    interval: '1d',
    'path:symbol': 'BTC',
    'body:symbol': new Pick('newSymbol'),
    pair: new Pick('newPair'),
    name: 'Fuzz coin',
    'path:username': new Pick('victim'),
    id: new Pick('jobId'),
    from: '2013-10-06',
    to: '2013-10-09',
  },
  hints: {
    'path:username': fc.oneof(fc.constant(new Pick('victim')), fc.constantFrom(...VICTIMS), fc.stringMatching(/^fz-ghost-[a-z0-9]{1,8}$/)),
    'body:username': fc.oneof(fc.constantFrom(...LOGIN_TARGETS), fc.constant(new Pick('newUsername'))),
    password: fc.oneof(fc.constant(PASSWORD), fc.stringMatching(/^new fuzz password [a-z0-9]{0,8}$/)),
    current_password: fc.oneof({ weight: 4, arbitrary: fc.constant(PASSWORD) }, { weight: 1, arbitrary: fc.constant('not my password 1') }),
    email: fc.oneof(fc.constant('fuzz@example.com'), fc.emailAddress()),
    refresh_token: fc.constant(new Pick('refreshToken')),
    asset: fc.constantFrom('BTC', 'btc', 'ETH', 'ADA', 'ZZZ'),
    'path:symbol': fc.oneof(fc.constantFrom('BTC', 'btc', 'eth', ...THROWAWAY_SYMBOLS, 'ZZZ'), fc.constant(new Pick('trackedSymbol'))),
    'body:symbol': fc.oneof(fc.constantFrom(...THROWAWAY_SYMBOLS, 'BTC'), fc.constant(new Pick('newSymbol'))),
    pair: fc.oneof(fc.constantFrom(...THROWAWAY_PAIRS), fc.constant(new Pick('newPair'))),
    name: fc.constantFrom('Fuzz coin', 'F'),
    id: fc.oneof(
      { weight: 3, arbitrary: fc.constant(new Pick('jobId')) },
      { weight: 2, arbitrary: fc.constantFrom(...NOT_JOB_IDS, 'repeat:sync:BTC:1d:1700000000000') },
      { weight: 1, arbitrary: fc.uuid() },
    ),
    from: fc.constantFrom('2013-10-06', '2013-10-07T00:00:00Z', '1381017600'),
    to: fc.constantFrom('2013-10-09', '2013-10-08T12:00:00+02:00', '1381276800'),
    'x-request-id': fc.constantFrom('fuzz-request-1', 'trace.abc_123'),
  },
  forbidden: (route, param, value) => {
    if (route.method === 'GET') return false;
    const name = plain(value);
    if (param === 'username') return PROTECTED_USERNAME.test(name.toLowerCase());
    if (param === 'symbol') return PROTECTED_SYMBOLS.has(name.toUpperCase());
    return false;
  },
};

/** The model routes' id is a model's (a seeded one, or a UUID nobody has), not a job's. */
const modelIdOptions: ArbitraryOptions = {
  ...options,
  baselines: { ...options.baselines, id: new Pick('modelId') },
  hints: {
    ...options.hints,
    id: fc.oneof(
      { weight: 3, arbitrary: fc.constant(new Pick('modelId')) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.constantFrom(...NOT_JOB_IDS) },
    ),
  },
};

/** A signup's valid request names a new user; a login's, one that exists. */
const optionsFor = (route: Route): ArbitraryOptions =>
  route.key === 'POST /auth/signup'
    ? { ...options, baselines: { ...options.baselines, 'body:username': new Pick('newUsername') } }
    : route.path.startsWith('/prediction/models/{id}')
      ? modelIdOptions
      : options;

// ----------------------------------------------------------------------------------------------

/** Errors and warnings the two apps logged, so that a 500 comes with its cause. */
class LogCapture implements LoggerService {
  readonly lines: string[] = [];
  log(): void {}
  debug(): void {}
  verbose(): void {}
  warn(message: unknown): void {
    this.lines.push(`warn: ${LogCapture.describe(message)}`);
  }
  error(message: unknown, ...rest: unknown[]): void {
    const stack = rest.find((r): r is string => typeof r === 'string' && r.includes('\n    at '));
    this.lines.push(LogCapture.describe(message, stack));
  }
  fatal(message: unknown): void {
    this.lines.push(`fatal: ${LogCapture.describe(message)}`);
  }

  /** `Error: message (at the first frame of our own code)`. */
  static describe(message: unknown, stack?: string): string {
    if (message instanceof Error) {
      const frame = (message.stack ?? '').split('\n').find((l) => /\/(apps|libs)\//.test(l) && !l.includes('node_modules'));
      const where = frame
        ? ` (${frame
            .trim()
            .replace(/^at /, '')
            .replace(/.*\/(apps|libs)\//, '$1/')})`
        : '';
      return `${message.name}: ${message.message}${where}`;
    }
    const frame = stack?.split('\n').find((l) => /\/(apps|libs)\//.test(l) && !l.includes('node_modules'));
    return `${String(message)}${frame ? ` (${frame.trim().replace(/.*\/(apps|libs)\//, '$1/')})` : ''}`;
  }
}

interface Reply {
  status: number;
  type: string;
  text: string;
}

interface Exchange {
  request: FuzzRequest;
  method: string;
  target: string;
  headers: [string, string][];
  body?: string | Buffer;
  reply?: Reply;
  failure?: string;
  logged: string[];
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** Percent-encodes the UTF-8 bytes of a string (lone surrogates included, which encodeURIComponent refuses). */
const percent = (value: string) =>
  [...Buffer.from(value, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

/** One HTTP exchange over a real socket; duplicate headers stay duplicates (Node's client keeps an array's pairs). */
function send(
  port: number,
  method: string,
  target: string,
  headers: [string, string][],
  body: string | Buffer | undefined,
  streams = false,
): Promise<Reply> {
  const attempt = (retry: boolean): Promise<Reply> =>
    new Promise<Reply>((resolve, reject) => {
      const all: [string, string][] = [['Host', `127.0.0.1:${port}`], ...headers];
      // A PUT or POST without a length would go chunked, which reads as a body (and is refused as not JSON): say it is empty.
      if (body !== undefined || !['GET', 'HEAD', 'DELETE'].includes(method))
        all.push(['Content-Length', String(body === undefined ? 0 : Buffer.byteLength(body))]);
      const req = http.request(
        { host: '127.0.0.1', port, method, path: target, agent, headers: all.flat(), signal: AbortSignal.timeout(ANSWER_WITHIN_MS) },
        (res) => {
          const type = String(res.headers['content-type'] ?? '');
          if (streams && type.startsWith('text/event-stream')) {
            res.destroy();
            return resolve({ status: res.statusCode ?? 0, type, text: '' });
          }
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, type, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed just before this request: Node's advice is to send again.
        if (retry && req.reusedSocket && error.code === 'ECONNRESET') resolve(attempt(false));
        else reject(error);
      });
      req.end(body);
    });
  return attempt(true);
}

interface Actor {
  username: string;
  token: string;
}

describe('the public API under a fuzzer', () => {
  let kraken: KrakenStandIn;
  let prediction: NestExpressApplication;
  let gateway: NestExpressApplication;
  let port: number;
  let routes: Route[];
  let passwordHash: string;
  const logs = new LogCapture();
  const actors = new Map<Exclude<Caller, 'anonymous'>, Actor>();
  let actorsMade = 0;
  let donorsMade = 0;
  const freshRefreshTokens: string[] = [];
  const usedRefreshTokens: string[] = [];
  const jobIds: string[] = [];
  /** The seeded models, for the pin routes. */
  const modelIds: string[] = [];
  /** Assets the fuzzer tracked itself: the only ones it untracks. */
  const trackedSymbols: string[] = [];
  let pairsTaken = 0;
  let picks = 0;
  /** Requests sent per route, by status (or `timeout`, `error`); the catalogue of each route counts in. */
  const sent = new Map<string, Map<string, number>>();

  /** Every key under the fuzzer's Redis prefix: its queues, schedulers, limits and caches. */
  const clearRedis = async () => {
    const redis = gateway.get(RedisClient);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  };

  const login = async (username: string) => {
    const reply = await send(
      port,
      'POST',
      '/auth/login',
      [['Content-Type', 'application/json']],
      JSON.stringify({ username, password: PASSWORD }),
    );
    if (reply.status !== 200) throw new Error(`the fuzzer could not log in as ${username}: ${reply.status} ${reply.text}`);
    return JSON.parse(reply.text) as { access_token: string; refresh_token: string };
  };

  const makeUser = (username: string, role: UserRole) => gateway.get(UserRepository).create({ username, email: null, passwordHash, role });

  const freshActor = async (role: Exclude<Caller, 'anonymous'>): Promise<Actor> => {
    const username = `fz-actor-${role}-${++actorsMade}`;
    await makeUser(username, role);
    const actor = { username, token: (await login(username)).access_token };
    actors.set(role, actor);
    return actor;
  };

  /** After a request that may have ended its caller's session or changed their password: a new caller if so. */
  const checkActor = async (role: Exclude<Caller, 'anonymous'>) => {
    const actor = actors.get(role);
    if (!actor) return;
    const reply = await send(port, 'GET', '/auth/users/me', [['Authorization', `Bearer ${actor.token}`]], undefined);
    if (reply.status !== 200 || (JSON.parse(reply.text) as { role?: string }).role !== role) await freshActor(role);
  };

  const resolvePick = async (pick: Pick): Promise<string> => {
    picks++;
    if (pick.pool === 'modelId') return modelIds[picks % modelIds.length];
    if (pick.pool === 'jobId') return jobIds.length ? jobIds[picks % jobIds.length] : '0b7c2f4e-5a3d-4d8e-9c61-2f0d4a9b7e13';
    if (pick.pool === 'refreshToken') {
      if (picks % 3 === 0 && usedRefreshTokens.length) return usedRefreshTokens[picks % usedRefreshTokens.length];
      if (!freshRefreshTokens.length) {
        const donor = `fz-donor-${++donorsMade}`;
        await makeUser(donor, 'user');
        for (let i = 0; i < 3; i++) freshRefreshTokens.push((await login(donor)).refresh_token);
      }
      const token = freshRefreshTokens.pop()!;
      usedRefreshTokens.push(token);
      return token;
    }
    if (pick.pool === 'newUsername') return `fz-new-${picks}`;
    if (pick.pool === 'victim') {
      const victim = `fz-victim-x${picks}`;
      await makeUser(victim, 'user');
      return victim;
    }
    if (pick.pool === 'newSymbol') return `FZ${picks.toString(36).toUpperCase()}`;
    if (pick.pool === 'newPair') return KRAKEN_PAIRS[pairsTaken++ % KRAKEN_PAIRS.length];
    if (pick.pool === 'trackedSymbol') return trackedSymbols.length ? trackedSymbols[picks % trackedSymbols.length] : 'FZNONE';
    throw new Error(`no pool named ${pick.pool}`);
  };

  /** Every Pick of a request, resolved once. */
  const resolvePicks = async (request: FuzzRequest): Promise<Map<Pick, string>> => {
    const found = new Set<Pick>();
    const walk = (value: unknown): void => {
      if (value instanceof Pick) found.add(value);
      else if (value instanceof JsonObject) value.entries.forEach(([, v]) => walk(v));
      else if (value instanceof RawFromJson) walk(value.value);
      else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) Object.values(value).forEach(walk);
    };
    walk(request.path);
    walk(request.query);
    walk(request.body);
    const resolved = new Map<Pick, string>();
    for (const pick of found) resolved.set(pick, await resolvePick(pick));
    return resolved;
  };

  const exchange = async (request: FuzzRequest): Promise<Exchange> => {
    const { route } = request;
    const resolved = await resolvePicks(request);
    const pick = (p: Pick) => resolved.get(p)!;
    const text = (v: string | Pick) => (v instanceof Pick ? pick(v) : v);
    const path = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const v = request.path[name];
      return v instanceof RawSegment ? v.text : percent(text(v));
    });
    const query = request.query.map((q) => ('raw' in q ? q.raw : `${percent(q.key)}=${percent(text(q.value))}`)).join('&');
    const target = query ? `${path}?${query}` : path;

    const actor = request.as === 'anonymous' ? undefined : (actors.get(request.as) ?? (await freshActor(request.as)));
    const headers: [string, string][] = request.authorization.flatMap((value): [string, string][] => {
      if (value !== CALLER_TOKEN) return [['Authorization', value]];
      return actor ? [['Authorization', `Bearer ${actor.token}`]] : [];
    });
    headers.push(...request.headers);
    let body: string | Buffer | undefined;
    if (request.body?.kind === 'json') {
      headers.push(['Content-Type', 'application/json']);
      body = toJsonText(request.body.value, pick);
    } else if (request.body?.kind === 'raw') {
      const raw = request.body.text;
      body = raw instanceof RawFromJson ? toJsonText(raw.value, pick) : raw;
      if (request.body.contentType !== undefined) headers.push(['Content-Type', request.body.contentType]);
      if (request.body.contentEncoding !== undefined) headers.push(['Content-Encoding', request.body.contentEncoding]);
    }

    const from = logs.lines.length;
    const done: Exchange = { request, method: route.method, target, headers, body, logged: [] };
    try {
      done.reply = await send(port, route.method, target, headers, body, route.streams);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      done.failure =
        e.name === 'TimeoutError' || e.name === 'AbortError'
          ? `no answer within ${ANSWER_WITHIN_MS / 1000} s`
          : `the connection failed: ${e.code ?? e.name} ${e.message}`;
    }
    done.logged = logs.lines.slice(from);

    const counts = sent.get(route.key) ?? new Map<string, number>();
    const outcome = done.reply ? String(done.reply.status) : done.failure!.startsWith('no answer') ? 'timeout' : 'error';
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    sent.set(route.key, counts);

    harvest(done.reply);
    if (actor && route.method !== 'GET') await checkActor(request.as as Exclude<Caller, 'anonymous'>);
    return done;
  };

  /** Job ids the API handed out, for the job route to ask about. */
  const harvest = (reply: Reply | undefined) => {
    if (!reply || reply.status >= 300 || !reply.type.includes('json')) return;
    const body = JSON.parse(reply.text) as { jobId?: unknown; backfillJobs?: { jobId?: unknown }[]; symbol?: unknown };
    if (Array.isArray(body?.backfillJobs) && typeof body.symbol === 'string') trackedSymbols.push(body.symbol);
    for (const id of [body?.jobId, ...(Array.isArray(body?.backfillJobs) ? body.backfillJobs.map((j) => j?.jobId) : [])]) {
      if (typeof id === 'string' && !jobIds.includes(id)) jobIds.push(id);
    }
  };

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    // A Redis prefix of its own: the limits it raised and the jobs it enqueued stay out of other specs' way.
    const env = { KRAKEN_API_URL: kraken.url, LOG_LEVEL: 'fatal', QUEUE_PREFIX: REDIS_PREFIX };
    prediction = await bootApp<NestExpressApplication>(
      PredictionModule,
      env,
      (app) => {
        configurePrediction(app);
        return app;
      },
      { ...PREDICTION_APP_OPTIONS, logger: logs },
    );
    await prediction.listen(0, '127.0.0.1');
    const predictionPort = (prediction.getHttpServer().address() as AddressInfo).port;
    gateway = await bootApp<NestExpressApplication>(
      GatewayModule,
      {
        ...env,
        PREDICTION_URL: `http://127.0.0.1:${predictionPort}`,
        // Limits count per address, and every request here comes from 127.0.0.1: high enough that
        // the fuzzer meets the routes rather than 429s (a 429 in the right shape is still fine).
        LOGIN_LIMIT_PER_IP: '1000000',
        LOGIN_FAILURES_PER_USERNAME_AND_IP: '1000000',
        // No slowdown of a username many addresses failed on: it would only make the run slower.
        LOGIN_DELAY_MAX_MS: '0',
        SIGNUP_LIMIT_PER_IP: '1000000',
        REFRESH_LIMIT_PER_IP: '1000000',
        REFRESH_LIMIT_PER_SESSION: '1000000',
      },
      configureGateway,
      { ...GATEWAY_APP_OPTIONS, logger: logs },
    );
    await gateway.listen(0, '127.0.0.1');
    port = (gateway.getHttpServer().address() as AddressInfo).port;

    await emptyDatabase(gateway.get(DataSource));
    await clearRedis();
    const btc = await seedAsset(gateway, 'BTC', '1d', BTC_DAILY);
    const { best, older } = await seedForecasts(gateway, btc);
    modelIds.push(best.id, older.id);
    await gateway.get(AssetRepository).track(KNOWN_ASSETS.ETH);
    passwordHash = await gateway.get(PasswordService).hash(PASSWORD);
    for (const username of [...VICTIMS, ...LOGIN_TARGETS]) await makeUser(username, 'user');

    const docs = await send(port, 'GET', '/docs-json', [], undefined);
    routes = routesOf(JSON.parse(docs.text) as OpenApiDocument).filter((route) => !ONLY || ONLY.test(route.key));
  }, 60_000);

  afterAll(async () => {
    const rows = (routes ?? []).map((r) => {
      const counts = sent.get(r.key) ?? new Map<string, number>();
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const statuses = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}×${n}`);
      return { route: r.key, total, statuses: statuses.join(' ') };
    });
    const width = Math.max(...rows.map((r) => r.route.length));
    process.stdout.write(
      [
        `\nfuzz: seed ${SEED} (FUZZ_SEED), ${RUNS} runs per route (FUZZ_RUNS)${COLLECT ? ', collecting every failure' : ''}`,
        `${'route'.padEnd(width)}  requests  statuses`,
        ...rows.map((r) => `${r.route.padEnd(width)}  ${String(r.total).padStart(8)}  ${r.statuses}`),
        `${'total'.padEnd(width)}  ${String(rows.reduce((a, r) => a + r.total, 0)).padStart(8)}\n\n`,
      ].join('\n'),
    );
    agent.destroy();
    if (gateway) await clearRedis();
    await gateway?.close();
    await prediction?.close();
    await kraken?.stop();
  });

  it('reads the routes to fuzz from the running gateway’s /docs-json', () => {
    if (ONLY) return;
    expect(routes.map((r) => r.key)).toEqual(
      expect.arrayContaining([
        'POST /auth/login',
        'GET /crypto/assets/{symbol}/history',
        // Step 8's routes.
        'GET /prediction/volatility',
        'GET /prediction/backtest',
        'POST /prediction/backtest',
        'POST /prediction/tune',
        'PUT /prediction/models/{id}/pin',
        'DELETE /prediction/models/{id}/pin',
        'DELETE /prediction/jobs/{id}',
      ]),
    );
    expect(routes.filter((r) => r.body).length).toBeGreaterThan(0);
  });

  it(
    'answers hostile input on every route with a 4xx in the documented shape, never a 5xx, and never hangs',
    async () => {
      const failures: string[] = [];
      const distinct = new Map<string, { count: number; example: string; inputs: Set<string> }>();
      for (const route of routes) {
        const started = Date.now();
        const examples = examplesFor(route, optionsFor(route), { id: NOT_JOB_IDS });
        const details = await fc.check(
          fc.asyncProperty(requestsFor(route, optionsFor(route)), async (request) => {
            const done = await exchange(request);
            const problem = problemOf(done);
            if (!problem) return;
            if (!COLLECT) throw new Error(`${problem}\n${describeExchange(done, actors)}`);
            const signature = `${route.key} | ${done.reply?.status ?? done.failure} | ${problem} | ${causeOf(done)}`;
            const example = describeExchange(done, actors);
            const known = distinct.get(signature) ?? { count: 0, example, inputs: new Set<string>() };
            known.count++;
            if (example.length < known.example.length) known.example = example;
            if (known.inputs.size < 12) known.inputs.add(inputOf(done));
            distinct.set(signature, known);
          }),
          // fast-check counts the examples in numRuns: RUNS random requests come after them
          { seed: seedOf(route), numRuns: examples.length + RUNS, examples: examples.map((r) => [r]) },
        );
        process.stdout.write(`fuzz: ${route.key}: ${details.numRuns} runs in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
        if (details.failed) {
          const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
          failures.push(
            `${route.key} (run ${details.numRuns}, shrunk ${details.numShrinks} times; fast-check seed ${details.seed}, path ${details.counterexamplePath}):\n  ${error.replace(/\n/g, '\n  ')}`,
          );
        }
      }
      if (COLLECT && distinct.size) {
        const list = [...distinct].sort(([a], [b]) => a.localeCompare(b));
        process.stdout.write(
          `\nfuzz: ${list.length} distinct failures\n\n` +
            list
              .map(
                ([signature, { count, example, inputs }]) =>
                  `${signature}  (×${count})\n  inputs: ${[...inputs].join(' · ')}\n  ${example.replace(/\n/g, '\n  ')}\n`,
              )
              .join('\n'),
        );
        failures.push(...list.map(([signature, { count }]) => `${signature} (×${count})`));
      }
      // Thrown rather than compared, so that the requests read as they were sent, not as an escaped diff.
      if (failures.length)
        throw new Error(`${failures.length} failures (FUZZ_COLLECT=1 lists every distinct one):\n\n${failures.join('\n\n')}`);
    },
    20 * 60_000,
  );
});

/** Each route's own seed, from FUZZ_SEED and its name: a new route changes no other route's requests. */
function seedOf(route: Route): number {
  let hash = SEED | 0;
  for (const c of route.key) hash = (Math.imul(hash, 31) + c.charCodeAt(0)) | 0;
  return hash;
}

/** What is wrong with an answer, if anything. */
function problemOf(done: Exchange): string | undefined {
  if (done.failure) return done.failure;
  const { status, type, text } = done.reply!;
  // A documented 502/503/504 says what Kraken (the stand-in, which has recorded answers for few pairs) did.
  if (status >= 500 && !done.request.route.upstreamStatuses.includes(status)) return `answered ${status}`;
  if (status < 400) return undefined;
  if (!/^application\/json\b/.test(type)) return `a ${status} that is not JSON (${type || 'no content-type'})`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `a ${status} whose body is not JSON`;
  }
  const shaped =
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    Object.keys(body).sort().join() === 'error,message,statusCode' &&
    typeof (body as { statusCode: unknown }).statusCode === 'number' &&
    typeof (body as { error: unknown }).error === 'string' &&
    typeof (body as { message: unknown }).message === 'string';
  if (!shaped) return `a ${status} not in the shape {statusCode, error, message}`;
  if ((body as { statusCode: number }).statusCode !== status)
    return `a ${status} whose statusCode says ${(body as { statusCode: number }).statusCode}`;
  return undefined;
}

/** The server's own account of a failure (its first logged error), or the answer's message; numbers and ids blurred to group alike ones. */
function causeOf(done: Exchange): string {
  const logged = done.logged.find((l) => !l.startsWith('warn:')) ?? done.logged[0];
  let said = logged ?? done.reply?.text.slice(0, 160) ?? '';
  if (!logged && done.reply?.type.includes('json')) {
    try {
      said = String((JSON.parse(done.reply.text) as { message?: unknown }).message ?? said);
    } catch {
      // not JSON after all: its text says it
    }
  }
  return said
    .replace(/"[^"]*"/g, '"…"')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/:\d+:\d+\)/g, ')')
    .replace(/\d+/g, '#')
    .slice(0, 240);
}

/** A short name for what a request was, to list the inputs behind one failure. */
function inputOf(done: Exchange): string {
  const { body, query } = done.request;
  const raw = query.filter((q): q is { raw: string } => 'raw' in q).map((q) => `query ${q.raw.slice(0, 20)}`);
  const what = body?.kind === 'raw' ? body.label : body ? `json ${shown(typeof done.body === 'string' ? done.body : '', 60)}` : '';
  return [`${done.method} ${done.target.slice(0, 80)}`, what, ...raw].filter(Boolean).join(' ');
}

const shown = (text: string | Buffer, max = 300): string => {
  const s = typeof text === 'string' ? text : `<${text.length} bytes: ${text.toString('hex').slice(0, 40)}>`;
  const json = JSON.stringify(s);
  return json.length > max ? `${json.slice(0, max)}… (${Buffer.byteLength(s)} bytes)` : json;
};

/** The request and its answer, as a person reads them. */
function describeExchange(done: Exchange, actors: Map<string, Actor>): string {
  const tokens = new Map([...actors].map(([role, a]) => [a.token, `<${role} token>`]));
  const header = ([k, v]: [string, string]) => {
    let value = v;
    for (const [token, name] of tokens) value = value.replace(token, name);
    return `${k}: ${value.length > 120 ? `${value.slice(0, 120)}… (${value.length} chars)` : value}`;
  };
  const lines = [
    `${done.method} ${done.target.length > 400 ? `${done.target.slice(0, 400)}… (${done.target.length} chars)` : done.target}  as ${done.request.as}`,
  ];
  lines.push(...done.headers.map((h) => `  ${header(h)}`));
  if (done.body !== undefined) lines.push(`  body: ${shown(done.body, 160)}`);
  if (done.reply) lines.push(`→ ${done.reply.status} ${done.reply.type}: ${shown(done.reply.text, 400)}`);
  else lines.push(`→ ${done.failure}`);
  for (const l of done.logged.slice(0, 3)) lines.push(`  server logged: ${l.slice(0, 400)}`);
  return lines.join('\n');
}
