import { Injectable } from '@nestjs/common';
import { AssetRepository } from '#libs/database';
import { KrakenResponseError, KrakenUnavailableError } from '#libs/domain';
import { ASSET_NAMES, krakenAssetSymbol, type MarketPair } from '#libs/market-data';
import { KrakenPairsCache } from '../assets/kraken-pairs.cache.js';
import type { SearchQueryDto } from './dto/search-query.dto.js';
import type { SearchDto, SearchResultDto } from './dto/search-result.dto.js';
import { rankMatches, type Searchable } from './search-ranking.js';

type Candidate = Omit<SearchResultDto, 'match'> & Searchable;

@Injectable()
export class SearchService {
  constructor(
    private readonly assets: AssetRepository,
    private readonly krakenPairs: KrakenPairsCache,
  ) {}

  /**
   * Tracked assets and Kraken's pairs (the cached AssetPairs list) by symbol, name, altname or
   * wsname. A tracked pair appears once, as tracked. When Kraken's list cannot be read, the
   * tracked assets alone, saying so.
   */
  async search({ q, limit }: SearchQueryDto): Promise<SearchDto> {
    const [tracked, pairs] = await Promise.all([this.assets.findTracked(), this.pairsOrNull()]);
    const trackedKeys = new Set(tracked.map((asset) => asset.krakenKey));
    const candidates: Candidate[] = [
      ...tracked.map((asset) =>
        candidate(
          {
            symbol: asset.symbol,
            name: asset.name,
            pair: asset.krakenAltname,
            krakenKey: asset.krakenKey,
            base: asset.base,
            quote: asset.quote,
          },
          pairs?.find((p) => p.key === asset.krakenKey)?.wsname ?? null,
          true,
        ),
      ),
      ...(pairs ?? [])
        .filter((pair) => !trackedKeys.has(pair.key))
        .map((pair) => {
          const symbol = krakenAssetSymbol(pair.base);
          const names = {
            symbol,
            name: ASSET_NAMES[symbol] ?? symbol,
            pair: pair.altname,
            krakenKey: pair.key,
            base: pair.base,
            quote: pair.quote,
          };
          return candidate(names, pair.wsname, false);
        }),
    ];
    const results = rankMatches(candidates, q)
      .slice(0, limit)
      .map(({ item: { names: _names, order: _order, ...result }, match }) => ({ ...result, match }));
    return { query: q, count: results.length, krakenPairs: pairs !== null, results };
  }

  private async pairsOrNull(): Promise<MarketPair[] | null> {
    try {
      return await this.krakenPairs.pairs();
    } catch (error) {
      if (error instanceof KrakenUnavailableError || error instanceof KrakenResponseError) return null;
      throw error;
    }
  }
}

function candidate(
  result: Pick<SearchResultDto, 'symbol' | 'name' | 'pair' | 'krakenKey' | 'base' | 'quote'>,
  wsname: string | null,
  tracked: boolean,
): Candidate {
  return {
    ...result,
    wsname,
    tracked,
    names: [result.symbol, result.name, result.pair, wsname, result.krakenKey],
    order: result.pair,
  };
}
