import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import pRetry from 'p-retry';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import {
  intervalMinutes,
  KrakenResponseError,
  KrakenUnavailableError,
  UnknownAssetPairError,
  type Candle,
  type IntervalCode,
} from '#libs/domain';
import { Metrics } from '#libs/observability';
import { KRAKEN_PACE_KEY, krakenRetriesPerCall, RedisClient } from '#libs/queue';
import type { CandlePage, MarketDataProvider, MarketPair, Ticker } from '../market-data.provider.js';
import { KrakenPacer } from './kraken-pacer.js';

/** Backoff between retries. Production uses the defaults; tests shorten them. */
export interface KrakenClientOptions {
  /** Delay before the first retry; doubles on each further retry. Default 500 ms. */
  minRetryDelayMs?: number;
  /** Longest delay between two retries. Default 8 s. */
  maxRetryDelayMs?: number;
}

/** Optional injection token for KrakenClientOptions. */
export const KRAKEN_CLIENT_OPTIONS = Symbol('KRAKEN_CLIENT_OPTIONS');

/** Kraken errors that a later call may not get: its rate limits and its own overload. */
const RATE_LIMITS = ['EAPI:Rate limit exceeded', 'EGeneral:Too many requests'];
const TRANSIENT_ERRORS = [...RATE_LIMITS, 'EService:Unavailable', 'EService:Busy'];
const UNKNOWN_PAIR = 'EQuery:Unknown asset pair';

type OhlcRow = [number, string, string, string, string, string, string, number];

interface AssetPairInfo {
  altname: string;
  wsname?: string;
  base: string;
  quote: string;
  pair_decimals: number;
  lot_decimals: number;
  ordermin?: string;
}

interface TickerInfo {
  a: [string, ...string[]];
  b: [string, ...string[]];
  c: [string, ...string[]];
  v: [string, string];
  p: [string, string];
  t: [number, number];
  l: [string, string];
  h: [string, string];
  o: string;
}

/**
 * Kraken's public REST API behind the MarketDataProvider interface.
 *
 * Every HTTP call waits for its slot in the pace shared through Redis, and is retried with
 * exponential backoff when Kraken is rate limiting, overloaded, unreachable or slow, within the
 * client's share of KRAKEN_RETRY_BUDGET (KrakenUnavailableError once it is spent). An unknown pair (UnknownAssetPairError)
 * and every other Kraken error (KrakenResponseError) fail at once.
 *
 * A body that is not Kraken's JSON envelope fails with KrakenResponseError and is not retried:
 * Kraken's front end sends its HTML error pages with a 5xx status, which is retried on the
 * status alone, so a 200 with a foreign body means a wrong KRAKEN_API_URL or a changed API,
 * which a retry a second later will not fix.
 */
