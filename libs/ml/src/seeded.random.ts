/**
 * Seeded generators for the specs and for anything that must be reproducible (bootstrap, seeds):
 * Math.random cannot be seeded, and a test that fails once in a hundred runs helps nobody.
 */

/** A small seeded generator of numbers in [0, 1) (mulberry32). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A standard normal draw (Box–Muller) from a uniform generator. */
export function gaussian(random: () => number): number {
  // 1 − u keeps the logarithm away from 0.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** A Student-t draw with `nu` (a whole number) degrees of freedom, scaled to unit variance when `unitVariance`. */
export function studentT(random: () => number, nu: number, unitVariance = false): number {
  let chi2 = 0;
  for (let i = 0; i < nu; i++) chi2 += gaussian(random) ** 2;
  const t = gaussian(random) / Math.sqrt(chi2 / nu);
  return unitVariance && nu > 2 ? t / Math.sqrt(nu / (nu - 2)) : t;
}
