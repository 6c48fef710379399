/**
 * Seeded train/validation split and shuffling of the training loop.
 */

import { createRandom, type RandomSource } from '../geometry/index.js';
import type { TrainOptions } from './train-options.js';

/** Splits the prepared events: validation first (validationSplit of all), then at most maxEvents for training. */
export function splitEvents(
  count: number,
  options: TrainOptions,
): { training: Int32Array; validation: Int32Array } {
  const all = shuffled(
    Int32Array.from({ length: count }, (_, i) => i),
    createRandom(options.seed),
  );
  const validationCount = Math.round(count * options.validationSplit);
  const validation = all.slice(0, validationCount);
  let training = all.slice(validationCount);
  if (options.maxEvents > 0 && training.length > options.maxEvents)
    training = training.slice(0, options.maxEvents);
  return { training, validation };
}

/** Returns a shuffled copy of `indices` (Fisher–Yates). */
export function shuffled(indices: Int32Array, random: RandomSource): Int32Array {
  const out = Int32Array.from(indices);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    const swap = out[i] as number;
    out[i] = out[j] as number;
    out[j] = swap;
  }
  return out;
}
