import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupBackend } from '../../src/unet/backend';
import { registerWasmTrainingKernels } from '../../src/unet/kernels/register-all';
import { relativeError, valuesOn } from './kernels-support';

type Pad = 'same' | 'valid';
/** [batch, height, width, inChannels, outChannels, filterSize, stride, pad]: the U-Net's convolutions. */
type ConvCase = [number, number, number, number, number, number, number, Pad];

const CONV_CASES: ConvCase[] = [
  [2, 8, 8, 3, 5, 3, 1, 'same'], // 3×3 convolution of a level
  [2, 9, 7, 4, 6, 3, 1, 'valid'], // 3×3 after the periodic padding, odd sizes
  [3, 8, 8, 4, 4, 3, 2, 'same'], // strided down-sampling
  [2, 9, 9, 3, 2, 3, 2, 'same'], // strided, odd size: asymmetric padding
  [2, 8, 8, 6, 3, 2, 2, 'valid'], // 2×2 stride 2 (transposed convolution)
  [2, 7, 7, 6, 3, 2, 2, 'same'],
  [1, 6, 6, 8, 4, 1, 1, 'valid'], // 1×1 output head
  [2, 7, 9, 3, 4, 2, 1, 'same'], // even filter at stride 1: padding only below and right
  [2, 64, 64, 64, 2, 3, 1, 'same'], // large enough to split into chunks (one image each)
  [1, 64, 64, 128, 2, 3, 1, 'same'], // one image over the scratch size: chunks of output rows
  [4, 64, 64, 128, 2, 3, 2, 'same'], // strided and split into chunks
];

function convCaseTitle([b, h, w, ci, co, k, s, pad]: ConvCase): string {
  return `${b}×${h}×${w}×${ci}→${co}, ${k}×${k}, stride ${s}, ${pad}`;
}

/** Random input x, filter and output gradient dy for a case, created on the current backend. */
function convInputs([b, h, w, ci, co, k, s, pad]: ConvCase, seed: number) {
  const x = tf.randomNormal([b, h, w, ci], 0, 1, 'float32', seed) as tf.Tensor4D;
  const filter = tf.randomNormal([k, k, ci, co], 0, 1, 'float32', seed + 1) as tf.Tensor4D;
  const outShape = tf.conv2d(x, filter, s, pad).shape;
  const dy = tf.randomNormal(outShape, 0, 1, 'float32', seed + 2) as tf.Tensor4D;
  return { x, filter, dy, stride: s, pad };
}

const TOLERANCE = 1e-4;

beforeAll(async () => {
  await setupBackend('wasm');
  await setupBackend('cpu');
});

describe('Conv2DBackpropFilter on wasm', () => {
  for (const testCase of CONV_CASES) {
    it(`matches cpu for ${convCaseTitle(testCase)}`, async () => {
      const compute = () => {
        const { x, filter, dy, stride, pad } = convInputs(testCase, 11);
        return tf.engine().runKernel(
          'Conv2DBackpropFilter',
          { x, dy },
          {
            strides: [stride, stride],
            pad,
            dataFormat: 'NHWC',
            filterShape: filter.shape,
          },
        ) as tf.Tensor;
      };
      const [wasm] = await valuesOn('wasm', compute);
      const [cpu] = await valuesOn('cpu', compute);
      expect(relativeError(wasm!, cpu!)).toBeLessThan(TOLERANCE);
    });
  }
});

describe('Conv2DBackpropInput on wasm', () => {
  for (const testCase of CONV_CASES) {
    it(`matches cpu for ${convCaseTitle(testCase)}`, async () => {
      const compute = () => {
        const { x, filter, dy, stride, pad } = convInputs(testCase, 23);
        return tf.engine().runKernel(
          'Conv2DBackpropInput',
          { dy, filter },
          {
            strides: [stride, stride],
            pad,
            dataFormat: 'NHWC',
            inputShape: x.shape,
          },
        ) as tf.Tensor;
      };
      const [wasm] = await valuesOn('wasm', compute);
      const [cpu] = await valuesOn('cpu', compute);
      expect(relativeError(wasm!, cpu!)).toBeLessThan(TOLERANCE);
    });
  }

  it('matches cpu in conv2dTranspose with stride 2', async () => {
    const compute = () => {
      const x = tf.randomNormal([2, 5, 6, 4], 0, 1, 'float32', 5) as tf.Tensor4D;
      const filter = tf.randomNormal([3, 3, 7, 4], 0, 1, 'float32', 6) as tf.Tensor4D;
      return tf.conv2dTranspose(x, filter, [2, 10, 12, 7], 2, 'same');
    };
    const [wasm] = await valuesOn('wasm', compute);
    const [cpu] = await valuesOn('cpu', compute);
    expect(relativeError(wasm!, cpu!)).toBeLessThan(TOLERANCE);
  });
});

