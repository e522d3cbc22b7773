import { z } from 'zod';
import { INTERVAL_CODES, isIntervalCode, normalizeSymbol, SYMBOL_PATTERN, type IntervalCode } from '#libs/domain';

const PORT = 'must be a port number from 1 to 65535';
const port = z.coerce.number({ error: PORT }).int(PORT).min(1, PORT).max(65535, PORT);
const WHOLE = 'must be a whole number';
const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number({ error: WHOLE }).int(WHOLE).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** A duration such as `900`, `900s`, `15m`, `12h` or `7d`, in seconds. */
const duration = z
  .string()
  .regex(/^\d+[smhd]?$/, 'must be a number of seconds or a duration like 15m, 12h, 7d')
  .transform((v) => {
    const n = Number.parseInt(v, 10);
    const unit = v.at(-1);
    const factor = unit === 'm' ? 60 : unit === 'h' ? 3600 : unit === 'd' ? 86400 : 1;
    return n * factor;
  })
  .refine((seconds) => seconds > 0, 'must be longer than zero');

/** A cron pattern of 5 or 6 fields, as BullMQ's job schedulers take them. */
const cron = z.string().regex(/^(\S+\s+){4,5}\S+$/, "must be a cron pattern such as '30 0 * * *'");

const list = <T>(item: z.ZodType<T, string>) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1, 'must name at least one'));

/** A web origin (scheme, host, port; no path): what a browser sends as `Origin`. A trailing slash is dropped. */
const origin = z
  .string()
  .transform((v) => v.replace(/\/$/, ''))
  .refine((v) => {
    try {
      const url = new URL(v);
      return /^https?:$/.test(url.protocol) && url.origin === v;
    } catch {
      return false;
    }
  }, 'must be an origin such as https://candlecast.example.com: http(s), host and port only, no path');

const symbolItem = z.string().regex(SYMBOL_PATTERN, 'each symbol must be 2-12 letters or digits').transform(normalizeSymbol);
const intervalItem = z
  .string()
  .refine(isIntervalCode, `each interval must be one of ${INTERVAL_CODES.join(', ')}`)
  .transform((v) => v as IntervalCode);

/** The training history of each interval: `<interval>=<n>d|<n>w|<n>y|all`, comma-separated; intervals not named keep their default. */
export const DEFAULT_TRAIN_HISTORY = '1m=30d,5m=60d,15m=180d,30m=1y,1h=2y,4h=4y,1d=all,1w=all,15d=all';
const HISTORY_UNITS: Record<string, number> = { d: 86400, w: 7 * 86400, y: 365 * 86400 };
const HISTORY_ITEM = /^(\w+)=(?:(\d+)([dwy])|all)$/;

/** Seconds of history per interval (null: all of it). */
export type TrainHistory = Record<IntervalCode, number | null>;

function parseTrainHistory(text: string, issues?: (message: string) => void): TrainHistory {
  const history = {} as TrainHistory;
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = HISTORY_ITEM.exec(item);
    if (!match || !isIntervalCode(match[1]) || (match[2] !== undefined && Number(match[2]) <= 0)) {
      issues?.(`'${item}' must be <interval>=<n>d, <n>w, <n>y or all, with an interval of ${INTERVAL_CODES.join(', ')}`);
      continue;
    }
    history[match[1]] = match[2] === undefined ? null : Number(match[2]) * HISTORY_UNITS[match[3]];
  }
  return history;
}

const trainHistory = z.string().transform((v, ctx) => ({
  ...parseTrainHistory(DEFAULT_TRAIN_HISTORY),
  ...parseTrainHistory(v, (message) => ctx.addIssue({ code: 'custom', message })),
}));

