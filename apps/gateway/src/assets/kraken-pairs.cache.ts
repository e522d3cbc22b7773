import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { MARKET_DATA_PROVIDER, type MarketDataProvider, type MarketPair, type PairList } from '#libs/market-data';
import { RedisClient, type RedisSingleFlight } from '#libs/queue';
import { krakenSingleFlight, readRemembered, rememberFailure } from './remembered-kraken-failure.js';

/**
 * How long a failed fetch is remembered, by every gateway: long enough that a burst of requests
 * (a page load, clients retrying at once, a fuzzer) meets one Kraken call rather than one each,
 * short enough that Kraken's recovery shows within seconds.
 */
export const PAIRS_FAILURE_TTL_MS = 15_000;

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

/**
 * Kraken's pair list (it changes rarely), kept in Redis for KRAKEN_ASSETS_CACHE_TTL and shared by
 * every gateway: `GET /crypto/kraken-assets` and the pair check of `POST /crypto/assets` read it.
 *
 * A cold cache costs one Kraken call, however many requests meet it (RedisSingleFlight: one
 * promise per process, a Redis lock across gateways, the others waiting for its outcome, bounded
 * by how long the Kraken client may take). A failure is remembered for PAIRS_FAILURE_TTL_MS and
 * answered as it was (503 for an unreachable Kraken). With Redis unreachable, each gateway
 * fetches for itself, one call at a time.
 */
@Injectable()
export class KrakenPairsCache implements PairList {
  private readonly keys: ReturnType<typeof krakenPairsKeys>;
  private readonly flight: RedisSingleFlight<PairsRead>;

  constructor(
    @Inject(MARKET_DATA_PROVIDER) private readonly provider: MarketDataProvider,
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.keys = krakenPairsKeys(config.QUEUE_PREFIX);
    this.flight = krakenSingleFlight(redis, config, {
      endpoint: 'AssetPairs',
      lockKey: this.keys.lock,
      peek: () => this.peek(),
      fetch: () => this.fetch(),
    });
  }

  read(): Promise<PairsRead> {
    return this.flight.read();
  }

  async pairs(): Promise<MarketPair[]> {
    return (await this.read()).pairs;
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
      await rememberFailure(this.redis, this.keys.failure, error, PAIRS_FAILURE_TTL_MS);
      throw error;
    }
  }

  /** The cached list; throws the failure remembered instead; undefined when neither is there (or Redis cannot be reached). */
  private async peek(): Promise<PairsRead | undefined> {
    const list = await readRemembered(this.redis, this.keys.list, this.keys.failure);
    return list === undefined ? undefined : { pairs: JSON.parse(list) as MarketPair[], cached: true };
  }
}
