import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '#libs/config';

/** The app's shared Redis client for everything but BullMQ (health, caches, rate limits). */
@Injectable()
export class RedisClient extends Redis implements OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: false, lazyConnect: false });
    this.on('error', () => undefined); // reconnects on its own; health reports the outage
  }

  async onApplicationShutdown(): Promise<void> {
    this.disconnect();
  }
}
