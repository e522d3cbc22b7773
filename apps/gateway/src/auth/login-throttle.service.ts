import { Inject, Injectable } from '@nestjs/common';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { RedisClient } from '#libs/queue';
import { AuthEvents, type AuthEvent } from './auth-events.service.js';
import { FIRST_LOGIN_DELAY_MS, loginDelayMs, type LoginDelayPolicy } from './login-delay.policy.js';
import { Pause } from './pause.service.js';
import { consumeOrRefuse, redisLimiter } from './rate-limiter.factory.js';

const FAILURE_WINDOW = 15 * 60;

/**
 * Limits on guessing passwords, at login and at `PUT /auth/users/me`, counted in Redis so that
 * every gateway instance shares them. Wrong passwords are counted per username and address:
 * beyond the limit, that address gets 429 for that username, and nobody else does. Across
 * addresses, a username's recent failures slow every check of its password down a little,
 * never to a refusal, so that a stranger can never lock its owner out. Logins from one address
 * are limited whatever the username, and signups per address and per username.
 */
@Injectable()
export class LoginThrottle {
  private readonly loginsPerIp: RateLimiterRedis;
  private readonly failuresPerUsernameAndIp: RateLimiterRedis;
  private readonly failuresPerUsername: RateLimiterRedis;
  private readonly signupsPerIp: RateLimiterRedis;
  private readonly signupsPerUsername: RateLimiterRedis;
  private readonly delay: LoginDelayPolicy;

  constructor(
    redis: RedisClient,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly pause: Pause,
    private readonly events: AuthEvents,
  ) {
    const limiter = (name: string, points: number, duration: number) => redisLimiter(redis, config.QUEUE_PREFIX, name, points, duration);
    this.loginsPerIp = limiter('login-ip', config.LOGIN_LIMIT_PER_IP, 60);
    this.failuresPerUsernameAndIp = limiter('login-failures-ip', config.LOGIN_FAILURES_PER_USERNAME_AND_IP, FAILURE_WINDOW);
    // Only counted, never refusing: its count sets the delay.
    this.failuresPerUsername = limiter('login-failures', Number.MAX_SAFE_INTEGER, FAILURE_WINDOW);
    this.signupsPerIp = limiter('signup-ip', config.SIGNUP_LIMIT_PER_IP, 3600);
    this.signupsPerUsername = limiter('signup-username', 3, 3600);
    this.delay = {
      freeFailures: config.LOGIN_FAILURES_PER_USERNAME_AND_IP,
      firstMs: FIRST_LOGIN_DELAY_MS,
      maxMs: config.LOGIN_DELAY_MAX_MS,
    };
  }

  /** Counts a login attempt from `ip`, then checks it as any password check (beforePasswordCheck). */
  async beforeLogin(ip: string, username: string): Promise<void> {
    try {
      await consumeOrRefuse(this.loginsPerIp, ip, 'Too many login attempts from this address');
    } catch (error) {
      this.events.count('lockout');
      throw error;
    }
    await this.beforePasswordCheck(ip, username, 'lockout');
  }

  /**
   * Before a password of `username` is checked for a caller at `ip`: counts the attempt as a
   * failure of this address for this username until it succeeds (so that parallel guesses are
   * counted too), refusing it (429, counted as `refusedAs`) beyond the limit; then waits as long
   * as the username's recent failures from every address ask for (loginDelayMs).
   */
  async beforePasswordCheck(ip: string, username: string, refusedAs: AuthEvent): Promise<void> {
    const name = username.toLowerCase();
    try {
      await consumeOrRefuse(
        this.failuresPerUsernameAndIp,
        this.ownKey(ip, name),
        'Too many wrong passwords for this username from this address',
      );
    } catch (error) {
      this.events.count(refusedAs);
      throw error;
    }
    const everywhere = await this.failuresPerUsername.get(name);
    const ms = loginDelayMs(everywhere?.consumedPoints ?? 0, this.delay);
    if (ms > 0) await this.pause.wait(ms);
  }

  /** A wrong password: it slows the username down for everyone (its failure from this address was counted before the check). */
  async passwordFailed(username: string): Promise<void> {
    await this.failuresPerUsername.penalty(username.toLowerCase(), 1);
  }

  /** The right password from `ip` forgives that address its failures for the username; the others' still count. */
  async passwordSucceeded(ip: string, username: string): Promise<void> {
    await this.failuresPerUsernameAndIp.delete(this.ownKey(ip, username.toLowerCase()));
  }

  async beforeSignup(ip: string, username: string): Promise<void> {
    await consumeOrRefuse(this.signupsPerIp, ip, 'Too many signups from this address');
    await consumeOrRefuse(this.signupsPerUsername, username.toLowerCase(), 'Too many signups for this username');
  }

  /** An address holds no `/`, so that no username can make its key collide with another address's. */
  private ownKey(ip: string, username: string): string {
    return `${ip}/${username}`;
  }
}
