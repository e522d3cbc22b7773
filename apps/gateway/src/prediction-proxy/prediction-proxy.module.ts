import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PredictionClient } from './prediction.client.js';
import { PredictionHealthIndicator } from './prediction.health.js';
import { PredictionProxyController } from './prediction-proxy.controller.js';

/** The prediction routes of the public API, forwarded to the private prediction service. */
@Module({
  imports: [TerminusModule],
  controllers: [PredictionProxyController],
  providers: [PredictionClient, PredictionHealthIndicator],
  exports: [PredictionClient, PredictionHealthIndicator],
})
export class PredictionProxyModule {}
