/**
 * What the backtest page draws, from GET /prediction/backtest: the rolling coverage of an interval
 * over time with the band a calibrated model stays inside, the PIT histogram, and the comparison
 * table of the served model beside every baseline. Pure: the components only render these.
 */

type Decimal = string | number | null | undefined;

/** One stored walk-forward forecast (backtest_records), as the API answers it. */
export interface RecordInput {
  originTime: string;
  step: number;
  actualClose: Decimal;
  lower80?: Decimal;
  upper80?: Decimal;
  lower90?: Decimal;
  upper90?: Decimal;
  lower95?: Decimal;
  upper95?: Decimal;
  pit?: number | null;
}

export type Level = 80 | 90 | 95;

const num = (value: Decimal): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

/** Whether the actual fell inside the record's interval at `level` (null when not realized or no bounds). */
export function inside(record: RecordInput, level: Level): boolean | null {
  const actual = num(record.actualClose);
  const lower = num(record[`lower${level}`]);
  const upper = num(record[`upper${level}`]);
  if (actual === null || lower === null || upper === null) return null;
  return actual >= Math.min(lower, upper) && actual <= Math.max(lower, upper);
}

/** The records of one horizon step, realized, oldest origin first. */
export function realizedAtStep<R extends RecordInput>(records: R[], step = 1): R[] {
  return records
    .filter((r) => r.step === step && num(r.actualClose) !== null && Number.isFinite(Date.parse(r.originTime)))
    .sort((a, b) => Date.parse(a.originTime) - Date.parse(b.originTime));
}

/**
 * The band a calibrated interval's rolling coverage stays inside 95% of the time: the binomial
 * normal approximation around the nominal level. For 90% over 90 forecasts, about 84–96%.
 */
export function coverageBand(level: Level, window: number): { low: number; high: number } {
  const p = level / 100;
  const half = 1.96 * Math.sqrt((p * (1 - p)) / window);
  return { low: Math.max(0, p - half), high: Math.min(1, p + half) };
}

export interface CoveragePoint {
  /** Unix seconds of the newest origin in the window. */
  time: number;
  /** Share inside, 0–1. */
  value: number;
}

/**
 * The share of the newest `window` realized step-1 forecasts whose actual fell inside the `level`
 * interval, at every origin once `window` of them are in (none before: a short window says little).
 */
export function rollingCoverage(records: RecordInput[], level: Level = 90, window = 90): CoveragePoint[] {
  const hits = realizedAtStep(records).flatMap((r) => {
    const hit = inside(r, level);
    return hit === null ? [] : [{ time: Math.floor(Date.parse(r.originTime) / 1000), hit }];
  });
  const points: CoveragePoint[] = [];
  let inWindow = 0;
  for (let i = 0; i < hits.length; i++) {
    if (hits[i].hit) inWindow++;
    if (i >= window && hits[i - window].hit) inWindow--;
    if (i >= window - 1) points.push({ time: hits[i].time, value: inWindow / window });
  }
  return points;
}

export interface PitBin {
  from: number;
  to: number;
  count: number;
}

/**
 * The PIT histogram of the realized step-1 forecasts: where each actual fell in its forecast
 * distribution. Calibrated forecasts give flat bins; a U shape means intervals too narrow, a hump
 * too wide. `expected` is each bin's count if it were flat.
 */
export function pitHistogram(records: RecordInput[], bins = 10): { bins: PitBin[]; total: number; expected: number } {
  const counts = new Array<number>(bins).fill(0);
  let total = 0;
  for (const r of realizedAtStep(records)) {
    const pit = r.pit;
    if (typeof pit !== 'number' || !Number.isFinite(pit) || pit < 0 || pit > 1) continue;
    counts[Math.min(bins - 1, Math.floor(pit * bins))]++;
    total++;
  }
  return {
    bins: counts.map((count, i) => ({ from: i / bins, to: (i + 1) / bins, count })),
    total,
    expected: total / bins,
  };
}

/** DESIGN.md's BacktestSummary, as far as the table reads it. */
export interface SummaryInput {
  samples: number;
  relMae: { value: number | null; ci95: readonly number[] | null; dmPValue: number | null };
  hitRate: { value: number | null; ci95: readonly number[] | null; ptPValue: number | null };
  coverage: { level: number; value: number | null; ci95: readonly number[] | null }[];
  winkler90: number | null;
  pinball: number | null;
  qlike: { model: number | null; ewma: number | null; dmPValue: number | null };
}

export interface FamilyBacktest<F extends string = string> {
  family: F;
  summary: SummaryInput | null;
  served: boolean;
}

