import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Reserves the next free request slot, as `nextSlot` below does, and returns it with Redis's
 * time (ms). Redis's own clock is the one clock every process shares, so machines with skewed
 * clocks still space their calls correctly. The key expires once its last slot has passed.
 */
const RESERVE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], slot + interval, 'PX', slot + interval - now + 1000)
return { slot, now }
`;

/** A request slot: when the caller may send (`slot`), by the clock that reserved it (`now`). */
export interface Reservation {
  slot: number;
  now: number;
}

/**
 * The pacing arithmetic (RESERVE_SLOT does the same in Redis): the next slot is now, or the
 * first moment not yet reserved if that is later; the one after it is `intervalMs` on.
 */
export function nextSlot(now: number, reservedUntil: number, intervalMs: number): Reservation & { reservedUntil: number } {
  const slot = Math.max(now, reservedUntil);
  return { slot, now, reservedUntil: slot + intervalMs };
}

/** How long a slot reservation may take before Redis counts as unreachable. */
const REDIS_TIMEOUT_MS = 2000;
/** After a failure, how long to pace locally before asking Redis again. */
const REDIS_RETRY_AFTER_MS = 10_000;

/**
 * Spaces Kraken calls at least `intervalMs` apart across every process that shares the Redis
 * key (gateway and all workers), in the order they asked.
 *
 * When Redis cannot be reached or does not answer within 2 s, the pacer falls back to pacing
 * this process alone for the next 10 s rather than failing the call: ingestion and the
 * gateway's pair checks keep working through a Redis outage, at the cost of several processes
 * possibly calling Kraken at once. Kraken then answers with its rate-limit error, which the
 * client retries with backoff.
 */
export class KrakenPacer {
  private readonly logger = new Logger(KrakenPacer.name);
  private localNext = 0;
  private redisDown = false;
  private redisRetryAt = 0;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly intervalMs: number,
  ) {}

  /** Resolves when the caller may send its request. */
  async wait(): Promise<void> {
    if (this.intervalMs <= 0) return;
    const { slot, now } = await this.reserve();
    if (slot > now) await sleep(slot - now);
  }

  /** Reserves the next slot: through Redis, or for this process alone while Redis is out of reach. */
  async reserve(): Promise<Reservation> {
    if (Date.now() < this.redisRetryAt) return this.reserveLocally();
    try {
      // The shared client queues nothing while disconnected: give a (re)connection a moment.
      if (this.redis.status !== 'ready') await once(this.redis, 'ready', { signal: AbortSignal.timeout(REDIS_TIMEOUT_MS) });
      const [slot, now] = (await withTimeout(this.redis.eval(RESERVE_SLOT, 1, this.key, this.intervalMs), REDIS_TIMEOUT_MS)) as [
        number,
        number,
      ];
      if (this.redisDown) this.logger.log('Redis is back: Kraken calls are paced across all processes again');
      this.redisDown = false;
      return { slot, now };
    } catch (error) {
      if (!this.redisDown) {
        this.logger.warn(`Redis unreachable (${(error as Error).message}): pacing Kraken calls for this process only`);
      }
      this.redisDown = true;
      this.redisRetryAt = Date.now() + REDIS_RETRY_AFTER_MS;
      return this.reserveLocally();
    }
  }

  private reserveLocally(): Reservation {
    const { slot, now, reservedUntil } = nextSlot(Date.now(), this.localNext, this.intervalMs);
    this.localNext = reservedUntil;
    return { slot, now };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
