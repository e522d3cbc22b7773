import { Injectable } from '@nestjs/common';
import { AssetRepository, WatchlistRepository } from '#libs/database';
import { UnknownAssetError } from '#libs/domain';
import type { WatchlistViewDto } from './dto/watchlist-view.dto.js';

/** Each user's watchlist: tracked assets only join it; one that stops being tracked stays, saying so. */
@Injectable()
export class WatchlistService {
  constructor(
    private readonly watchlist: WatchlistRepository,
    private readonly assets: AssetRepository,
  ) {}

  async list(userId: string): Promise<WatchlistViewDto> {
    const assets = (await this.watchlist.list(userId)).map((a) => ({ ...a, addedAt: a.addedAt.toISOString() }));
    return { count: assets.length, assets };
  }

  /** Watches a tracked asset (again: nothing changes); the watchlist after. */
  async watch(userId: string, symbol: string): Promise<WatchlistViewDto> {
    const asset = await this.assets.findBySymbol(symbol);
    if (!asset?.tracked) throw new UnknownAssetError(symbol);
    await this.watchlist.add(userId, asset.id);
    return this.list(userId);
  }

  /** Stops watching an asset; one that was not watched changes nothing. */
  async unwatch(userId: string, symbol: string): Promise<void> {
    const asset = await this.assets.findBySymbol(symbol);
    if (!asset) throw new UnknownAssetError(symbol);
    await this.watchlist.remove(userId, asset.id);
  }
}
