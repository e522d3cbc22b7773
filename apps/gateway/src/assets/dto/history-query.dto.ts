import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { INTERVAL_CODES, type IntervalCode } from '#libs/domain';

export const HISTORY_LIMIT = { default: 5000, max: 10_000 };

/** ISO 8601 (`2024-01-31`, `2024-01-31T12:00:00Z`) or unix seconds; anything else becomes an invalid date. */
export function parseTime(value: unknown): Date | unknown {
  if (typeof value !== 'string') return value;
  if (/^\d{1,12}$/.test(value)) return new Date(Number(value) * 1000);
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return new Date(value);
  return new Date(Number.NaN);
}

const TIME_MESSAGE = (name: string) => `${name} must be an ISO 8601 date (2024-01-31 or 2024-01-31T12:00:00Z) or unix seconds`;

export class IntervalQueryDto {
  @ApiPropertyOptional({ enum: INTERVAL_CODES, default: '1d' })
  @IsOptional()
  @IsIn(INTERVAL_CODES, { message: `interval must be one of ${INTERVAL_CODES.join(', ')}` })
  interval: IntervalCode = '1d';
}

export class HistoryQueryDto extends IntervalQueryDto {
  @ApiPropertyOptional({ type: String, example: '2024-01-31', description: 'ISO 8601 or unix seconds; default: the first candle' })
  @IsOptional()
  @Transform(({ value }) => parseTime(value))
  @IsDate({ message: TIME_MESSAGE('from') })
  from?: Date;

  @ApiPropertyOptional({ type: String, example: '2024-12-31T23:59:59Z', description: 'ISO 8601 or unix seconds' })
  @IsOptional()
  @Transform(({ value }) => parseTime(value))
  @IsDate({ message: TIME_MESSAGE('to') })
  to?: Date;

  @ApiPropertyOptional({ minimum: 1, maximum: HISTORY_LIMIT.max, default: HISTORY_LIMIT.default })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `limit must be a whole number from 1 to ${HISTORY_LIMIT.max}` })
  @Min(1, { message: `limit must be a whole number from 1 to ${HISTORY_LIMIT.max}` })
  @Max(HISTORY_LIMIT.max, { message: `limit must be a whole number from 1 to ${HISTORY_LIMIT.max}` })
  limit: number = HISTORY_LIMIT.default;
}
