import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments } from 'class-validator';
import { describeTimeError, parseTime, TIME_RANGE } from '#libs/domain';
import { Optional } from './optional.field.js';

/** A text that parseTime refused stays text, so that the message can say what was wrong with it. */
const toDate = Transform(({ value }) => {
  if (typeof value !== 'string') return value;
  const parsed = parseTime(value);
  return parsed.ok ? parsed.date : value;
});

function IsTime(name: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTime',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => value instanceof Date,
        defaultMessage: ({ value }: ValidationArguments) => {
          const parsed = typeof value === 'string' ? parseTime(value) : undefined;
          return describeTimeError(name, parsed && !parsed.ok ? parsed.error : 'format');
        },
      },
    });
}

/** An optional point in time in a query: ISO 8601 with a zone, a date alone (midnight UTC), or unix seconds (libs/domain's parseTime). */
export function TimeField(name: string, description: string, example = '2024-01-31'): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      example,
      description: `${description}; ISO 8601 with a zone (2024-01-31T12:00:00Z), a date alone (midnight UTC) or unix seconds, ${TIME_RANGE.text}`,
    }),
    Optional(),
    toDate,
    IsTime(name),
  );
}
