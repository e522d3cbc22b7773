import { IsIn } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { COMPARE_MODES, MARKET_LIMITS, type CompareMode } from '#libs/domain';
import { Optional, QueryIntegerField, TimeField } from '#libs/http';
import { SeriesListField, type SeriesSpec } from '../../market-series/series-list.field.js';

export const COMPARE_SERIES = { name: 'series', ...MARKET_LIMITS.compareSeries, intervals: true, defaultInterval: '1d' } as const;

export class CompareQueryDto {
  @SeriesListField(
    COMPARE_SERIES,
    'BTC,ETH:1h',
    `${COMPARE_SERIES.min} to ${COMPARE_SERIES.max} series, comma-separated: SYMBOL (its 1d candles) or SYMBOL:interval; symbols case-insensitive; each at most once. ` +
      'Series of different intervals share the open times of the coarser: BTC:1d with ETH:1h gives daily times, each value the candle of its own interval that opens then',
  )
  series: SeriesSpec[];

  @ApiPropertyOptional({
    enum: COMPARE_MODES,
    default: 'normalized',
    description: 'line: closes; normalized: each close / the series’ close at the first shared time × 100; ohlc: open, high, low and close',
  })
  @Optional()
  @IsIn(COMPARE_MODES, { message: `mode must be one of ${COMPARE_MODES.join(', ')}` })
  mode: CompareMode = 'normalized';

  @TimeField('from', 'The earliest open time; default: the first shared candle')
  from?: Date;

  @TimeField('to', 'The latest open time; default: the last shared candle', '2024-12-31T23:59:59Z')
  to?: Date;

  @QueryIntegerField(
    'limit',
    MARKET_LIMITS.comparePoints,
    'At most this many shared times: the newest are kept when there are more (the answer says `truncated`)',
  )
  limit: number = MARKET_LIMITS.comparePoints.default;
}
