import { Module } from '@nestjs/common';
import { MarketController } from './market.controller.js';
import { MarketService } from './market.service.js';
import { MarketTablesCache } from './market-tables.cache.js';

/** GET /crypto/market: the market overview at any time, as JSON or CSV. */
@Module({
  controllers: [MarketController],
  providers: [MarketService, MarketTablesCache],
})
export class MarketModule {}
