import { Module } from '@nestjs/common';
import { KnownAssets } from '../assets/known-assets.service.js';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';

@Module({
  controllers: [JobsController],
  providers: [JobsService, KnownAssets],
})
export class JobsModule {}
