import { describe, expect, it } from '@jest/globals';
import { baselineSettingsProblem } from './baseline-settings.js';

describe('baselineSettingsProblem', () => {
  it('accepts no settings and settings within their ranges', () => {
    expect(baselineSettingsProblem('ewma', {})).toBeNull();
    expect(baselineSettingsProblem('ewma', { lambda: 0.97 })).toBeNull();
    expect(baselineSettingsProblem('har-range', { window: 1000 })).toBeNull();
  });

  it('names the field and what is wrong with it', () => {
    expect(baselineSettingsProblem('ewma', { window: 10 })).toEqual({ field: 'window', reason: 'unknown setting; known ones are lambda' });
    expect(baselineSettingsProblem('ewma', { lambda: 1.5 })?.reason).toBe('must be within 0.5…0.9999, got 1.5');
    expect(baselineSettingsProblem('garch', { window: 100.5 })?.reason).toBe('must be a whole number, got 100.5');
    expect(baselineSettingsProblem('naive', { window: '365' })?.reason).toBe('must be a number, got 365');
  });
});
