import { Inject, Injectable, Optional } from '@nestjs/common';
import type { NewAsset } from '#libs/database';
import { defaultKrakenPair, normalizeSymbol, UnknownAssetPairError } from '#libs/domain';
import { KNOWN_ASSETS } from './known-assets.js';
import { MARKET_DATA_PROVIDER, PAIR_LIST, type MarketDataProvider, type MarketPair, type PairList } from './market-data.provider.js';

/**
 * Turns a symbol users know (and optionally a pair name) into an asset, checked against the
 * exchange's pairs: those of the PairList when the app binds one (the gateway's cache), else the
 * provider's.
 */
@Injectable()
export class AssetResolver {
  private readonly list: PairList;

  constructor(@Inject(MARKET_DATA_PROVIDER) provider: MarketDataProvider, @Optional() @Inject(PAIR_LIST) list?: PairList) {
    this.list = list ?? provider;
  }

  /** Throws UnknownAssetPairError when the exchange does not list the pair. */
  async resolve(symbol: string, pairName?: string, name?: string): Promise<NewAsset> {
    const normalized = normalizeSymbol(symbol);
    const wanted = pairName ?? KNOWN_ASSETS[normalized]?.krakenAltname ?? defaultKrakenPair(normalized);
    const pair = findPair(await this.list.pairs(), wanted);
    if (!pair) throw new UnknownAssetPairError(wanted);
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

/** The pair named by its altname (`XBTUSD`), canonical key (`XXBTZUSD`) or wsname (`XBT/USD`), in any case. */
export function findPair(pairs: readonly MarketPair[], name: string): MarketPair | undefined {
  const wanted = name.trim().toUpperCase();
  return pairs.find((p) => p.key.toUpperCase() === wanted || p.altname.toUpperCase() === wanted || p.wsname?.toUpperCase() === wanted);
}
