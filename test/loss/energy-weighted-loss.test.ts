import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';

import { rasterize } from '../../src/geometry/index.js';
import {
  buildLossTargets,
  energyWeightedLogLoss,
  energyWeightedLogLossReference,
  type LossTargets,
} from '../../src/loss/index.js';
import { particlesFromArray } from '../../src/particles/index.js';
import { seededRandom, syntheticEvent } from '../support/synthetic-events.js';

const HEIGHT = 16;
const ENERGY = { ordering: 'energy' } as const;
const WIDTH = 16;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Targets of `batchSize` synthetic events with `nJets` jets each, rasterized on a 16×16 grid. */
function syntheticTargets(seed: number, batchSize: number, nJets: number, noJetChannel = false): LossTargets {
  const random = seededRandom(seed);
  const events = Array.from({ length: batchSize }, () => syntheticEvent(random, nJets));
  const coords = events.map((event) => rasterize(event.particles, { height: HEIGHT, width: WIDTH }).coords);
  return buildLossTargets(events, coords, { nJets, noJetChannel });
}

/** Random heat maps [B, H, W, K] that sum to 1 over K. */
function randomHeatMaps(seed: number, batchSize: number, channels: number): Float32Array {
  const random = seededRandom(seed);
  const maps = new Float32Array(batchSize * HEIGHT * WIDTH * channels);
  for (let p = 0; p < batchSize * HEIGHT * WIDTH; p++) {
    let sum = 0;
    for (let k = 0; k < channels; k++) sum += maps[p * channels + k] = 0.05 + random();
    for (let k = 0; k < channels; k++) maps[p * channels + k] = (maps[p * channels + k] as number) / sum;
  }
  return maps;
}

function tensorLoss(
  targets: LossTargets,
  maps: Float32Array,
  channels: number,
  ordering: 'energy' | 'permutation',
): number {
  const batchSize = targets.nLabels.length;
  return tf.tidy(() => {
    const yPred = tf.tensor4d(maps, [batchSize, HEIGHT, WIDTH, channels]);
    return energyWeightedLogLoss(targets, yPred, { ordering }).dataSync()[0] as number;
  });
}

/** Heat maps with channel k of `maps` moved to channel permutation[k]. */
function permuteChannels(maps: Float32Array, channels: number, permutation: number[]): Float32Array {
  const out = new Float32Array(maps.length);
  for (let p = 0; p < maps.length / channels; p++) {
    for (let k = 0; k < channels; k++)
      out[p * channels + (permutation[k] as number)] = maps[p * channels + k] as number;
  }
  return out;
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]),
  );
}

describe('buildLossTargets', () => {
  it('gives each jet weights summing to 1', () => {
    const targets = syntheticTargets(1, 3, 4);
    const sums = new Map<string, number>();
    targets.label.forEach((label, m) => {
      const key = `${targets.event[m]}:${label}`;
      sums.set(key, (sums.get(key) ?? 0) + (targets.weight[m] as number));
    });
    expect(sums.size).toBe(12);
    for (const sum of sums.values()) expect(sum).toBeCloseTo(1, 5);
    expect(targets.nJets).toBe(12);
    expect(Array.from(targets.nLabels)).toEqual([4, 4, 4]);
  });

  it('numbers jets by decreasing energy', () => {
    // Jet label 0 carries 10 GeV, label 1 carries 30 GeV: label 1 goes to channel 0.
    const particles = particlesFromArray(
      [
        [10, 0, 0, 10],
        [0, 30, 0, 30],
      ],
      { trueJet: [0, 1] },
    );
    const coords = rasterize(particles, { height: HEIGHT, width: WIDTH, channels: ['energy'] }).coords;
    const targets = buildLossTargets([{ particles }], [coords], { nJets: 2 });
    expect(Array.from(targets.label)).toEqual([1, 0]);
    expect(Array.from(targets.weight)).toEqual([1, 1]);
  });

  it('gives bilinear tap weights summing to 1', () => {
    const targets = syntheticTargets(2, 2, 3);
    for (let m = 0; m < targets.label.length; m++) {
      const sum = targets.tapWeights.subarray(4 * m, 4 * m + 4).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 6);
      const pixel = targets.taps[4 * m] as number;
      expect(Math.floor(pixel / (HEIGHT * WIDTH))).toBe(targets.event[m]);
    }
  });

  it('skips unlabelled particles without a no-jet channel', () => {
    const targets = syntheticTargets(3, 1, 2, false);
    expect(targets.label.every((label) => label < 2)).toBe(true);
    expect(targets.nJets).toBe(2);
  });

  it('puts unlabelled particles in the no-jet channel', () => {
    const targets = syntheticTargets(3, 1, 2, true);
    const noJet = Array.from(targets.label).filter((label) => label === 2);
    expect(noJet).toHaveLength(1);
    expect(targets.nJets).toBe(3);
    expect(Array.from(targets.nLabels)).toEqual([2]);
  });

  it('rejects more true jets than channels', () => {
    const random = seededRandom(4);
    const event = syntheticEvent(random, 4);
    const coords = rasterize(event.particles, { height: HEIGHT, width: WIDTH }).coords;
    expect(() => buildLossTargets([event], [coords], { nJets: 3 })).toThrow(
      'buildLossTargets: events[0]: expected at most nJets = 3 true jets inside the acceptance but got 4',
    );
  });

  it('rejects events without labels', () => {
    const particles = particlesFromArray([[1, 0, 0, 1]]);
    const coords = rasterize(particles, { height: HEIGHT, width: WIDTH, channels: ['energy'] }).coords;
    expect(() => buildLossTargets([{ particles }], [coords])).toThrow(
      'buildLossTargets: events[0]: expected particles with a trueJet column',
    );
  });
});

