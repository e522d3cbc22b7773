/**
 * The alert line's level on the chart, as pure functions: a pointer's y to a price (through the
 * series' coordinateToPrice, kept inside the price pane), prices rounded to a tick, and the
 * keyboard's steps (arrow keys a tick, with Shift ten, Page keys a hundred).
 */

/** A tick: about a thousandth of the price, a power of ten (68,000 → 10, 3,600 → 1, 0.52 → 0.0001). */
export function tickFor(price: number): number {
  if (!Number.isFinite(price) || price <= 0) return 0.01;
  const exponent = Math.floor(Math.log10(price)) - 3;
  // 10 ** -4 is 0.00009999999999999999 in floats; dividing by a whole power of ten is exact.
  return exponent >= 0 ? 10 ** exponent : 1 / 10 ** -exponent;
}

/** The price rounded to its tick, without float noise (68,012.000000001 → 68,010). */
export function roundToTick(price: number, tick: number = tickFor(price)): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(tick)));
  return Number((Math.round(price / tick) * tick).toFixed(decimals));
}

/**
 * The level under a pointer at `y` (CSS pixels from the chart's top), kept inside the price pane
 * (0..paneHeight), then rounded to a tick; null where the scale has no price (no data yet).
 */
export function levelAtY(y: number, paneHeight: number, coordinateToPrice: (y: number) => number | null): number | null {
  const inside = Math.min(Math.max(y, 0), Math.max(paneHeight - 1, 0));
  const price = coordinateToPrice(inside);
  if (price === null || !Number.isFinite(price) || price <= 0) return null;
  return roundToTick(price);
}

/** The key's new level, or null for a key that does not move it. */
export function stepLevel(level: number, key: string, shift: boolean): number | null {
  const tick = tickFor(level);
  const steps: Record<string, number> = { ArrowUp: 1, ArrowRight: 1, ArrowDown: -1, ArrowLeft: -1, PageUp: 100, PageDown: -100 };
  const step = steps[key];
  if (step === undefined) return null;
  const next = roundToTick(level + step * (shift && Math.abs(step) === 1 ? 10 : 1) * tick, tick);
  return next > 0 ? next : level;
}
