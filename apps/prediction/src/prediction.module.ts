import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ConfigModule } from '#libs/config';
import { DatabaseModule } from '#libs/database';
import { HealthModule, LoggingModule, MetricsModule } from '#libs/observability';
import { QueueModule } from '#libs/queue';
import { FallbackModule } from './fallback/fallback.module.js';
import { InternalTokenGuard } from './internal-link/internal-token.guard.js';
import { JobsModule } from './jobs/jobs.module.js';
import { PlatformStateMetrics } from './platform-state/platform-state.metrics.js';
import { PredictionsModule } from './predictions/predictions.module.js';
import { RegistryModule } from './registry/registry.module.js';
import { ResearchModule } from './research/research.module.js';

/** The private API: forecasts, evaluations and the model registry from Postgres; jobs on BullMQ. Only the gateway may call it. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule.forRoot('prediction'),
    MetricsModule.forRoot('prediction'),
    DatabaseModule,
    QueueModule,
    HealthModule.forRoot(),
    PredictionsModule,
    RegistryModule,
    ResearchModule,
    JobsModule,
    FallbackModule,
  ],
  providers: [{ provide: APP_GUARD, useClass: InternalTokenGuard }, PlatformStateMetrics],
})
export class PredictionModule {}
