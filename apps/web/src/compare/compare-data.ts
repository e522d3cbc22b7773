/**
 * The Compare page's state (`/compare?series=BTC,ETH:1h&points=365`) and the lines it draws: each
 * series' closes rebased to 100 at the first time all share, coloured from one palette per theme.
 */
import { MARKET_LIMITS } from '../../../../libs/domain/src/market-views.ts';
import type { CompareAnswer } from '../api/market-views.ts';
import type { ResolvedTheme } from '../app/theme/tokens.ts';
import { unix } from '../asset/chart-data.ts';

/** One colour per series, in order; told apart without red/green, 3:1 or more against the theme's background. */
export const SERIES_COLORS: Record<ResolvedTheme, readonly string[]> = {
  light: ['#2962ff', '#e65100', '#8e24aa', '#00796b', '#c2185b'],
  dark: ['#5b9cff', '#ffa726', '#ce93d8', '#4db6ac', '#f48fb1'],
};

/** How many of the newest shared times are drawn; null for all of them. */
export const POINT_PRESETS = [90, 365, 1000, null] as const;
export type PointPreset = (typeof POINT_PRESETS)[number];

export interface CompareView {
  /** `SYMBOL` or `SYMBOL:interval`, upper-case symbols, at most the API's maximum. */
  series: string[];
  points: PointPreset;
  ignored: string[];
}

const SERIES = /^[A-Z0-9]{1,16}(:[0-9]+[mhdw])?$/;

export function parseCompareSearch(search: string): CompareView {
  const params = new URLSearchParams(search);
  const ignored: string[] = [];
  const series: string[] = [];
  for (const raw of (params.get('series') ?? '').split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const [symbol, interval] = item.split(':');
    const key = interval ? `${symbol.toUpperCase()}:${interval}` : symbol.toUpperCase();
    if (!SERIES.test(key) || series.includes(key)) ignored.push(item);
    else if (series.length >= MARKET_LIMITS.compareSeries.max) ignored.push(item);
    else series.push(key);
  }
  const rawPoints = params.get('points');
  let points: PointPreset = null;
  if (rawPoints !== null) {
    const n = Number(rawPoints);
    if ((POINT_PRESETS as readonly (number | null)[]).includes(n)) points = n as PointPreset;
    else ignored.push(`points=${rawPoints}`);
  }
  return { series, points, ignored };
}

export function compareSearch(view: Pick<CompareView, 'series' | 'points'>): string {
  const params = new URLSearchParams();
  if (view.series.length > 0) params.set('series', view.series.join(','));
  if (view.points !== null) params.set('points', String(view.points));
  // Commas stay readable in the address.
  return params.toString().replaceAll('%2C', ',').replaceAll('%3A', ':');
}

/** The series key with the interval the API gives a bare symbol (its daily candles). */
export const seriesSymbol = (item: string): string => item.split(':')[0];

/** A checkbox toggled: the series added (at the end) or removed. */
export function toggleSeries(series: string[], symbol: string): string[] {
  const at = series.findIndex((item) => seriesSymbol(item) === symbol);
  if (at >= 0) return series.filter((_, i) => i !== at);
  return series.length >= MARKET_LIMITS.compareSeries.max ? series : [...series, symbol];
}

export interface CompareLine {
  key: string;
  symbol: string;
  interval: string;
  color: string;
  points: { time: number; value: number }[];
}

/** Values rebased to 100 at the first one (what `normalized` answers; `line`'s closes become the same). */
export function rebase(values: number[]): number[] {
  const first = values[0];
  if (first === undefined || !Number.isFinite(first) || first === 0) return values.map(() => Number.NaN);
  return values.map((v) => (v / first) * 100);
}

/** The API's answer as lines: one per series, aligned on the shared times, rebased to 100 at the first. */
export function toCompareLines(answer: CompareAnswer, theme: ResolvedTheme): CompareLine[] {
  const times = answer.times.map(unix);
  const palette = SERIES_COLORS[theme];
  return answer.series.map((series, k) => {
    const raw = (answer.values[k] ?? []).map((v) => (typeof v === 'number' || typeof v === 'string' ? Number(v) : Number.NaN));
    const values = answer.mode === 'normalized' ? raw : rebase(raw);
    return {
      key: series.key,
      symbol: series.symbol,
      interval: series.interval,
      color: palette[k % palette.length],
      points: times.flatMap((time, i) => (Number.isFinite(values[i]) ? [{ time, value: values[i] }] : [])),
    };
  });
}

export interface LegendRow {
  key: string;
  label: string;
  color: string;
  /** The rebased value at the last shared time (100 at the first). */
  last: number | null;
  /** Change over the span, in percent. */
  changePercent: number | null;
}

export function legendRows(lines: CompareLine[]): LegendRow[] {
  return lines.map((line) => {
    const first = line.points[0]?.value;
    const last = line.points.at(-1)?.value;
    return {
      key: line.key,
      label: `${line.symbol} (${line.interval})`,
      color: line.color,
      last: last ?? null,
      changePercent: first !== undefined && last !== undefined && first !== 0 ? (last / first - 1) * 100 : null,
    };
  });
}
