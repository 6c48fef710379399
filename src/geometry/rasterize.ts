/**
 * Rasterization of one event's particles onto the detector image.
 *
 * The image is a row-major `Float32Array` of shape height × width × channels: the value of channel k at row r,
 * column c sits at index (r·width + c)·channels + k.
 */

import ndarray from 'ndarray';
import { Particles, azimuth, polarAngle } from '../particles/index.js';
import { bilinearTaps, createBilinearTaps, type BilinearTaps } from './bilinear.js';
import type { RasterInput } from './detector-event.js';
import type { GridCoordinates } from './grid-coordinates.js';
import { createGridCoordinates, createRasterGrid, locateParticle, type RasterGrid } from './grid.js';
import {
  resolveRasterOptions,
  type RasterChannel,
  type RasterOptions,
  type ResolvedRasterOptions,
} from './raster-options.js';

/** One event's image and the grid coordinates of its particles. */
export interface RasterImage {
  /** Row-major height × width × channels values; energies in GeV. */
  image: Float32Array;
  height: number;
  width: number;
  /** Number of channels, the length of `channelNames`. */
  channels: number;
  channelNames: readonly RasterChannel[];
  /** Grid coordinates of each input particle, in input order. */
  coords: GridCoordinates;
  /** The checked options that made the image. */
  options: ResolvedRasterOptions;
}

/**
 * Rasterizes an event's particles onto the detector image.
 *
 * A particle is placed at its calorimeter impact (θ, φ) when `input` carries impacts (as a
 * {@link DetectorEvent} does), otherwise at its momentum direction. Particles whose θ falls outside
 * [thetaMin, thetaMax] get pixel −1 and contribute nothing, so the energy in the image equals the energy of
 * the particles on the image.
 *
 * @example
 * const { image, coords } = rasterize(detectorEvent, { height: 32, width: 32, deposition: 'bilinear' });
 * @throws TypeError or RangeError for invalid options (see {@link resolveRasterOptions}), for input that is
 *   not particles, and when a channel needs a charge or pdgId column that the particles lack.
 */
export function rasterize(input: RasterInput, options?: RasterOptions): RasterImage {
  const resolved = resolveRasterOptions(options, 'rasterize');
  const particles = particlesOf(input, 'rasterize');
  const { height, width } = resolved;
  const channels = resolved.channels.length;
  const image = new Float32Array(height * width * channels);
  const coords = createGridCoordinates(particles.length, height, width);
  writer(resolved).write(input, image, 0, coords, 'rasterize');
  return { image, height, width, channels, channelNames: resolved.channels, coords, options: resolved };
}

/** Views a {@link RasterImage} as an `ndarray` of shape [height, width, channels] sharing its buffer. */
export function imageView(
  raster: Pick<RasterImage, 'image' | 'height' | 'width' | 'channels'>,
): ndarray.NdArray<Float32Array> {
  return ndarray(raster.image, [raster.height, raster.width, raster.channels]);
}

/** Reusable state for writing many events with one set of options (see `rasterizeBatch`). */
export interface RasterWriter {
  readonly options: ResolvedRasterOptions;
  readonly grid: RasterGrid;
  /**
   * Adds the event's particles to `image` starting at `offset` (the image must already be zeroed there) and
   * fills `coords`, which must have one entry per particle.
   */
  write(
    input: RasterInput,
    image: Float32Array,
    offset: number,
    coords: GridCoordinates,
    caller: string,
  ): void;
}

const CHANNEL_CODE: Record<RasterChannel, number> = {
  charged: 0,
  neutral: 1,
  photon: 2,
  neutralHadron: 3,
  energy: 4,
  count: 5,
};

/** Writers of option objects seen before; the default options, used most, hit this every time. */
const cachedWriters = new WeakMap<ResolvedRasterOptions, RasterWriter>();

/** Returns the cached writer of `options`, building it on first use. */
function writer(options: ResolvedRasterOptions): RasterWriter {
  let cached = cachedWriters.get(options);
  if (cached === undefined) {
    cached = createRasterWriter(options);
    cachedWriters.set(options, cached);
  }
  return cached;
}

