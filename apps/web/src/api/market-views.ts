/**
 * The step-9 market views' answers (COMMON.md's shapes), as the pages read them. Prices and volumes
 * from Kraken are decimal strings exactly as stored; computed figures are numbers; times ISO UTC.
 * The gateway's own (schema.d.ts) where its routes have landed; the rest as COMMON.md gives them.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

export type MarketRow = Schemas['MarketRowDto'];
export type MarketTable = Schemas['MarketViewDto'];
export type SearchResult = Schemas['SearchResultDto'];
export type SearchAnswer = Schemas['SearchDto'];

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

export type Ticker = Schemas['TickerDto'];
export type CryptoConfig = Schemas['CryptoConfigDto'];
export type ConfigAsset = Schemas['ConfigAssetDto'];

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
