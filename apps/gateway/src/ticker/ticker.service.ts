import { Injectable } from '@nestjs/common';
import { AssetRepository } from '#libs/database';
import { normalizeSymbol, UnknownAssetError } from '#libs/domain';
import type { TickerDto } from './dto/ticker.dto.js';
import { TickerCache } from './ticker.cache.js';

@Injectable()
export class TickerService {
  constructor(
    private readonly assets: AssetRepository,
    private readonly cache: TickerCache,
  ) {}

  /** The live ticker of a tracked asset; UnknownAssetError for one that is not tracked. */
  async ticker(symbol: string): Promise<TickerDto> {
    const asset = await this.assets.findBySymbol(symbol);
    if (!asset?.tracked) throw new UnknownAssetError(normalizeSymbol(symbol));
    const { ticker, fetchedAt, stale } = await this.cache.read(asset.krakenKey);
    return {
      symbol: asset.symbol,
      pair: asset.krakenAltname,
      last: ticker.last,
      bid: ticker.bid,
      ask: ticker.ask,
      volume24h: ticker.volume24h,
      vwap24h: ticker.vwap24h,
      high24h: ticker.high24h,
      low24h: ticker.low24h,
      open: ticker.open,
      trades24h: ticker.trades24h,
      fetchedAt: new Date(fetchedAt).toISOString(),
      ageSeconds: Math.max(0, Math.floor((Date.now() - fetchedAt) / 1000)),
      stale,
    };
  }
}
