import { Inject, Injectable } from '@nestjs/common';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { RedisClient } from '#libs/queue';
import { consumeOrRefuse, redisLimiter } from './rate-limiter.factory.js';

/** Limits on `POST /auth/refresh`, per address and per session, shared by every gateway instance through Redis. */
@Injectable()
export class RefreshThrottle {
  private readonly perIp: RateLimiterRedis;
  private readonly perSession: RateLimiterRedis;

  constructor(redis: RedisClient, @Inject(APP_CONFIG) config: AppConfig) {
    this.perIp = redisLimiter(redis, config.QUEUE_PREFIX, 'refresh-ip', config.REFRESH_LIMIT_PER_IP, 60);
    this.perSession = redisLimiter(redis, config.QUEUE_PREFIX, 'refresh-session', config.REFRESH_LIMIT_PER_SESSION, 60);
  }

  /** Before anything is looked up: counts the refresh against its address. */
  beforeRefresh(ip: string): Promise<void> {
    return consumeOrRefuse(this.perIp, ip, 'Too many refreshes from this address');
  }

  /** Before a valid refresh token is spent: counts the refresh against its session, so that a refused one stays usable. */
  beforeRotation(sessionId: string): Promise<void> {
    return consumeOrRefuse(this.perSession, sessionId, 'Too many refreshes of this session');
  }
}
