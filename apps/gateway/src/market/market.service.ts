import { Injectable } from '@nestjs/common';
import { normalizeSymbol, type MarketOrderBy, type SortOrder } from '#libs/domain';
import { DESCENDING_BY_DEFAULT, type MarketQueryDto } from './dto/market-query.dto.js';
import { MarketTimeInFutureError, NoMarketCandlesError, UnknownMarketSymbolsError } from './market.errors.js';
import { displayCurrency, marketCsv, orderRows, QUOTE_VOLUME_NOTE, type MarketView } from './market-table.format.js';
import { MarketTablesCache, type MarketAnswer } from './market-tables.cache.js';

const CSV_TYPE = 'text/csv; charset=utf-8; header=present';

@Injectable()
export class MarketService {
  constructor(private readonly cache: MarketTablesCache) {}

  /** The market table `query` asks for, as JSON or CSV, kept until a candle or an asset changes. */
  async read(query: MarketQueryDto): Promise<MarketAnswer> {
    const now = new Date();
    const at = query.datetime;
    if (at && at > now) throw new MarketTimeInFutureError(at, now);
    const assets = await this.cache.tracked();
    const symbols = query.symbols === undefined ? undefined : [...new Set(query.symbols.split(',').map(normalizeSymbol))].sort();
    const unknown = symbols?.filter((symbol) => !assets.symbols.includes(symbol)) ?? [];
    if (unknown.length) throw new UnknownMarketSymbolsError(unknown, assets.symbols);
    const by: MarketOrderBy = query.order_by;
    const order: SortOrder = query.order ?? (DESCENDING_BY_DEFAULT.has(by) ? 'desc' : 'asc');
    // "Now" is a key of its own, not the clock: its table stays the same until a candle changes.
    const key = [assets.key, at?.toISOString() ?? 'now', query.format, by, order, query.limit ?? '', symbols?.join(',') ?? ''].join('|');
    return this.cache.answer(key, async () => {
      const { snapshot } = await this.cache.table(assets, at, now);
      if (snapshot.asOf === null || snapshot.interval === null) {
        throw new NoMarketCandlesError(at ?? now, snapshot.firstClose, snapshot.newestClose);
      }
      const wanted = symbols && new Set(symbols);
      const rows = orderRows(wanted ? snapshot.rows.filter((row) => wanted.has(row.symbol)) : snapshot.rows, by, order, query.limit).map(
        (row) => ({ ...row, quote: displayCurrency(row.quote) }),
      );
      if (query.format === 'csv') {
        const filename = `candlecast-market-${snapshot.asOf.replace(/:\d\d\.\d{3}Z$/, 'Z').replace(':', '')}.csv`;
        return { body: marketCsv(rows), snapshot, contentType: CSV_TYPE, filename };
      }
      const view: MarketView = {
        asOf: snapshot.asOf,
        requested: at?.toISOString() ?? null,
        interval: snapshot.interval,
        count: rows.length,
        total: snapshot.rows.length,
        quoteVolume: QUOTE_VOLUME_NOTE,
        rows,
      };
      return { body: view, snapshot };
    });
  }
}
