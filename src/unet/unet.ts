/**
 * The U-Net that paints every pixel of a detector image with the probability of each jet.
 */

import * as tfl from '@tensorflow/tfjs-layers';

import { PeriodicPadding2D } from './periodic-padding.js';
import { outputChannels, resolveUNetOptions, type UNetOptions } from './unet-options.js';

/** Name of the model's output layer, whose output is the heat maps [B, H, W, K]. */
export const HEAT_MAP_LAYER_NAME = 'heat_maps';

/**
 * Builds an untrained U-Net on tfjs-layers.
 *
 * The input is a batch of images [B, H, W, C]; the output is [B, H, W, K] heat maps with a softmax over
 * the K = nJets (+ 1 with `noJetChannel`) channels. Each encoder level runs `convsPerLevel` convolutions
 * and halves H and W by 2×2 max pooling. Each decoder level doubles them, concatenates the encoder level's
 * output of the same size (the skip connection) and runs `convsPerLevel` convolutions. A 1×1 convolution
 * makes the heat maps. Every convolution with a kernel wider than 1 is preceded by a
 * {@link PeriodicPadding2D} layer, so φ wraps around and θ is zero-padded.
 *
 * @throws TypeError or RangeError from {@link resolveUNetOptions} for invalid options.
 */
export function buildUNet(options: Partial<UNetOptions> & Pick<UNetOptions, 'inputShape'>): tfl.LayersModel {
  const resolved = resolveUNetOptions(options);
  const builder = new UNetBuilder(resolved);
  return builder.build();
}

/** Filters of encoder level `level` (0 at full resolution, `depth` at the bottom). */
export function levelFilters(options: Pick<UNetOptions, 'baseFilters'>, level: number): number {
  return options.baseFilters * 2 ** level;
}

class UNetBuilder {
  private seed: number;

  constructor(private readonly options: UNetOptions) {
    this.seed = options.seed;
  }

  build(): tfl.LayersModel {
    const { depth, dropout, upsampling } = this.options;
    const input = tfl.input({ shape: this.options.inputShape, name: 'image' });
    let x: tfl.SymbolicTensor = input;
    const skips: tfl.SymbolicTensor[] = [];

    for (let level = 0; level < depth; level++) {
      x = this.convBlock(x, levelFilters(this.options, level), `down${level}`);
      skips.push(x);
      x = apply(tfl.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `down${level}_pool` }), x);
    }

    x = this.convBlock(x, levelFilters(this.options, depth), 'bottom');
    if (dropout > 0) {
      x = apply(tfl.layers.dropout({ rate: dropout, seed: this.nextSeed(), name: 'bottom_dropout' }), x);
    }

    for (let level = depth - 1; level >= 0; level--) {
      const upLayer =
        upsampling === 'transpose'
          ? tfl.layers.conv2dTranspose({
              filters: levelFilters(this.options, level),
              kernelSize: 2,
              strides: 2,
              padding: 'valid',
              kernelInitializer: tfl.initializers.heNormal({ seed: this.nextSeed() }),
              name: `up${level}_transpose`,
            })
          : tfl.layers.upSampling2d({ size: [2, 2], interpolation: 'nearest', name: `up${level}_nearest` });
      x = apply(upLayer, x);
      const skip = skips[level] as tfl.SymbolicTensor;
      x = apply(tfl.layers.concatenate({ axis: -1, name: `up${level}_concat` }), [skip, x]);
      x = this.convBlock(x, levelFilters(this.options, level), `up${level}`);
    }

    const heatMaps = apply(
      tfl.layers.conv2d({
        filters: outputChannels(this.options),
        kernelSize: 1,
        activation: 'softmax',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: this.nextSeed() }),
        name: HEAT_MAP_LAYER_NAME,
      }),
      x,
    );
    return tfl.model({ inputs: input, outputs: heatMaps, name: 'jetcolor_unet' });
  }

  /** `convsPerLevel` × (periodic padding, convolution, optional batch normalisation, activation). */
  private convBlock(input: tfl.SymbolicTensor, filters: number, prefix: string): tfl.SymbolicTensor {
    const { convsPerLevel, kernelSize, batchNorm, activation } = this.options;
    const halo = (kernelSize - 1) / 2;
    let x = input;
    for (let i = 0; i < convsPerLevel; i++) {
      const name = `${prefix}_conv${i}`;
      if (halo > 0) {
        x = apply(new PeriodicPadding2D({ heightPadding: halo, widthPadding: halo, name: `${name}_pad` }), x);
      }
      x = apply(
        tfl.layers.conv2d({
          filters,
          kernelSize,
          padding: 'valid',
          useBias: !batchNorm,
          kernelInitializer: tfl.initializers.heNormal({ seed: this.nextSeed() }),
          name,
        }),
        x,
      );
      if (batchNorm) x = apply(tfl.layers.batchNormalization({ axis: -1, name: `${name}_bn` }), x);
      x = apply(tfl.layers.activation({ activation, name: `${name}_${activation}` }), x);
    }
    return x;
  }

  private nextSeed(): number {
    this.seed += 1;
    return this.seed;
  }
}

/** Applies a layer to symbolic tensors; every layer here has one output. */
function apply(
  layer: tfl.layers.Layer,
  input: tfl.SymbolicTensor | tfl.SymbolicTensor[],
): tfl.SymbolicTensor {
  const output = layer.apply(input);
  if (Array.isArray(output) || !(output instanceof tfl.SymbolicTensor)) {
    throw new TypeError(`buildUNet: layer ${layer.name}: expected one symbolic output`);
  }
  return output;
}
