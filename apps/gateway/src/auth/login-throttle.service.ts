import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type IRateLimiterStoreOptions } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { RateLimitedError } from '#libs/domain';
import { RedisClient } from '#libs/queue';

/**
 * Login and signup limits, per IP and per username, counted in Redis so that every gateway
 * instance shares them. If Redis is down, each instance counts in memory meanwhile.
 */
@Injectable()
export class LoginThrottle {
  private readonly loginsPerIp: RateLimiterRedis;
  private readonly failuresPerUsername: RateLimiterRedis;
  private readonly signupsPerIp: RateLimiterRedis;
  private readonly signupsPerUsername: RateLimiterRedis;

  constructor(redis: RedisClient, @Inject(APP_CONFIG) config: AppConfig) {
    const limiter = (name: string, points: number, duration: number) => {
      const options: IRateLimiterStoreOptions = { storeClient: redis, keyPrefix: `${config.QUEUE_PREFIX}:limit:${name}`, points, duration };
      return new RateLimiterRedis({ ...options, insuranceLimiter: new RateLimiterMemory({ points, duration }) });
    };
    this.loginsPerIp = limiter('login-ip', config.LOGIN_LIMIT_PER_IP, 60);
    this.failuresPerUsername = limiter('login-failures', config.LOGIN_FAILURES_PER_USERNAME, 15 * 60);
    this.signupsPerIp = limiter('signup-ip', config.SIGNUP_LIMIT_PER_IP, 3600);
    this.signupsPerUsername = limiter('signup-username', 3, 3600);
  }

  /** Counts a login attempt; refuses it when the address or the username has had too many. */
  async beforeLogin(ip: string, username: string): Promise<void> {
    await this.take(this.loginsPerIp, ip, 'Too many login attempts from this address');
    const failures = await this.failuresPerUsername.get(username.toLowerCase());
    if (failures && failures.remainingPoints <= 0) throw this.limited('Too many failed logins for this username', failures);
  }

  async loginFailed(username: string): Promise<void> {
    await this.failuresPerUsername.penalty(username.toLowerCase(), 1);
  }

  async loginSucceeded(username: string): Promise<void> {
    await this.failuresPerUsername.delete(username.toLowerCase());
  }

  async beforeSignup(ip: string, username: string): Promise<void> {
    await this.take(this.signupsPerIp, ip, 'Too many signups from this address');
    await this.take(this.signupsPerUsername, username.toLowerCase(), 'Too many signups for this username');
  }

  private async take(limiter: RateLimiterRedis, key: string, what: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw this.limited(what, rejection);
      throw rejection;
    }
  }

  private limited(what: string, state: RateLimiterRes): RateLimitedError {
    const seconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    return new RateLimitedError(`${what}: try again in ${seconds} s`, seconds);
  }
}
