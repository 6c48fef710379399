import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';

import { resolveRasterOptions } from '../../src/geometry/index.js';
import { createSingleThreadExecutor } from '../../src/unet/executor.js';
import { readColorizerMetadata } from '../../src/unet/model-files.js';
import { trainColorizer, type EpochReport, type TrainingProgress } from '../../src/unet/train.js';
import { assembleBatch, prepareEvents } from '../../src/unet/train-data.js';
import { buildUNet } from '../../src/unet/unet.js';
import { seededRandom, syntheticEvent } from '../support/synthetic-events.js';

const RASTER = { height: 16, width: 16 };
const SMALL_UNET = { depth: 2, baseFilters: 4, convsPerLevel: 1, nJets: 3 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function events(seed: number, count: number, nJets = 3) {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => syntheticEvent(random, nJets));
}

describe('prepareEvents and assembleBatch', () => {
  it('skips events with too many jets', () => {
    const input = [...events(1, 3, 3), ...events(2, 2, 4)];
    const prepared = prepareEvents(input, {
      raster: resolveRasterOptions(RASTER, 'test'),
      detector: null,
      looperRule: 'momentumDirection',
      nJets: 3,
      noJetChannel: false,
      seed: 1,
    });
    expect(prepared.count).toBe(3);
    expect(prepared.skippedTooManyJets).toBe(2);
    expect(Array.from(prepared.sourceIndex)).toEqual([0, 1, 2]);
  });

  it('offsets taps by the event position in the batch', () => {
    const prepared = prepareEvents(events(3, 4), {
      raster: resolveRasterOptions(RASTER, 'test'),
      detector: null,
      looperRule: 'momentumDirection',
      nJets: 3,
      noJetChannel: false,
      seed: 1,
    });
    const batch = assembleBatch(prepared, [2, 0]);
    expect(batch.shape).toEqual([2, 16, 16, 2]);
    const first = prepared.targets[2];
    const second = prepared.targets[0];
    expect(batch.targets.label.length).toBe((first?.label.length ?? 0) + (second?.label.length ?? 0));
    expect(batch.targets.nJets).toBe(6);
    const m = first?.label.length ?? 0;
    expect(batch.targets.taps[4 * m]).toBe((second?.taps[0] ?? 0) + 256);
    expect(batch.targets.event[m]).toBe(1);
    expect(Array.from(batch.images.subarray(0, 512))).toEqual(
      Array.from(prepared.images.subarray(2 * 512, 3 * 512)),
    );
  });
});

