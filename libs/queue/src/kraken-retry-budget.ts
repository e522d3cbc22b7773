/**
 * How hard Candlecast tries Kraken before it gives up: the one place where this is decided.
 *
 * Retries happen at two levels, and they multiply: the Kraken client tries each call up to
 * `attemptsPerCall` times (0.5 s, then 1 s apart, randomized), which rides out a rate-limit answer
 * or a dropped connection inside one job; BullMQ then tries the whole market-data job up to
 * `attemptsPerJob` times (2 s, then 4 s apart), which rides out an outage of some seconds. Both
 * levels used to be generous (6 × 5 = 30 requests for one failing call), which only kept a worker
 * busy and Kraken's rate limit spent while Kraken was down. Beyond this budget, giving up costs
 * nothing: the next scheduled sync (every SYNC_EVERY) starts again from the newest stored candle.
 *
 * So one Kraken call of a failing sync costs at most 3 × 3 = 9 HTTP requests, all of them paced by
 * KRAKEN_MIN_INTERVAL_MS across every process. KRAKEN_MAX_RETRIES, when set, replaces the client's
 * share (tests lower it to fail fast); the gateway, which has no job around its calls, gets the
 * client's share alone.
 */
export const KRAKEN_RETRY_BUDGET = {
  /** HTTP attempts of one Kraken call, made by the client within one job attempt. */
  attemptsPerCall: 3,
  /** Attempts of one `sync` or `backfill` job, made by BullMQ with its backoff. */
  attemptsPerJob: 3,
} as const;

/** The retries (attempts after the first) of one Kraken call: KRAKEN_MAX_RETRIES when set, else the budget's share. */
export function krakenRetriesPerCall(configured: number | undefined): number {
  return configured ?? KRAKEN_RETRY_BUDGET.attemptsPerCall - 1;
}
