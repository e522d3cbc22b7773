import { Module } from '@nestjs/common';
import { ConfigModule } from '#libs/config';
import { DatabaseModule } from '#libs/database';
import { HealthModule } from '#libs/observability';
import { QueueModule } from '#libs/queue';

/** BullMQ consumers and schedules. Its only HTTP is /health (and /metrics) on WORKER_METRICS_PORT. */
@Module({
  imports: [ConfigModule, DatabaseModule, QueueModule, HealthModule],
})
export class WorkerModule {}
