/** A whole number written in plain decimal digits, with a leading `-` only where negatives are allowed. */
const DIGITS = /^[0-9]+$/;
const SIGNED_DIGITS = /^-?[0-9]+$/;

/**
 * The number a query or path writes, or null when it is not written in plain decimal digits.
 * `Number()` would take `0x10`, `1e3`, `+1`, ` 1` and `1.0`; this takes none of them. The caller
 * checks the range (a huge number of digits gives a number out of any range, or Infinity).
 */
export function parseDecimalInteger(text: string, options: { negative?: boolean } = {}): number | null {
  return (options.negative ? SIGNED_DIGITS : DIGITS).test(text) ? Number(text) : null;
}
