import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_PREFERENCES, parsePreferences, PREFERENCES_KEY, PreferencesStore, preferencesToMove } from './preferences.store.ts';

describe('preferences', () => {
  it('are remembered across pages (a new store reads what the last one wrote)', () => {
    const first = new PreferencesStore(localStorage);
    first.update({ theme: 'dark', timezone: 'utc', swapColors: true });
    first.update({ intervals: { BTC: '1h', ETH: '1d' } });

    expect(new PreferencesStore(localStorage).get()).toEqual({
      theme: 'dark',
      timezone: 'utc',
      swapColors: true,
      intervals: { BTC: '1h', ETH: '1d' },
    });
  });

  it('start from the defaults and tell subscribers of each change', () => {
    const store = new PreferencesStore(localStorage);
    expect(store.get()).toEqual(DEFAULT_PREFERENCES);
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.update({ theme: 'light' });
    unsubscribe();
    store.update({ theme: 'dark' });
    expect(listener).toHaveBeenCalledOnce();
  });

  it('fall back field by field when what is stored is broken or foreign', () => {
    expect(parsePreferences('not json')).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences('[1,2]')).toEqual(DEFAULT_PREFERENCES);
    expect(
      parsePreferences(JSON.stringify({ theme: 'neon', timezone: 'utc', swapColors: 'yes', intervals: { BTC: '1h', ETH: 5 } })),
    ).toEqual({
      ...DEFAULT_PREFERENCES,
      timezone: 'utc',
      intervals: { BTC: '1h' },
    });
  });

  it('follow another tab’s change', () => {
    const store = new PreferencesStore(localStorage);
    localStorage.setItem(PREFERENCES_KEY, JSON.stringify({ theme: 'dark' }));
    store.reload();
    expect(store.get().theme).toBe('dark');
  });

  it('still work when storage refuses to write', () => {
    const store = new PreferencesStore({
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    });
    store.update({ timezone: 'utc' });
    expect(store.get().timezone).toBe('utc');
  });

  it('are moved to the server once, and only when the server has none of its own', () => {
    const local = { ...DEFAULT_PREFERENCES, theme: 'dark' as const, intervals: { BTC: '1h' } };
    expect(preferencesToMove(DEFAULT_PREFERENCES, local, false)).toEqual(local);
    expect(preferencesToMove(DEFAULT_PREFERENCES, local, true)).toBeNull();
    expect(preferencesToMove({ ...DEFAULT_PREFERENCES, timezone: 'utc' }, local, false)).toBeNull();
    expect(preferencesToMove(DEFAULT_PREFERENCES, DEFAULT_PREFERENCES, false)).toBeNull();
  });

  it('mark the move settled in this browser the first time they are asked', () => {
    const store = new PreferencesStore(localStorage);
    expect(store.settleMove()).toBe(false);
    expect(store.settleMove()).toBe(true);
  });
});
