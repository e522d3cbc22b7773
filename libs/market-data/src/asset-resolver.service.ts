import { Inject, Injectable } from '@nestjs/common';
import type { NewAsset } from '#libs/database';
import { defaultKrakenPair, normalizeSymbol } from '#libs/domain';
import { KNOWN_ASSETS } from './known-assets.js';
import { MARKET_DATA_PROVIDER, type MarketDataProvider } from './market-data.provider.js';

/** Turns a symbol users know (and optionally a pair name) into an asset, checked against the exchange's pairs. */
@Injectable()
export class AssetResolver {
  constructor(@Inject(MARKET_DATA_PROVIDER) private readonly provider: MarketDataProvider) {}

  /** Asks the exchange; throws UnknownAssetPairError when it does not list the pair. */
  async resolve(symbol: string, pairName?: string, name?: string): Promise<NewAsset> {
    const normalized = normalizeSymbol(symbol);
    const pair = await this.provider.pair(pairName ?? KNOWN_ASSETS[normalized]?.krakenAltname ?? defaultKrakenPair(normalized));
    return {
      symbol: normalized,
      name: name ?? KNOWN_ASSETS[normalized]?.name ?? normalized,
      krakenAltname: pair.altname,
      krakenKey: pair.key,
      base: pair.base,
      quote: pair.quote,
    };
  }
}
