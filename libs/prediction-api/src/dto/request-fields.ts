import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDate, IsDefined, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { INTERVAL_CODES, normalizeSymbol, SYMBOL_PATTERN } from '#libs/domain';

// class-validator checks a property's rules in the order they are applied, and the validation
// pipe keeps the first one broken: each list below goes from "is it there" to "is it right".

export const ASSET_MESSAGE = 'asset must be a symbol of 2 to 12 letters or digits, such as BTC';
export const INTERVAL_MESSAGE = `interval must be one of ${INTERVAL_CODES.join(', ')}`;

const upperCase = Transform(({ value }) => (typeof value === 'string' ? normalizeSymbol(value) : value));

/** `asset`: a symbol, case-insensitive, served upper-case. The prediction service also checks that it is an asset it knows. */
export function AssetField(options: { required: boolean } = { required: true }): PropertyDecorator {
  const doc = { example: 'BTC', description: 'Asset symbol, case-insensitive (btc = BTC); an asset Candlecast knows' };
  return applyDecorators(
    ...(options.required
      ? [ApiProperty(doc), IsDefined({ message: `asset is required: ${ASSET_MESSAGE.slice('asset must be '.length)}` })]
      : [ApiPropertyOptional(doc), IsOptional()]),
    IsString({ message: ASSET_MESSAGE }),
    Matches(SYMBOL_PATTERN, { message: ASSET_MESSAGE }),
    upperCase,
  );
}

/** `interval`: one of Kraken's intervals as users name them. Give the property a default when it has one. */
export function IntervalField(defaultValue?: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ enum: INTERVAL_CODES, ...(defaultValue ? { default: defaultValue } : {}), description: 'Candle interval' }),
    IsOptional(),
    IsIn(INTERVAL_CODES, { message: INTERVAL_MESSAGE }),
  );
}

/** ISO 8601 (`2024-01-31`, `2024-01-31T12:00:00Z`) or unix seconds; anything else becomes an invalid date. */
export function parseTime(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (/^\d{1,12}$/.test(value)) return new Date(Number(value) * 1000);
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return new Date(value);
  return new Date(Number.NaN);
}

/** An optional point in time in a query, as ISO 8601 or unix seconds. */
export function TimeField(name: string, description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      example: name === 'from' ? '2024-01-31' : '2024-12-31T23:59:59Z',
      description: `${description}; ISO 8601 or unix seconds`,
    }),
    IsOptional(),
    IsDate({ message: `${name} must be an ISO 8601 date (2024-01-31 or 2024-01-31T12:00:00Z) or unix seconds` }),
    Transform(({ value }) => parseTime(value)),
  );
}
