import { UnrecoverableError } from 'bullmq';
import { DomainError, KrakenResponseError, KrakenUnavailableError } from '#libs/domain';

/** Trouble a later attempt may not meet again: Kraken's outages, rate limits, a garbled answer. */
const TRANSIENT: (abstract new (...args: never[]) => DomainError)[] = [KrakenUnavailableError, KrakenResponseError];

/**
 * The one place where domain errors become retry decisions: a domain error that no retry can
 * fix (an unknown asset, bad hyperparameters, too few candles) fails the job at once; anything
 * else is retried with the job's backoff.
 */
export async function retryDecided<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && !TRANSIENT.some((type) => error instanceof type)) throw new UnrecoverableError(error.message);
    throw error;
  }
}
