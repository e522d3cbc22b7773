import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render as renderInDom, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { preferences } from '../preferences/preferences.store.ts';
import { PreferencesControls } from '../preferences/PreferencesControls.tsx';
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

/** Signed out: the preferences are this browser's (no server to ask). */
const render = (ui: ReactNode) => renderInDom(<QueryClientProvider client={new QueryClient()}>{ui}</QueryClientProvider>);

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

describe('the preference controls', () => {
  it('switch the theme, the timezone and the colours, and remember them', async () => {
    osScheme(false);
    render(
      <ThemeProvider>
        <PreferencesControls />
      </ThemeProvider>,
    );
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Theme'), 'dark');
    await user.selectOptions(screen.getByLabelText('Times'), 'utc');
    await user.click(screen.getByLabelText('Swap up/down colours'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(document.documentElement.style.getPropertyValue('--chart-up')).toBe('#ef5350');
    expect(JSON.parse(localStorage.getItem('candlecast.preferences')!)).toMatchObject({ theme: 'dark', timezone: 'utc', swapColors: true });
  });
});
