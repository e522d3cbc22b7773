import { Link } from 'wouter';
import type { MarketOrderBy, SortOrder } from '../../../../libs/domain/src/market-views.ts';
import type { MarketRow } from '../api/market-views.ts';
import { formatPercent, formatPrice } from '../app/format.ts';
import { WatchStar } from '../watchlist/WatchStar.tsx';
import '../watchlist/watchlist.css';
import { direction, formatVolume } from './market-format.ts';

interface Column {
  label: string;
  /** What the API orders by when the header is clicked; none for a column it cannot order by. */
  sort?: MarketOrderBy;
  numeric?: boolean;
  narrow?: boolean;
}

const COLUMNS: Column[] = [
  { label: 'Rank', sort: 'rank', numeric: true },
  { label: 'Symbol', sort: 'symbol' },
  { label: 'Name', sort: 'name', narrow: true },
  { label: 'Price', sort: 'price', numeric: true },
  { label: '24 h', sort: 'change24h', numeric: true },
  { label: '7 d', sort: 'change7d', numeric: true },
  { label: '30 d', sort: 'change30d', numeric: true },
  { label: 'Volume 24 h', sort: 'volume24h', numeric: true, narrow: true },
  { label: 'Volume 24 h USD', numeric: true, narrow: true },
];

/** The overview's rows in the API's order; a header sorts by its column (the API sorts: `onSort`). */
export function MarketTable({
  rows,
  orderBy,
  order,
  onSort,
  caption,
  busy,
}: {
  rows: MarketRow[];
  /** True while the rows shown are the previous order's, the new one loading. */
  busy: boolean;
  orderBy: MarketOrderBy;
  order: SortOrder;
  onSort: (column: MarketOrderBy) => void;
  caption: string;
}) {
  return (
    <div className="table-wrap">
      <table className="market-table" aria-busy={busy}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const sorted = column.sort !== undefined && column.sort === orderBy;
              return (
                <th
                  key={column.label}
                  scope="col"
                  className={[column.numeric ? 'num' : '', column.narrow ? 'hide-narrow' : ''].join(' ').trim() || undefined}
                  aria-sort={sorted ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {column.sort ? (
                    <button type="button" className="sort-button" onClick={() => onSort(column.sort!)}>
                      {column.label}
                      <span aria-hidden="true">{sorted ? (order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.symbol}>
              <td className="num">{row.rank}</td>
              <th scope="row">
                <span className="symbol-cell">
                  <Link href={`/markets/${encodeURIComponent(row.symbol)}`}>{row.symbol}</Link>
                  <WatchStar symbol={row.symbol} />
                </span>
              </th>
              <td className="hide-narrow">{row.name}</td>
              <td className="num">
                {formatPrice(row.price)} <span className="muted">{row.quote}</span>
              </td>
              <td className={`num ${direction(row.change24h)}`}>{formatPercent(row.change24h)}</td>
              <td className={`num ${direction(row.change7d)}`}>{formatPercent(row.change7d)}</td>
              <td className={`num ${direction(row.change30d)}`}>{formatPercent(row.change30d)}</td>
              <td className="num hide-narrow">{formatVolume(row.volume24h)}</td>
              <td className="num hide-narrow">{row.quoteVolume24h === null ? '—' : formatVolume(row.quoteVolume24h)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
