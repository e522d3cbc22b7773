/**
 * The step-9 market views' answers (COMMON.md's shapes), as the pages read them. Prices and volumes
 * from Kraken are decimal strings exactly as stored; computed figures are numbers; times ISO UTC.
 */

export interface MarketRow {
  rank: number;
  symbol: string;
  name: string;
  pair: string;
  quote: string;
  price: string;
  priceUsd: string | null;
  priceTime: string;
  change24h: number | null;
  change7d: number | null;
  change30d: number | null;
  volume24h: string;
  quoteVolume24h: string | null;
  quoteVolumeSource: string;
}

export interface MarketTable {
  asOf: string;
  /** The `datetime` asked for; null for now. */
  requested: string | null;
  interval: string;
  count: number;
  total: number;
  quoteVolume: string;
  rows: MarketRow[];
}

export interface SearchResult {
  symbol: string | null;
  name: string | null;
  pair: string;
  wsname: string | null;
  krakenKey: string;
  base: string;
  quote: string;
  tracked: boolean;
  match: 'exact' | 'prefix' | 'substring';
}

export interface SearchAnswer {
  query: string;
  count: number;
  results: SearchResult[];
}

export interface CompareSeries {
  key: string;
  symbol: string;
  interval: string;
}

export interface CompareAnswer {
  mode: 'line' | 'normalized' | 'ohlc';
  count: number;
  from: string;
  to: string;
  series: CompareSeries[];
  times: string[];
  /** `line`: closes as decimal strings; `normalized`: numbers (100 at the first shared time). */
  values: (string | number)[][];
}

export interface Ticker {
  symbol: string;
  pair: string;
  last: string;
  bid: string;
  ask: string;
  volume24h: string;
  vwap24h: string;
  high24h: string;
  low24h: string;
  open: string;
  fetchedAt: string;
  ageSeconds: number;
  stale: boolean;
}

export interface ConfigInterval {
  code: string;
  minutes: number;
  seconds: number;
}

export interface ConfigAsset {
  symbol: string;
  name: string;
  pair: string;
  intervals: { interval: string; first: string; last: string; count: number }[];
}

export interface CryptoConfig {
  intervals: ConfigInterval[];
  assets: ConfigAsset[];
  marketOrderBy: string[];
  compareModes: string[];
  tickerCacheTtl: number;
}

export interface TimeValue {
  time: string;
  value: number;
}

export interface AssetStats {
  symbol: string;
  interval: string;
  from: string;
  to: string;
  candles: number;
  returns: number;
  conventions: string;
  distribution: {
    mean: number;
    sd: number;
    skew: number;
    kurtosis: number;
    min: number;
    max: number;
    histogram: { from: number; to: number; count: number }[];
  };
  volatility: { annualised: number; window: number; rolling: TimeValue[] };
  drawdown: {
    max: number;
    peak: { time: string; close: string };
    trough: { time: string; close: string };
    recovered: string | null;
    series: TimeValue[];
  };
  best: { time: string; return: number }[];
  worst: { time: string; return: number }[];
}

export interface Correlation {
  interval: string;
  from: string;
  to: string;
  symbols: string[];
  returns: number;
  method: string;
  matrix: number[][];
}
