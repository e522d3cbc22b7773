import { Module } from '@nestjs/common';
import { ConfigModule } from '#libs/config';
import { DatabaseModule } from '#libs/database';
import { HealthModule } from '#libs/observability';
import { QueueModule } from '#libs/queue';

/** The private API: forecasts, evaluations and the model registry from Postgres; jobs on BullMQ. */
@Module({
  imports: [ConfigModule, DatabaseModule, QueueModule, HealthModule],
})
export class PredictionModule {}
