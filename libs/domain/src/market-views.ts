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
  /** GET /crypto/assets/{symbol}/history `last`: a span such as `90m`, `12h`, `7d`, `2w`; at least one candle, at most 10 years. */
  historyLast: { units: ['m', 'h', 'd', 'w'], maxMinutes: 520 * 7 * 1440 },
} as const;

/** Minutes in one unit of a `last` span. */
export const SPAN_UNIT_MINUTES: Readonly<Record<(typeof MARKET_LIMITS.historyLast.units)[number], number>> = {
  m: 1,
  h: 60,
  d: 1440,
  w: 7 * 1440,
};

/** The minutes of a span such as `90m`, `12h`, `7d` or `2w`; null for anything else (no sign, no spaces, no zero, no leading zeros). */
export function parseSpan(text: string): number | null {
  const match = /^([1-9][0-9]{0,6})([mhdw])$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * SPAN_UNIT_MINUTES[match[2] as keyof typeof SPAN_UNIT_MINUTES];
}
