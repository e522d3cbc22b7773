import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsString,
  Matches,
  ValidateIf,
} from 'class-validator';
import {
  ALERT_CHANNELS,
  ALERT_KIND_SPECS,
  ALERT_KINDS,
  ALERT_LEVELS,
  INTERVAL_CODES,
  parseSymbol,
  type AlertChannel,
  type AlertKind,
  type IntervalCode,
} from '#libs/domain';
import { Optional } from '#libs/http';

/** Left out or null: the kind does not take the field (the view gives null for it, so a view's fields can be sent back). */
const OptionalOrNull = () => ValidateIf((_object, value) => value !== undefined && value !== null);

const KINDS_TEXT = ALERT_KINDS.map(
  (kind) => `${kind}${ALERT_KIND_SPECS[kind].admin ? ' (admins only)' : ''}: ${ALERT_KIND_SPECS[kind].description}`,
).join('; ');

/** POST /alerts and PUT /alerts/{id}: the whole rule (a PUT replaces every field; one left out takes its default). */
export class AlertRuleDto {
  @ApiProperty({ example: 'BTC', description: 'A tracked asset (case-insensitive)' })
  @Transform(({ value }) => (typeof value === 'string' ? (parseSymbol(value) ?? value) : value))
  @Matches(/^[A-Z0-9]{2,12}$/, { message: 'asset must be a symbol of 2 to 12 letters or digits' })
  @IsString({ message: 'asset must be a symbol of 2 to 12 letters or digits' })
  asset: string;

  @ApiProperty({ enum: INTERVAL_CODES, example: '1d', description: 'One of the intervals the worker keeps synced (TRACKED_INTERVALS)' })
  @IsIn(INTERVAL_CODES, { message: `interval must be one of ${INTERVAL_CODES.join(', ')}` })
  interval: IntervalCode;

  @ApiProperty({ enum: ALERT_KINDS, example: 'price_above', description: KINDS_TEXT })
  @IsIn(ALERT_KINDS, { message: `kind must be one of ${ALERT_KINDS.join(', ')}` })
  kind: AlertKind;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 70000,
    description:
      "price_above, price_below: a price in the pair's quote currency (> 0); move_pct, forecast_move_pct, volatility_above: " +
      'a percentage (> 0, at most 1000); the other kinds take none',
  })
  @OptionalOrNull()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'threshold must be a number' })
  threshold?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '24h',
    description: 'move_pct only (required there): the span the move is over, such as 90m, 24h, 7d or 2w; at least one candle, at most 52w',
  })
  @OptionalOrNull()
  @IsString({ message: 'window must be a span such as 24h or 7d' })
  window?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    enum: ALERT_LEVELS,
    example: 90,
    description: 'outside_interval and coverage_out_of_band only (required there): the forecast interval, in percent',
  })
  @OptionalOrNull()
  @IsIn(ALERT_LEVELS, { message: `level must be one of ${ALERT_LEVELS.join(', ')}` })
  level?: number | null;

  @ApiPropertyOptional({
    type: String,
    example: '1h',
    description: 'The least time between two firings, such as 90m, 12h, 7d or 2w (at most 52w); one candle of the interval when left out',
  })
  @OptionalOrNull()
  @IsString({ message: 'cooldown must be a span such as 90m, 12h, 7d or 2w' })
  cooldown?: string | null;

  @ApiProperty({
    enum: ALERT_CHANNELS,
    isArray: true,
    example: ['inbox'],
    description: 'Where a firing goes: the inbox (and the open pages), the webhooks',
  })
  @IsIn(ALERT_CHANNELS, { each: true, message: `channels must each be one of ${ALERT_CHANNELS.join(', ')}` })
  @ArrayUnique({ message: 'channels must not name a channel twice' })
  @ArrayMaxSize(ALERT_CHANNELS.length, { message: `channels must be some of ${ALERT_CHANNELS.join(', ')}` })
  @ArrayNotEmpty({ message: `channels must name at least one of ${ALERT_CHANNELS.join(', ')}` })
  @IsArray({ message: `channels must be a list of ${ALERT_CHANNELS.join(', ')}` })
  channels: AlertChannel[];

  @ApiPropertyOptional({ default: true, description: 'An inactive rule is kept but not evaluated' })
  @Optional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2030-01-31T09:00:00Z',
    description:
      'Muted until then: an event checked before that time fires nothing, and nothing is saved up for later. ISO 8601 with its zone, ' +
      'in the future and at most 52w ahead; null or left out: not snoozed (a PUT without it unsnoozes)',
  })
  @OptionalOrNull()
  @IsString({ message: 'snoozedUntil must be an ISO 8601 date-time with its zone, such as 2030-01-31T09:00:00Z, or null to unsnooze' })
  snoozedUntil?: string | null;
}