const ratio = (n: number | null | undefined, digits = 3) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '—');
const share = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? `${(n * 100).toFixed(1)}%` : '—');
const shareCi = (ci: readonly number[] | null | undefined) =>
  ci && ci.length === 2 && ci.every(Number.isFinite) ? `${(ci[0] * 100).toFixed(1)}–${(ci[1] * 100).toFixed(1)}%` : null;
const ratioCi = (ci: readonly number[] | null | undefined) =>
  ci && ci.length === 2 && ci.every(Number.isFinite) ? `${ci[0].toFixed(3)}–${ci[1].toFixed(3)}` : null;
const pValue = (p: number | null | undefined) =>
  typeof p === 'number' && Number.isFinite(p) ? (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`) : null;
/** Log-return-unit losses are small: four significant digits. */
const loss = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n.toPrecision(4) : '—');

/** A table cell: the figure and, below it, its CI or test. */
export interface Cell {
  value: string;
  note: string | null;
}

export const COLUMNS = [
  'Forecasts',
  'MAE ratio to naive',
  'Hit rate',
  '80% coverage',
  '90% coverage',
  '95% coverage',
  'Winkler 90%',
  'Pinball',
  'QLIKE',
] as const;

export interface ComparisonRow {
  family: string;
  served: boolean;
  cells: Cell[] | null;
}

/** The served model first, then every baseline, each with its figures and their CIs (aligned with COLUMNS). */
export function comparisonRows(backtests: FamilyBacktest[]): ComparisonRow[] {
  const ordered = [...backtests].sort((a, b) => Number(b.served) - Number(a.served));
  return ordered.map(({ family, served, summary: s }) => {
    if (!s) return { family, served, cells: null };
    const coverage = (level: number): Cell => {
      const c = s.coverage.find((x) => x.level === level);
      const ci = shareCi(c?.ci95);
      return { value: share(c?.value), note: ci && `95% CI ${ci}` };
    };
    const relCi = ratioCi(s.relMae.ci95);
    const hitCi = shareCi(s.hitRate.ci95);
    const relNote = [relCi && `95% CI ${relCi}`, pValue(s.relMae.dmPValue) && `DM ${pValue(s.relMae.dmPValue)}`].filter(Boolean).join(', ');
    const hitNote = [hitCi && `95% CI ${hitCi}`, pValue(s.hitRate.ptPValue) && `PT ${pValue(s.hitRate.ptPValue)}`]
      .filter(Boolean)
      .join(', ');
    const qlikeNote = [s.qlike.ewma !== null && `EWMA ${loss(s.qlike.ewma)}`, pValue(s.qlike.dmPValue) && `DM ${pValue(s.qlike.dmPValue)}`]
      .filter(Boolean)
      .join(', ');
    return {
      family,
      served,
      cells: [
        { value: s.samples.toLocaleString('en-US'), note: null },
        { value: ratio(s.relMae.value), note: relNote || null },
        { value: share(s.hitRate.value), note: hitNote || null },
        coverage(80),
        coverage(90),
        coverage(95),
        { value: loss(s.winkler90), note: null },
        { value: loss(s.pinball), note: null },
        { value: loss(s.qlike.model), note: qlikeNote || null },
      ],
    };
  });
}

/** Whether a model's stored metrics are a walk-forward BacktestSummary (step 8), not an older training's split metrics. */
export function isSummary(metrics: unknown): metrics is SummaryInput {
  if (typeof metrics !== 'object' || metrics === null) return false;
  const m = metrics as Partial<SummaryInput>;
  return typeof m.samples === 'number' && typeof m.relMae === 'object' && Array.isArray(m.coverage) && typeof m.qlike === 'object';
}

export interface RegistryModelInput {
  version: number;
  family?: string;
  served?: boolean;
  isBest: boolean;
  metrics?: unknown;
}

/**
 * One row per family: the served model for its family, else that family's newest ready model,
 * with its walk-forward summary (null when it has none, or the family no model).
 */
export function familyBacktests<F extends string>(models: RegistryModelInput[], families: readonly F[]): FamilyBacktest<F>[] {
  const servedOne = models.find((m) => m.served === true) ?? models.find((m) => m.served === undefined && m.isBest);
  return families.map((family) => {
    const mine = models.filter((m) => (m.family ?? 'lstm') === family);
    const shown = mine.find((m) => m === servedOne) ?? [...mine].sort((a, b) => b.version - a.version)[0];
    return {
      family,
      served: shown !== undefined && shown === servedOne,
      summary: shown && isSummary(shown.metrics) ? shown.metrics : null,
    };
  });
}
