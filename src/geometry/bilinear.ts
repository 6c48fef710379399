/**
 * The one bilinear sampler of the library. Rasterization with `deposition: 'bilinear'` spreads a particle's
 * value with these taps, and the loss and the heat-map assignment read the image back with the same taps, so
 * writing and reading agree.
 *
 * Pixel centres sit at half-integer coordinates (u, v) = (r + ½, c + ½). The four taps are the pixel centres
 * around (u, v): rows r0 = ⌊u − ½⌋ and r0 + 1, columns c0 = ⌊v − ½⌋ and c0 + 1, with weights
 * (1 − fu)(1 − fv), (1 − fu)·fv, fu·(1 − fv), fu·fv where fu = u − ½ − r0 and fv = v − ½ − c0. Columns wrap
 * around modulo the width because φ is periodic. Rows are clamped to [0, height − 1]: within half a pixel
 * of the first or last row edge both row taps name the same row, so the weights still sum to 1.
 */

import type { GridCoordinates } from './grid-coordinates.js';

/** Four flat pixel indices (row·width + column) and their weights, in the tap order given above. */
export interface BilinearTaps {
  pixels: Int32Array;
  weights: Float64Array;
}

/** Allocates a reusable {@link BilinearTaps}. */
export function createBilinearTaps(): BilinearTaps {
  return { pixels: new Int32Array(4), weights: new Float64Array(4) };
}

/**
 * Writes the four taps of the point (u, v) on a height × width grid into `taps` and returns it. (u, v) must be
 * finite; u outside [0, height) is clamped like any other row, v is wrapped.
 */
export function bilinearTaps(
  u: number,
  v: number,
  height: number,
  width: number,
  taps: BilinearTaps = createBilinearTaps(),
): BilinearTaps {
  const y = u - 0.5;
  const x = v - 0.5;
  const r0 = Math.floor(y);
  const c0 = Math.floor(x);
  const fu = y - r0;
  const fv = x - c0;

  const rowA = clampRow(r0, height) * width;
  const rowB = clampRow(r0 + 1, height) * width;
  const colA = wrapColumn(c0, width);
  const colB = wrapColumn(c0 + 1, width);

  taps.pixels[0] = rowA + colA;
  taps.pixels[1] = rowA + colB;
  taps.pixels[2] = rowB + colA;
  taps.pixels[3] = rowB + colB;
  taps.weights[0] = (1 - fu) * (1 - fv);
  taps.weights[1] = (1 - fu) * fv;
  taps.weights[2] = fu * (1 - fv);
  taps.weights[3] = fu * fv;
  return taps;
}

/**
 * Bilinear taps of every particle, laid out for a gather: particle i's taps are entries 4i … 4i + 3. A particle
 * outside the acceptance (pixel −1) gets pixel 0 with weight 0 on all four taps, so a weighted gather returns
 * 0 for it.
 */
export function bilinearTapsOf(coords: GridCoordinates): { pixels: Int32Array; weights: Float32Array } {
  const n = coords.pixel.length;
  const pixels = new Int32Array(4 * n);
  const weights = new Float32Array(4 * n);
  const taps = createBilinearTaps();
  for (let i = 0; i < n; i++) {
    if ((coords.pixel[i] as number) < 0) continue;
    bilinearTaps(coords.u[i] as number, coords.v[i] as number, coords.height, coords.width, taps);
    for (let k = 0; k < 4; k++) {
      pixels[4 * i + k] = taps.pixels[k] as number;
      weights[4 * i + k] = taps.weights[k] as number;
    }
  }
  return { pixels, weights };
}

/**
 * Samples channel `channel` of a row-major height × width × channels image at (u, v) with {@link bilinearTaps}.
 */
export function sampleBilinear(
  image: ArrayLike<number>,
  shape: { height: number; width: number; channels: number },
  u: number,
  v: number,
  channel: number,
  taps: BilinearTaps = createBilinearTaps(),
): number {
  bilinearTaps(u, v, shape.height, shape.width, taps);
  let sum = 0;
  for (let k = 0; k < 4; k++) {
    sum +=
      (taps.weights[k] as number) * (image[(taps.pixels[k] as number) * shape.channels + channel] as number);
  }
  return sum;
}

function clampRow(row: number, height: number): number {
  if (row < 0) return 0;
  if (row >= height) return height - 1;
  return row;
}

function wrapColumn(column: number, width: number): number {
  const wrapped = column % width;
  return wrapped < 0 ? wrapped + width : wrapped;
}
