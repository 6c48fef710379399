import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupBackend } from '../../src/unet/backend';
import { relativeError, valuesOn } from './kernels-support';

beforeAll(async () => {
  await setupBackend('wasm');
  await setupBackend('cpu');
});

/** [shapes of the inputs, axis]: the last axis takes the fast path, other axes the built-in kernel. */
const CONCAT_CASES: [number[][], number][] = [
  [
    [
      [2, 5, 4, 8],
      [2, 5, 4, 8],
    ],
    3,
  ],
  [
    [
      [2, 3, 3, 3],
      [2, 3, 3, 40],
      [2, 3, 3, 1],
    ],
    -1,
  ],
  [
    [
      [7, 64],
      [7, 33],
    ],
    1,
  ],
  [
    [
      [2, 5, 4, 8],
      [2, 3, 4, 8],
    ],
    1,
  ],
];

describe('Concat on wasm', () => {
  CONCAT_CASES.forEach(([shapes, axis], n) => {
    it(`matches cpu for ${shapes.map((s) => s.join('×')).join(' + ')} on axis ${axis}`, async () => {
      const compute = () =>
        tf.concat(
          shapes.map((shape, i) => tf.randomNormal(shape, 0, 1, 'float32', 10 * n + i + 1)),
          axis,
        );
      const [wasm] = await valuesOn('wasm', compute);
      const [cpu] = await valuesOn('cpu', compute);
      expect(relativeError(wasm!, cpu!)).toBe(0);
    });
  });

  it('joins int32 tensors through the built-in kernel', async () => {
    await tf.setBackend('wasm');
    const joined = tf.concat(
      [tf.tensor2d([[1], [2]], [2, 1], 'int32'), tf.tensor2d([[3], [4]], [2, 1], 'int32')],
      1,
    );
    expect(joined.dtype).toBe('int32');
    expect(Array.from(joined.dataSync())).toEqual([1, 3, 2, 4]);
    joined.dispose();
  });
});

describe('SplitV on wasm', () => {
  for (const [splits, axis] of [
    [[3, 5], 3],
    [2, -1],
    [[1, 4], 1],
  ] as [number | number[], number][]) {
    it(`matches cpu for splits ${JSON.stringify(splits)} on axis ${axis}`, async () => {
      const compute = () => tf.split(tf.randomNormal([2, 5, 4, 8], 0, 1, 'float32', 3), splits, axis);
      const wasm = await valuesOn('wasm', compute);
      const cpu = await valuesOn('cpu', compute);
      expect(wasm).toHaveLength(cpu.length);
      wasm.forEach((part, i) =>
        expect(relativeError(part, cpu[i] ?? new Float32Array()), `part ${i}`).toBe(0),
      );
    });
  }

  it('gives the gradient of a concatenation', async () => {
    const compute = () => {
      const a = tf.randomNormal([2, 3, 3, 8], 0, 1, 'float32', 1);
      const b = tf.randomNormal([2, 3, 3, 40], 0, 1, 'float32', 2);
      const dy = tf.randomNormal([2, 3, 3, 48], 0, 1, 'float32', 4);
      return tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.concat([x, y], 3), dy)))([a, b]);
    };
    const wasm = await valuesOn('wasm', compute);
    const cpu = await valuesOn('cpu', compute);
    wasm.forEach((part, i) =>
      expect(relativeError(part, cpu[i] ?? new Float32Array()), `input ${i}`).toBe(0),
    );
  });
});
