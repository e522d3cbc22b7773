import { createContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { usePreferences } from '../preferences/usePreferences.ts';
import { themeTokens, type ResolvedTheme, type ThemeTokens } from './tokens.ts';

export interface ThemeValue extends ThemeTokens {
  theme: ResolvedTheme;
}

export const ThemeContext = createContext<ThemeValue>({ theme: 'light', ...themeTokens('light', false) });

const DARK = '(prefers-color-scheme: dark)';

function subscribeToScheme(onChange: () => void): () => void {
  const query = window.matchMedia?.(DARK);
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

const systemIsDark = () => window.matchMedia?.(DARK).matches ?? false;

/** Light, dark or the OS's choice, followed live; the tokens on <html> as CSS variables. */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const { theme: choice, swapColors } = usePreferences();
  const dark = useSyncExternalStore(subscribeToScheme, systemIsDark);
  const theme: ResolvedTheme = choice === 'system' ? (dark ? 'dark' : 'light') : choice;
  const value = useMemo(() => ({ theme, ...themeTokens(theme, swapColors) }), [theme, swapColors]);

  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
    for (const [name, token] of Object.entries(value.css)) root.style.setProperty(`--${name}`, token);
  }, [theme, value]);

  return <ThemeContext value={value}>{children}</ThemeContext>;
}
