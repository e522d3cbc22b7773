import { useContext } from 'react';
import { ThemeContext, type ThemeValue } from './ThemeProvider.tsx';

/** The resolved theme (never 'system') and its tokens: `useTheme().chart.up`. */
export function useTheme(): ThemeValue {
  return useContext(ThemeContext);
}
