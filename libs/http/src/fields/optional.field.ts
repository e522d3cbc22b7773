import { registerDecorator, ValidateIf } from 'class-validator';

/**
 * The field may be left out, but when it is there it is checked, `null` included. class-validator's
 * IsOptional lets `null` through too, and the code would then use a default or crash on it.
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** The field must not be sent at all, not even as `null`; declared only to refuse it with a clear message. */
export function Absent(message: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'absent',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message },
      validator: { validate: (value: unknown) => value === undefined },
    });
}
