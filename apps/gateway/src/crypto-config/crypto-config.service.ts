import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { AssetRepository } from '#libs/database';
import { COMPARE_MODES, INTERVAL_CODES, intervalMinutes, MARKET_FORMATS, MARKET_ORDER_BY, SORT_ORDERS } from '#libs/domain';
import { apiLimits } from './api-limits.js';
import type { CryptoConfigDto } from './dto/crypto-config.dto.js';

/** What a client needs to build its menus: intervals, tracked assets and their spans, sources, limits and choices. */
@Injectable()
export class CryptoConfigService {
  constructor(
    private readonly assets: AssetRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async read(): Promise<CryptoConfigDto> {
    const assets = await this.assets.seriesSpans();
    const tracked = new Set(this.config.TRACKED_INTERVALS);
    return {
      intervals: [...INTERVAL_CODES]
        .sort((a, b) => intervalMinutes(a) - intervalMinutes(b))
        .map((code) => ({ code, minutes: intervalMinutes(code), seconds: intervalMinutes(code) * 60, tracked: tracked.has(code) })),
      assets: assets.map(({ symbol, name, krakenPair, quote, series }) => ({ symbol, name, pair: krakenPair, quote, intervals: series })),
      sources: [
        {
          name: 'kraken',
          url: this.config.KRAKEN_API_URL,
          kind: 'ohlc+ticker',
          description: "Kraken's public REST API: OHLC candles kept fresh by the worker's sync, and the live ticker",
        },
        { name: 'csv', kind: 'import', description: "Kraken's downloadable OHLCVT history, imported from CSV files (no VWAP)" },
      ],
      limits: apiLimits(this.config),
      marketOrderBy: [...MARKET_ORDER_BY],
      sortOrders: [...SORT_ORDERS],
      marketFormats: [...MARKET_FORMATS],
      compareModes: [...COMPARE_MODES],
      tickerCacheTtl: this.config.TICKER_CACHE_TTL,
    };
  }
}
