/**
 * Options of the training loop, their defaults and their validation.
 */

import {
  ILD_DETECTOR,
  validateDetector,
  type Detector,
  type LooperRule,
  type RasterOptions,
} from '../geometry/index.js';
import { resolveLossOptions, type LossOptions } from '../loss/index.js';
import type { UNetOptions } from './unet-options.js';

/** Hyperparameters and data handling of {@link trainColorizer}; defaults in {@link DEFAULT_TRAIN_OPTIONS}. */
export interface TrainOptions {
  /** Image options (grid, θ binning, channels, deposition). Default: the rasterizer's defaults (64×64). */
  raster: RasterOptions;
  /**
   * Detector the generated events pass through before rasterization, or null to rasterize the particles
   * as given (already reconstructed events). Default ILD_DETECTOR.
   */
  detector: Detector | null;
  /** Looper rule of the detector response. Default 'momentumDirection'. */
  looperRule: LooperRule;
  /** U-Net options besides inputShape, which follows from `raster`. Default: DEFAULT_UNET_OPTIONS. */
  unet: Partial<Omit<UNetOptions, 'inputShape'>>;
  /** Loss options (label ordering, ε). `noJetChannel` follows `unet.noJetChannel`. Default: DEFAULT_LOSS_OPTIONS. */
  loss: Partial<Omit<LossOptions, 'noJetChannel'>>;
  /** Events per Adam step. Default 16. */
  batchSize: number;
  /** Maximum passes over the training events. Default 5. */
  epochs: number;
  /** Adam learning rate. Default 1e-3. */
  learningRate: number;
  /** Fraction of the events, in [0, 1), held out to measure the validation loss after each epoch. Default 0.1. */
  validationSplit: number;
  /**
   * Early stopping: stop after this many epochs without a lower validation loss (training loss without a
   * validation set) and keep the best epoch's weights; 0 turns it off. Default 3.
   */
  patience: number;
  /**
   * Seed of the train/validation split, the shuffling of each epoch and the detector response (event i
   * gets seed + i). Default 1.
   */
  seed: number;
  /**
   * Maximum number of training events; 0 for all. The validation events are split off first
   * (validationSplit of all events), so runs with different maxEvents and one seed share one validation
   * set. Default 0.
   */
  maxEvents: number;
}

/** Default training options. */
export const DEFAULT_TRAIN_OPTIONS: Readonly<TrainOptions> = Object.freeze({
  raster: Object.freeze({}),
  detector: ILD_DETECTOR,
  looperRule: 'momentumDirection',
  unet: Object.freeze({}),
  loss: Object.freeze({}),
  batchSize: 16,
  epochs: 5,
  learningRate: 1e-3,
  validationSplit: 0.1,
  patience: 3,
  seed: 1,
  maxEvents: 0,
});

/**
 * Merges `options` over {@link DEFAULT_TRAIN_OPTIONS} and validates the result.
 *
 * @throws RangeError for a value out of range; TypeError for a field of the wrong type.
 */
export function resolveTrainOptions(options: Partial<TrainOptions>, caller = 'trainColorizer'): TrainOptions {
  const merged: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...stripUndefined(options) };

  checkInteger(caller, 'batchSize', merged.batchSize, 1);
  checkInteger(caller, 'epochs', merged.epochs, 1);
  checkInteger(caller, 'patience', merged.patience, 0);
  checkInteger(caller, 'maxEvents', merged.maxEvents, 0);
  if (!Number.isSafeInteger(merged.seed)) {
    throw new TypeError(`${caller}: seed: expected a safe integer but got ${String(merged.seed)}`);
  }
  if (typeof merged.learningRate !== 'number' || !(merged.learningRate > 0 && merged.learningRate < 1)) {
    throw new RangeError(
      `${caller}: learningRate: expected a number in (0, 1) but got ${String(merged.learningRate)}`,
    );
  }
  if (
    typeof merged.validationSplit !== 'number' ||
    !(merged.validationSplit >= 0 && merged.validationSplit < 1)
  ) {
    throw new RangeError(
      `${caller}: validationSplit: expected a fraction in [0, 1) but got ${String(merged.validationSplit)}`,
    );
  }
  if (merged.detector !== null) validateDetector(merged.detector, caller);
  if (merged.looperRule !== 'momentumDirection' && merged.looperRule !== 'drop') {
    throw new RangeError(
      `${caller}: looperRule: expected 'momentumDirection' or 'drop' but got ${String(merged.looperRule)}`,
    );
  }
  resolveLossOptions(merged.loss, caller);
  return merged;
}

function checkInteger(caller: string, name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(`${caller}: ${name}: expected an integer ≥ ${min} but got ${String(value)}`);
  }
}

function stripUndefined<T extends object>(options: T): Partial<T> {
  const result: Partial<T> = {};
  for (const key of Object.keys(options) as (keyof T)[]) {
    if (options[key] !== undefined) result[key] = options[key];
  }
  return result;
}
