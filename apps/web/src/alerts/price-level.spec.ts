import { describe, expect, it } from 'vitest';
import { levelAtY, roundToTick, stepLevel, tickFor } from './price-level.ts';

/** A price scale as the chart has one: 400 px from 4,000 at the top to 3,000 at the bottom. */
const scale = { toPrice: (y: number) => 4000 - (y / 400) * 1000, toY: (price: number) => ((4000 - price) / 1000) * 400 };

describe('the alert line’s level', () => {
  it('is the price under the pointer, rounded to a tick', () => {
    expect(levelAtY(100, 400, scale.toPrice)).toBe(3750);
    expect(levelAtY(101, 400, scale.toPrice)).toBe(3748);
    // y → price → y comes back to the same pixel (within the tick's rounding).
    for (const y of [0, 37, 200, 399]) expect(Math.abs(scale.toY(levelAtY(y, 400, scale.toPrice)!) - y)).toBeLessThan(0.5);
  });

  it('stays inside the price pane when the pointer leaves it', () => {
    expect(levelAtY(-50, 400, scale.toPrice)).toBe(4000);
    expect(levelAtY(900, 400, scale.toPrice)).toBe(levelAtY(399, 400, scale.toPrice));
  });

  it('is none where the scale has no price (no data yet, or a price of 0 or less)', () => {
    expect(levelAtY(10, 400, () => null)).toBeNull();
    expect(levelAtY(10, 400, () => -5)).toBeNull();
  });

  it('has a tick of about a thousandth of the price, a power of ten', () => {
    expect([68_000, 3647.72, 150, 0.52].map(tickFor)).toEqual([10, 1, 0.1, 0.0001]);
    expect(roundToTick(68_012.000000001)).toBe(68_010);
    expect(roundToTick(0.123456789)).toBe(0.1235);
  });

  it('moves a tick with the arrow keys, ten with Shift, a hundred with Page Up/Down, and not for other keys', () => {
    expect(stepLevel(3648, 'ArrowUp', false)).toBe(3649);
    expect(stepLevel(3648, 'ArrowDown', false)).toBe(3647);
    expect(stepLevel(3648, 'ArrowUp', true)).toBe(3658);
    expect(stepLevel(3648, 'ArrowLeft', true)).toBe(3638);
    expect(stepLevel(3648, 'PageUp', false)).toBe(3748);
    expect(stepLevel(3648, 'PageDown', false)).toBe(3548);
    expect(stepLevel(0.52, 'ArrowUp', false)).toBe(0.5201);
    expect(stepLevel(3648, 'Enter', false)).toBeNull();
  });
});
