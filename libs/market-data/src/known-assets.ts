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

/** Kraken's own codes that differ from the symbols users know. */
const KRAKEN_CODES: Readonly<Record<string, string>> = { XBT: 'BTC', XDG: 'DOGE' };

/** Names of assets Kraken lists, by the symbol users know; an asset missing here is shown by its symbol. */
export const ASSET_NAMES: Readonly<Record<string, string>> = {
  BTC: 'Bitcoin',
  ETH: 'Ethereum',
  ADA: 'Cardano',
  ALGO: 'Algorand',
  ATOM: 'Cosmos',
  BCH: 'Bitcoin Cash',
  DAI: 'Dai',
  DASH: 'Dash',
  DOGE: 'Dogecoin',
  DOT: 'Polkadot',
  EOS: 'EOS',
  ETC: 'Ethereum Classic',
  FIL: 'Filecoin',
  LINK: 'Chainlink',
  LTC: 'Litecoin',
  TRX: 'TRON',
  UNI: 'Uniswap',
  USDC: 'USD Coin',
  USDT: 'Tether',
  XLM: 'Stellar',
  XMR: 'Monero',
  XRP: 'XRP',
  XTZ: 'Tezos',
  ZEC: 'Zcash',
};

/**
 * The symbol users know for one of Kraken's asset codes: Kraken's older assets carry an X (or Z
 * for fiat) before a three-letter code (`XXBT`, `XETH`, `ZUSD`), and call Bitcoin XBT.
 */
export function krakenAssetSymbol(code: string): string {
  const bare = code.length === 4 && /^[XZ]/.test(code) ? code.slice(1) : code;
  return KRAKEN_CODES[bare] ?? bare;
}
