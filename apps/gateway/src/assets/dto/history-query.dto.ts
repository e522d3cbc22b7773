import { ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { MARKET_LIMITS, parseSpan, type IntervalCode } from '#libs/domain';
import { Optional, QueryIntegerField, TimeField } from '#libs/http';
import { IntervalField } from '#libs/prediction-api';

export const HISTORY_LIMIT = { min: 1, default: 5000, max: 10_000 };

const LAST_MAX_WEEKS = MARKET_LIMITS.historyLast.maxMinutes / (7 * 1440);
const LAST_MESSAGE = `last must be a span such as 90m, 12h, 7d or 2w (a whole number of minutes, hours, days or weeks), at most ${LAST_MAX_WEEKS}w`;

export class IntervalQueryDto {
  @IntervalField('1d')
  interval: IntervalCode = '1d';
}

export class HistoryQueryDto extends IntervalQueryDto {
  @TimeField('from', 'The earliest open time; default: the first candle')
  from?: Date;

  @TimeField('to', 'The latest open time', '2024-12-31T23:59:59Z')
  to?: Date;

  @ApiPropertyOptional({
    type: String,
    pattern: '^[1-9][0-9]{0,6}[mhdw]$',
    example: '90m',
    description:
      'The newest span of this length instead of from/to: the candles whose open time is later than the newest open time minus the span ' +
      '(90m at 1m: the newest 90 candles; 12h at 1h: 12). At least one interval long; not with from or to. When the span holds more ' +
      'than `limit` candles, the newest `limit` of them, and `next` is the open time of the oldest candle of the span left out, ' +
      'to pass as `from` (with `to` just before this page) to read the rest, oldest first.',
  })
  @Optional()
  @ValidateBy({
    name: 'isSpan',
    validator: {
      validate: (value: unknown) => {
        const minutes = typeof value === 'string' ? parseSpan(value) : null;
        return minutes !== null && minutes <= MARKET_LIMITS.historyLast.maxMinutes;
      },
      defaultMessage: () => LAST_MESSAGE,
    },
  })
  last?: string;

  @QueryIntegerField('limit', HISTORY_LIMIT)
  limit: number = HISTORY_LIMIT.default;
}
