import * as tf from '@tensorflow/tfjs-core';

/** Runs `compute` on a backend and returns copies of the values of the tensors it returns. */
export async function valuesOn(
  backend: 'wasm' | 'cpu',
  compute: () => tf.Tensor | tf.Tensor[],
): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const result = tf.tidy(compute);
  const tensors = Array.isArray(result) ? result : [result];
  const values = tensors.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(tensors);
  return values;
}

/** max |actual − expected| / max |expected|: the error relative to the result's scale. */
export function relativeError(actual: Float32Array, expected: Float32Array): number {
  if (actual.length !== expected.length) return Infinity;
  let maxDiff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs((actual[i] ?? NaN) - (expected[i] ?? NaN)));
    scale = Math.max(scale, Math.abs(expected[i] ?? 0));
  }
  return scale === 0 ? maxDiff : maxDiff / scale;
}
