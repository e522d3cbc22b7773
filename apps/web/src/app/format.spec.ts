import { describe, expect, it } from 'vitest';
import { formatPercent, formatPrice, formatTime, formatWait } from './format.ts';

describe('formatting', () => {
  it('shows prices with a precision that fits their size', () => {
    expect(formatPrice('71323.8')).toBe(
      new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(71323.8),
    );
    expect(formatPrice('1.23456789')).toMatch(/^1[.,]2346$/);
    expect(formatPrice('0.000012345')).toMatch(/^0[.,]00001235$/);
    expect(formatPrice(null)).toBe('—');
    expect(formatPrice('not a number')).toBe('—');
  });

  it('signs percentages given in percent', () => {
    expect(formatPercent(1.2345)).toMatch(/^\+1[.,]23\s?%$/);
    expect(formatPercent(-0.5)).toMatch(/^[-−]0[.,]50\s?%$/);
    expect(formatPercent(0)).toMatch(/^0[.,]00\s?%$/);
    expect(formatPercent(null)).toBe('—');
  });

  it('writes times in UTC, marked, or in the browser’s zone', () => {
    const t = '2024-03-31T23:30:00.000Z';
    expect(formatTime(t, 'utc')).toContain('23:30');
    expect(formatTime(t, 'utc')).toMatch(/UTC$/);
    expect(formatTime(t, 'utc', 'date')).toContain('31');
    expect(formatTime(t, 'utc', 'date')).not.toContain('UTC');
    const local = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(t));
    expect(formatTime(t, 'local', 'time')).toBe(local);
    expect(formatTime('garbage', 'utc')).toBe('—');
  });

  it('says how long to wait in the unit that reads best', () => {
    expect(formatWait(42)).toBe('42 s');
    expect(formatWait(180)).toBe('3 min');
    expect(formatWait(7200)).toBe('2 h');
  });
});
