import { describe, expect, it } from '@jest/globals';
import { INTERVAL_CODES, INTERVALS } from '#libs/domain';
import { INTERVAL_COLUMN } from './interval.transformer.js';

describe('an interval column', () => {
  it.each(INTERVAL_CODES)('stores %s as its minutes and reads them back as the same code', (code) => {
    const stored = INTERVAL_COLUMN.to(code);
    expect(stored).toBe(INTERVALS[code]);
    expect(INTERVAL_COLUMN.from(stored)).toBe(code);
  });

  it('keeps null as null both ways', () => {
    expect(INTERVAL_COLUMN.to(null)).toBeNull();
    expect(INTERVAL_COLUMN.from(null)).toBeNull();
  });

  it("refuses minutes that are not one of Kraken's intervals rather than reading them as another one", () => {
    expect(() => INTERVAL_COLUMN.from(7)).toThrow(RangeError);
  });
});
