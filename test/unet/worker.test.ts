import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { energyWeightedLogLoss } from '../../src/loss/energy-weighted-loss';
import { setupBackend } from '../../src/unet/backend';
import { trainColorizer } from '../../src/unet/train';
import { buildUNet } from '../../src/unet/unet';
import {
  createWorkerExecutor,
  modelSnapshot,
  workerExecutorFactory,
  type WorkerExecutor,
} from '../../src/unet/worker-executor-node';
import { repoPath } from '../support/python';
import { relativeError } from './kernels-support';
import { seededRandom as eventRandom, syntheticEvent } from '../support/synthetic-events';
import { syntheticBatch } from './worker-support';

// The workers run the built script, so `npm test` builds the package first.
const WORKER_SCRIPT = repoPath('dist', 'unet', 'worker-node.js');
// Five events split 3 + 2, so the shares' weights N_i / N differ.
const SHAPE: [number, number, number, number] = [5, 16, 16, 2];
const LEARNING_RATE = 1e-3;

function smallUNet(batchNorm: boolean) {
  return buildUNet({
    inputShape: [16, 16, 2],
    nJets: 3,
    depth: 1,
    baseFilters: 4,
    convsPerLevel: 1,
    batchNorm,
  });
}

beforeAll(async () => {
  if (!existsSync(WORKER_SCRIPT)) throw new Error(`${WORKER_SCRIPT} is missing: run npm run build first`);
  await setupBackend('wasm');
});

