import { Injectable } from '@nestjs/common';
import { AssetRepository, type AssetEntity } from '#libs/database';
import { UnknownRequestedAssetError } from '#libs/domain';

/** An asset a request names must be one Candlecast knows (tracked now or before): else a 400 that names the field. */
@Injectable()
export class KnownAssets {
  constructor(private readonly assets: AssetRepository) {}

  async require(symbol: string): Promise<AssetEntity> {
    const asset = await this.assets.findBySymbol(symbol);
    if (asset) return asset;
    const known = (await this.assets.findTracked()).map((a) => a.symbol);
    throw new UnknownRequestedAssetError(symbol, known);
  }
}
