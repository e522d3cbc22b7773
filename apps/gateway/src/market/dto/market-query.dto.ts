import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import {
  MARKET_FORMATS,
  MARKET_LIMITS,
  MARKET_ORDER_BY,
  SORT_ORDERS,
  type MarketFormat,
  type MarketOrderBy,
  type SortOrder,
} from '#libs/domain';
import { Optional, QueryIntegerField, TimeField } from '#libs/http';

const SYMBOLS_MAX = MARKET_LIMITS.symbols.max;
const SYMBOLS_MESSAGE = `symbols must be a comma-separated list of 1 to ${SYMBOLS_MAX} symbols of 2 to 12 letters or digits, such as BTC,ETH`;
const SYMBOLS = new RegExp(`^[A-Za-z0-9]{2,12}(,[A-Za-z0-9]{2,12}){0,${SYMBOLS_MAX - 1}}$`);

/** The columns ordered from the largest first when no `order` is given; the others from the smallest (rank 1 first). */
export const DESCENDING_BY_DEFAULT: ReadonlySet<MarketOrderBy> = new Set(['price', 'change24h', 'change7d', 'change30d', 'volume24h']);

export class MarketQueryDto {
  @TimeField('datetime', 'The time the table is as of: the newest candles closed by then; default: now', '2024-03-01T00:00:00Z')
  datetime?: Date;

  @ApiPropertyOptional({
    enum: MARKET_ORDER_BY,
    default: 'rank',
    description: 'The column to order by; rank is by 24 h quote volume in USD',
  })
  @Optional()
  @IsIn(MARKET_ORDER_BY, { message: `order_by must be one of ${MARKET_ORDER_BY.join(', ')}` })
  order_by: MarketOrderBy = 'rank';

  @ApiPropertyOptional({
    enum: SORT_ORDERS,
    description: 'Default: asc for rank, symbol and name; desc for price, the changes and the volume. Empty values come last either way',
  })
  @Optional()
  @IsIn(SORT_ORDERS, { message: `order must be one of ${SORT_ORDERS.join(', ')}` })
  order?: SortOrder;

  @QueryIntegerField('limit', MARKET_LIMITS.marketRows, 'The first N rows in the chosen order (the top N); default: every row')
  limit?: number;

  @ApiPropertyOptional({
    type: String,
    example: 'BTC,ETH',
    description: `Only these tracked assets (case-insensitive, at most ${SYMBOLS_MAX}); ranks stay those of the whole table`,
  })
  @Optional()
  @IsString({ message: SYMBOLS_MESSAGE })
  @Matches(SYMBOLS, { message: SYMBOLS_MESSAGE })
  symbols?: string;

  @ApiPropertyOptional({
    enum: MARKET_FORMATS,
    default: 'json',
    description: 'csv: text/csv with a header line Rank,Symbol,Price USD,... (the name last)',
  })
  @Optional()
  @IsIn(MARKET_FORMATS, { message: `format must be one of ${MARKET_FORMATS.join(', ')}` })
  format: MarketFormat = 'json';
}
