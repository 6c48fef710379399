import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';

import { PeriodicPadding2D } from '../../src/unet/periodic-padding.js';
import { DEFAULT_UNET_OPTIONS, resolveUNetOptions } from '../../src/unet/unet-options.js';
import { buildUNet } from '../../src/unet/unet.js';
import { seededRandom } from '../support/synthetic-events.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function randomImages(seed: number, shape: [number, number, number, number]): tf.Tensor4D {
  const random = seededRandom(seed);
  const values = Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => random() * 10);
  return tf.tensor4d(values, shape);
}

function convolutionCount(model: tfl.LayersModel): number {
  return model.layers.filter((layer) => layer.getClassName().startsWith('Conv2D')).length;
}

describe('PeriodicPadding2D', () => {
  it('wraps columns and zero-pads rows', () => {
    const layer = new PeriodicPadding2D({ heightPadding: 1, widthPadding: 1 });
    const input = tf.tensor4d([1, 2, 3, 4, 5, 6], [1, 2, 3, 1]);
    const output = layer.apply(input) as tf.Tensor;
    expect(output.shape).toEqual([1, 4, 5, 1]);
    expect(Array.from(output.dataSync())).toEqual([
      0, 0, 0, 0, 0, 3, 1, 2, 3, 1, 6, 4, 5, 6, 4, 0, 0, 0, 0, 0,
    ]);
    tf.dispose([input, output]);
  });

  it('pads by two columns from the opposite edge', () => {
    const layer = new PeriodicPadding2D({ heightPadding: 0, widthPadding: 2 });
    const input = tf.tensor4d([1, 2, 3], [1, 1, 3, 1]);
    const output = layer.apply(input) as tf.Tensor;
    expect(Array.from(output.dataSync())).toEqual([2, 3, 1, 2, 3, 1, 2]);
    tf.dispose([input, output]);
  });

  it('reports the padded output shape', () => {
    const layer = new PeriodicPadding2D({ heightPadding: 2, widthPadding: 1 });
    expect(layer.computeOutputShape([null, 8, 16, 3])).toEqual([null, 12, 18, 3]);
  });

  it('rejects padding wider than the image', () => {
    const layer = new PeriodicPadding2D({ heightPadding: 0, widthPadding: 4 });
    const input = tf.zeros([1, 2, 3, 1]);
    expect(() => layer.apply(input)).toThrow(
      'PeriodicPadding2D: input: expected a width ≥ widthPadding = 4 but got 3',
    );
    input.dispose();
  });

  it('rejects negative padding', () => {
    expect(() => new PeriodicPadding2D({ widthPadding: -1 })).toThrow(
      'PeriodicPadding2D: widthPadding: expected a non-negative integer but got -1',
    );
  });

  it('serialises its configuration', () => {
    const layer = new PeriodicPadding2D({ heightPadding: 2, widthPadding: 3, name: 'pad' });
    const config = layer.getConfig();
    expect(config.heightPadding).toBe(2);
    expect(config.widthPadding).toBe(3);
    const copy = tf.serialization.SerializationMap.getMap().classNameMap.PeriodicPadding2D;
    expect(copy?.[0]).toBe(PeriodicPadding2D);
  });
});

describe('buildUNet', () => {
  it('outputs [B, H, W, nJets] heat maps', () => {
    const model = buildUNet({ inputShape: [16, 32, 2], depth: 2, baseFilters: 4, nJets: 4 });
    const images = randomImages(1, [3, 16, 32, 2]);
    const heatMaps = model.predict(images) as tf.Tensor;
    expect(heatMaps.shape).toEqual([3, 16, 32, 4]);
    const sums = tf.sum(heatMaps, -1);
    expect(tf.max(tf.abs(tf.sub(sums, 1))).dataSync()[0]).toBeLessThan(1e-5);
    expect(tf.min(heatMaps).dataSync()[0]).toBeGreaterThanOrEqual(0);
    tf.dispose([images, heatMaps, sums]);
    model.dispose();
  });

  it('adds the no-jet channel', () => {
    const model = buildUNet({
      inputShape: [8, 8, 1],
      depth: 1,
      baseFilters: 2,
      nJets: 3,
      noJetChannel: true,
    });
    expect(model.outputs[0]?.shape).toEqual([null, 8, 8, 4]);
    model.dispose();
  });

  it('builds with nearest upsampling and batch normalisation', () => {
    const model = buildUNet({
      inputShape: [8, 16, 2],
      depth: 2,
      baseFilters: 2,
      upsampling: 'nearest',
      batchNorm: true,
      dropout: 0.1,
    });
    expect(model.layers.some((layer) => layer.getClassName() === 'UpSampling2D')).toBe(true);
    expect(model.layers.some((layer) => layer.getClassName() === 'BatchNormalization')).toBe(true);
    expect(model.outputs[0]?.shape).toEqual([null, 8, 16, 6]);
    model.dispose();
  });

  it('has 32 convolutions by default', () => {
    const model = buildUNet({ inputShape: [64, 64, 2] });
    expect(convolutionCount(model)).toBe(32);
    expect(model.countParams()).toBe(731534);
    model.dispose();
  });

  it('is equivariant under φ rotations', () => {
    // Rolling the columns by a multiple of 2^depth commutes with pooling, so it must roll the heat maps.
    const model = buildUNet({ inputShape: [8, 16, 1], depth: 2, baseFilters: 4, nJets: 3 });
    const images = randomImages(2, [1, 8, 16, 1]);
    const roll = (x: tf.Tensor, shift: number): tf.Tensor =>
      tf.concat(
        [
          tf.slice(x, [0, 0, 16 - shift, 0], [-1, -1, shift, -1]),
          tf.slice(x, [0, 0, 0, 0], [-1, -1, 16 - shift, -1]),
        ],
        2,
      );
    const direct = roll(model.predict(images) as tf.Tensor, 4);
    const rolled = model.predict(roll(images, 4)) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(direct, rolled))).dataSync()[0]).toBeLessThan(1e-5);
    model.dispose();
  });

  it('builds the same weights from the same seed', () => {
    const a = buildUNet({ inputShape: [8, 8, 1], depth: 1, baseFilters: 2, seed: 5 });
    const b = buildUNet({ inputShape: [8, 8, 1], depth: 1, baseFilters: 2, seed: 5 });
    const weightsA = a.getWeights().map((w) => Array.from(w.dataSync()));
    const weightsB = b.getWeights().map((w) => Array.from(w.dataSync()));
    expect(weightsA).toEqual(weightsB);
    a.dispose();
    b.dispose();
  });

  it('rejects a grid not divisible by 2^depth', () => {
    expect(() => buildUNet({ inputShape: [20, 64, 2] })).toThrow(
      'buildUNet: inputShape: expected H and W to be multiples of 2^depth = 16 but got 20×64',
    );
  });

  it('rejects an even kernel size', () => {
    expect(() => resolveUNetOptions({ inputShape: [16, 16, 1], kernelSize: 4 })).toThrow(
      'buildUNet: kernelSize: expected an odd integer but got 4',
    );
  });

  it('rejects an unknown upsampling mode', () => {
    expect(() =>
      resolveUNetOptions({ inputShape: [16, 16, 1], upsampling: 'bilinear' as 'nearest' }),
    ).toThrow('buildUNet: upsampling: expected one of transpose, nearest but got bilinear');
  });

  it('keeps the defaults frozen', () => {
    expect(Object.isFrozen(DEFAULT_UNET_OPTIONS)).toBe(true);
  });
});
