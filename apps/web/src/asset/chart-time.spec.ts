import { describe, expect, it } from 'vitest';
import { crosshairLabel, tickLabel, withAlpha } from './chart-time.ts';

// 2024-03-31 23:30 UTC: already April 1st east of UTC.
const T = Date.UTC(2024, 2, 31, 23, 30) / 1000;

describe('the time axis', () => {
  it('labels ticks in UTC when asked, by their kind', () => {
    expect(tickLabel(T, 0, 'utc', 'en-US')).toBe('2024');
    expect(tickLabel(T, 1, 'utc', 'en-US')).toBe('Mar');
    expect(tickLabel(T, 2, 'utc', 'en-US')).toBe('31');
    expect(tickLabel(T, 3, 'utc', 'en-US')).toBe('23:30');
  });

  it('marks the crosshair UTC, with the time only for intraday candles', () => {
    expect(crosshairLabel(T, true, 'utc', 'en-US')).toBe('Sun, Mar 31, 2024, 23:30 UTC');
    expect(crosshairLabel(T, false, 'utc', 'en-US')).toBe('Sun, Mar 31, 2024 UTC');
  });

  it('follows the browser zone for local time', () => {
    const local = new Intl.DateTimeFormat('en-US', { day: 'numeric' }).format(new Date(T * 1000));
    expect(tickLabel(T, 2, 'local', 'en-US')).toBe(local);
    expect(crosshairLabel(T, false, 'local', 'en-US')).not.toMatch(/UTC/);
  });
});

describe('colours', () => {
  it('turns #rrggbb into rgba at an opacity, and leaves other forms alone', () => {
    expect(withAlpha('#089981', 0.45)).toBe('rgba(8, 153, 129, 0.45)');
    expect(withAlpha('rgba(1, 2, 3, 0.5)', 0.1)).toBe('rgba(1, 2, 3, 0.5)');
  });
});