describe('worker executor, two threads', () => {
  const batch = syntheticBatch(SHAPE, 3, 5, 7);
  let model: ReturnType<typeof smallUNet>;
  let executor: WorkerExecutor;

  beforeAll(() => {
    model = smallUNet(false);
    executor = createWorkerExecutor({
      ...modelSnapshot(model),
      threads: 2,
      adam: { learningRate: LEARNING_RATE, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
      workerScript: WORKER_SCRIPT,
    });
  });
  afterAll(async () => {
    await executor.dispose();
    model.dispose();
  });

  it('predicts like the model in this thread', async () => {
    const heatMaps = await executor.predict(batch.images, SHAPE);
    const expected = tf.tidy(() => (model.predict(tf.tensor4d(batch.images, SHAPE)) as tf.Tensor).dataSync());
    expect(heatMaps).toHaveLength(expected.length);
    expect(relativeError(heatMaps, Float32Array.from(expected))).toBeLessThan(1e-5);
  });

  it('trains to the weights of one thread', async () => {
    const optimizer = tf.train.adam(LEARNING_RATE, 0.9, 0.999, 1e-7);
    for (let step = 0; step < 2; step++) {
      const expectedLoss = optimizer.minimize(() => {
        const heatMaps = model.apply(tf.tensor4d(batch.images, SHAPE), { training: true }) as tf.Tensor;
        return energyWeightedLogLoss(batch.targets, heatMaps);
      }, true);
      const loss = await executor.trainStep(batch);
      expect(Math.abs(loss - (expectedLoss?.dataSync()[0] ?? NaN))).toBeLessThan(1e-5 * Math.abs(loss));
      expectedLoss?.dispose();
    }
    optimizer.dispose();

    const weights = await executor.getWeights();
    const expected = model.getWeights();
    expect(weights).toHaveLength(expected.length);
    weights.forEach((w, i) => {
      const reference = Float32Array.from(expected[i]?.dataSync() ?? []);
      let maxDiff = 0;
      for (let j = 0; j < w.length; j++)
        maxDiff = Math.max(maxDiff, Math.abs((w[j] ?? NaN) - (reference[j] ?? NaN)));
      // Two Adam steps move each weight by up to 2e-3, so 1e-5 is under 1 % of a step.
      expect(maxDiff, `weight ${i}`).toBeLessThan(1e-5);
    });
  });

  it('keeps the tensor count of each worker', async () => {
    await executor.trainStep(batch);
    await executor.predict(batch.images, SHAPE);
    await executor.evaluateLoss(batch);
    const before = await executor.workerTensorCounts();
    const mainBefore = tf.memory().numTensors;
    for (let step = 0; step < 3; step++) {
      await executor.trainStep(batch);
      await executor.predict(batch.images, SHAPE);
      await executor.evaluateLoss(batch);
    }
    expect(await executor.workerTensorCounts()).toEqual(before);
    expect(tf.memory().numTensors).toBe(mainBefore);
  });
});

describe('worker executor, three threads', () => {
  it('matches one thread, one idle worker', async () => {
    const model = smallUNet(false);
    // Two events for three workers: worker 2 computes no gradients but updates its shard of the weights.
    const batch = syntheticBatch([2, 16, 16, 2], 3, 5, 13);
    const executor = createWorkerExecutor({
      ...modelSnapshot(model),
      threads: 3,
      adam: { learningRate: LEARNING_RATE, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
      workerScript: WORKER_SCRIPT,
    });
    const optimizer = tf.train.adam(LEARNING_RATE, 0.9, 0.999, 1e-7);
    try {
      for (let step = 0; step < 3; step++) {
        optimizer.minimize(() => {
          const heatMaps = model.apply(tf.tensor4d(batch.images, batch.shape), {
            training: true,
          }) as tf.Tensor;
          return energyWeightedLogLoss(batch.targets, heatMaps);
        });
        await executor.trainStep(batch);
      }
      // Three events, one per worker: each replica predicts one of them.
      const probe = syntheticBatch([3, 16, 16, 2], 3, 5, 14);
      const heatMaps = await executor.predict(probe.images, probe.shape);
      const expected = tf.tidy(() =>
        (model.predict(tf.tensor4d(probe.images, probe.shape)) as tf.Tensor).dataSync(),
      );
      expect(relativeError(heatMaps, Float32Array.from(expected))).toBeLessThan(1e-5);
      const weights = await executor.getWeights();
      model.getWeights().forEach((w, i) => {
        const reference = w.dataSync();
        const worker = weights[i] ?? new Float32Array();
        let maxDiff = 0;
        for (let j = 0; j < reference.length; j++)
          maxDiff = Math.max(maxDiff, Math.abs((worker[j] ?? NaN) - (reference[j] ?? NaN)));
        expect(maxDiff, `weight ${i}`).toBeLessThan(1e-5);
      });
    } finally {
      optimizer.dispose();
      await executor.dispose();
      model.dispose();
    }
  });

  it('trains on after a step that a worker rejected', async () => {
    const model = smallUNet(false);
    const good = syntheticBatch([3, 16, 16, 2], 3, 4, 15);
    const bad = syntheticBatch([3, 16, 16, 2], 3, 4, 16);
    bad.targets.taps[0] = 10_000;
    const executor = createWorkerExecutor({
      ...modelSnapshot(model),
      threads: 3,
      workerScript: WORKER_SCRIPT,
    });
    try {
      await expect(executor.trainStep(bad)).rejects.toThrow(/worker 0/);
      const first = await executor.trainStep(good);
      const second = await executor.trainStep(good);
      expect(second).toBeLessThan(first);
    } finally {
      await executor.dispose();
      model.dispose();
    }
  });
});

describe('worker executor on the CPU backend', () => {
  it('keeps its weights when they are read', async () => {
    // The CPU backend hands out the tensors' own arrays, which a reply must copy rather than transfer.
    const model = smallUNet(true);
    const batch = syntheticBatch([3, 16, 16, 2], 3, 4, 17);
    const executor = createWorkerExecutor({
      ...modelSnapshot(model),
      threads: 2,
      backend: 'cpu',
      workerScript: WORKER_SCRIPT,
    });
    try {
      await executor.trainStep(batch);
      const first = await executor.getWeights();
      const second = await executor.getWeights();
      expect(second).toEqual(first);
      const heatMaps = await executor.predict(batch.images, batch.shape);
      expect(heatMaps.every(Number.isFinite)).toBe(true);
      const loss = await executor.trainStep(batch);
      expect(Number.isFinite(loss)).toBe(true);
    } finally {
      await executor.dispose();
      model.dispose();
    }
  });
});

describe('worker executor with batch normalisation', () => {
  it('evaluates the loss of one thread', async () => {
    const model = smallUNet(true);
    const batch = syntheticBatch([3, 16, 16, 2], 3, 4, 9);
    const executor = createWorkerExecutor({
      ...modelSnapshot(model),
      threads: 2,
      workerScript: WORKER_SCRIPT,
    });
    try {
      const loss = await executor.evaluateLoss(batch);
      const expected = tf.tidy(() => {
        const heatMaps = model.apply(tf.tensor4d(batch.images, batch.shape), {
          training: false,
        }) as tf.Tensor;
        return energyWeightedLogLoss(batch.targets, heatMaps).dataSync()[0] ?? NaN;
      });
      expect(Math.abs(loss - expected)).toBeLessThan(1e-5 * Math.abs(expected));
      const trained = await executor.trainStep(batch);
      expect(Number.isFinite(trained)).toBe(true);
    } finally {
      await executor.dispose();
      model.dispose();
    }
  });
});

describe('workerExecutorFactory in trainColorizer', () => {
  it('trains like the single-thread executor', async () => {
    const random = eventRandom(21);
    const events = Array.from({ length: 14 }, () => syntheticEvent(random, 3));
    const options = {
      events,
      raster: { height: 16, width: 16 },
      unet: { depth: 1, baseFilters: 4, convsPerLevel: 1, nJets: 3 },
      epochs: 2,
      batchSize: 5,
      validationSplit: 0.2,
      patience: 0,
      seed: 3,
    };
    const single = await trainColorizer(options);
    const workers = await trainColorizer({
      ...options,
      createExecutor: workerExecutorFactory({ threads: 2, workerScript: WORKER_SCRIPT }),
    });
    workers.history.forEach((epoch, i) => {
      const reference = single.history[i];
      expect(Math.abs(epoch.trainLoss - (reference?.trainLoss ?? NaN)), `epoch ${i} train`).toBeLessThan(
        1e-4,
      );
      expect(
        Math.abs(epoch.validationLoss - (reference?.validationLoss ?? NaN)),
        `epoch ${i} validation`,
      ).toBeLessThan(1e-4);
    });
    const weights = workers.model.getWeights();
    single.model.getWeights().forEach((w, i) => {
      expect(
        relativeError(Float32Array.from(weights[i]?.dataSync() ?? []), Float32Array.from(w.dataSync())),
        `weight ${i}`,
      ).toBeLessThan(1e-3);
    });
    single.model.dispose();
    workers.model.dispose();
  });
});

describe('worker executor errors', () => {
  it('rejects when a worker fails to build the model', async () => {
    const executor = createWorkerExecutor({
      modelTopology: { class_name: 'NoSuchModel', config: {} },
      weights: [],
      threads: 1,
      workerScript: WORKER_SCRIPT,
    });
    await expect(executor.predict(new Float32Array(4), [1, 2, 2, 1])).rejects.toThrow(/worker 0/);
    await executor.dispose();
  });

  it('rejects targets that do not fit the heat maps', async () => {
    const model = smallUNet(false);
    const batch = syntheticBatch([2, 16, 16, 2], 3, 2, 3);
    batch.targets.taps[0] = 10_000;
    const executor = createWorkerExecutor({
      ...modelSnapshot(model),
      threads: 2,
      workerScript: WORKER_SCRIPT,
    });
    await expect(executor.trainStep(batch)).rejects.toThrow(/worker 0/);
    await executor.dispose();
    model.dispose();
  });

  it('rejects when the worker script fails to load', async () => {
    const executor = createWorkerExecutor({
      modelTopology: {},
      weights: [],
      threads: 2,
      workerScript: new URL('data:text/javascript,throw new Error("script failed")'),
    });
    await expect(executor.predict(new Float32Array(4), [1, 2, 2, 1])).rejects.toThrow(
      /^worker [01] failed: script failed$/,
    );
    await executor.dispose();
  });

  it('rejects calls after dispose', async () => {
    const model = smallUNet(false);
    const executor = createWorkerExecutor({
      ...modelSnapshot(model),
      threads: 2,
      workerScript: WORKER_SCRIPT,
    });
    await executor.dispose();
    await expect(executor.getWeights()).rejects.toThrow('getWeights: the worker executor is disposed');
    model.dispose();
  });

  it('rejects an invalid thread count', () => {
    expect(() => createWorkerExecutor({ modelTopology: {}, weights: [], threads: 0 })).toThrow(
      'createWorkerExecutor: threads: expected an integer in [1, 64] but got 0',
    );
  });
});
