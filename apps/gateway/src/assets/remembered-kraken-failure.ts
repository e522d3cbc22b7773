import { KrakenResponseError, KrakenUnavailableError } from '#libs/domain';

/** A failed Kraken call as the gateway's caches keep it in Redis, for every gateway to answer alike. */
export interface RememberedFailure {
  kind: 'unavailable' | 'response';
  message: string;
  reason: string;
  errors: string[];
}

/** What is worth remembering of a failed fetch: Kraken out of reach, or an answer we cannot use. Anything else is a bug. */
export function rememberedFailure(error: unknown): RememberedFailure | undefined {
  if (error instanceof KrakenUnavailableError) return { kind: 'unavailable', message: error.message, reason: error.reason, errors: [] };
  if (error instanceof KrakenResponseError) return { kind: 'response', message: error.message, reason: '', errors: [...error.errors] };
  return undefined;
}

export function revivedFailure(failure: RememberedFailure, ttlMs: number): Error {
  const seconds = Number.isFinite(ttlMs) ? Math.max(1, Math.ceil(ttlMs / 1000)) : 1;
  const message = `${failure.message} (Kraken is asked again in ${seconds} s)`;
  return failure.kind === 'unavailable'
    ? new KrakenUnavailableError(message, failure.reason)
    : new KrakenResponseError(message, failure.errors);
}
