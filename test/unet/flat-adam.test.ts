import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupBackend } from '../../src/unet/backend';
import { FlatAdam } from '../../src/unet/flat-adam';
import { seededRandom } from '../support/seeded-random';

const SETTINGS = { learningRate: 3e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

beforeAll(async () => {
  await setupBackend('cpu');
});

function randomVector(length: number, scale: number, random: () => number): Float32Array {
  return Float32Array.from({ length }, () => scale * (2 * random() - 1));
}

describe('FlatAdam', () => {
  it('updates like tf.train.adam over ten steps', () => {
    const random = seededRandom(11);
    const length = 257;
    const start = randomVector(length, 1, random);
    // Gradients over four decades, with exact zeros, so that the bias corrections and ε all matter.
    const gradients = Array.from({ length: 10 }, (_, step) =>
      Float32Array.from(randomVector(length, 10 ** -(step % 4), random), (g, j) => (j % 17 === 0 ? 0 : g)),
    );

    const flat = new FlatAdam(Float32Array.from(start), SETTINGS);
    const variable = tf.variable(tf.tensor1d(start));
    const optimizer = tf.train.adam(SETTINGS.learningRate, SETTINGS.beta1, SETTINGS.beta2, SETTINGS.epsilon);
    for (const gradient of gradients) {
      flat.step(gradient);
      const g = tf.tensor1d(gradient);
      optimizer.applyGradients([{ name: variable.name, tensor: g }]);
      g.dispose();
    }
    const expected = variable.dataSync();
    let maxDiff = 0;
    for (let j = 0; j < length; j++)
      maxDiff = Math.max(maxDiff, Math.abs((flat.weights[j] ?? NaN) - (expected[j] ?? NaN)));
    // Ten steps move a weight by up to 3e-2; float32 rounding of |w| ≤ 1 is 6e-8.
    expect(maxDiff).toBeLessThan(1e-6);
    expect(flat.stepCount).toBe(10);
    // The weights did move: the comparison is not between two unchanged vectors.
    expect(Math.abs((flat.weights[1] ?? 0) - (start[1] ?? 0))).toBeGreaterThan(1e-3);
    optimizer.dispose();
    variable.dispose();
  });

  it('updates a view in place', () => {
    const all = new Float32Array(6);
    const adam = new FlatAdam(all.subarray(2, 4), SETTINGS);
    adam.step(Float32Array.of(1, -1));
    // First step: m̂ = g and v̂ = g², so each weight moves by lr · g / (|g| + ε), up to float32 rounding
    // of the moments.
    const expected = [0, 0, -SETTINGS.learningRate, SETTINGS.learningRate, 0, 0];
    all.forEach((w, j) => expect(Math.abs(w - (expected[j] ?? NaN))).toBeLessThan(1e-9));
  });

  it('rejects a gradient of another length and invalid settings', () => {
    const adam = new FlatAdam(new Float32Array(3), SETTINGS);
    expect(() => adam.step(new Float32Array(2))).toThrow('FlatAdam: gradient: expected 3 values but got 2');
    expect(() => new FlatAdam(new Float32Array(1), { ...SETTINGS, learningRate: 0 })).toThrow(
      'FlatAdam: learningRate: expected a finite number > 0 but got 0',
    );
    expect(() => new FlatAdam(new Float32Array(1), { ...SETTINGS, beta2: 1 })).toThrow(
      'FlatAdam: beta2: expected [0, 1) but got 1',
    );
    expect(() => new FlatAdam(new Float32Array(1), { ...SETTINGS, epsilon: NaN })).toThrow(
      'FlatAdam: epsilon: expected a finite number ≥ 0 but got NaN',
    );
  });
});
