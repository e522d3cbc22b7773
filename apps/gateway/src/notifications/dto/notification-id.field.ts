import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches, registerDecorator } from 'class-validator';
import { Optional } from '#libs/http';

const BIGINT_MAX = 9223372036854775807n;

/** A notification id: the decimal digits of a positive bigint (what Postgres' bigserial can hold). */
export function isNotificationId(value: unknown): value is string {
  return typeof value === 'string' && /^[1-9]\d{0,18}$/.test(value) && BigInt(value) <= BIGINT_MAX;
}

function IsNotificationId(message: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotificationId',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message },
      validator: { validate: isNotificationId },
    });
}

/** A notification id in a path or query, or the `before` cursor; the message names the field. */
export function NotificationIdField(name: string, optional: boolean, description: string): PropertyDecorator {
  const message = `${name} must be a notification id (a whole number from 1)`;
  const doc = { type: String, pattern: '^[1-9][0-9]{0,18}$', example: '123', description };
  return applyDecorators(
    ...(optional ? [ApiPropertyOptional(doc), Optional()] : [ApiProperty(doc)]),
    Matches(/^\d+$/, { message }),
    IsNotificationId(message),
  );
}
