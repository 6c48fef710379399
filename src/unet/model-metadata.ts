/**
 * Metadata stored with a trained colorizer (in model.json, as the tfjs `userDefinedMetadata`), so that a
 * model is only used with images like those it was trained on.
 */

import {
  resolveRasterOptions,
  type Detector,
  type LooperRule,
  type RasterOptions,
  type ResolvedRasterOptions,
} from '../geometry/index.js';
import type { LabelOrdering } from '../loss/index.js';
import type { UNetOptions } from './unet-options.js';

/** Value of {@link ColorizerMetadata.format}, which marks a model.json written by this library. */
export const COLORIZER_FORMAT = 'jetcolor-colorizer';
/** Version of the metadata layout; a model with another version is rejected at load. */
export const COLORIZER_FORMAT_VERSION = 1;

/** Description of the data a model was trained on. */
export interface TrainingDataDescription {
  /** Event files read, as given. */
  files: string[];
  /** Events used for training and for validation. */
  trainingEvents: number;
  validationEvents: number;
  /** Events skipped, for example for more true jets than nJets inside the acceptance. */
  skippedEvents: number;
  /** Process names found in the events, such as "zhh". */
  processes: string[];
  /** Centre-of-mass energies √s in GeV found in the events. */
  sqrtS: number[];
}

/** Loss values of a training run. */
export interface TrainingMetrics {
  /** Epochs run. */
  epochs: number;
  /** Mean training loss of each epoch. */
  trainLoss: number[];
  /** Validation loss after each epoch; empty without a validation set. */
  validationLoss: number[];
  /** Epoch (1-based) whose weights the model holds, the one of least validation loss when there is one. */
  bestEpoch: number;
  /** Wall-clock training time in seconds. */
  seconds: number;
}

/** Everything a model needs besides its weights to be used correctly. Plain JSON. */
export interface ColorizerMetadata {
  format: typeof COLORIZER_FORMAT;
  version: number;
  /** Image options the model was trained with (grid, θ binning and range, channels, deposition). */
  raster: ResolvedRasterOptions;
  /** U-Net options the model was built with. */
  unet: UNetOptions;
  /** Jet channels. */
  nJets: number;
  /** Whether the last output channel is the "no jet" channel. */
  noJetChannel: boolean;
  /** Label-to-channel mapping of the loss it was trained with. */
  labelOrdering: LabelOrdering;
  /** Detector description that the training events were passed through, or null for none. */
  detector: Detector | null;
  /** Looper rule of the detector response, or null without a detector response. */
  looperRule: LooperRule | null;
  /** Training data and results; null for an untrained model. */
  training: TrainingDataDescription | null;
  metrics: TrainingMetrics | null;
}

/**
 * Checks that `value` is colorizer metadata of the supported version and returns it typed.
 *
 * @throws TypeError when a field is missing or of the wrong type, or the format or version differ.
 */
export function parseColorizerMetadata(value: unknown, caller: string): ColorizerMetadata {
  if (value === null || typeof value !== 'object') {
    throw new TypeError(
      `${caller}: metadata: expected the jetcolor metadata object in model.json (userDefinedMetadata) but got ` +
        `${value === undefined ? 'none' : typeof value}; was the model saved by jetcolor?`,
    );
  }
  const record = value as Record<string, unknown>;
  if (record.format !== COLORIZER_FORMAT) {
    throw new TypeError(
      `${caller}: metadata.format: expected '${COLORIZER_FORMAT}' but got ${JSON.stringify(record.format)}`,
    );
  }
  if (record.version !== COLORIZER_FORMAT_VERSION) {
    throw new TypeError(
      `${caller}: metadata.version: expected ${COLORIZER_FORMAT_VERSION} but got ${JSON.stringify(record.version)}`,
    );
  }
  const raster = resolveRasterOptions(record.raster as RasterOptions, `${caller}: metadata.raster`);
  for (const [field, type] of [
    ['unet', 'object'],
    ['nJets', 'number'],
    ['noJetChannel', 'boolean'],
    ['labelOrdering', 'string'],
  ] as const) {
    if (typeof record[field] !== type || record[field] === null) {
      throw new TypeError(
        `${caller}: metadata.${field}: expected a ${type} but got ${JSON.stringify(record[field])}`,
      );
    }
  }
  return {
    format: COLORIZER_FORMAT,
    version: COLORIZER_FORMAT_VERSION,
    raster,
    unet: record.unet as UNetOptions,
    nJets: record.nJets as number,
    noJetChannel: record.noJetChannel as boolean,
    labelOrdering: record.labelOrdering as LabelOrdering,
    detector: (record.detector ?? null) as Detector | null,
    looperRule: (record.looperRule ?? null) as LooperRule | null,
    training: (record.training ?? null) as TrainingDataDescription | null,
    metrics: (record.metrics ?? null) as TrainingMetrics | null,
  };
}

/** Image and output expectations to check a loaded model against; omitted fields are not checked. */
export interface ExpectedModelLayout {
  /** Raster options of the images the caller will feed (merged with the defaults before comparing). */
  raster?: RasterOptions;
  /** Number of jets the caller wants. */
  nJets?: number;
}

/**
 * Checks that a model's metadata fits the caller's images and jet count.
 *
 * @throws RangeError naming every field that differs, with the model's value and the caller's value.
 */
export function checkModelLayout(
  metadata: ColorizerMetadata,
  expected: ExpectedModelLayout,
  caller: string,
): void {
  const problems: string[] = [];
  if (expected.raster !== undefined) {
    const requested = resolveRasterOptions(expected.raster, `${caller}: expected.raster`);
    const trained = metadata.raster;
    if (trained.height !== requested.height || trained.width !== requested.width) {
      problems.push(
        `grid: the model was trained on ${trained.height}×${trained.width} images but got ${requested.height}×${requested.width}`,
      );
    }
    for (const key of ['thetaBinning', 'thetaMin', 'thetaMax', 'deposition'] as const) {
      if (trained[key] !== requested[key]) {
        problems.push(
          `${key}: the model was trained with ${String(trained[key])} but got ${String(requested[key])}`,
        );
      }
    }
    if (trained.channels.join(',') !== requested.channels.join(',')) {
      problems.push(
        `channels: the model was trained with [${trained.channels.join(', ')}] but got [${requested.channels.join(', ')}]`,
      );
    }
  }
  if (expected.nJets !== undefined && expected.nJets !== metadata.nJets) {
    problems.push(`nJets: the model paints ${metadata.nJets} jets but got ${expected.nJets}`);
  }
  if (problems.length > 0) {
    throw new RangeError(
      `${caller}: the model does not fit the requested images: ${problems.join('; ')}. ` +
        'Rasterize with the model metadata raster options, or train a model for these options.',
    );
  }
}
