import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupBackend } from '../../src/unet/backend';
import { computeBatchLoss, trainableVariables } from '../../src/unet/executor';
import { buildUNet } from '../../src/unet/unet';
import type { UpsamplingMode } from '../../src/unet/unet-options';
import { relativeError, valuesOn } from './kernels-support';
import { syntheticBatch } from './worker-support';

beforeAll(async () => {
  await setupBackend('wasm');
  await setupBackend('cpu');
});

describe('U-Net gradients on wasm', () => {
  for (const upsampling of ['transpose', 'nearest'] as UpsamplingMode[]) {
    it(`match cpu with ${upsampling} upsampling`, async () => {
      const model = buildUNet({
        inputShape: [16, 16, 2],
        nJets: 3,
        depth: 2,
        baseFilters: 4,
        convsPerLevel: 2,
        batchNorm: true,
        upsampling,
      });
      const batch = syntheticBatch([2, 16, 16, 2], 3, 6, 13);
      const variables = trainableVariables(model);
      const compute = () => {
        const { value, grads } = tf.variableGrads(() => computeBatchLoss(model, batch), variables);
        return [value, ...variables.map((v) => grads[v.name] ?? tf.zerosLike(v))];
      };
      const wasm = await valuesOn('wasm', compute);
      const cpu = await valuesOn('cpu', compute);
      expect(wasm).toHaveLength(variables.length + 1);
      wasm.forEach((values, i) => {
        const name = i === 0 ? 'loss' : (variables[i - 1]?.name ?? '');
        expect(relativeError(values, cpu[i] ?? new Float32Array()), name).toBeLessThan(1e-4);
      });
      model.dispose();
    });
  }
});
