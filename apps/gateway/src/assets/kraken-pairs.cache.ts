import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { MARKET_DATA_PROVIDER, type MarketDataProvider, type MarketPair } from '#libs/market-data';
import { RedisClient } from '#libs/queue';

/** Kraken's pair list changes rarely: kept in Redis for KRAKEN_ASSETS_CACHE_TTL, shared by every gateway. */
@Injectable()
export class KrakenPairsCache {
  private readonly key: string;

  constructor(
    @Inject(MARKET_DATA_PROVIDER) private readonly provider: MarketDataProvider,
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = `${config.QUEUE_PREFIX}:cache:kraken-pairs`;
  }

  async pairs(): Promise<{ pairs: MarketPair[]; cached: boolean }> {
    const hit = await this.redis.get(this.key).catch(() => null);
    if (hit) return { pairs: JSON.parse(hit) as MarketPair[], cached: true };
    const pairs = (await this.provider.pairs()).sort((a, b) => a.altname.localeCompare(b.altname));
    await this.redis.set(this.key, JSON.stringify(pairs), 'EX', this.config.KRAKEN_ASSETS_CACHE_TTL).catch(() => undefined);
    return { pairs, cached: false };
  }
}
