import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** One watched asset, as the watchlist lists it. */
export interface WatchedAsset {
  symbol: string;
  name: string;
  pair: string;
  tracked: boolean;
  addedAt: Date;
}

/** The assets each user watches (table watchlist_entries), oldest first. */
@Injectable()
export class WatchlistRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(userId: string): Promise<WatchedAsset[]> {
    return this.db.query(
      `SELECT a.symbol, a.name, a.kraken_altname AS pair, a.tracked, w.added_at AS "addedAt"
         FROM watchlist_entries w JOIN assets a ON a.id = w.asset_id
        WHERE w.user_id = $1
        ORDER BY w.added_at, a.symbol`,
      [userId],
    );
  }

  /** Watches the asset; false when it was watched already (nothing changes). */
  async add(userId: string, assetId: number): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO watchlist_entries (user_id, asset_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING asset_id`,
      [userId, assetId],
    );
    return rows.length === 1;
  }

  /** Stops watching it; false when it was not watched. */
  async remove(userId: string, assetId: number): Promise<boolean> {
    const [, affected] = (await this.db.query(`DELETE FROM watchlist_entries WHERE user_id = $1 AND asset_id = $2`, [userId, assetId])) as [
      unknown,
      number,
    ];
    return affected === 1;
  }
}
