import { Module } from '@nestjs/common';
import { KnownAssets } from '../assets/known-assets.service.js';
import { BacktestsController } from './backtests.controller.js';
import { BacktestsService } from './backtests.service.js';

@Module({
  controllers: [BacktestsController],
  providers: [BacktestsService, KnownAssets],
})
export class ResearchModule {}
