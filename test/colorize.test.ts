import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { colorizeEvents as colorizeEventsNode } from '../src/index-node.js';
import { resolveRasterOptions, rasterize, sampleBilinear } from '../src/geometry/index.js';
import { InvalidEventError, colorizeEvent, colorizeEvents, particlesFromArray } from '../src/index.js';
import type { JetEvent, LoadedColorizer } from '../src/index.js';
import { saveColorizer } from '../src/unet/model-files-node.js';
import { COLORIZER_FORMAT } from '../src/unet/model-metadata.js';
import { resolveUNetOptions } from '../src/unet/unet-options.js';
import { buildUNet } from '../src/unet/unet.js';
import { clusterDurham } from '../src/clustering/index.js';
import { seededRandom, syntheticEvent } from './support/synthetic-events.js';

const RASTER = resolveRasterOptions({ height: 16, width: 16 }, 'test');

/** Builds a U-Net with random weights on 16 × 16 images, which checks the plumbing but not the quality. */
function randomColorizer(nJets: number, noJetChannel = false): LoadedColorizer {
  const unet = resolveUNetOptions({ inputShape: [16, 16, 2], depth: 2, baseFilters: 4, nJets, noJetChannel });
  return {
    model: buildUNet(unet),
    metadata: {
      format: COLORIZER_FORMAT,
      version: 1,
      raster: RASTER,
      unet,
      nJets,
      noJetChannel,
      labelOrdering: 'energy',
      detector: null,
      looperRule: null,
      training: null,
      metrics: null,
    },
  };
}

let colorizer: LoadedColorizer;
const random = seededRandom(21);
const events: JetEvent[] = Array.from({ length: 5 }, () => syntheticEvent(random, 3));

beforeAll(async () => {
  await tf.setBackend('cpu');
  colorizer = randomColorizer(3);
});

afterAll(() => {
  colorizer.model.dispose();
});

