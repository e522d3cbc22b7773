import { describe, expect, it } from 'vitest';
import { themeTokens } from './tokens.ts';

describe('theme tokens', () => {
  it('carry the agreed chart colours (the browser tests count these pixels)', () => {
    expect(themeTokens('light', false).chart).toMatchObject({
      up: '#089981',
      down: '#f23645',
      forecast: '#2962ff',
      band: 'rgba(41, 98, 255, 0.18)',
      bandInner: 'rgba(41, 98, 255, 0.2)',
      background: '#ffffff',
    });
    expect(themeTokens('dark', false).chart).toMatchObject({
      up: '#26a69a',
      down: '#ef5350',
      forecast: '#5b9cff',
      band: 'rgba(91, 156, 255, 0.22)',
      bandInner: 'rgba(91, 156, 255, 0.22)',
      background: '#131722',
    });
  });

  it('swap up and down, and only those, when asked', () => {
    const swapped = themeTokens('dark', true);
    expect(swapped.chart).toMatchObject({ up: '#ef5350', down: '#26a69a', forecast: '#5b9cff' });
    expect(swapped.css['chart-up']).toBe('#ef5350');
  });

  it('give up and down text at least 4.5:1 against the page in both themes (WCAG AA), swapped or not', () => {
    for (const theme of ['light', 'dark'] as const)
      for (const swap of [false, true]) {
        const { css } = themeTokens(theme, swap);
        for (const text of [css['text-up'], css['text-down']])
          for (const background of [css.bg, css['bg-raised']]) expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
      }
    expect(themeTokens('light', true).css['text-up']).toBe(themeTokens('light', false).css['text-down']);
  });
});

/** WCAG 2's contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}
