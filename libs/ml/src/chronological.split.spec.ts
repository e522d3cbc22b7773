import { describe, expect, it } from '@jest/globals';
import { size, splitChronologically } from './chronological.split.js';

describe('splitChronologically', () => {
  it('keeps the oldest 70% for training, then 15% for validation, then the newest 15% for test', () => {
    expect(splitChronologically(200)).toEqual({
      train: { start: 0, end: 140 },
      validation: { start: 140, end: 170 },
      test: { start: 170, end: 200 },
    });
  });

  it('never lets a sample of a later split come before one of an earlier split', () => {
    for (const count of [50, 271, 4_000]) {
      const { train, validation, test } = splitChronologically(count, { validation: 0.2, test: 0.1 });
      expect(train.start).toBe(0);
      expect(train.end).toBeLessThanOrEqual(validation.start);
      expect(validation.end).toBeLessThanOrEqual(test.start);
      expect(test.end).toBe(count);
      expect(size(train) + size(validation) + size(test)).toBe(count);
    }
  });

  it('drops horizon − 1 samples after each cut, so that no target is in two splits', () => {
    const { train, validation, test } = splitChronologically(200, undefined, 4);
    expect(train).toEqual({ start: 0, end: 140 });
    expect(validation).toEqual({ start: 144, end: 170 });
    expect(test).toEqual({ start: 174, end: 200 });
  });

  it('can leave out the test split, for training on everything before a cutoff', () => {
    const { validation, test } = splitChronologically(100, { validation: 0.15, test: 0 });
    expect(validation).toEqual({ start: 85, end: 100 });
    expect(size(test)).toBe(0);
  });
});
