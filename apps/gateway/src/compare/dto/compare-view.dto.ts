import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { COMPARE_MODES, INTERVAL_CODES, type CompareMode, type IntervalCode } from '#libs/domain';

export class CompareSeriesDto {
  @ApiProperty({ example: 'BTC:1d' }) key: string;
  @ApiProperty({ example: 'BTC' }) symbol: string;
  @ApiProperty({ enum: INTERVAL_CODES, example: '1d' }) interval: IntervalCode;
}

/** Decimal strings as stored. */
export class OhlcDto {
  @ApiProperty({ example: '42283.5' }) open: string;
  @ApiProperty({ example: '42872.6' }) high: string;
  @ApiProperty({ example: '41541.8' }) low: string;
  @ApiProperty({ example: '44179.6' }) close: string;
}

export type CompareValue = string | number | null | OhlcDto;

export class CompareViewDto {
  @ApiProperty({ enum: COMPARE_MODES }) mode: CompareMode;
  @ApiProperty({ description: 'Shared times in this answer' }) count: number;
  @ApiProperty({ example: '2024-01-01T00:00:00.000Z', description: 'The first shared time in this answer (open time, UTC)' }) from: string;
  @ApiProperty({ example: '2024-12-31T00:00:00.000Z', description: 'The last shared time in this answer' }) to: string;
  @ApiProperty({ description: 'The limit applied' }) limit: number;
  @ApiProperty({ description: 'Whether more times were shared than `limit`: then only the newest `limit` are here' }) truncated: boolean;
  @ApiProperty({ enum: ['newest'], description: 'Which end `limit` keeps' }) kept: 'newest';
  @ApiProperty({
    example: 'inner join on open time: a time any series lacks is left out of all',
    description: 'How the series are aligned',
  })
  alignment: string;
  @ApiProperty({ type: [CompareSeriesDto], description: 'In the order asked; values[k] belongs to series[k]' }) series: CompareSeriesDto[];
  @ApiProperty({ type: [String], description: 'Open times (UTC) every series has a candle at, oldest first' }) times: string[];
  @ApiProperty({
    type: 'array',
    items: {
      type: 'array',
      items: { oneOf: [{ type: 'string' }, { type: 'number', nullable: true }, { $ref: getSchemaPath(OhlcDto) }] },
    },
    description:
      'values[k][i]: series k at times[i]. line: the close (decimal string); normalized: close / close at times[0] × 100 (a number); ohlc: {open, high, low, close}',
  })
  values: CompareValue[][];
}
