/**
 * The user's preferences: theme, timezone, swapped up/down colours, the interval chosen per asset.
 * Nothing secret, so localStorage holds them (step 10 moves them to the server); other tabs follow
 * through the storage event. What is read back is checked: a stored value of another version or a
 * hand edit falls back to the default, field by field.
 */
export type ThemeChoice = 'light' | 'dark' | 'system';
export type TimeZoneChoice = 'utc' | 'local';

export interface Preferences {
  theme: ThemeChoice;
  timezone: TimeZoneChoice;
  swapColors: boolean;
  /** Interval code (`1h`, `1d`, ...) per asset symbol. */
  intervals: Record<string, string>;
}

export const DEFAULT_PREFERENCES: Preferences = { theme: 'system', timezone: 'local', swapColors: false, intervals: {} };
export const PREFERENCES_KEY = 'candlecast.preferences';

export function parsePreferences(text: string | null): Preferences {
  let raw: unknown;
  try {
    raw = text === null ? null : JSON.parse(text);
  } catch {
    raw = null;
  }
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const intervals =
    typeof value.intervals === 'object' && value.intervals !== null && !Array.isArray(value.intervals)
      ? Object.fromEntries(Object.entries(value.intervals).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
      : {};
  return {
    theme: value.theme === 'light' || value.theme === 'dark' || value.theme === 'system' ? value.theme : DEFAULT_PREFERENCES.theme,
    timezone: value.timezone === 'utc' || value.timezone === 'local' ? value.timezone : DEFAULT_PREFERENCES.timezone,
    swapColors: typeof value.swapColors === 'boolean' ? value.swapColors : DEFAULT_PREFERENCES.swapColors,
    intervals,
  };
}

export class PreferencesStore {
  private current: Preferences;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null) {
    this.current = parsePreferences(this.read());
  }

  get = (): Preferences => this.current;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(change: Partial<Preferences>): void {
    this.current = { ...this.current, ...change };
    try {
      this.storage?.setItem(PREFERENCES_KEY, JSON.stringify(this.current));
    } catch {
      // Storage full or refused (private mode): the choice holds for this page.
    }
    this.emit();
  }

  setInterval(symbol: string, interval: string): void {
    this.update({ intervals: { ...this.current.intervals, [symbol]: interval } });
  }

  /** Another tab wrote the preferences. */
  reload(): void {
    this.current = parsePreferences(this.read());
    this.emit();
  }

  private read(): string | null {
    try {
      return this.storage?.getItem(PREFERENCES_KEY) ?? null;
    } catch {
      return null;
    }
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const preferences = new PreferencesStore(browserStorage());
if (typeof window !== 'undefined')
  window.addEventListener('storage', (event) => {
    if (event.key === PREFERENCES_KEY) preferences.reload();
  });
