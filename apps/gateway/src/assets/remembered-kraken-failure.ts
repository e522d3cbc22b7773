import type { Redis } from 'ioredis';
import type { AppConfig } from '#libs/config';
import { KrakenResponseError, KrakenUnavailableError } from '#libs/domain';
import { krakenRetriesPerCall, RedisSingleFlight } from '#libs/queue';

/** A failed Kraken call as the gateway's caches of Kraken answers (the pair list, the ticker) keep it in Redis, for every gateway to answer alike. */
interface RememberedFailure {
  kind: 'unavailable' | 'response';
  message: string;
  reason: string;
  errors: string[];
}

/** What is worth remembering of a failed fetch: Kraken out of reach, or an answer we cannot use. Anything else is a bug. */
function rememberedFailure(error: unknown): RememberedFailure | undefined {
  if (error instanceof KrakenUnavailableError) return { kind: 'unavailable', message: error.message, reason: error.reason, errors: [] };
  if (error instanceof KrakenResponseError) return { kind: 'response', message: error.message, reason: '', errors: [...error.errors] };
  return undefined;
}

function revivedFailure(failure: RememberedFailure, ttlMs: number): Error {
  const seconds = Number.isFinite(ttlMs) ? Math.max(1, Math.ceil(ttlMs / 1000)) : 1;
  const message = `${failure.message} (Kraken is asked again in ${seconds} s)`;
  return failure.kind === 'unavailable'
    ? new KrakenUnavailableError(message, failure.reason)
    : new KrakenResponseError(message, failure.errors);
}

/**
 * What a cache of Kraken answers holds in Redis: the value stored at `valueKey`; else the failure
 * remembered at `failureKey`, thrown as it was; undefined when neither is there (or Redis cannot be reached).
 */
export async function readRemembered(redis: Redis, valueKey: string, failureKey: string): Promise<string | undefined> {
  const replies = await redis
    .pipeline()
    .get(valueKey)
    .get(failureKey)
    .pttl(failureKey)
    .exec()
    .catch(() => null);
  const [value, failure, ttl] = (replies ?? []).map(([error, reply]) => (error ? null : reply));
  if (typeof value === 'string') return value;
  if (typeof failure === 'string') throw revivedFailure(JSON.parse(failure) as RememberedFailure, Number(ttl));
  return undefined;
}

/** Remembers a failed fetch worth remembering at `failureKey` for `ttlMs`, for every gateway to answer alike. */
export async function rememberFailure(redis: Redis, failureKey: string, error: unknown, ttlMs: number): Promise<void> {
  const failure = rememberedFailure(error);
  if (failure) await redis.set(failureKey, JSON.stringify(failure), 'PX', ttlMs).catch(() => undefined);
}

/** The longest one Kraken call of the gateway may take: each attempt's timeout and the client's longest backoff (8 s, up to doubled by its jitter). */
export function maxKrakenCallMs(config: AppConfig): number {
  return (krakenRetriesPerCall(config.KRAKEN_MAX_RETRIES) + 1) * (config.KRAKEN_TIMEOUT_MS + 16_000);
}

/**
 * One call of a Kraken endpoint at a time across every gateway (RedisSingleFlight), for as long as
 * one call may take; a gateway that waited longer for another's answers 503.
 */
export function krakenSingleFlight<T>(
  redis: Redis,
  config: AppConfig,
  flight: { endpoint: string; lockKey: string; peek: () => Promise<T | undefined>; fetch: () => Promise<T> },
): RedisSingleFlight<T> {
  const maxFetchMs = maxKrakenCallMs(config);
  return new RedisSingleFlight(redis, {
    lockKey: flight.lockKey,
    maxFetchMs,
    peek: flight.peek,
    fetch: flight.fetch,
    waitedTooLong: () =>
      new KrakenUnavailableError(
        `Kraken ${flight.endpoint}: another gateway has been fetching it for ${Math.round(maxFetchMs / 1000)} s`,
        'fetched elsewhere',
      ),
  });
}
