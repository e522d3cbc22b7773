import { Module } from '@nestjs/common';
import { MarketDataModule } from '#libs/market-data';
import { TickerCache } from './ticker.cache.js';
import { TickerController } from './ticker.controller.js';
import { TickerService } from './ticker.service.js';

@Module({
  imports: [MarketDataModule],
  controllers: [TickerController],
  providers: [TickerService, TickerCache],
})
export class TickerModule {}
