import type { EpochLog } from './model-types.ts';

export interface LossPoint {
  /** The epoch, as the chart's horizontal value. */
  time: number;
  value: number;
}

export interface LossSeries {
  loss: LossPoint[];
  valLoss: LossPoint[];
}

/**
 * The two curves of a training history: one point per epoch, in epoch order, the last report of an
 * epoch winning. A value that is not a finite number (a diverged epoch) is left out of its curve:
 * the chart refuses NaN.
 */
export function lossSeries(history: readonly EpochLog[]): LossSeries {
  const byEpoch = new Map<number, EpochLog>();
  for (const entry of history) if (Number.isInteger(entry.epoch)) byEpoch.set(entry.epoch, entry);
  const epochs = [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
  const points = (pick: (e: EpochLog) => number) =>
    epochs.filter((e) => Number.isFinite(pick(e))).map((e) => ({ time: e.epoch, value: pick(e) }));
  return { loss: points((e) => e.loss), valLoss: points((e) => e.valLoss) };
}

/** A loss as read in a table: four significant digits, small values in exponent form. */
export function formatLoss(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value !== 0 && Math.abs(value) < 1e-3) return value.toExponential(3);
  return value.toPrecision(4);
}