describe('trainColorizer', () => {
  it('lowers the loss in a short run', async () => {
    const progress: TrainingProgress[] = [];
    const result = await trainColorizer({
      events: events(10, 40),
      raster: RASTER,
      unet: SMALL_UNET,
      epochs: 4,
      batchSize: 8,
      learningRate: 0.01,
      validationSplit: 0.2,
      patience: 0,
      onProgress: (p) => progress.push(p),
    });
    const losses = result.history.map((h) => h.trainLoss);
    expect(result.history).toHaveLength(4);
    expect(losses[3]).toBeLessThan(losses[0] as number);
    expect(result.history[3]?.validationLoss).toBeLessThan(result.history[0]?.validationLoss as number);
    expect(progress.filter((p) => p.phase === 'train')).toHaveLength(16);
    expect(progress.filter((p) => p.phase === 'validate')).toHaveLength(4);
    const metadata = readColorizerMetadata(result.model);
    expect(metadata.training?.trainingEvents).toBe(32);
    expect(metadata.training?.validationEvents).toBe(8);
    expect(metadata.metrics?.trainLoss).toEqual(losses);
    expect(metadata.detector).not.toBeNull();
    result.model.dispose();
  });

  it('is reproducible with one seed', async () => {
    const run = async () => {
      const result = await trainColorizer({
        events: events(11, 12),
        raster: RASTER,
        unet: SMALL_UNET,
        epochs: 1,
        batchSize: 4,
        seed: 7,
      });
      const loss = result.history[0]?.trainLoss;
      result.model.dispose();
      return loss;
    };
    expect(await run()).toBe(await run());
  });

  it('stops early and keeps the best weights', async () => {
    const reports: EpochReport[] = [];
    const result = await trainColorizer({
      events: events(12, 12),
      raster: RASTER,
      unet: SMALL_UNET,
      epochs: 6,
      batchSize: 4,
      // A huge step makes the validation loss worse after the first epoch.
      learningRate: 0.9,
      validationSplit: 0.25,
      patience: 1,
      detector: null,
      onEpochEnd: (report) => {
        reports.push(report);
      },
    });
    expect(reports.length).toBeLessThan(6);
    const best = Math.min(...reports.map((r) => r.validationLoss));
    expect(result.metadata.metrics?.bestEpoch).toBe(reports.findIndex((r) => r.validationLoss === best) + 1);
    result.model.dispose();
  });

  it('trains with permutation ordering and a no-jet channel', async () => {
    const result = await trainColorizer({
      events: events(16, 12),
      raster: RASTER,
      unet: { ...SMALL_UNET, noJetChannel: true },
      loss: { ordering: 'permutation' },
      epochs: 2,
      batchSize: 4,
      learningRate: 0.01,
      validationSplit: 0,
      patience: 0,
    });
    expect(result.model.outputs[0]?.shape).toEqual([null, 16, 16, 4]);
    expect(result.metadata.labelOrdering).toBe('permutation');
    expect(result.metadata.noJetChannel).toBe(true);
    const losses = result.history.map((h) => h.trainLoss);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[1]).toBeLessThan(losses[0] as number);
    result.model.dispose();
  });

  it('caps training events with maxEvents', async () => {
    const result = await trainColorizer({
      events: events(13, 20),
      raster: RASTER,
      unet: SMALL_UNET,
      epochs: 1,
      batchSize: 4,
      validationSplit: 0.5,
      maxEvents: 3,
      detector: null,
    });
    expect(result.metadata.training?.trainingEvents).toBe(3);
    expect(result.metadata.training?.validationEvents).toBe(10);
    result.model.dispose();
  });

  it('rejects a model for another grid', async () => {
    const model = buildUNet({ inputShape: [8, 8, 2], ...SMALL_UNET });
    await expect(
      trainColorizer({ events: events(17, 4), raster: RASTER, unet: SMALL_UNET, model, detector: null }),
    ).rejects.toThrow(
      'trainColorizer: model: expected input [B, 16, 16, 2] and 3 output channels (from raster and unet) but got ' +
        'input [B, 8, 8, 2] and output [B, 8, 8, 3]',
    );
    model.dispose();
  });

  it('rejects a batch size of 0', async () => {
    await expect(trainColorizer({ events: events(14, 2), batchSize: 0 })).rejects.toThrow(
      'trainColorizer: batchSize: expected an integer ≥ 1 but got 0',
    );
  });

  it('rejects events without usable labels', async () => {
    await expect(
      trainColorizer({ events: events(15, 2, 5), raster: RASTER, unet: SMALL_UNET, detector: null }),
    ).rejects.toThrow(
      'expected at least one usable training event but got 0 usable of 2 (2 with more than 3 jets',
    );
  });
});

describe('createSingleThreadExecutor', () => {
  it('keeps the tensor count over repeated steps', async () => {
    const prepared = prepareEvents(events(20, 4), {
      raster: resolveRasterOptions(RASTER, 'test'),
      detector: null,
      looperRule: 'momentumDirection',
      nJets: 3,
      noJetChannel: false,
      seed: 1,
    });
    const batch = assembleBatch(prepared, [0, 1, 2, 3]);
    const model = buildUNet({ inputShape: [16, 16, 2], ...SMALL_UNET });
    for (const ordering of ['energy', 'permutation'] as const) {
      const executor = createSingleThreadExecutor(model, { learningRate: 1e-3, loss: { ordering } });
      // The first step creates Adam's moment variables.
      await executor.trainStep(batch);
      await executor.predict(batch.images, batch.shape);
      await executor.evaluateLoss(batch);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) {
        await executor.trainStep(batch);
        await executor.predict(batch.images, batch.shape);
        await executor.evaluateLoss(batch);
        await executor.getWeights();
      }
      expect(tf.memory().numTensors).toBe(before);
      await executor.dispose();
    }
    model.dispose();
  });

  it('returns heat maps and weights of the right size', async () => {
    const model = buildUNet({ inputShape: [16, 16, 2], ...SMALL_UNET });
    const executor = createSingleThreadExecutor(model, { learningRate: 1e-3 });
    const heatMaps = await executor.predict(new Float32Array(2 * 16 * 16 * 2), [2, 16, 16, 2]);
    expect(heatMaps).toHaveLength(2 * 16 * 16 * 3);
    const weights = await executor.getWeights();
    expect(weights.map((w) => w.length)).toEqual(model.getWeights().map((w) => w.size));
    await executor.dispose();
    await expect(
      executor.trainStep(
        assembleBatch(
          prepareEvents(events(21, 1), {
            raster: resolveRasterOptions(RASTER, 'test'),
            detector: null,
            looperRule: 'momentumDirection',
            nJets: 3,
            noJetChannel: false,
            seed: 1,
          }),
          [0],
        ),
      ),
    ).rejects.toThrow('createSingleThreadExecutor: the executor was disposed');
    model.dispose();
  });
});