describe('colorizeEvent', () => {
  it('gives every particle exactly one jet', async () => {
    for (const event of events) {
      const result = await colorizeEvent(event, { model: colorizer });
      expect(result.particleJet).toHaveLength(event.particles.length);
      const counted = result.jets.reduce((sum, jet) => sum + jet.constituents.length, 0);
      expect(counted).toBe(event.particles.length);
      for (let i = 0; i < event.particles.length; i++) {
        expect(result.jets[result.particleJet[i] as number]?.constituents).toContain(i);
      }
    }
  });

  it('keeps every jet non-empty', async () => {
    for (const event of events) {
      const result = await colorizeEvent(event, { model: colorizer });
      expect(result.jets).toHaveLength(3);
      for (const jet of result.jets) expect(jet.constituents.length).toBeGreaterThan(0);
    }
  });

  it('sums jets to the event four-momentum', async () => {
    const event = events[0] as JetEvent;
    const result = await colorizeEvent(event, { model: colorizer });
    expect(result.jets.reduce((sum, jet) => sum + jet.e, 0)).toBeCloseTo(event.particles.totalEnergy(), 9);
    expect(result.jets.reduce((sum, jet) => sum + jet.px, 0)).toBeCloseTo(
      event.particles.px.reduce((sum, px) => sum + px, 0),
      9,
    );
    for (let j = 1; j < result.jets.length; j++) {
      expect(result.jets[j - 1]?.e).toBeGreaterThanOrEqual(result.jets[j]?.e as number);
    }
  });

  it('reads particle probabilities from the heat maps', async () => {
    const event = events[1] as JetEvent;
    const result = await colorizeEvent(event, { model: colorizer, heatMaps: true });
    const { image, coords } = rasterize(event.particles, RASTER);
    const reference = tf.tidy(() => colorizer.model.predict(tf.tensor4d(image, [1, 16, 16, 2])) as tf.Tensor);
    const heat = (await reference.data()) as Float32Array;
    reference.dispose();
    const shape = { height: 16, width: 16, channels: 3 };
    for (let i = 0; i < event.particles.length; i++) {
      for (let k = 0; k < 3; k++) {
        const expected = sampleBilinear(heat, shape, coords.u[i] as number, coords.v[i] as number, k);
        expect(result.particleProbabilities[i * 3 + k]).toBeCloseTo(expected, 5);
      }
    }
    expect(result.heatMaps?.data).toHaveLength(16 * 16 * 3);
    expect(result.heatMaps?.data[0]).toBeCloseTo(heat[0] as number, 6);
  });

  it('returns heat maps only on request', async () => {
    expect((await colorizeEvent(events[0] as JetEvent, { model: colorizer })).heatMaps).toBeUndefined();
  });

  it('keeps jets non-empty with refinement', async () => {
    for (const event of events) {
      const result = await colorizeEvent(event, {
        model: colorizer,
        refine: true,
        minijets: { mode: 'count', count: 8 },
      });
      for (const jet of result.jets) expect(jet.constituents.length).toBeGreaterThan(0);
    }
  });

  it('falls back to nJets minijets after a large y cut', async () => {
    const result = await colorizeEvent(events[2] as JetEvent, {
      model: colorizer,
      minijets: { mode: 'ycut', yCut: 10 },
    });
    expect(result.minijets).toHaveLength(3);
    expect(result.jets).toHaveLength(3);
  });

  it('adds the no-jet channel to particle probabilities', async () => {
    const withNoJet = randomColorizer(3, true);
    const result = await colorizeEvent(events[0] as JetEvent, { model: withNoJet });
    withNoJet.model.dispose();
    expect(result.channels).toBe(4);
    expect(result.particleProbabilities).toHaveLength(events[0]!.particles.length * 4);
  });

  it('leaks no tensors', async () => {
    await colorizeEvent(events[0] as JetEvent, { model: colorizer, heatMaps: true, refine: true });
    const before = tf.memory().numTensors;
    await colorizeEvents(events, { model: colorizer, batchSize: 2 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('colorizeEvents', () => {
  it('matches one event at a time', async () => {
    const batched = await colorizeEvents(events, { model: colorizer, batchSize: 4 });
    expect(batched).toHaveLength(events.length);
    for (const [index, event] of events.entries()) {
      const single = await colorizeEvent(event, { model: colorizer });
      expect(Array.from(batched[index]?.particleJet ?? [])).toEqual(Array.from(single.particleJet));
      const a = batched[index]?.particleProbabilities ?? new Float32Array();
      for (let k = 0; k < a.length; k++)
        expect(a[k]).toBeCloseTo(single.particleProbabilities[k] as number, 5);
    }
  });

  it('loads a model directory in Node', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'jetcolor-colorize-'));
    try {
      const saved = randomColorizer(3);
      await saveColorizer(saved.model, directory, saved.metadata);
      const fromDirectory = await colorizeEventsNode(events.slice(0, 2), { model: directory });
      const fromObject = await colorizeEvents(events.slice(0, 2), { model: saved });
      saved.model.dispose();
      expect(Array.from(fromDirectory[1]?.particleJet ?? [])).toEqual(
        Array.from(fromObject[1]?.particleJet ?? []),
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('returns nothing for no events', async () => {
    expect(await colorizeEvents([], { model: colorizer })).toEqual([]);
  });
});

describe('colorizeEvents with a predictor', () => {
  /** Returns a predictor that runs the colorizer's model in this thread and records each batch size. */
  function recordingPredictor(calls: number[]) {
    return async (images: Float32Array, shape: [number, number, number, number]) => {
      calls.push(shape[0]);
      const output = tf.tidy(() => colorizer.model.predict(tf.tensor4d(images, shape)) as tf.Tensor);
      const values = (await output.data()) as Float32Array;
      output.dispose();
      return values;
    };
  }

  it('gives the jets of the model in this thread', async () => {
    const calls: number[] = [];
    const progress: number[] = [];
    const withPredictor = await colorizeEvents(events, {
      model: colorizer,
      batchSize: 2,
      predictor: recordingPredictor(calls),
      onProgress: (count) => progress.push(count),
    });
    const without = await colorizeEvents(events, { model: colorizer, batchSize: 2 });
    expect(calls).toEqual([2, 2, 1]);
    expect(progress).toEqual([2, 2, 1]);
    withPredictor.forEach((result, i) => {
      expect(Array.from(result.particleJet), `event ${i}`).toEqual(Array.from(without[i]?.particleJet ?? []));
    });
  });

  it("reads the predictor's heat maps", async () => {
    // Every pixel certain of channel 1: each particle inside the image reads (0, 1, 0).
    const predictor = async (_images: Float32Array, [b, h, w]: [number, number, number, number]) =>
      Float32Array.from({ length: b * h * w * 3 }, (_, i) => (i % 3 === 1 ? 1 : 0));
    const [result] = await colorizeEvents(events.slice(0, 1), { model: colorizer, predictor });
    const probabilities = result?.particleProbabilities ?? new Float32Array();
    expect(probabilities.length).toBeGreaterThan(0);
    for (let p = 0; p < probabilities.length; p += 3) {
      if (Number.isNaN(probabilities[p])) continue;
      expect([probabilities[p], probabilities[p + 1], probabilities[p + 2]]).toEqual([0, 1, 0]);
    }
  });

  it('rejects heat maps of the wrong size', async () => {
    const predictor = async () => new Float32Array(7);
    await expect(colorizeEvents(events, { model: colorizer, batchSize: 2, predictor })).rejects.toThrow(
      'colorizeEvents: options.predictor: expected a Float32Array of 2×16×16×3 = 1536 heat-map values but got 7 values',
    );
  });

  it('rejects heat maps that are not probabilities', async () => {
    const predictor = async (_images: Float32Array, [b, h, w]: [number, number, number, number]) =>
      new Float32Array(b * h * w * 3).fill(Number.NaN);
    await expect(colorizeEvents(events, { model: colorizer, batchSize: 2, predictor })).rejects.toThrow(
      'colorizeEvents: options.predictor: expected heat-map probabilities in [0, 1] but got NaN (value 0 of the batch, its event 0)',
    );
  });

  it('names the type of a predictor result that is no Float32Array', async () => {
    const predictor = async (_images: Float32Array, [b, h, w]: [number, number, number, number]) =>
      new Float64Array(b * h * w * 3) as unknown as Float32Array;
    await expect(colorizeEvents(events, { model: colorizer, batchSize: 2, predictor })).rejects.toThrow(
      'heat-map values but got Float64Array',
    );
  });

  it('rejects a model with corrupt weights', async () => {
    const broken = randomColorizer(3);
    const corrupt = broken.model.getWeights().map((w) => tf.fill(w.shape, Number.NaN));
    broken.model.setWeights(corrupt);
    tf.dispose(corrupt);
    try {
      await expect(colorizeEvents(events, { model: broken })).rejects.toThrow(
        "colorizeEvents: the model: expected heat-map probabilities in [0, 1] but got NaN (value 0 of the batch, its event 0); check that the model's weights are intact",
      );
    } finally {
      broken.model.dispose();
    }
  });

  it("passes on the predictor's failure", async () => {
    let calls = 0;
    const predictor = async (images: Float32Array, shape: [number, number, number, number]) => {
      calls++;
      if (calls === 2) throw new Error('worker 1 exited with code 1');
      return recordingPredictor([])(images, shape);
    };
    await expect(colorizeEvents(events, { model: colorizer, batchSize: 2, predictor })).rejects.toThrow(
      'worker 1 exited with code 1',
    );
  });

  it('rejects a predictor that is not a function', async () => {
    const options = JSON.parse('{"predictor": "workers"}') as { predictor: undefined };
    await expect(colorizeEvents(events, { model: colorizer, ...options })).rejects.toThrow(
      'colorizeEvents: options.predictor: expected a function but got string',
    );
  });
});

describe('colorizeEvent errors', () => {
  it('rejects an event without particles', async () => {
    const empty: JetEvent = { particles: particlesFromArray([]), partons: [], bosons: [] };
    const error = await colorizeEvent(empty, { model: colorizer }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidEventError);
    expect((error as InvalidEventError).reason).toBe('noParticles');
    expect((error as Error).message).toBe('colorizeEvent: event 0: expected particles but got none');
  });

  it('rejects fewer particles than jets', async () => {
    const two: JetEvent = {
      particles: particlesFromArray([
        [1, 0, 0, 1],
        [0, 1, 0, 1],
      ]),
      partons: [],
      bosons: [],
    };
    const error = await colorizeEvents([events[0] as JetEvent, two], { model: colorizer }).catch(
      (caught: unknown) => caught,
    );
    expect((error as InvalidEventError).reason).toBe('fewerParticlesThanJets');
    expect((error as InvalidEventError).eventIndex).toBe(1);
    expect((error as Error).message).toBe(
      'colorizeEvents: event 1: expected at least nJets = 3 particles but got 2',
    );
  });

  it('rejects a NaN momentum', async () => {
    const event = syntheticEvent(seededRandom(5), 3);
    event.particles.pz[2] = NaN;
    await expect(colorizeEvent(event, { model: colorizer })).rejects.toThrow(
      'colorizeEvent: event 0: particle 2: expected a finite pz but got NaN',
    );
  });

  it('rejects a jet count the model does not paint', async () => {
    await expect(colorizeEvent(events[0] as JetEvent, { model: colorizer, nJets: 4 })).rejects.toThrow(
      'colorizeEvent: options.nJets: the model paints 3 jets but got 4',
    );
  });

  it('rejects fewer minijets than jets', async () => {
    const options = { model: colorizer, minijets: { mode: 'count' as const, count: 2 } };
    await expect(colorizeEvent(events[0] as JetEvent, options)).rejects.toThrow(
      'colorizeEvent: options.minijets.count: expected at least nJets = 3 minijets but got 2; each jet is made of whole minijets',
    );
  });

  it('rejects an unknown option', async () => {
    const options = JSON.parse('{"njets": 3}') as { njets: number };
    await expect(colorizeEvent(events[0] as JetEvent, { model: colorizer, ...options })).rejects.toThrow(
      'colorizeEvent: options: unknown option "njets"',
    );
  });

  it('rejects a missing model', async () => {
    const options = JSON.parse('{}') as { model: string };
    await expect(colorizeEvent(events[0] as JetEvent, options)).rejects.toThrow(
      'colorizeEvent: options.model: expected a loaded colorizer',
    );
  });

  it('gives Durham jets with unguided guidedDurham', async () => {
    for (const event of events) {
      const result = await colorizeEvent(event, {
        model: colorizer,
        assignment: 'guidedDurham',
        guidance: 0,
      });
      const durham = clusterDurham(event.particles).exclusiveJets(3);
      expect(result.jets.map((jet) => Array.from(jet.constituents))).toEqual(
        durham.map((jet) => Array.from(jet.constituents)),
      );
    }
  });

  it('rejects refinement with guidedDurham', async () => {
    await expect(
      colorizeEvent(events[0] as JetEvent, { model: colorizer, assignment: 'guidedDurham', refine: true }),
    ).rejects.toThrow(
      'colorizeEvent: options.refine: the refinement moves minijets between heat-map channels',
    );
    await expect(
      colorizeEvent(events[0] as JetEvent, {
        model: colorizer,
        assignment: 'guidedDurham',
        guidance: Number.NaN,
      }),
    ).rejects.toThrow('colorizeEvent: options.guidance: expected a number ≥ 0 but got NaN');
  });
});
