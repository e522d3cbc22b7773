import { Module } from '@nestjs/common';
import { AssetResolver, MarketDataModule } from '#libs/market-data';
import { AssetsController } from './assets.controller.js';
import { AssetsService } from './assets.service.js';
import { KrakenPairsCache } from './kraken-pairs.cache.js';

@Module({
  imports: [MarketDataModule],
  controllers: [AssetsController],
  providers: [AssetsService, KrakenPairsCache, AssetResolver],
})
export class AssetsModule {}
