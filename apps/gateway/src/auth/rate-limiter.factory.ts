import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '#libs/domain';
import type { RedisClient } from '#libs/queue';

/**
 * A limiter of `points` per `duration` seconds, counted in Redis under `<prefix>:limit:<name>`
 * so that every gateway instance shares it. If Redis is down, each instance counts in memory meanwhile.
 */
export function redisLimiter(redis: RedisClient, prefix: string, name: string, points: number, duration: number): RateLimiterRedis {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}:limit:${name}`,
    points,
    duration,
    insuranceLimiter: new RateLimiterMemory({ points, duration }),
  });
}

/** Takes a point; a limiter that has none left refuses with RateLimitedError (429 with Retry-After). */
export async function consumeOrRefuse(limiter: RateLimiterRedis, key: string, what: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw refusal(what, rejection);
    throw rejection;
  }
}

export function refusal(what: string, state: RateLimiterRes): RateLimitedError {
  const seconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return new RateLimitedError(`${what}: try again in ${seconds} s`, seconds);
}
