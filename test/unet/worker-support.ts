import type { TrainingBatch } from '../../src/unet/training-types';

import { seededRandom } from '../support/seeded-random.js';

export { seededRandom };

/**
 * Builds a batch of random images with `jets` labelled jets per event of `particlesPerJet` particles each, at
 * random bilinear taps; the weights of each jet's particles sum to 1, and N = batchSize · jets.
 */
export function syntheticBatch(
  shape: [number, number, number, number],
  jets: number,
  particlesPerJet: number,
  seed: number,
): TrainingBatch {
  const random = seededRandom(seed);
  const [batchSize, height, width, channels] = shape;
  const images = Float32Array.from({ length: batchSize * height * width * channels }, () => random());

  const count = batchSize * jets * particlesPerJet;
  const event = new Int32Array(count);
  const label = new Int32Array(count);
  const weight = new Float32Array(count);
  const taps = new Int32Array(4 * count);
  const tapWeights = new Float32Array(4 * count);

  let m = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let jet = 0; jet < jets; jet++) {
      for (let p = 0; p < particlesPerJet; p++, m++) {
        event[m] = b;
        label[m] = jet;
        weight[m] = 1 / particlesPerJet;
        const row = Math.floor(random() * (height - 1));
        const col = Math.floor(random() * width);
        const fu = random();
        const fv = random();
        const base = b * height * width;
        const next = (col + 1) % width;
        taps.set(
          [
            base + row * width + col,
            base + row * width + next,
            base + (row + 1) * width + col,
            base + (row + 1) * width + next,
          ],
          4 * m,
        );
        tapWeights.set([(1 - fu) * (1 - fv), (1 - fu) * fv, fu * (1 - fv), fu * fv], 4 * m);
      }
    }
  }

  return {
    images,
    shape,
    targets: {
      event,
      taps,
      tapWeights,
      label,
      weight,
      nJets: batchSize * jets,
      nLabels: new Int32Array(batchSize).fill(jets),
    },
  };
}
