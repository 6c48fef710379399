import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupBackend } from '../../src/unet/backend';
import { periodicPad } from '../../src/unet/kernels/periodic-pad';
import { PeriodicPadding2D } from '../../src/unet/periodic-padding';
import { relativeError, valuesOn } from './kernels-support';

const SHAPE: [number, number, number, number] = [2, 5, 7, 3];
const [B, H, W, C] = SHAPE;

/** Padded value at (b, row, col, c) by definition: rows outside [0, H) are 0, columns wrap modulo W. */
function expectedPadding(x: Float32Array, rowPad: number, colPad: number): Float32Array {
  const outH = H + 2 * rowPad;
  const outW = W + 2 * colPad;
  const out = new Float32Array(B * outH * outW * C);
  for (let b = 0; b < B; b++) {
    for (let r = 0; r < outH; r++) {
      const row = r - rowPad;
      if (row < 0 || row >= H) continue;
      for (let col = 0; col < outW; col++) {
        const source = (((col - colPad) % W) + W) % W;
        for (let c = 0; c < C; c++) {
          out[((b * outH + r) * outW + col) * C + c] = x[((b * H + row) * W + source) * C + c] ?? NaN;
        }
      }
    }
  }
  return out;
}

/** Gradient by definition: each padded pixel's dy goes back to the pixel it was copied from. */
function expectedGradient(dy: Float32Array, rowPad: number, colPad: number): Float32Array {
  const outH = H + 2 * rowPad;
  const outW = W + 2 * colPad;
  const dx = new Float32Array(B * H * W * C);
  for (let b = 0; b < B; b++) {
    for (let row = 0; row < H; row++) {
      for (let col = 0; col < outW; col++) {
        const source = (((col - colPad) % W) + W) % W;
        for (let c = 0; c < C; c++) {
          const target = ((b * H + row) * W + source) * C + c;
          dx[target] = (dx[target] ?? 0) + (dy[((b * outH + row + rowPad) * outW + col) * C + c] ?? 0);
        }
      }
    }
  }
  return dx;
}

beforeAll(async () => {
  await setupBackend('wasm');
  await setupBackend('cpu');
});

describe('periodicPad', () => {
  for (const backend of ['wasm', 'cpu'] as const) {
    for (const [rowPad, colPad] of [
      [1, 1],
      [2, 3],
      [0, 2],
      [1, 0],
    ] as const) {
      it(`pads ${rowPad} rows, ${colPad} columns on ${backend}`, async () => {
        const [x, padded, dy, dx] = await valuesOn(backend, () => {
          const input = tf.randomNormal(SHAPE, 0, 1, 'float32', 3) as tf.Tensor4D;
          const output = periodicPad(input, rowPad, colPad);
          const gradient = tf.randomNormal(output.shape, 0, 1, 'float32', 4);
          const dInput = tf.grad((v: tf.Tensor) =>
            tf.sum(tf.mul(periodicPad(v as tf.Tensor4D, rowPad, colPad), gradient)),
          )(input);
          return [input, output, gradient, dInput];
        });
        expect(relativeError(padded!, expectedPadding(x!, rowPad, colPad))).toBe(0);
        expect(relativeError(dx!, expectedGradient(dy!, rowPad, colPad))).toBeLessThan(1e-6);
      });
    }
  }

  it('matches the PeriodicPadding2D layer', async () => {
    const [fromLayer, fromOp] = await valuesOn('wasm', () => {
      const input = tf.randomNormal(SHAPE, 0, 1, 'float32', 5) as tf.Tensor4D;
      const layer = new PeriodicPadding2D({ heightPadding: 1, widthPadding: 2 });
      return [layer.apply(input) as tf.Tensor, periodicPad(input, 1, 2)];
    });
    expect(relativeError(fromOp!, fromLayer!)).toBe(0);
  });

  it('rejects padding wider than the image', async () => {
    await tf.setBackend('wasm');
    const input = tf.zeros([1, 2, 3, 1]) as tf.Tensor4D;
    expect(() => periodicPad(input, 1, 4)).toThrow(
      'JetcolorPeriodicPad: widthPadding: expected an integer in [0, 3] but got 4',
    );
    input.dispose();
  });
});