/**
 * Every setting Candlecast reads, with its default. Defaults let `npm start` work on a
 * developer machine with Postgres and Redis on localhost; production overrides them.
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'verbose']).default('info'),

    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
      .default('postgres://postgres:postgres@127.0.0.1:5432/candlecast'),
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).default('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[\w-]+$/, 'letters, digits, _ and - only')
      .default('candlecast'),

    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default('dev-only-secret-change-me-in-production-0123456789'),
    JWT_ACCESS_TTL: duration.default(900),
    JWT_REFRESH_TTL: duration.default(7 * 86400),
    INTERNAL_API_TOKEN: z.string().min(16, 'must be at least 16 characters').default('dev-only-internal-token-change-me'),
    ADMIN_USERNAME: z.string().min(3).max(32).default('admin'),
    ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').default('change-me-admin-password'),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),

    CORS_ORIGINS: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.union([z.literal('*'), z.url({ error: "each origin must be a URL such as https://app.example.com, or '*'" })])))
      .default([]),
    TRUST_PROXY: z
      .string()
      .regex(/^(false|true|loopback|\d+)$/, 'must be false, true, loopback or the number of proxies in front of the gateway')
      .transform((v) => (v === 'false' ? false : v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v))
      .default(false),
    // Unset: http://localhost:<GATEWAY_PORT> (parseEnv), the address of `npm start`.
    PUBLIC_ORIGIN: origin.optional(),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 16kb or 1mb')
      .default('16kb'),
    HTTP_HEADERS_TIMEOUT_MS: wholeNumber(100).default(10_000),
    HTTP_REQUEST_TIMEOUT_MS: wholeNumber(100).default(30_000),
    LOGIN_LIMIT_PER_IP: wholeNumber(1).default(20),
    LOGIN_FAILURES_PER_USERNAME_AND_IP: wholeNumber(1).default(5),
    LOGIN_DELAY_MAX_MS: wholeNumber(0, 10_000).default(3000),
    SIGNUP_LIMIT_PER_IP: wholeNumber(1).default(10),
    REFRESH_LIMIT_PER_IP: wholeNumber(1).default(60),
    REFRESH_LIMIT_PER_SESSION: wholeNumber(1).default(10),
    REFRESH_TOKEN_PURGE_EVERY: duration.default(3600),

    GATEWAY_PORT: port.default(3000),
    PREDICTION_PORT: port.default(3100),
    PREDICTION_HOST: z
      .union([z.ipv4(), z.ipv6()], { error: 'must be an IP address to listen on, such as 127.0.0.1 or 0.0.0.0' })
      .default('127.0.0.1'),
    PREDICTION_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).default('http://127.0.0.1:3100'),
    PREDICTION_TIMEOUT_MS: wholeNumber(100).default(5000),
    WORKER_METRICS_PORT: port.default(9464),

    KRAKEN_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).default('https://api.kraken.com'),
    KRAKEN_MIN_INTERVAL_MS: wholeNumber(0).default(1000),
    KRAKEN_TIMEOUT_MS: wholeNumber(1).default(10_000),
    // Unset: the client's share of KRAKEN_RETRY_BUDGET (libs/queue).
    KRAKEN_MAX_RETRIES: wholeNumber(0, 20).optional(),
    KRAKEN_ASSETS_CACHE_TTL: duration.default(3600),
    // GET /crypto/assets/{symbol}/ticker: one batched Ticker call (every tracked pair) per TTL at most,
    // whatever the number of users and gateways. At the default pace (KRAKEN_MIN_INTERVAL_MS 1000, one
    // call a second) 10 s is 1 call in 10 slots, 10% of the pace; the syncs of 2 assets × 2 intervals
    // every 300 s take 4 in 300 (1.3%), so well over 80% stays free for backfills and retries.
    TICKER_CACHE_TTL: duration.default(10),

    // Step 10: alert rules and their delivery.
    ALERT_RULES_PER_USER: wholeNumber(1, 10_000).default(50),
    WEBHOOKS_PER_USER: wholeNumber(1, 100).default(5),
    // Webhook targets on private and loopback addresses (10/8, 127/8, ::1, …) are refused unless set;
    // link-local and cloud metadata addresses are refused whatever it says.
    WEBHOOK_ALLOW_PRIVATE: flag.default(false),
    // Encrypts each webhook's signing secret at rest (AES-256-GCM): 32 bytes, as 64 hex digits or base64.
    WEBHOOK_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').default('dev-only-webhook-key-change-me-0123456789abcdef'),
    WEBHOOK_TIMEOUT_MS: wholeNumber(100, 60_000).default(5000),
    // A webhook whose deliveries fail this many times in a row (each after all its retries) is disabled and its owner told.
    WEBHOOK_FAILURES_TO_DISABLE: wholeNumber(1, 1000).default(5),
    // The first retry of a failed delivery waits this long, each next one twice as long (WEBHOOK_ATTEMPTS tries in all).
    WEBHOOK_RETRY_DELAY_MS: wholeNumber(10, 600_000).default(1000),
    // The worker's hourly prune deletes inbox entries (read or not) and alert firings older than this.
    // A firing is the key that keeps an event from firing its rule twice, so it must outlive every
    // re-check of that event (a job's retries and a stalled job's rerun take minutes): a day at least.
    NOTIFICATION_RETENTION: duration.refine((seconds) => seconds >= 86400, 'must be at least 1d').default(90 * 86400),
    // ... and the delivered and failed webhook deliveries older than this; never a pending one.
    WEBHOOK_DELIVERY_RETENTION: duration.default(30 * 86400),

    TRACKED_ASSETS: list(symbolItem).default(['BTC', 'ETH']),
    TRACKED_INTERVALS: list(intervalItem).default(['1d', '1h']),
    SYNC_EVERY: duration.default(300),
    SCHEDULER_CHECK_EVERY: duration.default(60),
    IMPORT_DEFAULT_HISTORY: flag.default(true),
    TRAIN_ON_FIRST_START: flag.default(true),
    JOB_LOCK_MS: wholeNumber(1000).default(30_000),
    // units × layers × window × epochs × candles (libs/domain trainingCost): about 4.5 times the
    // defaults' 224,000,000 on two years of hourly candles, so at most some minutes of a worker, not hours.
    TRAIN_COST_BUDGET: wholeNumber(1).default(1_000_000_000),
    // Research budgets (libs/domain backtestCost, tuneCost): fits × cost per fit in the same units. A
    // 1,095-origin LSTM backtest refit every 90 candles costs about 4,200,000,000 with the defaults;
    // a tuning's LSTM trial at most about 1,750,000,000 on BTC's 4,548 daily candles (5 seeds at the
    // costliest settings a trial can draw: 32 units, window 60, 40 epochs); a baseline fit costs 1.
    BACKTEST_COST_BUDGET: wholeNumber(1).default(10_000_000_000),
    TUNE_COST_BUDGET: wholeNumber(1).default(20_000_000_000),
    MODELS_KEPT: wholeNumber(1, 100).default(3),
    // Step 8: how far back each interval's training reads (the API counts a training's cost on it), and
    // the intervals that get an LSTM beside the baselines (naive, EWMA, GARCH, HAR-range: every interval).
    TRAIN_HISTORY: trainHistory.default(parseTrainHistory(DEFAULT_TRAIN_HISTORY)),
    LSTM_INTERVALS: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          // `none`: baselines only (an empty value would read as unset, the default).
          .filter((s) => s && s !== 'none'),
      )
      .pipe(z.array(intervalItem))
      .default(['1d', '4h', '1h']),
    MODEL_CACHE_SIZE: wholeNumber(1, 1000).default(16),
    SCORE_SCHEDULE: cron.default('30 0 * * *'),
    RETRAIN_SCHEDULE: cron.default('0 3 * * 0'),
    ML_BACKEND: z.enum(['tensorflow', 'wasm', 'cpu']).optional(),
    HISTORY_DIR: z.string().min(1).default('data/history'),
    WEB_ROOT: z.string().min(1).default('apps/web/dist'),
  })
  .superRefine((env, ctx) => {
    if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({ code: 'custom', path: ['HTTP_HEADERS_TIMEOUT_MS'], message: 'must not be longer than HTTP_REQUEST_TIMEOUT_MS' });
    }
    // The ticker may take at most half of Kraken's pace, or it would starve the syncs.
    if (env.TICKER_CACHE_TTL * 1000 < 2 * env.KRAKEN_MIN_INTERVAL_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['TICKER_CACHE_TTL'],
        message: `must be at least twice KRAKEN_MIN_INTERVAL_MS (${(2 * env.KRAKEN_MIN_INTERVAL_MS) / 1000} s), or the ticker would take more than half of Kraken's pace`,
      });
    }
    if (env.NODE_ENV !== 'production') return;
    for (const key of ['JWT_SECRET', 'INTERNAL_API_TOKEN', 'ADMIN_PASSWORD', 'WEBHOOK_SECRET_KEY'] as const) {
      if (String(env[key]).includes('change-me')) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'must be set to a secret of your own in production' });
      }
    }
    if (!env.METRICS_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['METRICS_TOKEN'],
        message: 'must be set in production, or /metrics would be open to anyone who reaches a service',
      });
    }
  });

/** The validated configuration; PUBLIC_ORIGIN's default depends on GATEWAY_PORT, so parseEnv fills it in. */
export type Env = Omit<z.infer<typeof envSchema>, 'PUBLIC_ORIGIN'> & { PUBLIC_ORIGIN: string };
