/**
 * The shown window as the URL keeps it: `interval`, then either a preset (`range=3M`, counted back
 * from the newest candle, so a series whose data ends in the past still shows its last months) or
 * explicit `from`/`to` (ISO or a date alone), which win over the preset.
 */
import { INTERVAL_SECONDS, isInterval, type IntervalCode } from './intervals.ts';

/** The most candles one request may ask for (the API's limit). */
export const MAX_CANDLES = 10_000;

const DAY = 86_400;
export const PRESETS = [
  { id: '1D', seconds: DAY },
  { id: '1W', seconds: 7 * DAY },
  { id: '1M', seconds: 30 * DAY },
  { id: '3M', seconds: 91 * DAY },
  { id: '1Y', seconds: 365 * DAY },
  { id: '5Y', seconds: 5 * 365 * DAY },
  { id: 'All', seconds: Number.POSITIVE_INFINITY },
] as const;
export type PresetId = (typeof PRESETS)[number]['id'];

const presetSeconds = (id: PresetId) => PRESETS.find((p) => p.id === id)!.seconds;
const candlesIn = (id: PresetId, interval: IntervalCode) => presetSeconds(id) / INTERVAL_SECONDS[interval];

/** Presets worth offering for an interval: at least 10 candles, at most one request's worth ("All" always). */
export function presetsFor(interval: IntervalCode): PresetId[] {
  return PRESETS.filter((p) => p.id === 'All' || (candlesIn(p.id, interval) >= 10 && candlesIn(p.id, interval) <= MAX_CANDLES)).map(
    (p) => p.id,
  );
}

/** The shortest preset that shows at least ~90 candles: bodies wide enough to read on a phone. */
export function defaultPreset(interval: IntervalCode): PresetId {
  return presetsFor(interval).find((id) => candlesIn(id, interval) >= 90) ?? 'All';
}

export interface AssetView {
  interval: IntervalCode;
  preset: PresetId;
  /** ISO times when the URL gave them; they replace the preset. */
  from: string | null;
  to: string | null;
  /** What the URL held that could not be read, for a hint. */
  ignored: string[];
}

function parseTime(value: string | null): string | null | undefined {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  const date = /^\d+$/.test(text) ? new Date(Number(text) * 1000) : new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Reads `interval`, `range`, `from`, `to`; `fallbackInterval` when the URL has none (the remembered one). */
export function parseAssetSearch(search: string, fallbackInterval: IntervalCode): AssetView {
  const params = new URLSearchParams(search);
  const ignored: string[] = [];
  const rawInterval = params.get('interval');
  if (rawInterval !== null && !isInterval(rawInterval)) ignored.push('interval');
  const interval = isInterval(rawInterval) ? rawInterval : fallbackInterval;
  const rawRange = params.get('range');
  const preset = PRESETS.find((p) => p.id === rawRange)?.id;
  if (rawRange !== null && preset === undefined) ignored.push('range');
  const from = parseTime(params.get('from'));
  const to = parseTime(params.get('to'));
  if (from === undefined) ignored.push('from');
  if (to === undefined) ignored.push('to');
  const bothRead = from && to;
  if (bothRead && from > to) ignored.push('from', 'to');
  const backwards = Boolean(bothRead && from > to);
  return {
    interval,
    preset: preset ?? defaultPreset(interval),
    from: backwards ? null : (from ?? null),
    to: backwards ? null : (to ?? null),
    ignored,
  };
}

/** The search string for a view; the preset is left out when dates are given. */
export function assetSearch(view: Pick<AssetView, 'interval' | 'preset' | 'from' | 'to'>): string {
  const params = new URLSearchParams({ interval: view.interval });
  if (view.from || view.to) {
    if (view.from) params.set('from', view.from);
    if (view.to) params.set('to', view.to);
  } else params.set('range', view.preset);
  return params.toString();
}

export interface CandleWindow {
  from: string | null;
  to: string | null;
}

/**
 * The `from`/`to` of the candles request. Explicit dates as given; a preset counts back from the
 * newest candle's open time, no further than one request's worth of candles.
 */
export function candleWindow(view: AssetView, newestOpen: string | null): CandleWindow {
  if (view.from || view.to) return { from: view.from, to: view.to };
  if (newestOpen === null) return { from: null, to: null };
  const step = INTERVAL_SECONDS[view.interval];
  const span = Math.min(presetSeconds(view.preset), (MAX_CANDLES - 1) * step);
  return { from: new Date(Date.parse(newestOpen) - span * 1000).toISOString(), to: null };
}

/** Whether a window needs the newest candle's time first. */
export const needsNewest = (view: AssetView): boolean => !view.from && !view.to;
