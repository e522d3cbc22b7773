/**
 * What the Analysis page draws, as pure functions: the span asked for (a preset counted back from
 * the newest candle, or from/to in the URL), the histogram's bars, a time series' line, and the
 * correlation matrix's cell colours.
 */
import type { ResolvedTheme } from '../app/theme/tokens.ts';
import { isInterval, type IntervalCode } from '../asset/intervals.ts';
import { linePath, scale, type Frame } from '../backtest/svg-plot.ts';

const DAY_MS = 86_400_000;
export const SPAN_PRESETS = [
  { id: '3M', days: 91 },
  { id: '1Y', days: 365 },
  { id: '3Y', days: 3 * 365 },
  { id: '5Y', days: 5 * 365 },
  { id: 'All', days: Number.POSITIVE_INFINITY },
] as const;
export type SpanId = (typeof SPAN_PRESETS)[number]['id'];

export interface AnalysisView {
  interval: IntervalCode;
  span: SpanId;
  /** From the URL: they replace the preset. */
  from: string | null;
  to: string | null;
  ignored: string[];
}

const isSpan = (value: string): value is SpanId => SPAN_PRESETS.some((p) => p.id === value);
const iso = (value: string | null): string | null | undefined => {
  if (value === null || value.trim() === '') return null;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

export function parseAnalysisSearch(search: string): AnalysisView {
  const params = new URLSearchParams(search);
  const ignored: string[] = [];
  const interval = params.get('interval');
  const span = params.get('span');
  const from = iso(params.get('from'));
  const to = iso(params.get('to'));
  if (interval !== null && !isInterval(interval)) ignored.push('interval');
  if (span !== null && !isSpan(span)) ignored.push('span');
  if (from === undefined) ignored.push('from');
  if (to === undefined) ignored.push('to');
  return {
    interval: interval !== null && isInterval(interval) ? interval : '1d',
    span: span !== null && isSpan(span) ? span : '1Y',
    from: from ?? null,
    to: to ?? null,
    ignored,
  };
}

export function analysisSearch(view: Pick<AnalysisView, 'interval' | 'span' | 'from' | 'to'>): string {
  const params = new URLSearchParams({ interval: view.interval });
  if (view.from !== null || view.to !== null) {
    if (view.from) params.set('from', view.from);
    if (view.to) params.set('to', view.to);
  } else params.set('span', view.span);
  return params.toString();
}

/** The from/to the API is asked for: the URL's own, or the preset counted back from the newest candle (null: the API's default). */
export function spanRange(view: AnalysisView, newest: string | null): { from: string | null; to: string | null } {
  if (view.from !== null || view.to !== null) return { from: view.from, to: view.to };
  const days = SPAN_PRESETS.find((p) => p.id === view.span)!.days;
  if (!Number.isFinite(days) || newest === null) return { from: null, to: null };
  return { from: new Date(Date.parse(newest) - days * DAY_MS).toISOString(), to: null };
}

/** Whether a series' candles (first and last open time) reach into the span asked for (null ends: open). */
export function overlaps(series: { first: string; last: string }, range: { from: string | null; to: string | null }): boolean {
  return (
    (range.from === null || Date.parse(series.last) >= Date.parse(range.from)) &&
    (range.to === null || Date.parse(series.first) <= Date.parse(range.to))
  );
}

export interface Bar {
  x: number;
  width: number;
  y: number;
  height: number;
  count: number;
  from: number;
  to: number;
}

/** The histogram's bins as SVG bars in the frame: x by return, height by count (from 0). */
export function histogramBars(bins: { from: number; to: number; count: number }[], frame: Frame): Bar[] {
  if (bins.length === 0) return [];
  const x = scale(bins[0].from, bins.at(-1)!.to, frame.left, frame.width - frame.right);
  const top = Math.max(1, ...bins.map((b) => b.count));
  const y = scale(0, top, frame.height - frame.bottom, frame.top);
  return bins.map((b) => ({
    x: x(b.from),
    width: Math.max(0, x(b.to) - x(b.from) - 1),
    y: y(b.count),
    height: Math.max(0, y(0) - y(b.count)),
    count: b.count,
    from: b.from,
    to: b.to,
  }));
}

/** A time series as an SVG path in the frame, with the value range it spans (0 included when `withZero`). */
export function seriesPath(
  series: { time: string; value: number }[],
  frame: Frame,
  withZero = false,
): { path: string; min: number; max: number; y: (v: number) => number } {
  const values = series.map((p) => p.value);
  const min = Math.min(...values, ...(withZero ? [0] : []));
  const max = Math.max(...values, ...(withZero ? [0] : []));
  const times = series.map((p) => Date.parse(p.time));
  const x = scale(times[0] ?? 0, times.at(-1) ?? 0, frame.left, frame.width - frame.right);
  const y = scale(min, max, frame.height - frame.bottom, frame.top);
  return { path: linePath(series.map((p, i) => ({ x: x(times[i]), y: y(p.value) }))), min, max, y };
}

type Rgb = [number, number, number];
const mix = (a: Rgb, b: Rgb, t: number): string => `rgb(${a.map((c, i) => Math.round(c + (b[i] - c) * t)).join(', ')})`;

/** Backgrounds for 0 and for ±1 per theme: blue for together, orange for opposite (no red/green), text readable on each. */
const SHADES: Record<ResolvedTheme, { zero: Rgb; positive: Rgb; negative: Rgb }> = {
  light: { zero: [255, 255, 255], positive: [126, 170, 255], negative: [255, 166, 102] },
  dark: { zero: [19, 23, 34], positive: [29, 79, 160], negative: [138, 59, 0] },
};

/** A correlation's cell colour: the theme's background at 0, deeper towards +1 (blue) or −1 (orange). */
export function correlationColor(r: number, theme: ResolvedTheme): string {
  const shades = SHADES[theme];
  const t = Math.min(1, Math.abs(Number.isFinite(r) ? r : 0));
  return mix(shades.zero, r >= 0 ? shades.positive : shades.negative, t);
}

/** A return (a fraction) in percent, signed; a dash for none. */
export const percentOf = (fraction: number | null | undefined, digits = 2): string =>
  fraction === null || fraction === undefined || !Number.isFinite(fraction)
    ? '—'
    : `${fraction > 0 ? '+' : ''}${(fraction * 100).toFixed(digits)}%`;

/** A figure with fixed decimals; a dash for none. */
export const fixed = (value: number | null | undefined, digits = 2): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
