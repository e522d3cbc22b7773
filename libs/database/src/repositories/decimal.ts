/**
 * A price computed in floating point as the decimal Postgres stores: 12 significant digits, so
 * that exp(ln(100) + ln(1.005)) is kept as 100.5, not 100.49999999999999 (prices from Kraken
 * carry at most 10). A string is kept as given; a non-finite number becomes 'NaN', which
 * numeric accepts and nothing mistakes for a price.
 */
export function decimal(value: number | string): string {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return 'NaN';
  return String(Number(value.toPrecision(12)));
}
