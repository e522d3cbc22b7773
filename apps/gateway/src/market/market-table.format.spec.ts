import { describe, expect, it } from '@jest/globals';
import type { MarketSnapshotRow } from '#libs/database';
import { displayCurrency, MARKET_CSV_HEADER, marketCsv, orderRows } from './market-table.format.js';

const row = (rank: number, symbol: string, fields: Partial<MarketSnapshotRow> = {}): MarketSnapshotRow => ({
  rank,
  symbol,
  name: symbol,
  pair: `${symbol}USD`,
  quote: 'ZUSD',
  price: '1.0',
  priceUsd: '1.0',
  priceTime: '2024-01-01T00:00:00.000Z',
  change24h: null,
  change7d: null,
  change30d: null,
  volume24h: '1.0',
  quoteVolume24h: '1.00',
  quoteVolumeSource: 'typical',
  ...fields,
});

describe('the market table as it is answered', () => {
  const rows = [
    row(1, 'BTC', { priceUsd: '60000.1', change24h: 2.5, volume24h: '10.5' }),
    row(2, 'ETH', { priceUsd: '3000.0', change24h: -1, volume24h: '100.25' }),
    row(3, 'ETHEUR', { priceUsd: null, change24h: 4, volume24h: '9' }),
    row(4, 'SOL', { priceUsd: '100', change24h: null, volume24h: '9' }),
  ];

  it('orders by a column either way, empty values last either way, ties by rank', () => {
    expect(orderRows(rows, 'price', 'asc').map((r) => r.symbol)).toEqual(['SOL', 'ETH', 'BTC', 'ETHEUR']);
    expect(orderRows(rows, 'price', 'desc').map((r) => r.symbol)).toEqual(['BTC', 'ETH', 'SOL', 'ETHEUR']);
    expect(orderRows(rows, 'change24h', 'desc').map((r) => r.symbol)).toEqual(['ETHEUR', 'BTC', 'ETH', 'SOL']);
    expect(orderRows(rows, 'volume24h', 'asc').map((r) => r.symbol)).toEqual(['ETHEUR', 'SOL', 'BTC', 'ETH']);
    expect(orderRows(rows, 'rank', 'desc', 2).map((r) => r.rank)).toEqual([4, 3]);
  });

  it('compares volumes as numbers, not as text', () => {
    expect(orderRows(rows, 'volume24h', 'desc', 1)[0].symbol).toBe('ETH');
  });

  it('writes CSV under its header, empty cells for null, quoting what needs it', () => {
    const csv = marketCsv([row(1, 'BTC', { name: 'Bitcoin, "digital gold"', priceUsd: null, change24h: 1.5, volume24h: '0.10' })]);
    expect(MARKET_CSV_HEADER.startsWith('Rank,Symbol,Price USD')).toBe(true);
    expect(csv).toBe(`${MARKET_CSV_HEADER}\n1,BTC,,1.5,,,0.10,1.00,"Bitcoin, ""digital gold"""\n`);
  });

  it("names currencies as people do, without Kraken's X and Z prefixes", () => {
    expect(['ZUSD', 'XXBT', 'ZEUR', 'USDT', 'DOT', 'XETH', 'ZETA'].map(displayCurrency)).toEqual([
      'USD',
      'XBT',
      'EUR',
      'USDT',
      'DOT',
      'ETH',
      'ZETA',
    ]);
  });
});
