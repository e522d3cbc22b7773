import { preferences, type ThemeChoice, type TimeZoneChoice } from './preferences.store.ts';
import { usePreferences } from './usePreferences.ts';

/** Theme, timezone and colours, on every page (the footer), remembered by the preferences store. */
export function PreferencesControls() {
  const { theme, timezone, swapColors } = usePreferences();
  return (
    <div className="preferences">
      <label>
        Theme
        <select value={theme} onChange={(e) => preferences.update({ theme: e.target.value as ThemeChoice })}>
          <option value="system">System</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
      <label>
        Times
        <select value={timezone} onChange={(e) => preferences.update({ timezone: e.target.value as TimeZoneChoice })}>
          <option value="local">Local</option>
          <option value="utc">UTC</option>
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={swapColors} onChange={(e) => preferences.update({ swapColors: e.target.checked })} />
        Swap up/down colours
      </label>
    </div>
  );
}
