/**
 * Options of the U-Net colorizer, their defaults and their validation.
 */

/** Upsampling step of a decoder level, which doubles the height and width of its input. */
export type UpsamplingMode = 'transpose' | 'nearest';

/** Options of {@link buildUNet}. Every field but `inputShape` has a default in {@link DEFAULT_UNET_OPTIONS}. */
export interface UNetOptions {
  /**
   * Input image shape [H, W, C]: H rows (θ bins), W columns (φ bins, periodic), C channels. H and W must
   * be multiples of 2^depth. Required.
   */
  inputShape: [number, number, number];
  /** Number of jet channels in the output. Default 6 (e+e- → ZHH → qq̄ bb̄ bb̄). */
  nJets: number;
  /**
   * Adds one more output channel, the last, for particles of no jet. The softmax then runs over nJets + 1
   * channels. Default false.
   */
  noJetChannel: boolean;
  /** Number of 2×2 max-pooling steps between the first level and the bottom. Default 4. */
  depth: number;
  /** Filters of the convolutions of the first level; each deeper level doubles them. Default 8. */
  baseFilters: number;
  /** Convolutions (each followed by its activation) per encoder level, bottom and decoder level. Default 3. */
  convsPerLevel: number;
  /** Odd side of the square convolution kernels. Default 3. */
  kernelSize: number;
  /**
   * Batch normalisation between each convolution and its activation. Default false: it roughly doubled
   * the training time per event of the default network on the WebAssembly backend (docs/unet.md).
   */
  batchNorm: boolean;
  /** Dropout rate in [0, 1) applied after the convolutions of the bottom level; 0 turns it off. Default 0. */
  dropout: number;
  /**
   * Upsampling step of each decoder level: 'transpose' (2×2 transposed convolution with stride 2) or
   * 'nearest' (each pixel repeated 2×2, with no weights of its own). Both keep the φ periodicity, unlike
   * a bilinear upsampling, which would clamp at the φ edges. Default 'transpose'.
   */
  upsampling: UpsamplingMode;
  /** Activation of the hidden convolutions. Default 'relu'. */
  activation: 'relu' | 'elu' | 'selu' | 'tanh';
  /** Seed of the weight initialisers, so that a model build is reproducible. Default 1. */
  seed: number;
}

/**
 * Default options. The default network has 32 convolution layers (3 per encoder level, 3 at the bottom,
 * 1 transposed and 3 per decoder level, 1 output layer), close to the about 30 convolution layers of the
 * 2018 KEK colorization study's network. It has 0.73 million weights (2.9 MB) for 2 input channels and
 * 6 jets. docs/unet.md lists the sizes and training times that were measured to choose it.
 */
export const DEFAULT_UNET_OPTIONS: Readonly<Omit<UNetOptions, 'inputShape'>> = Object.freeze({
  nJets: 6,
  noJetChannel: false,
  depth: 4,
  baseFilters: 8,
  convsPerLevel: 3,
  kernelSize: 3,
  batchNorm: false,
  dropout: 0,
  upsampling: 'transpose',
  activation: 'relu',
  seed: 1,
});

const UPSAMPLING_MODES: readonly UpsamplingMode[] = ['transpose', 'nearest'];
const ACTIVATIONS: readonly UNetOptions['activation'][] = ['relu', 'elu', 'selu', 'tanh'];

/**
 * Merges `options` over {@link DEFAULT_UNET_OPTIONS} and validates the result.
 *
 * @throws TypeError when a field has the wrong type.
 * @throws RangeError when a value is out of range or H, W are not multiples of 2^depth.
 */
export function resolveUNetOptions(
  options: Partial<UNetOptions> & Pick<UNetOptions, 'inputShape'>,
  caller = 'buildUNet',
): UNetOptions {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${caller}: options: expected an object but got ${String(options)}`);
  }
  const merged: UNetOptions = { ...DEFAULT_UNET_OPTIONS, ...options };

  const shape = merged.inputShape;
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((n) => Number.isInteger(n) && n > 0)) {
    throw new TypeError(
      `${caller}: inputShape: expected [H, W, C] of 3 positive integers but got ${JSON.stringify(shape)}`,
    );
  }
  checkInteger(caller, 'nJets', merged.nJets, 1, 64);
  checkInteger(caller, 'depth', merged.depth, 0, 8);
  checkInteger(caller, 'baseFilters', merged.baseFilters, 1, 1024);
  checkInteger(caller, 'convsPerLevel', merged.convsPerLevel, 1, 8);
  checkInteger(caller, 'kernelSize', merged.kernelSize, 1, 15);
  checkInteger(caller, 'seed', merged.seed, 0, 2 ** 31 - 1);

  if (merged.kernelSize % 2 === 0) {
    throw new RangeError(`${caller}: kernelSize: expected an odd integer but got ${merged.kernelSize}`);
  }
  if (typeof merged.noJetChannel !== 'boolean') {
    throw new TypeError(`${caller}: noJetChannel: expected a boolean but got ${String(merged.noJetChannel)}`);
  }
  if (typeof merged.batchNorm !== 'boolean') {
    throw new TypeError(`${caller}: batchNorm: expected a boolean but got ${String(merged.batchNorm)}`);
  }
  if (typeof merged.dropout !== 'number' || !(merged.dropout >= 0 && merged.dropout < 1)) {
    throw new RangeError(`${caller}: dropout: expected a rate in [0, 1) but got ${String(merged.dropout)}`);
  }
  if (!UPSAMPLING_MODES.includes(merged.upsampling)) {
    throw new RangeError(
      `${caller}: upsampling: expected one of ${UPSAMPLING_MODES.join(', ')} but got ${String(merged.upsampling)}`,
    );
  }
  if (!ACTIVATIONS.includes(merged.activation)) {
    throw new RangeError(
      `${caller}: activation: expected one of ${ACTIVATIONS.join(', ')} but got ${String(merged.activation)}`,
    );
  }

  const [height, width] = shape;
  const factor = 2 ** merged.depth;
  if (height % factor !== 0 || width % factor !== 0) {
    throw new RangeError(
      `${caller}: inputShape: expected H and W to be multiples of 2^depth = ${factor} but got ${height}×${width}`,
    );
  }
  return { ...merged, inputShape: [shape[0], shape[1], shape[2]] };
}

/** Number of output channels K: nJets, plus one with the "no jet" channel. */
export function outputChannels(options: Pick<UNetOptions, 'nJets' | 'noJetChannel'>): number {
  return options.nJets + (options.noJetChannel ? 1 : 0);
}

function checkInteger(caller: string, name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number') {
    throw new TypeError(`${caller}: ${name}: expected an integer but got ${typeof value}`);
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${caller}: ${name}: expected an integer in [${min}, ${max}] but got ${value}`);
  }
}
