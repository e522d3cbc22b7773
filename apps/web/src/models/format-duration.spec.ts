import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration.ts';

describe('formatDuration', () => {
  it('picks a unit that reads well', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(42_500)).toBe('42.5 s');
    expect(formatDuration(725_000)).toBe('12 min 5 s');
    expect(formatDuration(7_380_000)).toBe('2 h 3 min');
  });

  it('is a dash when unknown', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(-1)).toBe('—');
  });
});
