import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsIn, IsString, Matches } from 'class-validator';
import { INTERVAL_CODES, MODEL_FAMILIES, parseSymbol, SYMBOL_PATTERN } from '#libs/domain';
import { Optional } from '#libs/http';

// class-validator checks a property's rules in the order they are applied, and the validation
// pipe keeps the first one broken: each list below goes from "is it there" to "is it right".

export const ASSET_MESSAGE = 'asset must be a symbol of 2 to 12 letters or digits, such as BTC';
export const INTERVAL_MESSAGE = `interval must be one of ${INTERVAL_CODES.join(', ')}`;

/** Upper-cased only once it is a symbol: `ſol` stays `ſol` (and is refused), where upper-casing first would make it `SOL`. */
const upperCase = Transform(({ value }) => (typeof value === 'string' ? (parseSymbol(value) ?? value) : value));

/** `asset`: a symbol, case-insensitive, served upper-case. The prediction service also checks that it is an asset it knows. */
export function AssetField(options: { required: boolean } = { required: true }): PropertyDecorator {
  const doc = { example: 'BTC', description: 'Asset symbol, case-insensitive (btc = BTC); an asset Candlecast knows' };
  return applyDecorators(
    ...(options.required
      ? [ApiProperty(doc), IsDefined({ message: `asset is required: ${ASSET_MESSAGE.slice('asset must be '.length)}` })]
      : [ApiPropertyOptional(doc), Optional()]),
    IsString({ message: ASSET_MESSAGE }),
    Matches(SYMBOL_PATTERN, { message: ASSET_MESSAGE }),
    upperCase,
  );
}

/** `interval`: one of Kraken's intervals as users name them; may be left out, never `null`. Give the property a default when it has one. */
export function IntervalField(defaultValue?: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ enum: INTERVAL_CODES, ...(defaultValue ? { default: defaultValue } : {}), description: 'Candle interval' }),
    Optional(),
    IsIn(INTERVAL_CODES, { message: INTERVAL_MESSAGE }),
  );
}

export const FAMILY_MESSAGE = `family must be one of ${MODEL_FAMILIES.join(', ')}`;

/** `family`: a model family of the registry; may be left out. */
export function FamilyField(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ enum: MODEL_FAMILIES, description }),
    Optional(),
    IsIn(MODEL_FAMILIES, { message: FAMILY_MESSAGE }),
  );
}
