import { describe, expect, it } from '@jest/globals';
import { noSharedTime } from './no-shared-time.error.js';

const span = (count: number, first?: string, last?: string) => ({
  count,
  first: first ? new Date(first) : null,
  last: last ? new Date(last) : null,
});

describe('why series share no time', () => {
  it('names the series without candles in the span', () => {
    const error = noSharedTime(['BTC:1d', 'ETH:1d', 'SOL:1h'], [span(3, '2020-01-01', '2020-01-03'), span(0), span(0)], {
      to: new Date('2015-01-01'),
    });
    expect(error.message).toBe('no shared time: ETH:1d, SOL:1h have no candles from the first candle to 2015-01-01T00:00:00.000Z');
  });

  it('names the two series whose spans do not meet, with what each holds', () => {
    const error = noSharedTime(
      ['A:1d', 'B:1d', 'C:1d'],
      [span(2, '2020-01-01', '2020-01-02'), span(1, '2019-01-01', '2019-01-01'), span(5, '2018-01-01', '2021-01-01')],
      {},
    );
    expect(error.message).toBe(
      'no shared time: B:1d and A:1d do not overlap (B:1d has 1 from 2019-01-01T00:00:00.000Z to 2019-01-01T00:00:00.000Z; A:1d has 2 from 2020-01-01T00:00:00.000Z to 2020-01-02T00:00:00.000Z)',
    );
  });

  it('says when overlapping series never open at the same time', () => {
    const error = noSharedTime(
      ['A:1h', 'B:1d'],
      [span(28, '2020-01-01T01:00Z', '2020-01-02T05:00Z'), span(1, '2020-01-02T00:00Z', '2020-01-02T00:00Z')],
      {},
    );
    expect(error.message).toMatch(/^no shared time: the series' candles never open at the same time \(A:1h has 28 from/);
  });
});
