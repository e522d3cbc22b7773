import type { IntervalCode } from '#libs/domain';
import { QueryIntegerField, TimeField } from '#libs/http';
import { IntervalField } from '#libs/prediction-api';

export const HISTORY_LIMIT = { min: 1, default: 5000, max: 10_000 };

export class IntervalQueryDto {
  @IntervalField('1d')
  interval: IntervalCode = '1d';
}

export class HistoryQueryDto extends IntervalQueryDto {
  @TimeField('from', 'The earliest open time; default: the first candle')
  from?: Date;

  @TimeField('to', 'The latest open time', '2024-12-31T23:59:59Z')
  to?: Date;

  @QueryIntegerField('limit', HISTORY_LIMIT)
  limit: number = HISTORY_LIMIT.default;
}
