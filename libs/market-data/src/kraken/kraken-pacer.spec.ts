import { describe, expect, it } from '@jest/globals';
import { nextSlot } from './kraken-pacer.js';

/** The pacing arithmetic alone; kraken.client.int.spec.ts runs it through Redis. */
describe('nextSlot', () => {
  it('lets the first request go at once, and reserves the pace after it', () => {
    expect(nextSlot(10_000, 0, 200)).toEqual({ slot: 10_000, now: 10_000, reservedUntil: 10_200 });
  });

  it('gives requests asked at the same moment slots one interval apart, in the order they asked', () => {
    let reservedUntil = 0;
    const slots = [1, 2, 3, 4, 5].map(() => {
      const next = nextSlot(10_000, reservedUntil, 200);
      reservedUntil = next.reservedUntil;
      return next.slot - next.now;
    });
    expect(slots).toEqual([0, 200, 400, 600, 800]);
  });

  it('makes a request wait only for what is left of the pace', () => {
    expect(nextSlot(10_150, 10_200, 200)).toEqual({ slot: 10_200, now: 10_150, reservedUntil: 10_400 });
  });

  it('lets a request go at once when the pace reserved has passed, without banking the idle time', () => {
    expect(nextSlot(20_000, 10_200, 200)).toEqual({ slot: 20_000, now: 20_000, reservedUntil: 20_200 });
  });
});
