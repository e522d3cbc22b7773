import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { KrakenResponseError, KrakenUnavailableError } from '#libs/domain';
import { MARKET_DATA_PROVIDER, type MarketDataProvider, type MarketPair, type PairList } from '#libs/market-data';
import { krakenRetriesPerCall, RedisClient } from '#libs/queue';

/**
 * How long a failed fetch is remembered, by every gateway: long enough that a burst of requests
 * (a page load, clients retrying at once, a fuzzer) meets one Kraken call rather than one each,
 * short enough that Kraken's recovery shows within seconds.
 */
export const PAIRS_FAILURE_TTL_MS = 15_000;
/** The fetch lock's lifetime, renewed while its holder waits for Kraken: a gateway that dies mid-fetch frees it this soon. */
const LOCK_TTL_MS = 6000;
/** How often a gateway that waits for another one's fetch looks for its outcome. */
const POLL_MS = 25;

/** Releases the lock only if it is still ours (it may have lapsed and been taken). */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

/** The Redis keys of the cache, under QUEUE_PREFIX. */
export function krakenPairsKeys(prefix: string) {
  const base = `${prefix}:cache:kraken-pairs`;
  return { list: base, failure: `${base}:failure`, lock: `${base}:lock` };
}

export interface PairsRead {
  pairs: MarketPair[];
  /** Whether the list came from Redis rather than from this call to Kraken. */
  cached: boolean;
}

interface RememberedFailure {
  kind: 'unavailable' | 'response';
  message: string;
  reason: string;
  errors: string[];
}

interface Lock {
  release(): Promise<void>;
}

/**
 * Kraken's pair list (it changes rarely), kept in Redis for KRAKEN_ASSETS_CACHE_TTL and shared by
 * every gateway: `GET /crypto/kraken-assets` and the pair check of `POST /crypto/assets` read it.
 *
 * A cold cache costs one Kraken call, however many requests meet it: callers in one process share
 * one promise, and across gateways a Redis lock (SET NX PX, renewed while held) lets one fetch while
 * the others wait for its outcome, bounded by how long the Kraken client may take. A failure is
 * remembered for PAIRS_FAILURE_TTL_MS and answered as it was (503 for an unreachable Kraken).
 * With Redis unreachable, each gateway fetches for itself, one call at a time.
 */
@Injectable()
export class KrakenPairsCache implements PairList {
  private readonly keys: ReturnType<typeof krakenPairsKeys>;
  /** The longest a fetch may take: each attempt's timeout and the client's longest backoff (8 s, up to doubled by its jitter). */
  private readonly maxFetchMs: number;
  /** The fetch this process makes or waits for; concurrent callers share it. */
  private flight: Promise<PairsRead> | undefined;

  constructor(
    @Inject(MARKET_DATA_PROVIDER) private readonly provider: MarketDataProvider,
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.keys = krakenPairsKeys(config.QUEUE_PREFIX);
    this.maxFetchMs = (krakenRetriesPerCall(config.KRAKEN_MAX_RETRIES) + 1) * (config.KRAKEN_TIMEOUT_MS + 16_000);
  }

  async read(): Promise<PairsRead> {
    if (this.flight) return this.flight;
    const known = await this.peek();
    if (known) return known;
    this.flight ??= this.settle().finally(() => (this.flight = undefined));
    return this.flight;
  }

  async pairs(): Promise<MarketPair[]> {
    return (await this.read()).pairs;
  }

  /** Fetches under the lock, or waits for whoever holds it. */
  private async settle(): Promise<PairsRead> {
    const deadline = Date.now() + this.maxFetchMs;
    for (;;) {
      const lock = await this.lock();
      if (lock) {
        try {
          // Another gateway may have stored its outcome between our look and our lock.
          return (await this.peek()) ?? (await this.fetch());
        } finally {
          await lock.release();
        }
      }
      if (Date.now() >= deadline) {
        throw new KrakenUnavailableError(
          `Kraken AssetPairs: another gateway has been fetching it for ${Math.round(this.maxFetchMs / 1000)} s`,
          'fetched elsewhere',
        );
      }
      await sleep(POLL_MS);
      const known = await this.peek();
      if (known) return known;
    }
  }

  private async fetch(): Promise<PairsRead> {
    try {
      const pairs = (await this.provider.pairs()).sort((a, b) => a.altname.localeCompare(b.altname));
      await this.redis
        .multi()
        .set(this.keys.list, JSON.stringify(pairs), 'EX', this.config.KRAKEN_ASSETS_CACHE_TTL)
        .del(this.keys.failure)
        .exec()
        .catch(() => undefined);
      return { pairs, cached: false };
    } catch (error) {
      const failure = remembered(error);
      if (failure) await this.redis.set(this.keys.failure, JSON.stringify(failure), 'PX', PAIRS_FAILURE_TTL_MS).catch(() => undefined);
      throw error;
    }
  }

  /** The cached list; throws the failure remembered instead; undefined when neither is there (or Redis cannot be reached). */
  private async peek(): Promise<PairsRead | undefined> {
    const replies = await this.redis
      .pipeline()
      .get(this.keys.list)
      .get(this.keys.failure)
      .pttl(this.keys.failure)
      .exec()
      .catch(() => null);
    const [list, failure, ttl] = (replies ?? []).map(([error, value]) => (error ? null : value));
    if (typeof list === 'string') return { pairs: JSON.parse(list) as MarketPair[], cached: true };
    if (typeof failure === 'string') throw revived(JSON.parse(failure) as RememberedFailure, Number(ttl));
    return undefined;
  }

  /** Our lock, or null while another gateway holds it. Without Redis, a lock of this process alone (its one flight). */
  private async lock(): Promise<Lock | null> {
    const token = randomUUID();
    try {
      if (!(await this.redis.set(this.keys.lock, token, 'PX', LOCK_TTL_MS, 'NX'))) return null;
    } catch {
      return { release: async () => undefined };
    }
    const until = Date.now() + this.maxFetchMs;
    const renewal = setInterval(() => {
      if (Date.now() > until) return clearInterval(renewal);
      this.redis.eval(RENEW, 1, this.keys.lock, token, LOCK_TTL_MS).catch(() => undefined);
    }, LOCK_TTL_MS / 3);
    return {
      release: async () => {
        clearInterval(renewal);
        await this.redis.eval(RELEASE, 1, this.keys.lock, token).catch(() => undefined);
      },
    };
  }
}

/** What is worth remembering of a failed fetch: Kraken out of reach, or an answer we cannot use. Anything else is a bug. */
function remembered(error: unknown): RememberedFailure | undefined {
  if (error instanceof KrakenUnavailableError) return { kind: 'unavailable', message: error.message, reason: error.reason, errors: [] };
  if (error instanceof KrakenResponseError) return { kind: 'response', message: error.message, reason: '', errors: [...error.errors] };
  return undefined;
}

function revived(failure: RememberedFailure, ttlMs: number): Error {
  const seconds = Number.isFinite(ttlMs) ? Math.max(1, Math.ceil(ttlMs / 1000)) : 1;
  const message = `${failure.message} (Kraken is asked again in ${seconds} s)`;
  return failure.kind === 'unavailable'
    ? new KrakenUnavailableError(message, failure.reason)
    : new KrakenResponseError(message, failure.errors);
}
