import { Module } from '@nestjs/common';
import { AssetResolver, MarketDataModule, PAIR_LIST } from '#libs/market-data';
import { AssetsController } from './assets.controller.js';
import { AssetsService } from './assets.service.js';
import { HistoryPagesCache } from './history-pages.cache.js';
import { KrakenPairsCache } from './kraken-pairs.cache.js';
import { MarketSeriesModule } from '../market-series/market-series.module.js';

@Module({
  imports: [MarketDataModule, MarketSeriesModule],
  controllers: [AssetsController],
  // The pair check of POST /crypto/assets reads the cached list, as GET /crypto/kraken-assets does.
  providers: [AssetsService, HistoryPagesCache, KrakenPairsCache, { provide: PAIR_LIST, useExisting: KrakenPairsCache }, AssetResolver],
  // The search reads the same cached list.
  exports: [KrakenPairsCache],
})
export class AssetsModule {}
