/**
 * A small seeded random number generator, so that the detector response is reproducible in Node and in
 * browsers alike: xoshiro128** (Blackman and Vigna, 2018) seeded through splitmix32, with Gaussian deviates
 * from the polar form of the Box–Muller transform (Marsaglia).
 */

/** Seeded generator of uniform and Gaussian deviates. */
export interface RandomSource {
  /** Uniform deviate in [0, 1) with 32 random bits. */
  uniform(): number;
  /** Standard normal deviate (mean 0, standard deviation 1). */
  gaussian(): number;
}

/**
 * Creates a generator from an integer seed; the same seed always gives the same sequence.
 *
 * @throws TypeError when `seed` is not a safe integer.
 */
export function createRandom(seed: number): RandomSource {
  if (!Number.isSafeInteger(seed)) {
    throw new TypeError(`createRandom: seed: expected a safe integer but got ${String(seed)}`);
  }
  // splitmix32 spreads the seed over the 128-bit state, which must not be all zero.
  let mix = (seed ^ Math.floor(seed / 2 ** 32)) >>> 0;
  const next = (): number => {
    mix = (mix + 0x9e3779b9) >>> 0;
    let z = mix;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = next();
  let s1 = next();
  let s2 = next();
  let s3 = next();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };

  let spare = NaN;
  return {
    uniform: () => nextUint32() / 2 ** 32,
    gaussian: () => {
      if (!Number.isNaN(spare)) {
        const value = spare;
        spare = NaN;
        return value;
      }
      // Marsaglia's polar form: a point drawn uniformly in the unit disc gives two deviates without sin and cos.
      let x: number;
      let y: number;
      let s: number;
      do {
        x = (2 * nextUint32()) / 2 ** 32 - 1;
        y = (2 * nextUint32()) / 2 ** 32 - 1;
        s = x * x + y * y;
      } while (s >= 1 || s === 0);
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      spare = y * factor;
      return x * factor;
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
