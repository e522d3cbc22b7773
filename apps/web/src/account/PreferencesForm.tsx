import { type ThemeChoice, type TimeZoneChoice } from '../app/preferences/preferences.store.ts';
import { usePreferences, useSetPreferences } from '../app/preferences/usePreferences.ts';

const THEMES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];
const ZONES: { value: TimeZoneChoice; label: string }[] = [
  { value: 'local', label: 'Local time' },
  { value: 'utc', label: 'UTC' },
];

/**
 * Theme, timezone and up/down colours, saved to the account as soon as they change (they follow the user to any browser). The footer's
 * controls (app/preferences) set the same store; the checkbox is worded apart so that names stay unique.
 */
export function PreferencesForm() {
  const prefs = usePreferences();
  const setPreferences = useSetPreferences();
  return (
    <form aria-labelledby="preferences-heading" onSubmit={(e) => e.preventDefault()}>
      <h2 id="preferences-heading">Preferences</h2>
      <fieldset>
        <legend>Theme</legend>
        {THEMES.map(({ value, label }) => (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name="theme"
              value={value}
              checked={prefs.theme === value}
              onChange={() => setPreferences({ theme: value })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Times</legend>
        {ZONES.map(({ value, label }) => (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name="timezone"
              value={value}
              checked={prefs.timezone === value}
              onChange={() => setPreferences({ timezone: value })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={prefs.swapColors} onChange={(e) => setPreferences({ swapColors: e.target.checked })} />
        Swap up and down colours
      </label>
      <p className="hint">
        Rising <span className="up">▲ up</span>, falling <span className="down">▼ down</span>.
      </p>
    </form>
  );
}
