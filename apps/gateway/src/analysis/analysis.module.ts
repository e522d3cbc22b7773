import { Module } from '@nestjs/common';
import { MarketSeriesModule } from '../market-series/market-series.module.js';
import { AnalysisController } from './analysis.controller.js';
import { AnalysisService } from './analysis.service.js';

@Module({
  imports: [MarketSeriesModule],
  controllers: [AnalysisController],
  providers: [AnalysisService],
})
export class AnalysisModule {}
