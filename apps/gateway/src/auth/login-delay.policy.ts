/** How much to slow down a password check for a username that many addresses have failed on. */
export interface LoginDelayPolicy {
  /** Failures of the username, from every address, that cost nothing yet. */
  freeFailures: number;
  /** The delay at the first failure beyond those; it doubles with each further one. */
  firstMs: number;
  /** The most it ever waits: a slowdown, never a lockout. 0 turns it off. */
  maxMs: number;
}

export const FIRST_LOGIN_DELAY_MS = 250;

/**
 * The delay before checking a password of a username that has failed `recentFailures` times
 * lately, from any address: nothing up to `freeFailures`, then `firstMs` doubling with each
 * failure, capped at `maxMs`.
 */
export function loginDelayMs(recentFailures: number, policy: LoginDelayPolicy): number {
  const beyond = Math.floor(recentFailures) - policy.freeFailures;
  if (beyond < 0 || policy.maxMs <= 0) return 0;
  return Math.min(policy.maxMs, policy.firstMs * 2 ** Math.min(beyond, 30));
}
