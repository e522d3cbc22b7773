/**
 * Points in time as callers write them: ISO 8601 with a zone (`2024-01-31T12:00:00Z`,
 * `2024-01-31T13:00+01:00`), a date alone (`2024-01-31`, midnight UTC), or unix seconds in plain
 * decimal digits. Never the server's zone, and never a date moved to another one: `2024-02-30`
 * and `T24:00` are refused, where `new Date()` would silently make them March 1st and the next day.
 */
export const TIME_RANGE = {
  min: new Date('1970-01-01T00:00:00.000Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
  text: 'from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z',
} as const;

/** Why a text is not a time we take. */
export type TimeError = 'format' | 'impossible' | 'zone' | 'range';

export type TimeParse = { ok: true; date: Date } | { ok: false; error: TimeError };

const UNIX_SECONDS = /^[0-9]+$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|([+-])(\d{2}):?(\d{2}))?)?$/;

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) => [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];

function inRange(ms: number): TimeParse {
  return ms >= TIME_RANGE.min.getTime() && ms <= TIME_RANGE.max.getTime()
    ? { ok: true, date: new Date(ms) }
    : { ok: false, error: 'range' };
}

export function parseTime(text: string): TimeParse {
  if (UNIX_SECONDS.test(text)) return inRange(Number(text) * 1000);
  const m = ISO.exec(text);
  if (!m) return { ok: false, error: 'format' };
  const [year, month, day] = [m[1], m[2], m[3]].map(Number);
  const [hour, minute, second] = [m[4], m[5], m[6]].map((part) => Number(part ?? 0));
  const millis = Number((m[7] ?? '0').padEnd(3, '0'));
  const [offsetHours, offsetMinutes] = [m[10], m[11]].map((part) => Number(part ?? 0));
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, error: 'impossible' };
  }
  if (offsetHours > 23 || offsetMinutes > 59) return { ok: false, error: 'impossible' };
  if (m[4] !== undefined && m[8] === undefined) return { ok: false, error: 'zone' };
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, millis);
  const offset = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return inRange(utc.getTime() - offset);
}

/** `from must be …`: what was wrong with a time, and what is allowed. */
export function describeTimeError(field: string, error: TimeError): string {
  switch (error) {
    case 'format':
      return `${field} must be an ISO 8601 date (2024-01-31 or 2024-01-31T12:00:00Z) or unix seconds`;
    case 'impossible':
      return `${field} must be a real date and time: a month from 01 to 12, a day that month has, hours 00 to 23, minutes and seconds 00 to 59`;
    case 'zone':
      return `${field} must say its time zone: end it with Z or an offset such as +02:00 (a date alone means midnight UTC)`;
    case 'range':
      return `${field} must be ${TIME_RANGE.text}`;
  }
}
