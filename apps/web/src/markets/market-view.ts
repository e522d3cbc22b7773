/**
 * The market overview's state as the URL keeps it (`?order_by=change24h&order=desc&limit=10&at=…`),
 * so that a sorted, cut, dated table can be shared and reloaded; and what the API is asked for it.
 */
import {
  MARKET_LIMITS,
  MARKET_ORDER_BY,
  SORT_ORDERS,
  type MarketOrderBy,
  type SortOrder,
} from '../../../../libs/domain/src/market-views.ts';

export interface MarketView {
  orderBy: MarketOrderBy;
  order: SortOrder;
  /** Top N; null for every row. */
  limit: number | null;
  /** The "as of" time (ISO, UTC); null for now. */
  at: string | null;
  /** What the URL held that could not be read. */
  ignored: string[];
}

export const DEFAULT_VIEW: MarketView = { orderBy: 'rank', order: 'asc', limit: null, at: null, ignored: [] };

/** The order a column sorts in first: names and ranks from the top, figures largest first. */
export function firstOrder(column: MarketOrderBy): SortOrder {
  return column === 'rank' || column === 'symbol' || column === 'name' ? 'asc' : 'desc';
}

const isOrderBy = (value: string): value is MarketOrderBy => (MARKET_ORDER_BY as readonly string[]).includes(value);
const isOrder = (value: string): value is SortOrder => (SORT_ORDERS as readonly string[]).includes(value);

/** An ISO time from the URL or the picker (ISO, `YYYY-MM-DDTHH:mm` read as UTC, or unix seconds); undefined when unreadable. */
export function parseUtc(text: string): string | undefined {
  const value = text.trim();
  if (/^\d+$/.test(value)) return new Date(Number(value) * 1000).toISOString();
  // A picker's value has no zone: the page says the picker is in UTC, so it is read as UTC.
  const zoneless = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(value);
  const date = new Date(zoneless ? `${value.length === 10 ? `${value}T00:00` : value}Z` : value);
  if (Number.isNaN(date.getTime())) return undefined;
  // Date rolls 31 February over into March: a day that does not exist is not read as another.
  if (zoneless && date.toISOString().slice(0, 10) !== value.slice(0, 10)) return undefined;
  return date.toISOString();
}

/** The value of a `datetime-local` input for an ISO time, in UTC, to the minute. */
export function toPickerValue(iso: string | null): string {
  return iso === null ? '' : iso.slice(0, 16);
}

export function parseMarketSearch(search: string): MarketView {
  const params = new URLSearchParams(search);
  const view: MarketView = { ...DEFAULT_VIEW, ignored: [] };
  const orderBy = params.get('order_by');
  if (orderBy !== null) {
    if (isOrderBy(orderBy)) view.orderBy = orderBy;
    else view.ignored.push('order_by');
  }
  const order = params.get('order');
  if (order !== null) {
    if (isOrder(order)) view.order = order;
    else view.ignored.push('order');
  } else view.order = firstOrder(view.orderBy);
  const limit = params.get('limit');
  if (limit !== null) {
    const n = Number(limit);
    if (Number.isInteger(n) && n >= MARKET_LIMITS.marketRows.min && n <= MARKET_LIMITS.marketRows.max) view.limit = n;
    else view.ignored.push('limit');
  }
  const at = params.get('at');
  if (at !== null && at.trim() !== '') {
    const iso = parseUtc(at);
    if (iso) view.at = iso;
    else view.ignored.push('at');
  }
  return view;
}

/** The URL's query for a view: only what differs from the defaults. */
export function marketSearch(view: Omit<MarketView, 'ignored'>): string {
  const params = new URLSearchParams();
  if (view.orderBy !== DEFAULT_VIEW.orderBy) params.set('order_by', view.orderBy);
  if (view.order !== firstOrder(view.orderBy)) params.set('order', view.order);
  if (view.limit !== null) params.set('limit', String(view.limit));
  if (view.at !== null) params.set('at', view.at);
  return params.toString();
}

/** The API's query for a view (the same for the table and its CSV, but for `format`). */
export interface MarketQuery {
  order_by: MarketOrderBy;
  order: SortOrder;
  limit?: number;
  datetime?: string;
}

export function marketQuery(view: Omit<MarketView, 'ignored'>): MarketQuery {
  return {
    order_by: view.orderBy,
    order: view.order,
    ...(view.limit !== null ? { limit: view.limit } : {}),
    ...(view.at !== null ? { datetime: view.at } : {}),
  };
}

/** A header clicked: the same column turns its order round; another sorts in its first order. */
export function sortBy(view: MarketView, column: MarketOrderBy): MarketView {
  if (view.orderBy === column) return { ...view, order: view.order === 'asc' ? 'desc' : 'asc' };
  return { ...view, orderBy: column, order: firstOrder(column) };
}

/** The file the CSV is saved as: what it shows, as of when. */
export function marketFileName(view: Omit<MarketView, 'ignored'>, asOf: string): string {
  const when = asOf.replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  return `candlecast-market-${when}-${view.orderBy}-${view.order}${view.limit !== null ? `-top${view.limit}` : ''}.csv`;
}
