import { describe, expect, it } from 'vitest';
import { themeTokens } from './tokens.ts';

describe('theme tokens', () => {
  it('carry the agreed chart colours (the browser tests count these pixels)', () => {
    expect(themeTokens('light', false).chart).toMatchObject({
      up: '#089981',
      down: '#f23645',
      forecast: '#2962ff',
      band: 'rgba(41, 98, 255, 0.18)',
      background: '#ffffff',
    });
    expect(themeTokens('dark', false).chart).toMatchObject({
      up: '#26a69a',
      down: '#ef5350',
      forecast: '#5b9cff',
      band: 'rgba(91, 156, 255, 0.22)',
      background: '#131722',
    });
  });

  it('swap up and down, and only those, when asked', () => {
    const swapped = themeTokens('dark', true);
    expect(swapped.chart).toMatchObject({ up: '#ef5350', down: '#26a69a', forecast: '#5b9cff' });
    expect(swapped.css['chart-up']).toBe('#ef5350');
  });
});
