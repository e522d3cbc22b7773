import { Injectable } from '@nestjs/common';
import { AssetRepository, CHANGE_CHANNELS, ChangeFedCache, ChangeFeed, type AssetEntity } from '#libs/database';
import { UnknownAssetError, UnknownRequestedAssetError } from '#libs/domain';

/**
 * Symbols to the assets Candlecast stores (tracked or once tracked: their candles stay), kept
 * until an asset changes (channel `forecasts`, payload `assets`): one cache for every route that
 * reads candles by symbol (history, compare, analysis).
 */
@Injectable()
export class SeriesResolver {
  private readonly assets: ChangeFedCache<AssetEntity>;

  constructor(
    feed: ChangeFeed,
    private readonly repository: AssetRepository,
  ) {
    // No TTL: the feed says when an asset changes; `max` only bounds the memory.
    this.assets = new ChangeFedCache(feed, CHANGE_CHANNELS.forecasts, { max: 1000, ttlMs: 0 }, (payload) => payload === 'assets');
  }

  /** The asset of a path symbol; UnknownAssetError (404) when there is none. */
  async require(symbol: string): Promise<AssetEntity> {
    const asset = await this.find(symbol);
    if (!asset) throw new UnknownAssetError(symbol);
    return asset;
  }

  /** The assets of the symbols a query names, in their order; UnknownRequestedAssetError (400) for the first unknown. */
  async requireAll(symbols: readonly string[]): Promise<AssetEntity[]> {
    const assets = await Promise.all(symbols.map((s) => this.find(s)));
    const unknown = symbols.find((_, i) => assets[i] === null);
    if (unknown !== undefined) {
      const tracked = await this.repository.findTracked();
      throw new UnknownRequestedAssetError(unknown, tracked.map((a) => a.symbol).sort());
    }
    return assets as AssetEntity[];
  }

  private find(symbol: string): Promise<AssetEntity | null> {
    return this.assets.get(symbol, () => this.repository.findBySymbol(symbol));
  }
}
