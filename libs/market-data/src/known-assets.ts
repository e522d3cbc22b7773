import type { NewAsset } from '#libs/database';

/**
 * Kraken's names for the assets Candlecast ships history for, so that a first start and
 * the CSV import can create them without reaching Kraken. Taken from the recorded
 * AssetPairs response (test/fixtures/kraken-api/assetpairs.json).
 */
export const KNOWN_ASSETS: Readonly<Record<string, NewAsset>> = {
  BTC: { symbol: 'BTC', name: 'Bitcoin', krakenAltname: 'XBTUSD', krakenKey: 'XXBTZUSD', base: 'XXBT', quote: 'ZUSD' },
  ETH: { symbol: 'ETH', name: 'Ethereum', krakenAltname: 'ETHUSD', krakenKey: 'XETHZUSD', base: 'XETH', quote: 'ZUSD' },
};
