/**
 * Reading one event's heat maps back at its particles and at its minijet axes, with the bilinear sampler that
 * rasterization uses.
 */

import type { Jet } from './clustering/index.js';
import {
  bilinearTaps,
  columnCoordinate,
  createBilinearTaps,
  createRasterGrid,
  rowCoordinate,
} from './geometry/index.js';
import type { BilinearTaps, GridCoordinates, ResolvedRasterOptions } from './geometry/index.js';
import { azimuth, polarAngle } from './particles/index.js';

/**
 * Samples every channel of a height × width × channels heat map at each particle's grid coordinates. Returns
 * row-major N × channels probabilities, with NaN rows for particles outside the image.
 */
export function sampleAtParticles(
  heatMap: Float32Array,
  channels: number,
  coords: GridCoordinates,
): Float32Array {
  const n = coords.pixel.length;
  const result = new Float32Array(n * channels);
  const taps = createBilinearTaps();
  for (let i = 0; i < n; i++) {
    if ((coords.pixel[i] as number) < 0) {
      result.fill(NaN, i * channels, (i + 1) * channels);
      continue;
    }
    bilinearTaps(coords.u[i] as number, coords.v[i] as number, coords.height, coords.width, taps);
    accumulateTaps(heatMap, channels, taps, result, i * channels);
  }
  return result;
}

/**
 * Samples every channel of the heat map at the direction of each minijet's three-momentum. Returns row-major
 * M × channels probabilities, with NaN rows for axes outside the image's θ range.
 */
export function sampleAtMinijetAxes(
  heatMap: Float32Array,
  channels: number,
  minijets: readonly Jet[],
  raster: ResolvedRasterOptions,
): Float32Array {
  const grid = createRasterGrid(raster);
  const result = new Float32Array(minijets.length * channels);
  const taps = createBilinearTaps();
  minijets.forEach((minijet, m) => {
    const u = rowCoordinate(grid, polarAngle(minijet.px, minijet.py, minijet.pz));
    const v = columnCoordinate(grid, azimuth(minijet.px, minijet.py));
    if (Number.isNaN(u) || Number.isNaN(v)) {
      result.fill(NaN, m * channels, (m + 1) * channels);
      return;
    }
    bilinearTaps(u, v, grid.height, grid.width, taps);
    accumulateTaps(heatMap, channels, taps, result, m * channels);
  });
  return result;
}

function accumulateTaps(
  heatMap: Float32Array,
  channels: number,
  taps: BilinearTaps,
  target: Float32Array,
  offset: number,
): void {
  for (let k = 0; k < channels; k++) {
    let sum = 0;
    for (let t = 0; t < 4; t++) {
      sum += (taps.weights[t] as number) * (heatMap[(taps.pixels[t] as number) * channels + k] as number);
    }
    target[offset + k] = sum;
  }
}
