/**
 * How numbers and times read on every page. Prices arrive as Kraken's decimal strings; they are
 * shown with a precision that fits their size. Times follow the timezone preference: UTC (marked
 * "UTC") or the browser's own zone.
 */
import type { TimeZoneChoice } from './preferences/preferences.store.ts';

const LOCALE = undefined; // the browser's

export function formatPrice(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  const options: Intl.NumberFormatOptions =
    abs >= 1000
      ? { minimumFractionDigits: 2, maximumFractionDigits: 2 }
      : abs >= 1
        ? { minimumFractionDigits: 2, maximumFractionDigits: 4 }
        : { maximumSignificantDigits: 4 };
  return new Intl.NumberFormat(LOCALE, options).format(n);
}

/** A percentage given in percent (the API's `changePercent`), signed: "+1.23%", "−0.50%". */
export function formatPercent(percent: number | null | undefined, digits = 2): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '—';
  return new Intl.NumberFormat(LOCALE, {
    style: 'percent',
    signDisplay: 'exceptZero',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(percent / 100);
}

export type TimeStyle = 'datetime' | 'date' | 'time';

export function formatTime(
  value: string | number | Date | null | undefined,
  timezone: TimeZoneChoice,
  style: TimeStyle = 'datetime',
): string {
  if (value === null || value === undefined) return '—';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '—';
  const options: Intl.DateTimeFormatOptions = {
    timeZone: timezone === 'utc' ? 'UTC' : undefined,
    ...(style !== 'time' ? { year: 'numeric', month: 'short', day: 'numeric' } : {}),
    ...(style !== 'date' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  };
  const text = new Intl.DateTimeFormat(LOCALE, options).format(date);
  return timezone === 'utc' && style !== 'date' ? `${text} UTC` : text;
}

/** "in 42 s", "in 3 min": how long a 429 asks to wait. */
export function formatWait(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
