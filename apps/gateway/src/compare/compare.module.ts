import { Module } from '@nestjs/common';
import { MarketSeriesModule } from '../market-series/market-series.module.js';
import { CompareController } from './compare.controller.js';
import { CompareService } from './compare.service.js';

@Module({
  imports: [MarketSeriesModule],
  controllers: [CompareController],
  providers: [CompareService],
})
export class CompareModule {}
