import type { BacktestSummary, ModelFamily } from '#libs/domain';
import type { WalkForwardRecord } from '../forecasting/forecaster.js';
import { coverageBand } from './coverage.tests.js';
import { dieboldMariano } from './forecast.comparison.js';
import { originLosses, type OriginLoss } from './walk-forward.summary.js';

/** A model that could be served, with its walk-forward: the summary and the per-origin losses. */
export type ServedCandidate = {
  modelId: string;
  family: ModelFamily;
  /** Its walk-forward's summary; null when it has none (it is never chosen then). */
  summary: BacktestSummary | null;
  /** The walk-forward's records, or `losses` straight away (e.g. read from backtest_records). */
  records?: readonly WalkForwardRecord[];
  /** Step-1 mean pinball loss per origin (same units for every candidate), for the DM test on aligned origins. */
  losses?: readonly OriginLoss[];
};

/** Why a candidate is or is not served: what the registry stores in models.selection (without decidedAt). */
export type ServedChoice = {
  modelId: string;
  family: ModelFamily;
  served: boolean;
  reason: string;
  pinball: number | null;
  coverage90: number | null;
  calibrated: boolean;
};

/** The LSTM must beat har-range's pinball by this share, with DM p below LSTM_MAX_P, to be served (T8). */
export const LSTM_MIN_GAIN = 0.01;
export const LSTM_MAX_P = 0.05;

type Assessed = ServedCandidate & {
  pinball: number | null;
  coverage90: number | null;
  calibrated: boolean;
  calibrationReason: string | null;
  /** Why an LSTM may not be served whatever its rank; null when it may (or is no LSTM). */
  lstmVeto: string | null;
  lstmNote: string | null;
};

/**
 * The served model of a series (T8): among calibrated candidates (90% coverage inside the
 * binomial 95% band for its sample count) the lowest mean pinball loss; an LSTM only where its
 * pinball beats har-range's by ≥ 1% with a DM test p < 0.05 on the per-origin losses of the
 * origins both forecast (the best har-range when there are several). When no candidate is calibrated, the lowest pinball of all, and the
 * reason says so. One choice per candidate, in their order; at most one is served.
 */
export function chooseServed(candidates: readonly ServedCandidate[]): ServedChoice[] {
  // With several har-range versions, the LSTM is held against the best of them.
  const har = candidates
    .filter((c) => c.family === 'har-range' && c.summary?.pinball != null)
    .sort((a, b) => a.summary!.pinball! - b.summary!.pinball!)[0];
  const assessed = candidates.map((c) => assess(c, har));
  const ranked = (pool: Assessed[]): Assessed | undefined =>
    pool.filter((c) => c.pinball !== null).sort((a, b) => a.pinball! - b.pinball!)[0];

  const eligible = assessed.filter((c) => c.calibrated && c.lstmVeto === null);
  let served = ranked(eligible);
  let fallback = false;
  if (served === undefined && !assessed.some((c) => c.calibrated)) {
    fallback = true;
    served = ranked(assessed.filter((c) => c.lstmVeto === null)) ?? ranked(assessed);
  }

  return assessed.map((c) => {
    const choice = { modelId: c.modelId, family: c.family, pinball: c.pinball, coverage90: c.coverage90, calibrated: c.calibrated };
    if (c === served) {
      const reason = fallback
        ? `served: no model is calibrated (${c.calibrationReason}); lowest pinball among all models`
        : 'served: lowest pinball among calibrated models';
      return { ...choice, served: true, reason: c.lstmNote !== null ? `${reason}; ${c.lstmNote}` : reason };
    }
    return { ...choice, served: false, reason: `not served: ${whyNot(c, served)}` };
  });
}

function whyNot(c: Assessed, served: Assessed | undefined): string {
  if (c.summary === null || c.pinball === null) return 'no walk-forward figures';
  if (!c.calibrated) return c.calibrationReason!;
  if (c.lstmVeto !== null) return c.lstmVeto;
  if (served === undefined || served.pinball === null) return 'no model could be chosen';
  const excess = (c.pinball / served.pinball - 1) * 100;
  return `pinball ${c.pinball.toPrecision(4)} is ${excess.toFixed(1)}% above the served ${served.family}'s ${served.pinball.toPrecision(4)}`;
}

function assess(c: ServedCandidate, har: ServedCandidate | undefined): Assessed {
  const summary = c.summary;
  const coverage90 = summary?.coverage.find((x) => x.level === 90)?.value ?? null;
  const samples = summary?.samples ?? 0;
  const band = coverageBand(0.9, samples);
  const calibrated = coverage90 !== null && band !== null && coverage90 >= band[0] && coverage90 <= band[1];
  const calibrationReason =
    coverage90 === null || band === null
      ? 'no realized 90% coverage'
      : calibrated
        ? null
        : `90% coverage ${percent(coverage90)} is outside ${percent(band[0], false)}–${percent(band[1])} for ${samples} forecasts`;
  const assessed: Assessed = {
    ...c,
    pinball: summary?.pinball ?? null,
    coverage90,
    calibrated,
    calibrationReason,
    lstmVeto: null,
    lstmNote: null,
  };
  if (c.family === 'lstm') Object.assign(assessed, lstmGate(c, har));
  return assessed;
}

/** T8: the LSTM against har-range on the origins both forecast. */
function lstmGate(lstm: ServedCandidate, har: ServedCandidate | undefined): { lstmVeto: string | null; lstmNote: string | null } {
  if (har === undefined)
    return { lstmVeto: 'no har-range walk-forward to hold the LSTM against (it must beat it by ≥ 1%, DM p < 0.05)', lstmNote: null };
  const a = lossesOf(lstm);
  const b = lossesOf(har);
  if (a === null || b === null) return { lstmVeto: 'no per-origin losses to test the LSTM against har-range', lstmNote: null };
  const byTime = new Map(b.map((x) => [x.time, x.pinball]));
  const mine: number[] = [];
  const theirs: number[] = [];
  for (const x of a) {
    const other = byTime.get(x.time);
    if (other !== undefined && Number.isFinite(other) && Number.isFinite(x.pinball)) {
      mine.push(x.pinball);
      theirs.push(other);
    }
  }
  const dm = dieboldMariano(mine, theirs, 1);
  const meanMine = mine.reduce((s, x) => s + x, 0) / mine.length;
  const meanTheirs = theirs.reduce((s, x) => s + x, 0) / theirs.length;
  if (dm === null || !(meanTheirs > 0))
    return { lstmVeto: `too few origins shared with har-range (${mine.length}) to test the LSTM`, lstmNote: null };
  const gain = 1 - meanMine / meanTheirs;
  const p = `DM p ${dm.pValue < 0.001 ? dm.pValue.toExponential(1) : dm.pValue.toFixed(dm.pValue < 0.01 ? 3 : 2)}`;
  const said =
    gain >= 0
      ? `LSTM beats har-range by ${(gain * 100).toFixed(1)}% (${p})`
      : `LSTM is ${(-gain * 100).toFixed(1)}% worse than har-range (${p})`;
  if (gain >= LSTM_MIN_GAIN && dm.pValue < LSTM_MAX_P) return { lstmVeto: null, lstmNote: said };
  return { lstmVeto: `${said}; needs ≥ 1% with p < 0.05`, lstmNote: null };
}

function lossesOf(c: ServedCandidate): readonly OriginLoss[] | null {
  if (c.losses !== undefined) return c.losses;
  if (c.records !== undefined) return originLosses(c.records);
  return null;
}

function percent(share: number, sign = true): string {
  return `${(share * 100).toFixed(1)}${sign ? '%' : ''}`;
}
