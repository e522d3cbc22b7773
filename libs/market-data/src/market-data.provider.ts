import type { Candle, IntervalCode } from '#libs/domain';

/** A tradable pair as the exchange describes it. */
export interface MarketPair {
  /** Canonical key, the key of every result for this pair (`XXBTZUSD`). */
  key: string;
  /** Short name (`XBTUSD`). */
  altname: string;
  /** Display name (`XBT/USD`), when the exchange gives one. */
  wsname: string | null;
  base: string;
  quote: string;
  pairDecimals: number;
  lotDecimals: number;
  orderMin: string | null;
}

export interface CandlePage {
  /** Canonical key the exchange answered under (`XXBTZUSD`), whatever name was asked for. */
  pairKey: string;
  /** Closed candles only, oldest first: the still-open last candle is never included. */
  candles: Candle[];
  /** Cursor to pass as `since` for the next call (Kraken's `last`). */
  last: number;
}

export interface Ticker {
  pairKey: string;
  last: string;
  bid: string;
  ask: string;
  open: string;
  high24h: string;
  low24h: string;
  volume24h: string;
  vwap24h: string;
  trades24h: number;
}

/**
 * Where candles come from. Kraken is the one implementation; a test or another exchange
 * implements the same interface.
 */
export interface MarketDataProvider {
  /** Every pair the exchange offers. */
  pairs(): Promise<MarketPair[]>;
  /** One pair by altname or canonical key; throws UnknownAssetPairError when there is none. */
  pair(name: string): Promise<MarketPair>;
  /** Closed candles after `since` (unix seconds); the exchange may cap how far back it serves. */
  candles(pair: string, interval: IntervalCode, since?: number): Promise<CandlePage>;
  ticker(pair: string): Promise<Ticker>;
  /** The tickers of several pairs in one call, each under its canonical key; pairs the exchange left out are missing. */
  tickers(pairs: readonly string[]): Promise<Ticker[]>;
}

/** Where a list of the exchange's pairs can be read when it need not come fresh from the exchange (the gateway's cache). */
export interface PairList {
  pairs(): Promise<MarketPair[]>;
}

/** Optional injection token for a PairList that AssetResolver reads instead of the provider. */
export const PAIR_LIST = Symbol('PAIR_LIST');

/** Injection token for the MarketDataProvider. */
export const MARKET_DATA_PROVIDER = Symbol('MARKET_DATA_PROVIDER');
