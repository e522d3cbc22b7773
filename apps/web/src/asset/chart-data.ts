/**
 * What the chart draws, from what the API answers. Pure: PriceChart only hands these to the
 * library. Times are unix seconds of candle open times (a forecast's target is the open time of the
 * candle whose close it forecasts), so forecast points sit where their candles will.
 */
import type { components } from '../api/schema';

type Schemas = components['schemas'];
export type Candle = Schemas['CandleDto'];
export type Forecast = Schemas['ForecastView'];
export type ForecastRecord = Schemas['ForecastRecordView'];

export interface CandlePoint {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}
export interface VolumePoint {
  time: number;
  value: number;
  up: boolean;
}
export interface LinePoint {
  time: number;
  value: number;
}
export interface BandPoint {
  time: number;
  lower: number;
  upper: number;
}
export interface HitMarker {
  time: number;
  hit: boolean;
}

export const unix = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** Candles with readable numbers, oldest first, one per time (the library refuses duplicates). */
export function toCandlePoints(candles: Candle[]): CandlePoint[] {
  const points: CandlePoint[] = [];
  for (const c of candles) {
    const point = { time: unix(c.time), open: Number(c.open), high: Number(c.high), low: Number(c.low), close: Number(c.close) };
    if (![point.time, point.open, point.high, point.low, point.close].every(Number.isFinite)) continue;
    if (points.length > 0 && points[points.length - 1].time >= point.time) continue;
    points.push(point);
  }
  return points;
}

/** Volume bars, coloured by whether their candle closed up. */
export function toVolumePoints(candles: Candle[]): VolumePoint[] {
  const points: VolumePoint[] = [];
  for (const c of candles) {
    const time = unix(c.time);
    const value = Number(c.volume);
    if (!Number.isFinite(time) || !Number.isFinite(value)) continue;
    if (points.length > 0 && points[points.length - 1].time >= time) continue;
    points.push({ time, value, up: Number(c.close) >= Number(c.open) });
  }
  return points;
}

const futurePoints = (candles: CandlePoint[], forecast: Forecast | null | undefined) => {
  const last = candles.at(-1);
  if (!last || !forecast) return { last, points: [] as Forecast['points'] };
  return { last, points: forecast.points.filter((p) => unix(p.targetTime) > last.time) };
};

/**
 * The forecast line: from the last candle's close, through every forecast point after it. Empty
 * when nothing of the forecast lies after the last candle (it is all in the past).
 */
export function toForecastLine(candles: CandlePoint[], forecast: Forecast | null | undefined): LinePoint[] {
  const { last, points } = futurePoints(candles, forecast);
  if (!last || points.length === 0) return [];
  const line = [{ time: last.time, value: last.close }];
  for (const p of points) {
    const value = Number(p.predictedClose);
    if (Number.isFinite(value) && unix(p.targetTime) > line[line.length - 1].time) line.push({ time: unix(p.targetTime), value });
  }
  return line.length > 1 ? line : [];
}

/** The interval a point gives at `level`, else (unless `exact`) its narrowest one. */
function pointInterval(point: Forecast['points'][number], level: number, exact: boolean): { lower: number; upper: number } | null {
  const intervals = point.intervals;
  if (!Array.isArray(intervals) || intervals.length === 0) return null;
  const chosen = intervals.find((i) => i.level === level) ?? (exact ? undefined : [...intervals].sort((a, b) => a.level - b.level)[0]);
  if (!chosen) return null;
  const lower = Number(chosen.lower);
  const upper = Number(chosen.upper);
  return Number.isFinite(lower) && Number.isFinite(upper) ? { lower: Math.min(lower, upper), upper: Math.max(lower, upper) } : null;
}

/** The level the band shows when the forecast has several. */
export const BAND_LEVEL = 80;

/** Which level the band shows, or null when no future point carries an interval. */
export function bandLevel(candles: CandlePoint[], forecast: Forecast | null | undefined): number | null {
  const { points } = futurePoints(candles, forecast);
  const levels = points.flatMap((p) => (p.intervals ?? []).map((i) => i.level));
  if (levels.length === 0) return null;
  return levels.includes(BAND_LEVEL) ? BAND_LEVEL : Math.min(...levels);
}

/**
 * The band: zero width at the last close, then each future point's interval. Empty when the
 * forecast has no intervals (before step 8's API), so the page says "no interval yet".
 */
