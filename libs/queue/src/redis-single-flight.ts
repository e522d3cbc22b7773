import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/** Releases the lock only if it is still ours (it may have lapsed and been taken). */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export interface SingleFlightOptions<T> {
  /** The lock's Redis key. */
  lockKey: string;
  /** The longest a fetch may take; the lock is renewed that long at most, and waiters give up after it. */
  maxFetchMs: number;
  /** The outcome another process stored: a value, a thrown (remembered) failure, or undefined when there is none yet. */
  peek: () => Promise<T | undefined>;
  /** Fetches and stores the outcome where peek() finds it. */
  fetch: () => Promise<T>;
  /** What waiters throw when the holder of the lock took longer than maxFetchMs. */
  waitedTooLong: () => Error;
  /** The lock's lifetime, renewed while its holder fetches: a process that dies mid-fetch frees it this soon. */
  lockTtlMs?: number;
  /** How often a waiter looks for the outcome. */
  pollMs?: number;
}

interface Lock {
  release(): Promise<void>;
}

/**
 * One fetch at a time for every process that shares a Redis: callers in one process share one
 * promise, and across processes a Redis lock (SET NX PX, renewed while held) lets one fetch
 * while the others poll peek() for the outcome it stores. With Redis unreachable, each process
 * fetches for itself, one fetch at a time.
 *
 * Used by the gateway's caches of Kraken answers (the pair list, the ticker), so that however
 * many users ask at however many gateways, Kraken gets one call.
 */
export class RedisSingleFlight<T> {
  private readonly lockTtlMs: number;
  private readonly pollMs: number;
  /** The flight this process makes or waits for. */
  private flight: Promise<T> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly options: SingleFlightOptions<T>,
  ) {
    this.lockTtlMs = options.lockTtlMs ?? 6000;
    this.pollMs = options.pollMs ?? 25;
  }

  /** The stored outcome when there is one, else the outcome of the one fetch under way or started now. */
  async read(): Promise<T> {
    if (this.flight) return this.flight;
    const known = await this.options.peek();
    if (known !== undefined) return known;
    this.flight ??= this.settle().finally(() => (this.flight = undefined));
    return this.flight;
  }

  /** Fetches under the lock, or waits for whoever holds it. */
  private async settle(): Promise<T> {
    const deadline = Date.now() + this.options.maxFetchMs;
    for (;;) {
      const lock = await this.lock();
      if (lock) {
        try {
          // Another process may have stored its outcome between our look and our lock.
          return (await this.options.peek()) ?? (await this.options.fetch());
        } finally {
          await lock.release();
        }
      }
      if (Date.now() >= deadline) throw this.options.waitedTooLong();
      await sleep(this.pollMs);
      const known = await this.options.peek();
      if (known !== undefined) return known;
    }
  }

  /** Our lock, or null while another process holds it. Without Redis, a lock of this process alone (its one flight). */
  private async lock(): Promise<Lock | null> {
    const { lockKey, maxFetchMs } = this.options;
    const token = randomUUID();
    try {
      if (!(await this.redis.set(lockKey, token, 'PX', this.lockTtlMs, 'NX'))) return null;
    } catch {
      return { release: async () => undefined };
    }
    const until = Date.now() + maxFetchMs;
    const renewal = setInterval(() => {
      if (Date.now() > until) return clearInterval(renewal);
      this.redis.eval(RENEW, 1, lockKey, token, this.lockTtlMs).catch(() => undefined);
    }, this.lockTtlMs / 3);
    return {
      release: async () => {
        clearInterval(renewal);
        await this.redis.eval(RELEASE, 1, lockKey, token).catch(() => undefined);
      },
    };
  }
}
