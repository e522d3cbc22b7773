import { describe, expect, it } from '@jest/globals';
import { calibrateShrink } from './shrink.calibrator.js';

const last = [100, 100, 100, 100];
const actual = [101, 99, 102, 98];

describe('calibrateShrink', () => {
  it('keeps forecasts whole when they were right', () => {
    expect(
      calibrateShrink(
        last,
        actual,
        actual.map((a, i) => Math.log(a / last[i])),
      ),
    ).toBe(1);
  });

  it('shrinks forecasts to nothing, the naive forecast, when they pointed the wrong way', () => {
    expect(
      calibrateShrink(
        last,
        actual,
        actual.map((a, i) => -Math.log(a / last[i])),
      ),
    ).toBe(0);
  });

  it('shrinks forecasts that were right in direction but twice too bold by half', () => {
    expect(
      calibrateShrink(
        last,
        actual,
        actual.map((a, i) => 2 * Math.log(a / last[i])),
      ),
    ).toBe(0.5);
  });
});
