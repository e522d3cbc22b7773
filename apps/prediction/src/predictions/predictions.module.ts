import { Module } from '@nestjs/common';
import { KnownAssets } from '../assets/known-assets.service.js';
import { PredictionsController } from './predictions.controller.js';
import { PredictionsService } from './predictions.service.js';

@Module({
  controllers: [PredictionsController],
  providers: [PredictionsService, KnownAssets],
})
export class PredictionsModule {}
