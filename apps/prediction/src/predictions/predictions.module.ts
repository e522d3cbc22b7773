import { Module } from '@nestjs/common';
import { KnownAssets } from '../assets/known-assets.service.js';
import { PredictionsController } from './predictions.controller.js';
import { PredictionsService } from './predictions.service.js';
import { RetrainPeriod } from './retrain-period.service.js';

@Module({
  controllers: [PredictionsController],
  providers: [PredictionsService, KnownAssets, RetrainPeriod],
  exports: [PredictionsService, RetrainPeriod],
})
export class PredictionsModule {}