@Injectable()
export class KrakenClient implements MarketDataProvider {
  private readonly logger = new Logger(KrakenClient.name);
  private readonly baseUrl: string;
  private readonly pacer: KrakenPacer;
  private readonly minRetryDelayMs: number;
  private readonly maxRetryDelayMs: number;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    redis: RedisClient,
    @Optional() @Inject(KRAKEN_CLIENT_OPTIONS) options: KrakenClientOptions = {},
    @Optional() private readonly metrics?: Metrics,
  ) {
    this.baseUrl = config.KRAKEN_API_URL.replace(/\/+$/, '');
    this.pacer = new KrakenPacer(redis, `${config.QUEUE_PREFIX}:${KRAKEN_PACE_KEY}`, config.KRAKEN_MIN_INTERVAL_MS);
    this.minRetryDelayMs = options.minRetryDelayMs ?? 500;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 8000;
  }

  async pairs(): Promise<MarketPair[]> {
    const result = await this.call<Record<string, unknown>>('AssetPairs', {});
    return Object.entries(result).map(([key, info]) => {
      if (!isAssetPairInfo(info)) throw new KrakenResponseError(`malformed response from Kraken AssetPairs: entry '${key}'`);
      return toMarketPair(key, info);
    });
  }

  /** Accepts the altname (`XBTUSD`), the canonical key (`XXBTZUSD`) or the wsname (`XBT/USD`), in any case. */
  async pair(name: string): Promise<MarketPair> {
    const wanted = name.trim().toUpperCase();
    const found = (await this.pairs()).find(
      (p) => p.key.toUpperCase() === wanted || p.altname.toUpperCase() === wanted || p.wsname?.toUpperCase() === wanted,
    );
    if (!found) throw new UnknownAssetPairError(name);
    return found;
  }

  async candles(pair: string, interval: IntervalCode, since?: number): Promise<CandlePage> {
    const query: Record<string, string> = { pair, interval: String(intervalMinutes(interval)) };
    if (since !== undefined) query.since = String(since);
    const result = await this.call<Record<string, unknown>>('OHLC', query, pair);

    const pairKey = Object.keys(result).find((key) => key !== 'last');
    const rows = pairKey === undefined ? undefined : result[pairKey];
    const last = result.last;
    if (pairKey === undefined || !Array.isArray(rows) || typeof last !== 'number' || !rows.every(isOhlcRow)) {
      throw new KrakenResponseError(`malformed response from Kraken OHLC for '${pair}': no candle rows and 'last' cursor`);
    }
    // The last row is the candle still in progress; any row after `last` is not committed either.
    const candles = rows
      .slice(0, -1)
      .filter(([time]) => time <= last)
      .map(toCandle);
    return { pairKey, candles, last };
  }

  async ticker(pair: string): Promise<Ticker> {
    const [ticker] = await this.tickers([pair]);
    if (!ticker) throw new KrakenResponseError(`malformed response from Kraken Ticker for '${pair}'`);
    return ticker;
  }

  /**
   * One Ticker call for every pair given (`pair=a,b,c`): Kraken answers each under its canonical
   * key, in any order, and refuses the whole call when one pair is unknown.
   */
  async tickers(pairs: readonly string[]): Promise<Ticker[]> {
    if (pairs.length === 0) return [];
    const joined = pairs.join(',');
    const result = await this.call<Record<string, unknown>>('Ticker', { pair: joined }, joined);
    return Object.entries(result).map(([pairKey, info]) => {
      if (!isTickerInfo(info)) throw new KrakenResponseError(`malformed response from Kraken Ticker for '${pairKey}'`);
      return {
        pairKey,
        last: info.c[0],
        bid: info.b[0],
        ask: info.a[0],
        open: info.o,
        high24h: info.h[1],
        low24h: info.l[1],
        volume24h: info.v[1],
        vwap24h: info.p[1],
        trades24h: info.t[1],
      };
    });
  }

  /** One public endpoint, paced and retried; returns Kraken's `result`. */
  private async call<T>(endpoint: string, query: Record<string, string>, pair?: string): Promise<T> {
    const url = `${this.baseUrl}/0/public/${endpoint}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`;
    const retries = krakenRetriesPerCall(this.config.KRAKEN_MAX_RETRIES);
    try {
      return await pRetry(() => this.attempt<T>(url, endpoint, pair), {
        retries,
        minTimeout: this.minRetryDelayMs,
        maxTimeout: this.maxRetryDelayMs,
        randomize: true,
        shouldRetry: ({ error }) => error instanceof KrakenUnavailableError,
        onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
          if (error instanceof KrakenUnavailableError && retriesLeft > 0) {
            // debug: whoever called reports the final outcome once (the job, the HTTP answer).
            this.logger.debug(
              `Kraken ${endpoint} attempt ${attemptNumber} failed (${error.reason}); retrying, ${retriesLeft} retries left`,
            );
          }
        },
      });
    } catch (error) {
      if (error instanceof KrakenUnavailableError) {
        throw new KrakenUnavailableError(
          `Kraken ${endpoint} still unavailable after ${retries + 1} attempts: ${error.reason}`,
          error.reason,
        );
      }
      throw error;
    }
  }

  /** One paced HTTP request, counted and timed by outcome (candlecast_kraken_requests_total). */
  private async attempt<T>(url: string, endpoint: string, pair: string | undefined): Promise<T> {
    await this.pacer.wait();
    const stopTimer = this.metrics?.krakenDuration.startTimer({ endpoint });
    try {
      const result = await this.request<T>(url, endpoint, pair);
      this.metrics?.krakenRequests.inc({ endpoint, outcome: 'ok' });
      return result;
    } catch (error) {
      this.metrics?.krakenRequests.inc({ endpoint, outcome: outcomeOf(error) });
      throw error;
    } finally {
      stopTimer?.();
    }
  }

  /** Throws KrakenUnavailableError for whatever a retry may clear. */
  private async request<T>(url: string, endpoint: string, pair: string | undefined): Promise<T> {
    let status: number;
    let text: string;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.config.KRAKEN_TIMEOUT_MS) });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const reason =
        error instanceof DOMException && error.name === 'TimeoutError'
          ? `no answer within ${this.config.KRAKEN_TIMEOUT_MS} ms`
          : `network error: ${describeNetworkError(error)}`;
      throw new KrakenUnavailableError(`Kraken ${endpoint}: ${reason}`, reason);
    }

    if (status === 429 || status >= 500) {
      throw new KrakenUnavailableError(`Kraken ${endpoint} answered HTTP ${status}`, `HTTP ${status}`);
    }

    const body = parseEnvelope(text);
    if (body === undefined) {
      const what = status === 200 ? 'malformed response' : `HTTP ${status} with a malformed response`;
      throw new KrakenResponseError(`${what} from Kraken ${endpoint}: ${JSON.stringify(text.slice(0, 120))}`);
    }

    const errors = body.error;
    if (errors.length > 0) {
      if (errors.some((e) => e.startsWith(UNKNOWN_PAIR))) throw new UnknownAssetPairError(pair ?? '');
      const transient = errors.find((e) => TRANSIENT_ERRORS.some((code) => e.startsWith(code)));
      if (transient) throw new KrakenUnavailableError(`Kraken ${endpoint}: ${errors.join(', ')}`, transient);
      throw new KrakenResponseError(`Kraken ${endpoint} refused the request: ${errors.join(', ')}`, errors);
    }
    if (status !== 200 || body.result === undefined) {
      throw new KrakenResponseError(`malformed response from Kraken ${endpoint}: HTTP ${status} without a result`);
    }
    return body.result as T;
  }
}

