import { MARKET_LIMITS } from '#libs/domain';
import { SeriesListField, type SeriesSpec } from '../../market-series/series-list.field.js';
import { SpanQueryDto } from './span-query.dto.js';

export const CORRELATION_SYMBOLS = {
  name: 'symbols',
  ...MARKET_LIMITS.correlationSymbols,
  intervals: false,
  defaultInterval: '1d',
} as const;

export class CorrelationQueryDto extends SpanQueryDto {
  @SeriesListField(
    CORRELATION_SYMBOLS,
    'BTC,ETH',
    `${CORRELATION_SYMBOLS.min} to ${CORRELATION_SYMBOLS.max} symbols, comma-separated, case-insensitive, each at most once; all at \`interval\``,
  )
  symbols: SeriesSpec[];
}
