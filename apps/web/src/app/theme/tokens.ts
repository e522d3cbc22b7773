/**
 * Colour tokens. The chart colours are COMMON.md's (the browser tests count these pixels); the
 * "swap up/down colours" preference swaps up and down. ThemeProvider also sets every token as a CSS
 * variable (`--chart-up`, `--bg`, ...) on <html>, so CSS and the chart read one source.
 */
export type ResolvedTheme = 'light' | 'dark';

export interface ChartColors {
  up: string;
  down: string;
  forecast: string;
  /** The widest band drawn (90%). */
  band: string;
  /** The narrower band (80%), drawn over `band`: where both lie, the two fills add up. */
  bandInner: string;
  /** The volatility pane's realized range bars (the expected ones are `forecast`). */
  range: string;
  background: string;
  text: string;
  grid: string;
}

export interface ThemeTokens {
  chart: ChartColors;
  /** CSS variables for the page (without the leading `--`). */
  css: Record<string, string>;
}

const CHART: Record<ResolvedTheme, ChartColors> = {
  light: {
    up: '#089981',
    down: '#f23645',
    forecast: '#2962ff',
    band: 'rgba(41, 98, 255, 0.18)',
    bandInner: 'rgba(41, 98, 255, 0.2)',
    range: '#9598a1',
    background: '#ffffff',
    text: '#131722',
    grid: '#e6e8ee',
  },
  dark: {
    up: '#26a69a',
    down: '#ef5350',
    forecast: '#5b9cff',
    band: 'rgba(91, 156, 255, 0.22)',
    bandInner: 'rgba(91, 156, 255, 0.22)',
    range: '#5d606b',
    background: '#131722',
    text: '#d1d4dc',
    grid: '#2a2e39',
  },
};

// Text and accent colours keep 4.5:1 against their backgrounds (WCAG AA). Up and down as text
// (`.up`, `.down`) are darker than the chart's in the light theme: #089981 on white is 3.4:1.
const TEXT: Record<ResolvedTheme, { up: string; down: string }> = {
  light: { up: '#067a66', down: '#c41c2b' },
  dark: { up: CHART.dark.up, down: CHART.dark.down },
};

const PAGE: Record<ResolvedTheme, Record<string, string>> = {
  light: {
    bg: '#ffffff',
    'bg-raised': '#f5f6f8',
    fg: '#131722',
    'fg-muted': '#4a5060',
    border: '#c9ced8',
    accent: '#1e4fd8',
    'accent-fg': '#ffffff',
    danger: '#b3261e',
    focus: '#1e4fd8',
  },
  dark: {
    bg: '#131722',
    'bg-raised': '#1e222d',
    fg: '#e6e8ee',
    'fg-muted': '#a3a8b5',
    border: '#3a3f4c',
    accent: '#7eb0ff',
    'accent-fg': '#0b0e14',
    danger: '#ff8a80',
    focus: '#7eb0ff',
  },
};

export function themeTokens(theme: ResolvedTheme, swapColors: boolean): ThemeTokens {
  const base = CHART[theme];
  const chart = swapColors ? { ...base, up: base.down, down: base.up } : base;
  const text = swapColors ? { up: TEXT[theme].down, down: TEXT[theme].up } : TEXT[theme];
  const css: Record<string, string> = { ...PAGE[theme], 'text-up': text.up, 'text-down': text.down };
  for (const [name, value] of Object.entries(chart)) css[`chart-${name}`] = value;
  return { chart, css };
}
