/** C0 control characters (U+0000 to U+001F) and DEL (U+007F): never part of a name, a symbol or a new password. */
// eslint-disable-next-line no-control-regex -- finding them is the point
export const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]/;

export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

export function hasNul(text: string): boolean {
  return text.includes('\u0000');
}