describe('energyWeightedLogLoss', () => {
  it('equals −log y for one particle at a pixel centre', () => {
    const targets: LossTargets = {
      event: Int32Array.of(0),
      taps: Int32Array.of(5, 5, 5, 5),
      tapWeights: Float32Array.of(1, 0, 0, 0),
      label: Int32Array.of(0),
      weight: Float32Array.of(1),
      nJets: 1,
      nLabels: Int32Array.of(1),
    };
    const maps = new Float32Array(HEIGHT * WIDTH * 2).fill(0.5);
    maps[5 * 2] = 0.25;
    maps[5 * 2 + 1] = 0.75;
    expect(tensorLoss(targets, maps, 2, 'energy')).toBeCloseTo(-Math.log(0.25), 6);
    expect(energyWeightedLogLossReference(targets, maps, 2, ENERGY)).toBeCloseTo(-Math.log(0.25), 12);
    // Under the permutation ordering the lone jet takes the better channel, 1.
    expect(energyWeightedLogLossReference(targets, maps, 2)).toBeCloseTo(-Math.log(0.75), 12);
  });

  it('clips predictions at epsilon', () => {
    const targets: LossTargets = {
      event: Int32Array.of(0),
      taps: Int32Array.of(0, 0, 0, 0),
      tapWeights: Float32Array.of(0.25, 0.25, 0.25, 0.25),
      label: Int32Array.of(0),
      weight: Float32Array.of(1),
      nJets: 1,
      nLabels: Int32Array.of(1),
    };
    const maps = new Float32Array(HEIGHT * WIDTH * 2);
    maps[1] = 1;
    const loss = tf.tidy(
      () =>
        energyWeightedLogLoss(targets, tf.tensor4d(maps, [1, HEIGHT, WIDTH, 2]), {
          epsilon: 1e-4,
          ordering: 'energy',
        }).dataSync()[0],
    );
    expect(loss).toBeCloseTo(-Math.log(1e-4), 4);
  });

  for (const ordering of ['energy', 'permutation'] as const) {
    it(`matches the JavaScript reference (${ordering})`, () => {
      const targets = syntheticTargets(10, 4, 5);
      const maps = randomHeatMaps(11, 4, 6);
      const reference = energyWeightedLogLossReference(targets, maps, 6, { ordering });
      expect(tensorLoss(targets, maps, 6, ordering)).toBeCloseTo(reference, 5);
    });
  }

  it('permutation ordering finds the minimum over channel permutations', () => {
    const targets = syntheticTargets(20, 1, 4);
    const maps = randomHeatMaps(21, 1, 4);
    let minimum = Infinity;
    for (const permutation of permutations(4)) {
      const permuted = permuteChannels(maps, 4, permutation);
      minimum = Math.min(
        minimum,
        energyWeightedLogLossReference(targets, permuted, 4, { ordering: 'energy' }),
      );
    }
    expect(tensorLoss(targets, maps, 4, 'permutation')).toBeCloseTo(minimum, 5);
    expect(tensorLoss(targets, maps, 4, 'energy')).toBeGreaterThan(minimum);
  });

  it('permutation loss is invariant under channel permutations', () => {
    const targets = syntheticTargets(22, 2, 3);
    const maps = randomHeatMaps(23, 2, 3);
    const permuted = permuteChannels(maps, 3, [2, 0, 1]);
    expect(tensorLoss(targets, permuted, 3, 'permutation')).toBeCloseTo(
      tensorLoss(targets, maps, 3, 'permutation'),
      5,
    );
  });

  it('keeps the no-jet channel out of the permutation', () => {
    const targets = syntheticTargets(24, 2, 2, true);
    const maps = randomHeatMaps(25, 2, 3);
    const options = { ordering: 'permutation', noJetChannel: true } as const;
    const swapped = permuteChannels(maps, 3, [1, 0, 2]);
    const reference = energyWeightedLogLossReference(targets, maps, 3, options);
    expect(energyWeightedLogLossReference(targets, swapped, 3, options)).toBeCloseTo(reference, 10);
    const noJetMoved = permuteChannels(maps, 3, [0, 2, 1]);
    expect(energyWeightedLogLossReference(targets, noJetMoved, 3, options)).not.toBeCloseTo(reference, 3);
  });

  it('has the gradient of the reference by finite differences', () => {
    const targets = syntheticTargets(30, 2, 3);
    const maps = randomHeatMaps(31, 2, 3);
    const gradient = tf.tidy(() =>
      tf
        .grad((y: tf.Tensor) => energyWeightedLogLoss(targets, y, ENERGY))(
          tf.tensor4d(maps, [2, HEIGHT, WIDTH, 3]),
        )
        .dataSync(),
    );
    const h = 1e-4;
    const doubleMaps = Float64Array.from(maps);
    // Check the entries read by the first particle's taps in its label channel, and one unread entry.
    const entries = [0, 1, 2, 3].map((t) => (targets.taps[t] as number) * 3 + (targets.label[0] as number));
    entries.push(doubleMaps.length - 1);
    for (const index of entries) {
      const plus = Float64Array.from(doubleMaps);
      const minus = Float64Array.from(doubleMaps);
      plus[index] = (plus[index] as number) + h;
      minus[index] = (minus[index] as number) - h;
      const numeric =
        (energyWeightedLogLossReference(targets, plus, 3, ENERGY) -
          energyWeightedLogLossReference(targets, minus, 3, ENERGY)) /
        (2 * h);
      expect(gradient[index]).toBeCloseTo(numeric, 3);
    }
  });

  it('returns 0 for a batch without labelled particles', () => {
    const targets: LossTargets = {
      event: new Int32Array(0),
      taps: new Int32Array(0),
      tapWeights: new Float32Array(0),
      label: new Int32Array(0),
      weight: new Float32Array(0),
      nJets: 0,
      nLabels: Int32Array.of(0),
    };
    const maps = randomHeatMaps(40, 1, 2);
    expect(tensorLoss(targets, maps, 2, 'energy')).toBe(0);
  });

  it('rejects labels beyond the event jets', () => {
    const targets = syntheticTargets(45, 1, 2);
    targets.label[0] = 2;
    expect(() => energyWeightedLogLossReference(targets, randomHeatMaps(46, 1, 3), 3)).toThrow(
      'matchLabelsToChannels: targets.label: expected labels in [0, nLabels = 2) but particle 0 of event 0 has 2',
    );
  });

  it('rejects heat maps that are not rank 4', () => {
    const targets = syntheticTargets(41, 1, 2);
    expect(() => tf.tidy(() => energyWeightedLogLoss(targets, tf.zeros([4, 4])))).toThrow(
      'energyWeightedLogLoss: yPred: expected heat maps [B, H, W, K] but got shape [4, 4]',
    );
  });

  it('rejects an epsilon outside (0, 1)', () => {
    const targets = syntheticTargets(42, 1, 2);
    expect(() => energyWeightedLogLossReference(targets, randomHeatMaps(1, 1, 2), 2, { epsilon: 0 })).toThrow(
      'energyWeightedLogLossReference: epsilon: expected a number in (0, 1) but got 0',
    );
  });

  it('leaks no tensors', () => {
    const targets = syntheticTargets(43, 2, 3);
    const yPred = tf.tensor4d(randomHeatMaps(44, 2, 3), [2, HEIGHT, WIDTH, 3]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      energyWeightedLogLoss(targets, yPred, { ordering: 'permutation' }).dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    yPred.dispose();
  });
});
