import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupBackend } from '../../src/unet/backend';
import { createSingleThreadExecutor } from '../../src/unet/executor';
import { buildUNet } from '../../src/unet/unet';
import type { UpsamplingMode } from '../../src/unet/unet-options';
import { syntheticBatch } from './worker-support';

/** Tensors the engine tracks and data buffers the wasm backend holds, including the kernels' scratch. */
function allocationCounts(): { tensors: number; wasmBuffers: number } {
  return { tensors: tf.memory().numTensors, wasmBuffers: tf.engine().backend.numDataIds() };
}

beforeAll(async () => {
  await setupBackend('wasm');
});

describe('single-thread executor on wasm', () => {
  for (const upsampling of ['transpose', 'nearest'] as UpsamplingMode[]) {
    it(`keeps memory flat with ${upsampling} upsampling`, async () => {
      const model = buildUNet({
        inputShape: [16, 16, 2],
        nJets: 3,
        depth: 2,
        baseFilters: 4,
        convsPerLevel: 2,
        batchNorm: true,
        dropout: 0.2,
        upsampling,
      });
      const batch = syntheticBatch([3, 16, 16, 2], 3, 4, 5);
      const executor = createSingleThreadExecutor(model, { learningRate: 1e-3 });
      // The first step creates Adam's moment variables.
      await executor.trainStep(batch);
      await executor.predict(batch.images, batch.shape);
      await executor.evaluateLoss(batch);
      const before = allocationCounts();
      for (let step = 0; step < 3; step++) {
        await executor.trainStep(batch);
        await executor.predict(batch.images, batch.shape);
        await executor.evaluateLoss(batch);
      }
      const after = allocationCounts();
      expect(after.tensors).toBe(before.tensors);
      expect(after.wasmBuffers).toBe(before.wasmBuffers);
      await executor.dispose();
      model.dispose();
    });
  }
});
