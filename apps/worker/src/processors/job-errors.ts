import { UnrecoverableError } from 'bullmq';
import { DomainError, KrakenResponseError, KrakenUnavailableError } from '#libs/domain';
import { JobCancelledError } from '#libs/queue';

/** Trouble a later attempt may not meet again: Kraken's outages, rate limits, a garbled answer. */
const TRANSIENT: (abstract new (...args: never[]) => DomainError)[] = [KrakenUnavailableError, KrakenResponseError];

/**
 * The one place where errors become retry decisions: a domain error that no retry can fix (an
 * unknown asset, bad hyperparameters, too few candles) or a cancellation (an admin's, or a
 * walk-forward stopped by it) becomes an UnrecoverableError, which fails
 * the job at once; anything else (a transient Kraken error, an outage of Postgres or Redis, a bug)
 * is returned as it is, and retried with the job's backoff.
 */
export function jobFailure(error: unknown): unknown {
  if (error instanceof JobCancelledError) return new UnrecoverableError(error.message);
  if (error instanceof DomainError && !TRANSIENT.some((type) => error instanceof type)) {
    return new UnrecoverableError(error.message);
  }
  return error;
}
