import type { AppConfig } from '#libs/config';
import { MARKET_LIMITS } from '#libs/domain';
import { HISTORY_LIMIT } from '../assets/dto/history-query.dto.js';

/**
 * The API's limits as GET /crypto/config tells clients: one entry per limited parameter, taken
 * from where each route enforces it. A later feature adds its own entry here (and its constants
 * beside its route or in libs/domain), nothing else.
 */
export function apiLimits(config: AppConfig) {
  return {
    /** GET /crypto/assets/{symbol}/history `limit`. */
    historyLimit: HISTORY_LIMIT,
    ...MARKET_LIMITS,
    /** GET /crypto/assets/{symbol}/ticker: seconds its values are cached. */
    tickerCacheTtl: { seconds: config.TICKER_CACHE_TTL },
    /** /alerts and /webhooks: how many of each one user may have (ALERT_RULES_PER_USER, WEBHOOKS_PER_USER). */
    alerts: { rulesPerUser: config.ALERT_RULES_PER_USER, webhooksPerUser: config.WEBHOOKS_PER_USER },
  };
}

export type ApiLimits = ReturnType<typeof apiLimits>;
