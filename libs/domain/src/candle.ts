/**
 * One OHLC candle as Kraken gives it. Prices and volumes stay decimal strings end to end,
 * so that `"0.00012345"` is stored and served as `"0.00012345"`.
 */
export interface Candle {
  /** Open time, unix seconds (UTC). */
  time: number;
  open: string;
  high: string;
  low: string;
  close: string;
  /** Kraken's API gives the volume-weighted average price; its CSV downloads do not. */
  vwap: string | null;
  volume: string;
  trades: number;
}

/** A decimal as Kraken writes it, including the scientific notation of its CSV exports (`1E+1`, `5.5E+2`). */
export const DECIMAL_PATTERN = /^\d+(\.\d+)?([eE][+-]?\d+)?$/;
