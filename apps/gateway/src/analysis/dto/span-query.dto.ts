import type { IntervalCode } from '#libs/domain';
import { TimeField } from '#libs/http';
import { IntervalField } from '#libs/prediction-api';

/** An interval and a span of open times, both ends included. */
export class SpanQueryDto {
  @IntervalField('1d')
  interval: IntervalCode = '1d';

  @TimeField('from', 'The earliest open time; default: the first candle')
  from?: Date;

  @TimeField('to', 'The latest open time; default: the last candle', '2024-12-31T23:59:59Z')
  to?: Date;
}