/** The `outcome` label of a failed request. */
function outcomeOf(error: unknown): 'rate_limited' | 'timeout' | 'unavailable' | 'error' {
  if (!(error instanceof KrakenUnavailableError)) return 'error';
  if (error.reason === 'HTTP 429' || RATE_LIMITS.some((code) => error.reason.startsWith(code))) return 'rate_limited';
  return error.reason.startsWith('no answer within') ? 'timeout' : 'unavailable';
}

/** Kraken's envelope `{error: string[], result?: ...}`, or undefined for anything else. */
function parseEnvelope(text: string): { error: string[]; result?: unknown } | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const { error, result } = body as { error: unknown; result?: unknown };
  if (!Array.isArray(error) || !error.every((e) => typeof e === 'string')) return undefined;
  if (result !== undefined && (typeof result !== 'object' || result === null)) return undefined;
  return { error, result };
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message}` : '';
  return `${error.message}${cause}`;
}

function isOhlcRow(row: unknown): row is OhlcRow {
  return (
    Array.isArray(row) &&
    row.length >= 8 &&
    Number.isInteger(row[0]) &&
    row.slice(1, 7).every((v) => typeof v === 'string') &&
    Number.isInteger(row[7])
  );
}

function toCandle([time, open, high, low, close, vwap, volume, trades]: OhlcRow): Candle {
  return { time, open, high, low, close, vwap, volume, trades };
}

function isTickerInfo(info: unknown): info is TickerInfo {
  if (typeof info !== 'object' || info === null) return false;
  const t = info as Record<string, unknown>;
  const strings = (v: unknown, n: number) => Array.isArray(v) && v.length >= n && v.slice(0, n).every((s) => typeof s === 'string');
  return (
    strings(t.a, 1) &&
    strings(t.b, 1) &&
    strings(t.c, 1) &&
    strings(t.v, 2) &&
    strings(t.p, 2) &&
    strings(t.l, 2) &&
    strings(t.h, 2) &&
    typeof t.o === 'string' &&
    Array.isArray(t.t) &&
    Number.isInteger(t.t[1])
  );
}

function isAssetPairInfo(info: unknown): info is AssetPairInfo {
  if (typeof info !== 'object' || info === null) return false;
  const p = info as Record<string, unknown>;
  return (
    typeof p.altname === 'string' &&
    typeof p.base === 'string' &&
    typeof p.quote === 'string' &&
    (p.wsname === undefined || typeof p.wsname === 'string') &&
    (p.ordermin === undefined || typeof p.ordermin === 'string') &&
    Number.isInteger(p.pair_decimals) &&
    Number.isInteger(p.lot_decimals)
  );
}

function toMarketPair(key: string, info: AssetPairInfo): MarketPair {
  return {
    key,
    altname: info.altname,
    wsname: info.wsname ?? null,
    base: info.base,
    quote: info.quote,
    pairDecimals: info.pair_decimals,
    lotDecimals: info.lot_decimals,
    orderMin: info.ordermin ?? null,
  };
}
