/** A run of consecutive samples, `start` inclusive, `end` exclusive. */
export type SampleRange = { start: number; end: number };
export type Splits = { train: SampleRange; validation: SampleRange; test: SampleRange };
/** Shares of the samples held out for validation and test; training gets the rest. */
export type SplitFractions = { validation: number; test: number };

export const DEFAULT_SPLIT: Readonly<SplitFractions> = { validation: 0.15, test: 0.15 };

/**
 * Cuts `count` samples, oldest first, into train, validation and test, in that order of time:
 * nothing is shuffled across the cuts. `gap` samples are dropped after each cut (horizon − 1 for
 * multi-step targets), so that no training target is also a validation or test target.
 */
export function splitChronologically(count: number, fractions: SplitFractions = DEFAULT_SPLIT, gap = 0): Splits {
  const { validation, test } = fractions;
  if (!(validation > 0) || !(test >= 0) || validation + test >= 1) {
    throw new RangeError(`Split fractions must leave a training share: validation ${validation}, test ${test}`);
  }
  const testCount = Math.round(count * test);
  const validationCount = Math.round(count * validation);
  const trainEnd = count - testCount - validationCount;
  const validationEnd = count - testCount;
  return {
    train: { start: 0, end: trainEnd },
    validation: { start: Math.min(trainEnd + gap, validationEnd), end: validationEnd },
    test: { start: Math.min(validationEnd + gap, count), end: count },
  };
}

export function size(range: SampleRange): number {
  return Math.max(0, range.end - range.start);
}
