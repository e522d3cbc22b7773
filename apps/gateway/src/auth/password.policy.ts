import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,31}$/i;
export const USERNAME_RULE = 'username must be 3 to 32 characters: letters, digits, _ . -, starting with a letter';
export const PASSWORD_LENGTH = { min: 12, max: 128 };
export const PASSWORD_DISTINCT = 5;
export const PASSWORD_RULE =
  `${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters, at least ${PASSWORD_LENGTH.min} of them visible ` +
  `(letters, digits, punctuation or symbols) and ${PASSWORD_DISTINCT} different, no control characters, not the username`;

/**
 * What counts toward the minimum length and the different characters: letters, digits,
 * punctuation and symbols. Spaces, zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF),
 * other format characters and combining marks on their own make a password longer to type, not
 * harder to guess.
 */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/gu;

/** The visible characters of a text, as code points. */
export function visibleCharacters(text: string): string[] {
  return text.match(VISIBLE) ?? [];
}

/** Why a password is too weak, or null when it is acceptable. Control characters are refused before (libs/http's checkRawInput). */
export function passwordWeakness(password: string, username?: string): string | null {
  if (password.length > PASSWORD_LENGTH.max) return `password must be at most ${PASSWORD_LENGTH.max} characters long`;
  const visible = visibleCharacters(password);
  if (visible.length < PASSWORD_LENGTH.min) {
    return `password must have at least ${PASSWORD_LENGTH.min} visible characters (letters, digits, punctuation or symbols; spaces and invisible characters do not count)`;
  }
  if (new Set(visible).size < PASSWORD_DISTINCT) return `password must use at least ${PASSWORD_DISTINCT} different visible characters`;
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
