import { describe, expect, it } from '@jest/globals';
import { rankMatches, type Searchable } from './search-ranking.js';

const item = (order: string, names: (string | null)[], tracked = false): Searchable => ({ order, names, tracked });

describe('search ranking', () => {
  it('puts exact matches first, then prefixes, then substrings, case-insensitively', () => {
    const ranked = rankMatches([item('c', ['XBTC']), item('b', ['BTCX']), item('a', ['btc'])], 'BtC');
    expect(ranked.map((r) => [r.item.order, r.match])).toEqual([
      ['a', 'exact'],
      ['b', 'prefix'],
      ['c', 'substring'],
    ]);
  });

  it('ranks tracked before untracked within a kind, then by the more telling name, then by order', () => {
    const ranked = rankMatches([item('z', [null, 'btc']), item('y', ['btc']), item('x', ['btc'], true), item('w', [null, 'btc'])], 'btc');
    expect(ranked.map((r) => r.item.order)).toEqual(['x', 'y', 'w', 'z']);
  });

  it('takes the best match of all names, and leaves out what matches nothing', () => {
    const ranked = rankMatches([item('a', ['ADA', 'Cardano', 'ADAXBT']), item('b', ['DOT'])], 'xbt');
    expect(ranked).toEqual([{ item: expect.objectContaining({ order: 'a' }), match: 'substring' }]);
  });
});
