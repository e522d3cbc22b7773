/**
 * What the forecast's model can and cannot claim, said plainly (issue 13, T1): the edge over the
 * naive forecast ("tomorrow = today") only when a Diebold–Mariano test supports it, the realized
 * coverage of its intervals, and whether it is pinned or stale. Pure: the panels only render these.
 */

/** DESIGN.md's `edge` of GET /prediction/latest. */
export interface EdgeInput {
  vsNaive: 'none' | 'better' | 'worse';
  relMae: number | null;
  ci95: [number, number] | number[] | null;
  dmPValue: number | null;
  samples: number;
}

/** DESIGN.md's `calibration` of GET /prediction/latest. */
export interface CalibrationInput {
  coverage80: number | null;
  coverage90: number | null;
  coverage95: number | null;
  window: number;
  method?: string;
}

export type EdgeTone = 'none' | 'better' | 'worse' | 'unknown';

export interface EdgeBadge {
  tone: EdgeTone;
  text: string;
  /** relMae, its CI and the DM p, for the badge's detail. */
  detail: string;
}

const fixed = (n: number | null | undefined, digits: number): string | null =>
  typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : null;

/** A p-value as people read it: "p = 0.031", "p < 0.001". */
export function formatP(p: number | null | undefined): string {
  if (typeof p !== 'number' || !Number.isFinite(p)) return 'p unknown';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** A 95% interval of a ratio: "0.97–1.03". */
export function formatCi(ci: readonly number[] | null | undefined, digits = 2): string | null {
  if (!ci || ci.length !== 2) return null;
  const [low, high] = [fixed(ci[0], digits), fixed(ci[1], digits)];
  return low !== null && high !== null ? `${low}–${high}` : null;
}

/**
 * The badge: "No measurable edge over 'tomorrow = today'" unless the test found one. A relMae
 * below 1 is no claim by itself; only `vsNaive` (the DM test at 5%) says better or worse.
 */
export function edgeBadge(edge: EdgeInput | null | undefined): EdgeBadge {
  // No walk-forward behind it (a step-7 model): nothing to claim either way.
  if (!edge || edge.samples === 0)
    return { tone: 'unknown', text: "Not yet compared with 'tomorrow = today'", detail: 'No walk-forward figures for this model yet.' };
  const ratio = fixed(edge.relMae, 3);
  const ci = formatCi(edge.ci95);
  const parts = [
    ratio === null ? 'MAE ratio to naive unknown' : `MAE ratio to naive ${ratio}${ci ? ` (95% CI ${ci})` : ''}`,
    `Diebold–Mariano ${formatP(edge.dmPValue)}`,
    `${edge.samples.toLocaleString('en-US')} forecasts`,
  ];
  const detail = `${parts.join(', ')}.`;
  if (edge.vsNaive === 'better') return { tone: 'better', text: "Beats 'tomorrow = today'", detail };
  if (edge.vsNaive === 'worse') return { tone: 'worse', text: "Worse than 'tomorrow = today'", detail };
  return { tone: 'none', text: "No measurable edge over 'tomorrow = today'", detail };
}

/** "90% intervals held 89.6% of the last 500 forecasts", or null before any realized forecast. */
export function calibrationNote(calibration: CalibrationInput | null | undefined, level: 80 | 90 | 95 = 90): string | null {
  if (!calibration || calibration.window <= 0) return null;
  const share = calibration[`coverage${level}`];
  if (typeof share !== 'number' || !Number.isFinite(share)) return null;
  const count = calibration.window.toLocaleString('en-US');
  return `${level}% intervals held ${(share * 100).toFixed(1)}% of the last ${count} forecast${calibration.window === 1 ? '' : 's'}`;
}

const UNITS: [number, string][] = [
  [365 * 86_400, 'year'],
  [30 * 86_400, 'month'],
  [7 * 86_400, 'week'],
  [86_400, 'day'],
  [3_600, 'hour'],
  [60, 'minute'],
];

/** "3 weeks ago", "1 day ago", "just now": the largest whole unit, rounded down. */
export function ago(thenMs: number, nowMs: number): string {
  const seconds = Math.max(0, (nowMs - thenMs) / 1000);
  for (const [size, unit] of UNITS) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}

export interface ModelNoteInput {
  pinned?: boolean | null;
  stale?: boolean | null;
  /** When the model was trained (its trainedAt, else the newest candle it learned from). */
  trainedAt?: string | null;
}

/** "Pinned by an admin", "Model trained 3 weeks ago: stale": the notes a reader needs beside the forecast. */
export function modelNotes(model: ModelNoteInput, nowMs: number): string[] {
  const notes: string[] = [];
  if (model.pinned) notes.push('Pinned by an admin');
  if (model.stale) {
    const when = model.trainedAt ? Date.parse(model.trainedAt) : Number.NaN;
    notes.push(Number.isFinite(when) ? `Model trained ${ago(when, nowMs)}: stale` : 'Model stale: not retrained on schedule');
  }
  return notes;
}

/** The step-8 fields of GET /prediction/latest this page reads (absent from older answers). */
export interface ForecastMeta {
  edge: EdgeInput | null;
  calibration: CalibrationInput | null;
  stale: boolean;
  model: { family: string | null; pinned: boolean; trainedAt: string | null };
}

/** The step-8 top-level fields of a forecast, null or false where the answer lacks them. */
export function forecastMeta(forecast: object | null | undefined): ForecastMeta {
  const f = (forecast ?? {}) as {
    edge?: EdgeInput | null;
    calibration?: CalibrationInput | null;
    stale?: boolean | null;
    model?: { family?: string | null; pinned?: boolean | null; trainedAt?: string | null; trainedTo?: string | null } | null;
  };
  return {
    edge: f.edge ?? null,
    calibration: f.calibration ?? null,
    stale: f.stale === true,
    model: {
      family: f.model?.family ?? null,
      pinned: f.model?.pinned === true,
      trainedAt: f.model?.trainedAt ?? f.model?.trainedTo ?? null,
    },
  };
}
