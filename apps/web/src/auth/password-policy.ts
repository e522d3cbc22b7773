/**
 * The gateway's password policy (apps/gateway/src/auth/password.policy.ts), shown before typing.
 * The gateway stays the judge: what it answers is shown as it says it.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
export const PASSWORD_DISTINCT = 5;

export const PASSWORD_POLICY =
  `${PASSWORD_MIN} to ${PASSWORD_MAX} characters, at least ${PASSWORD_MIN} of them visible ` +
  `(letters, digits, punctuation or symbols) and ${PASSWORD_DISTINCT} different; it must not contain your username.`;

export const USERNAME_POLICY = '3 to 32 characters: letters, digits, _ . -, starting with a letter.';
