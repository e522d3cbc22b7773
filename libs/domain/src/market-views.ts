/**
 * The market views' limits and choices (DESIGN.md "Market views", step 9), shared by the routes
 * that enforce them, GET /crypto/config that tells clients, and the web app's menus.
 */

/** Columns GET /crypto/market orders by; `rank` is by 24 h quote volume in USD. */
export const MARKET_ORDER_BY = ['rank', 'symbol', 'name', 'price', 'change24h', 'change7d', 'change30d', 'volume24h'] as const;
export type MarketOrderBy = (typeof MARKET_ORDER_BY)[number];

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const MARKET_FORMATS = ['json', 'csv'] as const;
export type MarketFormat = (typeof MARKET_FORMATS)[number];

export const COMPARE_MODES = ['ohlc', 'line', 'normalized'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

/** The API's limits, as GET /crypto/config lists them. */
export const MARKET_LIMITS = {
  /** GET /crypto/market `limit`: the top N rows. */
  marketRows: { min: 1, max: 500 },
  /** GET /crypto/market `symbols`, GET /crypto/correlation `symbols`: at most this many. */
  symbols: { max: 50 },
  /** GET /crypto/compare `series`. */
  compareSeries: { min: 2, max: 5 },
  /** GET /crypto/compare `limit`: shared times, the newest kept. */
  comparePoints: { min: 1, default: 5000, max: 10_000 },
  /** GET /crypto/correlation `symbols`. */
  correlationSymbols: { min: 2, max: 10 },
  /** GET /crypto/search `q` length. */
  searchQuery: { min: 2, max: 64 },
  /** GET /crypto/search results. */
  searchResults: { min: 1, default: 20, max: 100 },
  /** GET /crypto/assets/{symbol}/stats `bins` of the return histogram. */
  histogramBins: { min: 5, default: 40, max: 200 },
  /** GET /crypto/assets/{symbol}/stats `window`: candles in each rolling volatility. */
  rollingWindow: { min: 2, default: 30, max: 365 },
} as const;
