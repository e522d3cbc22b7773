import { act, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { preferences } from '../preferences/preferences.store.ts';
import { ThemeProvider } from './ThemeProvider.tsx';

/** matchMedia as a browser has it, with an OS setting the spec can flip. */
function osScheme(dark: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    get matches() {
      return dark;
    },
    addEventListener: (_: string, l: () => void) => listeners.add(l),
    removeEventListener: (_: string, l: () => void) => listeners.delete(l),
  };
  vi.stubGlobal('matchMedia', () => query);
  return (next: boolean) => {
    dark = next;
    for (const l of listeners) l();
  };
}

afterEach(() => preferences.update({ theme: 'system', swapColors: false }));

describe('the theme', () => {
  it('follows the OS live under "system", and the choice otherwise', () => {
    const flip = osScheme(false);
    preferences.update({ theme: 'system' });
    render(<ThemeProvider>page</ThemeProvider>);
    const root = document.documentElement;
    expect(root.dataset.theme).toBe('light');
    expect(root.style.getPropertyValue('--chart-background')).toBe('#ffffff');

    act(() => flip(true));
    expect(root.dataset.theme).toBe('dark');
    expect(root.style.getPropertyValue('--chart-background')).toBe('#131722');

    act(() => preferences.update({ theme: 'light' }));
    expect(root.dataset.theme).toBe('light');
    act(() => preferences.update({ swapColors: true }));
    expect(root.style.getPropertyValue('--chart-up')).toBe('#f23645');
  });
});
