/** Symbols are case-insensitive for callers and stored upper-case. */
export function normalizeSymbol(symbol: string): string {
  return symbol.trim().toUpperCase();
}

export const SYMBOL_PATTERN = /^[A-Za-z0-9]{2,12}$/;

/**
 * A symbol as a caller wrote it, checked before it is normalised: `ſol` (U+017F upper-cases to
 * `S`) and ` btc` are no symbols, though their normalised forms would be. Null when it cannot be one.
 */
export function parseSymbol(text: string): string | null {
  return SYMBOL_PATTERN.test(text) ? text.toUpperCase() : null;
}

/** Kraken names a few assets differently from everyone else. */
const KRAKEN_ALIASES: Record<string, string> = { BTC: 'XBT', DOGE: 'XDG' };

/** The altname of the USD pair Kraken most likely lists for a symbol (BTC → XBTUSD). */
export function defaultKrakenPair(symbol: string, quote = 'USD'): string {
  const base = normalizeSymbol(symbol);
  return `${KRAKEN_ALIASES[base] ?? base}${quote}`;
}
