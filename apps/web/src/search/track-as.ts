import type { SearchResult } from '../api/market-views.ts';

/** Kraken's quote code as people write it: ZUSD → USD, XXBT → XBT, USDT stays. */
export const plainQuote = (quote: string): string => (quote.length === 4 && /^[XZ]/.test(quote) ? quote.slice(1) : quote);

/**
 * The symbol a found pair is offered to be tracked as: its base's symbol, or, when an asset is
 * tracked under that symbol already (the same coin on another quote), the symbol and the quote: BTCEUR.
 */
export function trackAs(result: Pick<SearchResult, 'symbol' | 'quote'>, trackedSymbols: ReadonlySet<string>): string {
  const symbol = result.symbol.toUpperCase();
  return trackedSymbols.has(symbol) ? `${symbol}${plainQuote(result.quote)}`.slice(0, 16) : symbol;
}
