/**
 * RMS90, the width measure of ILC detector studies: the root-mean-square deviation from their mean of the
 * values inside the narrowest interval that contains 90 % of them. It ignores the non-Gaussian tails that a
 * plain RMS is dominated by.
 */

/** Fraction of the entries that the RMS90 window contains. */
export const RMS90_FRACTION = 0.9;

/** Window of an RMS90 computation. */
export interface Rms90Result {
  /** RMS of the values in the window about their mean, in the unit of the values. */
  rms90: number;
  /** Mean of the values in the window. */
  mean90: number;
  /** Lowest and highest value in the window. */
  low: number;
  high: number;
  /** Number of values in the window: ⌈0.9·n⌉. */
  count: number;
}

/**
 * Computes RMS90 of `values`: sorts them, takes the ⌈0.9·n⌉ consecutive values with the smallest spread
 * (the first such window on ties), and returns their RMS about their own mean.
 *
 * @throws RangeError when `values` is empty or contains a non-finite value.
 */
export function computeRms90(values: ArrayLike<number>): Rms90Result {
  const n = values.length;
  if (n === 0) throw new RangeError('computeRms90: values: expected at least one value but got none');
  const sorted = Float64Array.from(values);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(sorted[i])) {
      throw new RangeError(`computeRms90: values: expected finite values but entry ${i} is ${sorted[i]}`);
    }
  }
  sorted.sort();

  const count = Math.ceil(RMS90_FRACTION * n - 1e-9);
  let start = 0;
  let narrowest = Infinity;
  for (let i = 0; i + count <= n; i++) {
    const spread = (sorted[i + count - 1] as number) - (sorted[i] as number);
    if (spread < narrowest) {
      narrowest = spread;
      start = i;
    }
  }

  let sum = 0;
  for (let i = start; i < start + count; i++) sum += sorted[i] as number;
  const mean90 = sum / count;
  let squares = 0;
  for (let i = start; i < start + count; i++) squares += ((sorted[i] as number) - mean90) ** 2;
  return {
    rms90: Math.sqrt(squares / count),
    mean90,
    low: sorted[start] as number,
    high: sorted[start + count - 1] as number,
    count,
  };
}
