import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { parseDecimalInteger } from '#libs/domain';
import { Optional } from './optional.field.js';

export interface IntegerRange {
  min: number;
  max: number;
  default?: number;
}

/**
 * An optional whole number in a query string or path, in plain decimal digits (`-` only when `min`
 * is negative) and within its range; the message names the field and the range. The raw text is
 * checked before it becomes a number: `Number()` would take `0x10`, `1e3`, `+1` and ` 1`.
 */
export function QueryIntegerField(name: string, range: IntegerRange, description?: string): PropertyDecorator {
  const message = `${name} must be a whole number from ${range.min} to ${range.max}`;
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: range.min, maximum: range.max, default: range.default, description }),
    Optional(),
    Transform(({ value }) => (typeof value === 'string' ? (parseDecimalInteger(value, { negative: range.min < 0 }) ?? value) : value)),
    IsInt({ message }),
    Min(range.min, { message }),
    Max(range.max, { message }),
  );
}
