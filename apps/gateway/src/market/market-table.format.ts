import type { MarketSnapshotRow } from '#libs/database';
import type { IntervalCode, MarketOrderBy, SortOrder } from '#libs/domain';

/** What the response says of its quote volumes. */
export const QUOTE_VOLUME_NOTE = 'VWAP × volume where Kraken gave a VWAP, else the typical price (H+L+C)/3 × volume';

/** The CSV's header line: its columns, in this order (issue 14 fixes its start, `Rank,Symbol,Price USD`; so the name comes last). */
export const MARKET_CSV_HEADER = 'Rank,Symbol,Price USD,Change 24h %,Change 7d %,Change 30d %,Volume 24h,Volume 24h USD,Name';

/** A row as GET /crypto/market answers it: the quote currency as people write it (`USD`, not Kraken's `ZUSD`). */
export type MarketRowView = MarketSnapshotRow;

export interface MarketView {
  asOf: string;
  /** The datetime asked, or null for "now". */
  requested: string | null;
  interval: IntervalCode;
  /** Rows in this answer; `total` in the whole table. */
  count: number;
  total: number;
  quoteVolume: string;
  rows: MarketRowView[];
}

/**
 * Kraken's older assets carry an X (crypto) or Z (fiat) prefix: XXBT, ZUSD. Only those: newer
 * four-letter codes that start with X or Z (ZETA, XCHF...) are their own names.
 */
const KRAKEN_PREFIXED = new Set([
  ...['XXBT', 'XETH', 'XLTC', 'XXRP', 'XXLM', 'XXMR', 'XZEC', 'XETC', 'XMLN', 'XREP', 'XXDG'],
  ...['ZUSD', 'ZEUR', 'ZGBP', 'ZJPY', 'ZCAD', 'ZAUD'],
]);

export function displayCurrency(code: string): string {
  return KRAKEN_PREFIXED.has(code) ? code.slice(1) : code;
}

const numeric = (value: string | null): number | null => (value === null ? null : Number(value));

/** The value a row is ordered by; null sorts last whichever the order. */
const KEYS: Record<MarketOrderBy, (row: MarketSnapshotRow) => number | string | null> = {
  rank: (row) => row.rank,
  symbol: (row) => row.symbol,
  name: (row) => row.name.toLowerCase(),
  // Prices of different quotes compare in USD; a pair without a USD price comes last.
  price: (row) => numeric(row.priceUsd),
  change24h: (row) => row.change24h,
  change7d: (row) => row.change7d,
  change30d: (row) => row.change30d,
  volume24h: (row) => numeric(row.volume24h),
};

/** The rows ordered by `by` (then by rank), empty values last, the first `limit` of them. */
export function orderRows(rows: readonly MarketSnapshotRow[], by: MarketOrderBy, order: SortOrder, limit?: number): MarketSnapshotRow[] {
  const key = KEYS[by];
  const sign = order === 'asc' ? 1 : -1;
  const sorted = [...rows].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x === null || y === null) return x === y ? a.rank - b.rank : x === null ? 1 : -1;
    const compared = x < y ? -1 : x > y ? 1 : 0;
    return compared === 0 ? a.rank - b.rank : sign * compared;
  });
  return limit === undefined ? sorted : sorted.slice(0, limit);
}

/** A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break; empty for null. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rows as CSV under MARKET_CSV_HEADER, one line each, decimals as stored, empty cells for null. */
export function marketCsv(rows: readonly MarketRowView[]): string {
  const lines = rows.map((row) =>
    [row.rank, row.symbol, row.priceUsd, row.change24h, row.change7d, row.change30d, row.volume24h, row.quoteVolume24h, row.name]
      .map(cell)
      .join(','),
  );
  return [MARKET_CSV_HEADER, ...lines].join('\n') + '\n';
}
