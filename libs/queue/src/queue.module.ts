import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { JobProducer } from './job-producer.service.js';
import { QueueName } from './queue-name.js';
import { RedisClient } from './redis.provider.js';
import { AssetScheduler } from './asset-scheduler.service.js';
import { CancellationSignals } from './job-cancellation.service.js';

/** BullMQ on Redis with every queue registered, the typed producer, and the shared Redis client. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
        prefix: config.QUEUE_PREFIX,
      }),
    }),
    BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
  ],
  providers: [JobProducer, RedisClient, AssetScheduler, CancellationSignals],
  exports: [BullModule, JobProducer, RedisClient, AssetScheduler, CancellationSignals],
})
export class QueueModule {}
