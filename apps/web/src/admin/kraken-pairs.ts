import type { components } from '../api/schema';

export type KrakenPair = components['schemas']['KrakenPairDto'];

/** Kraken's own names for a few bases, and what people call them. */
const COMMON_NAMES: Record<string, string> = { XBT: 'BTC', XDG: 'DOGE' };

/** The symbol a pair is suggested to be tracked as: its base as people know it (XBT/USD → BTC, SOLUSD → SOL). */
export function suggestSymbol(pair: KrakenPair): string {
  let base = pair.wsname?.split('/')[0];
  if (!base) base = pair.base.length === 4 && /^[XZ]/.test(pair.base) ? pair.base.slice(1) : pair.base;
  const clean = base.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return (COMMON_NAMES[clean] ?? clean).slice(0, 16);
}

export interface PairMatches {
  shown: KrakenPair[];
  /** How many more matched than are shown. */
  more: number;
}

/**
 * The pairs whose names contain every word of the query (any case; "sol usd", "XBT/USD", "btc" all
 * work), those whose altname or suggested symbol starts with the first word first. An empty query
 * shows nothing: the list has hundreds of pairs.
 */
export function matchPairs(pairs: readonly KrakenPair[], query: string, limit = 50): PairMatches {
  const words = query
    .trim()
    .toUpperCase()
    .split(/[\s/]+/)
    .filter(Boolean);
  if (words.length === 0) return { shown: [], more: 0 };
  const scored: { pair: KrakenPair; rank: number }[] = [];
  for (const pair of pairs) {
    const symbol = suggestSymbol(pair);
    const haystack = [pair.altname, pair.wsname ?? '', pair.key, pair.base, pair.quote, symbol].join(' ').toUpperCase();
    if (!words.every((w) => haystack.includes(w))) continue;
    const rank = pair.altname.toUpperCase().startsWith(words[0]) || symbol.startsWith(words[0]) ? 0 : 1;
    scored.push({ pair, rank });
  }
  scored.sort((a, b) => a.rank - b.rank || a.pair.altname.localeCompare(b.pair.altname));
  return { shown: scored.slice(0, limit).map((s) => s.pair), more: Math.max(0, scored.length - limit) };
}
