import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, registerDecorator, type ValidationArguments } from 'class-validator';
import { intervalsProblem, THEMES, TIMEZONES, type IntervalCode, type UserPreferences } from '#libs/domain';
import { Optional } from '#libs/http';

function IsPreferredIntervals(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPreferredIntervals',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => intervalsProblem(value) === null,
        defaultMessage: ({ value }: ValidationArguments) => intervalsProblem(value) ?? '',
      },
    });
}

/** PUT /preferences: the whole document; a field left out gets its default. */
export class PreferencesDto {
  @ApiPropertyOptional({ enum: THEMES, default: 'system' })
  @Optional()
  @IsIn(THEMES, { message: `theme must be one of ${THEMES.join(', ')}` })
  theme?: UserPreferences['theme'];

  @ApiPropertyOptional({ enum: TIMEZONES, default: 'local', description: "Times shown in the browser's time zone or in UTC" })
  @Optional()
  @IsIn(TIMEZONES, { message: `timezone must be one of ${TIMEZONES.join(', ')}` })
  timezone?: UserPreferences['timezone'];

  @ApiPropertyOptional({ default: false, description: 'Up/down colours swapped' })
  @Optional()
  @IsBoolean({ message: 'swapColors must be true or false' })
  swapColors?: boolean;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { BTC: '1h', ETH: '1d' },
    description: 'The interval chosen per asset symbol (at most 200)',
  })
  @Optional()
  @IsPreferredIntervals()
  intervals?: Record<string, IntervalCode>;
}

export class PreferencesViewDto {
  @ApiProperty({ enum: THEMES }) theme: UserPreferences['theme'];
  @ApiProperty({ enum: TIMEZONES }) timezone: UserPreferences['timezone'];
  @ApiProperty() swapColors: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { BTC: '1h' } })
  intervals: Record<string, IntervalCode>;
}
