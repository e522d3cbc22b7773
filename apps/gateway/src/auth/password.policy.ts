import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,31}$/i;
export const USERNAME_RULE = 'username must be 3 to 32 characters: letters, digits, _ . -, starting with a letter';
export const PASSWORD_LENGTH = { min: 12, max: 128 };

/** Why a password is too weak, or null when it is acceptable. */
export function passwordWeakness(password: string, username?: string): string | null {
  if (password.length < PASSWORD_LENGTH.min || password.length > PASSWORD_LENGTH.max) {
    return `password must be ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters long`;
  }
  if (new Set(password).size < 5) return 'password must use at least 5 different characters';
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()))
    return 'password must not contain the username';
  return null;
}

/** Validates a password property against the policy, with the object's `username` when it has one. */
export function IsAcceptablePassword(options?: ValidationOptions) {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName: property,
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          typeof value === 'string' && passwordWeakness(value, (args.object as { username?: string }).username) === null,
        defaultMessage: (args: ValidationArguments) =>
          typeof args.value === 'string'
            ? (passwordWeakness(args.value, (args.object as { username?: string }).username) ?? '')
            : `${args.property} must be a string`,
      },
    });
}
