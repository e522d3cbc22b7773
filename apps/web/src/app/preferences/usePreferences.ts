import { useSyncExternalStore } from 'react';
import { preferences, type Preferences } from './preferences.store.ts';

/** The preferences, re-rendering on every change; change them with `preferences.update(...)`. */
export function usePreferences(): Preferences {
  return useSyncExternalStore(preferences.subscribe, preferences.get);
}