describe('UnsortedSegmentSum on wasm', () => {
  it('matches cpu and drops ids out of range', async () => {
    const compute = () => {
      const x = tf.randomNormal([40, 3], 0, 1, 'float32', 3);
      const ids = tf.tensor1d(
        Array.from({ length: 40 }, (_, i) => ((i * 7) % 13) - 1),
        'int32',
      );
      return tf.unsortedSegmentSum(x, ids, 10);
    };
    const [wasm] = await valuesOn('wasm', compute);
    const [cpu] = await valuesOn('cpu', compute);
    expect(wasm).toHaveLength(30);
    expect(relativeError(wasm!, cpu!)).toBeLessThan(TOLERANCE);
  });

  it('gives the gradient of a gather', async () => {
    const compute = () => {
      const x = tf.randomNormal([50], 0, 1, 'float32', 4);
      const indices = tf.tensor1d([3, 3, 17, 49, 0, 17], 'int32');
      return tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.gather(v, indices), tf.range(1, 7))))(x);
    };
    const [wasm] = await valuesOn('wasm', compute);
    const [cpu] = await valuesOn('cpu', compute);
    expect(relativeError(wasm!, cpu!)).toBeLessThan(TOLERANCE);
  });
});

describe('ResizeNearestNeighborGrad', () => {
  /** Gradient of a 2× nearest upsampling: dx[b, r, c, d] = Σ of dy over the 2×2 block it was copied to. */
  function blockSums(dy: Float32Array, [b, h, w, c]: [number, number, number, number]): Float32Array {
    const dx = new Float32Array(b * h * w * c);
    for (let n = 0; n < b; n++) {
      for (let y = 0; y < 2 * h; y++) {
        for (let x = 0; x < 2 * w; x++) {
          for (let d = 0; d < c; d++) {
            const target = ((n * h + Math.floor(y / 2)) * w + Math.floor(x / 2)) * c + d;
            dx[target] = (dx[target] ?? 0) + (dy[((n * 2 * h + y) * 2 * w + x) * c + d] ?? 0);
          }
        }
      }
    }
    return dx;
  }

  const shape: [number, number, number, number] = [3, 4, 5, 2];
  const compute = () => {
    const x = tf.randomNormal(shape, 0, 1, 'float32', 8) as tf.Tensor4D;
    const dy = tf.randomNormal([3, 8, 10, 2], 0, 1, 'float32', 9);
    const dx = tf.grad((v: tf.Tensor) =>
      tf.sum(tf.mul(tf.image.resizeNearestNeighbor(v as tf.Tensor4D, [8, 10]), dy)),
    )(x);
    return [dy, dx];
  };

  for (const backend of ['wasm', 'cpu'] as const) {
    it(`sums 2×2 blocks on ${backend} for every image of a batch`, async () => {
      const [dy, dx] = await valuesOn(backend, compute);
      expect(relativeError(dx!, blockSums(dy!, shape))).toBeLessThan(TOLERANCE);
    });
  }
});

describe('setupBackend', () => {
  it('rejects an unknown backend name', async () => {
    // @ts-expect-error: JavaScript callers can pass any string.
    await expect(setupBackend('webgl')).rejects.toThrow(
      `setupBackend: name: expected 'wasm' or 'cpu' but got "webgl"`,
    );
  });

  it('rejects wasmPaths once the wasm backend is initialised', async () => {
    await expect(setupBackend('wasm', { wasmPaths: '/elsewhere/' })).rejects.toThrow(
      'setupBackend: options.wasmPaths: the wasm backend is already initialised',
    );
  });

  it('registers the kernels only once', async () => {
    expect(await setupBackend('wasm')).toBe('wasm');
    expect(registerWasmTrainingKernels()).toEqual([]);
    expect(tf.getBackend()).toBe('wasm');
  });
});
