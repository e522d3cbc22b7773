import { Module } from '@nestjs/common';
import { PredictionsModule } from '../predictions/predictions.module.js';
import { RegistryController } from './registry.controller.js';
import { RegistryService } from './registry.service.js';

@Module({
  imports: [PredictionsModule],
  controllers: [RegistryController],
  providers: [RegistryService],
})
export class RegistryModule {}
