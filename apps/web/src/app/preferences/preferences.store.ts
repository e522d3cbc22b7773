/**
 * The user's preferences: theme, timezone, swapped up/down colours, the interval chosen per asset.
 * The server (GET/PUT /preferences, through TanStack Query: usePreferences.ts) is the truth once
 * signed in. This store is the browser's copy of what it said last: the first paint's hint (no
 * theme flash while the server answers) and the preferences of a signed-out page. Other tabs
 * follow through the storage event. What is read back is checked: a stored value of another
 * version or a hand edit falls back to the default, field by field.
 */
import { DEFAULT_PREFERENCES as SERVER_DEFAULTS, THEMES, TIMEZONES } from '../../../../../libs/domain/src/preferences.ts';

export type ThemeChoice = (typeof THEMES)[number];
export type TimeZoneChoice = (typeof TIMEZONES)[number];

export interface Preferences {
  theme: ThemeChoice;
  timezone: TimeZoneChoice;
  swapColors: boolean;
  /** Interval code (`1h`, `1d`, ...) per asset symbol. */
  intervals: Record<string, string>;
}

/** The server's defaults (libs/domain), until it answers. */
export const DEFAULT_PREFERENCES: Preferences = SERVER_DEFAULTS;
export const PREFERENCES_KEY = 'candlecast.preferences';
/** Set once this browser's copy has met a server: preferences kept here before step 10 are moved to the server at most once. */
export const MOVED_KEY = 'candlecast.preferences.moved';

const same = (a: Preferences, b: Preferences) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const sorted = (p: Preferences) => ({ ...p, intervals: Object.fromEntries(Object.entries(p.intervals).sort()) });

/**
 * What to PUT on the first sign-in in this browser, or null: the preferences this browser kept
 * before they moved to the server, when the server still has only the defaults (nothing saved).
 */
export function preferencesToMove(server: Preferences, local: Preferences, alreadyMoved: boolean): Preferences | null {
  if (alreadyMoved || !same(server, DEFAULT_PREFERENCES) || same(local, DEFAULT_PREFERENCES)) return null;
  return local;
}

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
    theme: THEMES.includes(value.theme as ThemeChoice) ? (value.theme as ThemeChoice) : DEFAULT_PREFERENCES.theme,
    timezone: TIMEZONES.includes(value.timezone as TimeZoneChoice) ? (value.timezone as TimeZoneChoice) : DEFAULT_PREFERENCES.timezone,
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

  /** The server's answer, kept as the next page's first paint. */
  remember(server: Preferences): void {
    if (!same(server, this.current)) this.update(server);
  }

  /** Whether the one-time move to the server has been settled in this browser (and marks it so). */
  settleMove(): boolean {
    const moved = this.readKey(MOVED_KEY) === '1';
    try {
      this.storage?.setItem(MOVED_KEY, '1');
    } catch {
      // Refused: the next page asks again, and finds the server no longer at its defaults.
    }
    return moved;
  }

  /** Another tab wrote the preferences. */
  reload(): void {
    this.current = parsePreferences(this.read());
    this.emit();
  }

  private read(): string | null {
    return this.readKey(PREFERENCES_KEY);
  }

  private readKey(key: string): string | null {
    try {
      return this.storage?.getItem(key) ?? null;
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
