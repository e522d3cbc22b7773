import type { Logical, SeriesAttachedParameter, Time } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import { BandPrimitive } from './band.primitive.ts';

const DAY = 86_400;
/** The library's side of an attached primitive, as far as the band uses it: bar index i at time i days. */
const attachedTo = (updates: { count: number }) =>
  ({
    chart: { timeScale: () => ({ timeToIndex: (time: number) => time / DAY, timeToCoordinate: (time: number) => time / DAY }) },
    series: { priceToCoordinate: (price: number) => -price },
    requestUpdate: () => updates.count++,
  }) as unknown as SeriesAttachedParameter<Time>;

describe('the band primitive', () => {
  it("widens the price scale's autoscale to the band points in view, and asks for a redraw when set", () => {
    const updates = { count: 0 };
    const band = new BandPrimitive();
    band.attached(attachedTo(updates));
    band.set(
      [
        { time: 10 * DAY, lower: 100, upper: 100 },
        { time: 11 * DAY, lower: 90, upper: 112 },
        { time: 12 * DAY, lower: 80, upper: 125 },
      ],
      'blue',
    );
    expect(updates.count).toBe(1);
    expect(band.autoscaleInfo(0 as Logical, 12 as Logical)).toEqual({ priceRange: { minValue: 80, maxValue: 125 } });
    expect(band.autoscaleInfo(0 as Logical, 11 as Logical)).toEqual({ priceRange: { minValue: 90, maxValue: 112 } });
    // Scrolled back into the past: the band is out of view and leaves the scale alone.
    expect(band.autoscaleInfo(0 as Logical, 9 as Logical)).toBeNull();
  });

  it('leaves the scale alone without points or before it is attached', () => {
    const band = new BandPrimitive();
    band.set([{ time: DAY, lower: 1, upper: 2 }], 'blue');
    expect(band.autoscaleInfo(0 as Logical, 5 as Logical)).toBeNull();
    band.attached(attachedTo({ count: 0 }));
    band.set([], 'blue');
    expect(band.autoscaleInfo(0 as Logical, 5 as Logical)).toBeNull();
  });
});
