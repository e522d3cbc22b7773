/** Answers of the step-9 market views shared by the page specs. */
import type { CryptoConfig } from '../api/market-views.ts';

const span = (interval: '1d') => [{ interval, first: '2013-10-06T00:00:00.000Z', last: '2025-12-31T00:00:00.000Z', count: 4548 }];
export const CONFIG: CryptoConfig = {
  intervals: [{ code: '1d', minutes: 1440, seconds: 86400, tracked: true }],
  assets: [
    { symbol: 'BTC', name: 'Bitcoin', pair: 'XBTUSD', quote: 'ZUSD', intervals: span('1d') },
    { symbol: 'ETH', name: 'Ethereum', pair: 'ETHUSD', quote: 'ZUSD', intervals: span('1d') },
    { symbol: 'SOL', name: 'Solana', pair: 'SOLUSD', quote: 'ZUSD', intervals: span('1d') },
  ],
  marketOrderBy: ['rank'],
  sortOrders: ['asc', 'desc'],
  marketFormats: ['json', 'csv'],
  sources: [{ name: 'kraken', kind: 'ohlc+ticker', description: 'Kraken' }],
  limits: {},
  compareModes: ['ohlc', 'line', 'normalized'],
  tickerCacheTtl: 10,
};
