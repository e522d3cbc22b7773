import { type ThemeChoice, type TimeZoneChoice } from './preferences.store.ts';
import { usePreferences, useSetPreferences } from './usePreferences.ts';

/** Theme, timezone and colours, on every page (the footer), saved to the account (this browser only while signed out). */
export function PreferencesControls() {
  const { theme, timezone, swapColors } = usePreferences();
  const setPreferences = useSetPreferences();
  return (
    <div className="preferences">
      <label>
        Theme
        <select value={theme} onChange={(e) => setPreferences({ theme: e.target.value as ThemeChoice })}>
          <option value="system">System</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
      <label>
        Times
        <select value={timezone} onChange={(e) => setPreferences({ timezone: e.target.value as TimeZoneChoice })}>
          <option value="local">Local</option>
          <option value="utc">UTC</option>
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={swapColors} onChange={(e) => setPreferences({ swapColors: e.target.checked })} />
        Swap up/down colours
      </label>
    </div>
  );
}