/** Builds a {@link RasterWriter} for checked options. */
export function createRasterWriter(options: ResolvedRasterOptions): RasterWriter {
  const grid = createRasterGrid(options);
  const codes = Int8Array.from(options.channels, (name) => CHANNEL_CODE[name]);
  const needsCharge = options.channels.some((c) => c !== 'energy' && c !== 'count');
  const needsPdgId = options.channels.some((c) => c === 'photon' || c === 'neutralHadron');
  const taps = createBilinearTaps();
  const values = new Float64Array(codes.length);
  const bilinear = options.deposition === 'bilinear';

  function write(
    input: RasterInput,
    image: Float32Array,
    offset: number,
    coords: GridCoordinates,
    caller: string,
  ): void {
    const particles = particlesOf(input, caller);
    const impacts = input instanceof Particles ? undefined : input.impacts;
    const n = particles.length;
    if (impacts !== undefined && (impacts.theta.length !== n || impacts.phi.length !== n)) {
      throw new TypeError(
        `${caller}: impacts: expected ${n} entries (one per particle) but got ${impacts.theta.length} θ and ` +
          `${impacts.phi.length} φ values`,
      );
    }
    const charge = particles.charge;
    const pdgId = particles.pdgId;
    if (needsCharge && charge === undefined) {
      throw new TypeError(
        `${caller}: particles: channels ${options.channels.join(', ')} need a charge column`,
      );
    }
    if (needsPdgId && pdgId === undefined) {
      throw new TypeError(
        `${caller}: particles: channels ${options.channels.join(', ')} need a pdgId column`,
      );
    }
    const { px, py, pz, e } = particles;
    const channels = codes.length;

    for (let i = 0; i < n; i++) {
      const theta = impacts
        ? (impacts.theta[i] as number)
        : polarAngle(px[i] as number, py[i] as number, pz[i] as number);
      const phi = impacts ? (impacts.phi[i] as number) : azimuth(px[i] as number, py[i] as number);
      const pixel = locateParticle(grid, theta, phi, coords, i);
      if (pixel < 0) continue;

      const energy = e[i] as number;
      const isCharged = charge !== undefined && charge[i] !== 0;
      const isPhoton = !isCharged && pdgId !== undefined && pdgId[i] === 22;
      channelValues(codes, energy, isCharged, isPhoton, values);

      if (!bilinear) {
        const base = offset + pixel * channels;
        for (let k = 0; k < channels; k++)
          image[base + k] = (image[base + k] as number) + (values[k] as number);
        continue;
      }
      depositBilinear(image, offset, coords.u[i] as number, coords.v[i] as number, grid, values, taps);
    }
  }

  return { options, grid, write };
}

function channelValues(
  codes: Int8Array,
  energy: number,
  isCharged: boolean,
  isPhoton: boolean,
  values: Float64Array,
): void {
  for (let k = 0; k < codes.length; k++) {
    switch (codes[k]) {
      case 0:
        values[k] = isCharged ? energy : 0;
        break;
      case 1:
        values[k] = isCharged ? 0 : energy;
        break;
      case 2:
        values[k] = isPhoton ? energy : 0;
        break;
      case 3:
        values[k] = isCharged || isPhoton ? 0 : energy;
        break;
      case 4:
        values[k] = energy;
        break;
      default:
        values[k] = 1;
    }
  }
}

function depositBilinear(
  image: Float32Array,
  offset: number,
  u: number,
  v: number,
  grid: RasterGrid,
  values: Float64Array,
  taps: BilinearTaps,
): void {
  const channels = values.length;
  bilinearTaps(u, v, grid.height, grid.width, taps);
  for (let t = 0; t < 4; t++) {
    const weight = taps.weights[t] as number;
    if (weight === 0) continue;
    const base = offset + (taps.pixels[t] as number) * channels;
    for (let k = 0; k < channels; k++)
      image[base + k] = (image[base + k] as number) + weight * (values[k] as number);
  }
}

/** Extracts the particles of a raster input; throws a TypeError naming `caller` for anything else. */
export function particlesOf(input: RasterInput, caller: string): Particles {
  if (input instanceof Particles) return input;
  if (input !== null && typeof input === 'object' && input.particles instanceof Particles)
    return input.particles;
  throw new TypeError(
    `${caller}: expected Particles or an event with a particles field but got ${describeInput(input)}`,
  );
}

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (typeof input === 'object') return (input as object).constructor?.name ?? 'an object';
  return typeof input;
}
