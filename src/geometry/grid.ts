/**
 * The image grid: maps a direction (θ, φ) to continuous grid coordinates (u, v).
 *
 * Rows follow θ from `thetaMin` (row 0, towards +z) to `thetaMax`, with equal widths in θ or in cos θ. A
 * direction with θ in the closed range [thetaMin, thetaMax] is on the image; θ = thetaMax lands in the last row.
 * Columns follow φ over [−π, π): column c covers φ ∈ [−π + c·2π/W, −π + (c+1)·2π/W), so v = W·(φ + π)/(2π)
 * and the column index wraps around modulo W.
 */

import { TWO_PI } from '../particles/index.js';
import type { GridCoordinates } from './grid-coordinates.js';
import type { ResolvedRasterOptions } from './raster-options.js';

/** Precomputed constants of one grid. */
export interface RasterGrid {
  readonly height: number;
  readonly width: number;
  readonly thetaBinning: 'theta' | 'cosTheta';
  readonly thetaMin: number;
  readonly thetaMax: number;
  /** Row coordinate of the first edge: thetaMin, or cos(thetaMin) for cos θ rows. */
  readonly rowOrigin: number;
  /** Rows per unit of θ (positive), or per unit of cos θ (negative, because cos θ falls along the rows). */
  readonly rowScale: number;
}

/** Builds the grid constants from checked raster options. */
export function createRasterGrid(options: ResolvedRasterOptions): RasterGrid {
  const { height, width, thetaBinning, thetaMin, thetaMax } = options;
  if (thetaBinning === 'theta') {
    return {
      height,
      width,
      thetaBinning,
      thetaMin,
      thetaMax,
      rowOrigin: thetaMin,
      rowScale: height / (thetaMax - thetaMin),
    };
  }
  const cosMin = Math.cos(thetaMin);
  const cosMax = Math.cos(thetaMax);
  return {
    height,
    width,
    thetaBinning,
    thetaMin,
    thetaMax,
    rowOrigin: cosMin,
    rowScale: -height / (cosMin - cosMax),
  };
}

/** Float32 just below n, the largest stored coordinate allowed on an axis of n bins. */
function float32Below(n: number): number {
  return Math.fround(n - n * 2 ** -23);
}

/**
 * Continuous row coordinate u ∈ [0, height) of polar angle θ (radians), or NaN when θ is outside
 * [thetaMin, thetaMax] or not a number. The value is rounded to float32, as stored in {@link GridCoordinates}.
 */
export function rowCoordinate(grid: RasterGrid, theta: number): number {
  if (!(theta >= grid.thetaMin && theta <= grid.thetaMax)) return NaN;
  const x = grid.thetaBinning === 'theta' ? theta : Math.cos(theta);
  let u = Math.fround((x - grid.rowOrigin) * grid.rowScale);
  if (u < 0) u = 0;
  if (u >= grid.height) u = float32Below(grid.height);
  return u;
}

/**
 * Continuous column coordinate v ∈ [0, width) of azimuth φ (radians, any value: it is wrapped into [−π, π)),
 * or NaN for a non-finite φ. The value is rounded to float32, as stored in {@link GridCoordinates}.
 */
export function columnCoordinate(grid: RasterGrid, phi: number): number {
  if (!Number.isFinite(phi)) return NaN;
  let turns = (phi + Math.PI) / TWO_PI;
  turns -= Math.floor(turns);
  let v = Math.fround(turns * grid.width);
  // A φ a hair below +π rounds up to v = width, which is column 0 again.
  if (v >= grid.width) v = 0;
  return v;
}

/**
 * Allocates grid coordinates for `n` particles, every one outside the acceptance until written. The three
 * columns are views of one buffer, so that a rasterized event costs few allocations.
 */
export function createGridCoordinates(n: number, height: number, width: number): GridCoordinates {
  const buffer = new ArrayBuffer(12 * n);
  return {
    u: new Float32Array(buffer, 0, n).fill(NaN),
    v: new Float32Array(buffer, 4 * n, n).fill(NaN),
    pixel: new Int32Array(buffer, 8 * n, n).fill(-1),
    height,
    width,
  };
}

/**
 * Writes particle i's grid coordinates for direction (θ, φ) into `coords` and returns its flat pixel index,
 * or −1 (with u = v = NaN) when the direction is off the image.
 */
export function locateParticle(
  grid: RasterGrid,
  theta: number,
  phi: number,
  coords: GridCoordinates,
  i: number,
): number {
  const u = rowCoordinate(grid, theta);
  const v = columnCoordinate(grid, phi);
  if (Number.isNaN(u) || Number.isNaN(v)) {
    coords.u[i] = NaN;
    coords.v[i] = NaN;
    coords.pixel[i] = -1;
    return -1;
  }
  const pixel = Math.floor(u) * grid.width + Math.floor(v);
  coords.u[i] = u;
  coords.v[i] = v;
  coords.pixel[i] = pixel;
  return pixel;
}

/** Row edges as polar angles θ in radians, height + 1 values from thetaMin to thetaMax. */
export function rowEdges(grid: RasterGrid): Float64Array {
  const edges = new Float64Array(grid.height + 1);
  for (let r = 0; r <= grid.height; r++) {
    const x = grid.rowOrigin + r / grid.rowScale;
    edges[r] = grid.thetaBinning === 'theta' ? x : Math.acos(Math.min(1, Math.max(-1, x)));
  }
  edges[0] = grid.thetaMin;
  edges[grid.height] = grid.thetaMax;
  return edges;
}

/** Column edges as azimuths φ in radians, width + 1 values from −π to π. */
export function columnEdges(grid: RasterGrid): Float64Array {
  const edges = new Float64Array(grid.width + 1);
  for (let c = 0; c <= grid.width; c++) edges[c] = -Math.PI + (c * TWO_PI) / grid.width;
  return edges;
}
