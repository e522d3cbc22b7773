import { isIntervalCode, type IntervalCode } from './interval.js';
import { parseSymbol } from './symbol.js';

/** A user's dashboard preferences (`/preferences`), kept server-side so that they follow the user. */
export const THEMES = ['light', 'dark', 'system'] as const;
export const TIMEZONES = ['local', 'utc'] as const;

export interface UserPreferences {
  theme: (typeof THEMES)[number];
  timezone: (typeof TIMEZONES)[number];
  /** Up/down colours swapped (for colour-blind users). */
  swapColors: boolean;
  /** The interval chosen per asset symbol. */
  intervals: Record<string, IntervalCode>;
}

export const DEFAULT_PREFERENCES: UserPreferences = { theme: 'system', timezone: 'local', swapColors: false, intervals: {} };

/** At most this many assets with a remembered interval. */
export const MAX_PREFERRED_INTERVALS = 200;

/** What is wrong with `value` as the `intervals` of preferences, or null. */
export function intervalsProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'intervals must be an object such as {"BTC": "1h"}';
  const entries = Object.entries(value);
  if (entries.length > MAX_PREFERRED_INTERVALS) return `intervals may name at most ${MAX_PREFERRED_INTERVALS} assets`;
  for (const [symbol, interval] of entries) {
    if (parseSymbol(symbol) === null) return `intervals: '${symbol.slice(0, 20)}' is not a symbol (2 to 12 letters or digits)`;
    if (!isIntervalCode(interval)) return `intervals.${symbol} must be an interval such as 1h or 1d`;
  }
  return null;
}
