/** Labels of the chart's time axis and crosshair in the chosen timezone (the data stays in UTC seconds). */
import type { TimeZoneChoice } from '../app/preferences/preferences.store.ts';

/** lightweight-charts' TickMarkType: Year, Month, DayOfMonth, Time, TimeWithSeconds. */
export type TickKind = 0 | 1 | 2 | 3 | 4;

const zone = (timezone: TimeZoneChoice) => (timezone === 'utc' ? 'UTC' : undefined);

export function tickLabel(seconds: number, kind: TickKind, timezone: TimeZoneChoice, locale?: string): string {
  const timeZone = zone(timezone);
  const options: Intl.DateTimeFormatOptions =
    kind === 0
      ? { year: 'numeric' }
      : kind === 1
        ? { month: 'short' }
        : kind === 2
          ? { day: 'numeric' }
          : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(kind === 4 ? { second: '2-digit' } : {}) };
  return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(new Date(seconds * 1000));
}

/** The crosshair's label: date, and the time for intraday candles; "UTC" marked. */
export function crosshairLabel(seconds: number, intraday: boolean, timezone: TimeZoneChoice, locale?: string): string {
  const text = new Intl.DateTimeFormat(locale, {
    timeZone: zone(timezone),
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    ...(intraday ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  }).format(new Date(seconds * 1000));
  return timezone === 'utc' ? `${text} UTC` : text;
}

/** A `#rrggbb` colour at some opacity. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1], 16)}, ${parseInt(m[2], 16)}, ${parseInt(m[3], 16)}, ${alpha})`;
}
