import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, rasterize } from '../../src/geometry/index.js';
import { rasterizeBatchToTensor } from '../../src/unet/raster-tensor.js';
import { particlesFromArray, type Particles } from '../../src/particles/index.js';

function randomParticles(n: number, seed: number): Particles {
  const random = createRandom(seed);
  const rows: number[][] = [];
  const charge: number[] = [];
  for (let i = 0; i < n; i++) {
    const energy = 0.5 + 10 * random.uniform();
    const cosTheta = 2 * random.uniform() - 1;
    const sinTheta = Math.sqrt(1 - cosTheta * cosTheta);
    const phi = 2 * Math.PI * random.uniform() - Math.PI;
    rows.push([
      energy * sinTheta * Math.cos(phi),
      energy * sinTheta * Math.sin(phi),
      energy * cosTheta,
      energy,
    ]);
    charge.push(i % 2);
  }
  return particlesFromArray(rows, { charge });
}

describe('rasterizeBatchToTensor', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('builds one [B, H, W, C] tensor', () => {
    const events = [randomParticles(30, 1), randomParticles(60, 2)];
    const options = { height: 16, width: 32, deposition: 'bilinear' as const };
    const before = tf.memory().numTensors;
    const batch = rasterizeBatchToTensor(events, options);
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(batch.images.shape).toEqual([2, 16, 32, 2]);
    expect(batch.images.dtype).toBe('float32');
    const values = batch.images.dataSync();
    events.forEach((particles, b) => {
      const single = rasterize(particles, options);
      const size = 16 * 32 * 2;
      expect(values.subarray(b * size, (b + 1) * size)).toEqual(single.image);
      expect(batch.coords[b]).toEqual(single.coords);
    });
    batch.images.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps earlier tensors intact', () => {
    const first = rasterizeBatchToTensor([randomParticles(20, 3)], { height: 8, width: 8 });
    const firstValues = Float32Array.from(first.images.dataSync());
    rasterizeBatchToTensor([randomParticles(20, 4)], { height: 8, width: 8 }).images.dispose();
    expect(first.images.dataSync()).toEqual(firstValues);
    first.images.dispose();
  });

  it('rejects invalid options', () => {
    const before = tf.memory().numTensors;
    expect(() => rasterizeBatchToTensor([randomParticles(2, 5)], { width: 0 })).toThrow(
      /rasterizeBatch: options\.width: expected a positive integer but got 0/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