export function toBandPoints(
  candles: CandlePoint[],
  forecast: Forecast | null | undefined,
  level = BAND_LEVEL,
  exact = false,
): BandPoint[] {
  const { last, points } = futurePoints(candles, forecast);
  if (!last) return [];
  const band: BandPoint[] = [];
  for (const p of points) {
    const interval = pointInterval(p, level, exact);
    if (interval && unix(p.targetTime) > (band.at(-1)?.time ?? last.time)) band.push({ time: unix(p.targetTime), ...interval });
  }
  return band.length === 0 ? [] : [{ time: last.time, lower: last.close, upper: last.close }, ...band];
}

/** The levels drawn as nested bands, widest first (drawn first, so the narrower one lies on top). */
export const BAND_LEVELS = [90, 80] as const;

export interface BandLayer {
  level: number;
  points: BandPoint[];
}

/**
 * The nested bands: each of BAND_LEVELS the forecast carries exactly (no stand-in level), widest
 * first. Empty when the forecast has no intervals.
 */
export function toBandLayers(candles: CandlePoint[], forecast: Forecast | null | undefined): BandLayer[] {
  const { points } = futurePoints(candles, forecast);
  const present = new Set(points.flatMap((p) => (p.intervals ?? []).map((i) => i.level)));
  return BAND_LEVELS.filter((level) => present.has(level))
    .map((level) => ({ level, points: toBandPoints(candles, forecast, level, true) }))
    .filter((layer) => layer.points.length > 0);
}

/**
 * The volatility pane: each shown candle's realized range ln(high / low) and, after the last one,
 * the forecast's expected range of each future candle, both in percent (×100, about the candle's
 * high-low spread as a share of its price).
 */
export function toRangeBars(
  candles: CandlePoint[],
  forecast: Forecast | null | undefined,
): { realized: LinePoint[]; expected: LinePoint[] } {
  const realized = candles.flatMap((c) => (c.high > 0 && c.low > 0 ? [{ time: c.time, value: Math.log(c.high / c.low) * 100 }] : []));
  const { last, points } = futurePoints(candles, forecast);
  const expected: LinePoint[] = [];
  if (last) {
    for (const p of points) {
      const range = p.expectedRange;
      const low = Number(range?.low);
      const high = Number(range?.high);
      const time = unix(p.targetTime);
      if (!(low > 0 && high >= low) || time <= (expected.at(-1)?.time ?? last.time)) continue;
      expected.push({ time, value: Math.log(high / low) * 100 });
    }
  }
  return { realized, expected };
}

/**
 * Past forecasts one step ahead: from each forecast run (one model, one moment) its first target
 * only, the one a reader judges against the candle that followed. Within the shown candles.
 */
export function firstStepForecasts(records: ForecastRecord[], candles: CandlePoint[]): ForecastRecord[] {
  const first = candles[0]?.time;
  const last = candles.at(-1)?.time;
  if (first === undefined || last === undefined) return [];
  const runs = new Map<string, ForecastRecord>();
  for (const r of records) {
    const key = `${r.model.id} ${r.madeAt}`;
    const seen = runs.get(key);
    if (!seen || Date.parse(r.targetTime) < Date.parse(seen.targetTime)) runs.set(key, r);
  }
  const byTarget = new Map<number, ForecastRecord>();
  for (const r of runs.values()) {
    const time = unix(r.targetTime);
    if (time < first || time > last) continue;
    const seen = byTarget.get(time);
    // Two runs aimed at one candle: the later-made one is what a reader saw last.
    if (!seen || Date.parse(r.madeAt) > Date.parse(seen.madeAt)) byTarget.set(time, r);
  }
  return [...byTarget.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
}

/** The past forecasts as a line over the candles. */
export function toPastForecastLine(records: ForecastRecord[]): LinePoint[] {
  return records.map((r) => ({ time: unix(r.targetTime), value: Number(r.predictedClose) })).filter((p) => Number.isFinite(p.value));
}

/**
 * A marker per realized forecast: hit when it got the direction of the move from its base close
 * right (the API's directionHit). Only on candles shown, given `candles` (markers sit on a candle).
 */
export function toHitMarkers(records: ForecastRecord[], candles?: CandlePoint[]): HitMarker[] {
  const times = candles && new Set(candles.map((c) => c.time));
  return records.flatMap((r) =>
    r.directionHit === null || (times && !times.has(unix(r.targetTime))) ? [] : [{ time: unix(r.targetTime), hit: r.directionHit }],
  );
}

/** Hits and misses among these, for the legend. */
export function countHits(markers: HitMarker[]): { hits: number; misses: number } {
  const hits = markers.filter((m) => m.hit).length;
  return { hits, misses: markers.length - hits };
}
