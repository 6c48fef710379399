/**
 * Options of the detector image: grid size, row variable and range, channels and deposition. The options are
 * plain JSON values, so a trained model can store the options of the images it was trained on.
 */

/** Row variable: rows of equal width in θ, or in cos θ (equal solid angle per pixel). */
export type ThetaBinning = 'theta' | 'cosTheta';

/**
 * Image channel. Energies are in GeV.
 * - `charged`: energy of charged particles (tracks).
 * - `neutral`: energy of neutral particles.
 * - `photon`: energy of photons (PDG code 22); needs a pdgId column.
 * - `neutralHadron`: energy of neutral particles other than photons; needs a pdgId column.
 * - `energy`: energy of all particles.
 * - `count`: number of particles (a particle split bilinearly adds its weights, which sum to 1).
 */
export type RasterChannel = 'charged' | 'neutral' | 'photon' | 'neutralHadron' | 'energy' | 'count';

/** Every channel name that {@link RasterOptions.channels} accepts. */
export const RASTER_CHANNELS: readonly RasterChannel[] = Object.freeze([
  'charged',
  'neutral',
  'photon',
  'neutralHadron',
  'energy',
  'count',
]);

/** Deposition rule: the pixels that receive a particle's value. */
export type Deposition = 'nearest' | 'bilinear';

/** Options of {@link rasterize}; every field is optional and defaults to {@link DEFAULT_RASTER_OPTIONS}. */
export interface RasterOptions {
  /** Number of rows (θ or cos θ bins), a positive integer. Default 64. */
  height?: number;
  /** Number of columns (φ bins over [−π, π)), a positive integer. Default 64. */
  width?: number;
  /** Row variable. Default `'cosTheta'`. */
  thetaBinning?: ThetaBinning;
  /** Smallest θ on the image in radians, in [0, π); row 0 starts here. Default 0. */
  thetaMin?: number;
  /** Largest θ on the image in radians, in (thetaMin, π]; the last row ends here. Default π. */
  thetaMax?: number;
  /** Channels in the order of the image's last axis, without repeats. Default `['charged', 'neutral']`. */
  channels?: readonly RasterChannel[];
  /**
   * `'nearest'` writes a particle's whole value into the pixel that contains it; `'bilinear'` splits it over
   * the four nearest pixel centres with the weights of {@link bilinearTaps}. Default `'nearest'`.
   */
  deposition?: Deposition;
}

/** Options with every field filled in and checked. */
export type ResolvedRasterOptions = Required<RasterOptions> & { readonly channels: readonly RasterChannel[] };

/** Default image: 64 × 64 pixels in cos θ × φ over the full solid angle, charged and neutral energy. */
export const DEFAULT_RASTER_OPTIONS: Readonly<ResolvedRasterOptions> = Object.freeze({
  height: 64,
  width: 64,
  thetaBinning: 'cosTheta',
  thetaMin: 0,
  thetaMax: Math.PI,
  channels: Object.freeze(['charged', 'neutral'] as RasterChannel[]),
  deposition: 'nearest',
});

const OPTION_KEYS = new Set(Object.keys(DEFAULT_RASTER_OPTIONS));

/**
 * Merges `options` with {@link DEFAULT_RASTER_OPTIONS} and checks the result.
 *
 * @param caller Name of the public function, used as the prefix of error messages.
 * @throws TypeError for an option of the wrong type or an unknown option name.
 * @throws RangeError for zero or fractional bin counts, a θ range outside [0, π] or empty, an unknown channel,
 *   a repeated channel or an unknown binning or deposition.
 */
export function resolveRasterOptions(
  options: RasterOptions | undefined,
  caller: string,
): ResolvedRasterOptions {
  if (options === undefined) return DEFAULT_RASTER_OPTIONS;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${caller}: options: expected an object but got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) {
      throw new TypeError(
        `${caller}: options: unknown option "${key}"; expected one of ${[...OPTION_KEYS].join(', ')}`,
      );
    }
  }
  const merged = { ...DEFAULT_RASTER_OPTIONS, ...stripUndefined(options) };

  checkBinCount(merged.height, 'height', caller);
  checkBinCount(merged.width, 'width', caller);
  checkEnum(merged.thetaBinning, ['theta', 'cosTheta'], 'thetaBinning', caller);
  checkEnum(merged.deposition, ['nearest', 'bilinear'], 'deposition', caller);
  checkAngle(merged.thetaMin, 'thetaMin', caller);
  checkAngle(merged.thetaMax, 'thetaMax', caller);
  if (!(merged.thetaMin < merged.thetaMax)) {
    throw new RangeError(
      `${caller}: options: expected thetaMin < thetaMax but got thetaMin = ${merged.thetaMin}, ` +
        `thetaMax = ${merged.thetaMax}`,
    );
  }
  const channels = checkChannels(merged.channels, caller);
  return Object.freeze({ ...merged, channels });
}

function checkBinCount(value: unknown, name: string, caller: string): void {
  if (typeof value !== 'number') {
    throw new TypeError(`${caller}: options.${name}: expected a positive integer but got ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${caller}: options.${name}: expected a positive integer but got ${value}`);
  }
}

function checkAngle(value: unknown, name: string, caller: string): void {
  if (typeof value !== 'number') {
    throw new TypeError(
      `${caller}: options.${name}: expected an angle in radians but got ${describe(value)}`,
    );
  }
  if (!(value >= 0 && value <= Math.PI)) {
    throw new RangeError(`${caller}: options.${name}: expected an angle in [0, π] radians but got ${value}`);
  }
}

function checkEnum(value: unknown, allowed: readonly string[], name: string, caller: string): void {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new RangeError(
      `${caller}: options.${name}: expected one of ${allowed.map((a) => `'${a}'`).join(', ')} but got ` +
        describe(value),
    );
  }
}

function checkChannels(value: unknown, caller: string): readonly RasterChannel[] {
  if (!Array.isArray(value)) {
    throw new TypeError(
      `${caller}: options.channels: expected an array of channel names but got ${describe(value)}`,
    );
  }
  if (value.length === 0) {
    throw new RangeError(`${caller}: options.channels: expected at least one channel but got none`);
  }
  const seen = new Set<string>();
  for (const channel of value) {
    if (typeof channel !== 'string' || !(RASTER_CHANNELS as readonly string[]).includes(channel)) {
      throw new RangeError(
        `${caller}: options.channels: unknown channel ${describe(channel)}; expected one of ` +
          RASTER_CHANNELS.join(', '),
      );
    }
    if (seen.has(channel)) {
      throw new RangeError(`${caller}: options.channels: channel '${channel}' appears more than once`);
    }
    seen.add(channel);
  }
  return Object.freeze([...(value as RasterChannel[])]);
}

function stripUndefined(options: RasterOptions): RasterOptions {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (value !== undefined) result[key] = value;
  return result as RasterOptions;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
