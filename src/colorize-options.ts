/**
 * Options of `colorizeEvent` and `colorizeEvents`, their defaults and their validation.
 */

import {
  DEFAULT_ASSIGNMENT_OPTIONS,
  DEFAULT_MINIJET_OPTIONS,
  resolveAssignmentOptions,
  validateMinijetOptions,
} from './clustering/index.js';
import type { AssignmentMethod, MinijetOptions } from './clustering/index.js';
import type { LoadedColorizer } from './unet/model-files.js';

/**
 * Predicts heat maps B×H×W×K (row-major, softmax over the K channels) for images B×H×W×C. The `predict` of
 * a worker executor is one: `(images, shape) => executor.predict(images, shape)`.
 */
export type HeatMapPredictor = (
  images: Float32Array,
  shape: [number, number, number, number],
) => Promise<Float32Array>;

/** Options of `colorizeEvent` and `colorizeEvents`. */
export interface ColorizeOptions {
  /**
   * The trained colorizer: a model loaded with `loadColorizer` (or `loadColorizerFromDirectory` in Node), or a
   * string. In a browser the string is the URL of the model's model.json. With the Node entry of the package it
   * is the directory of a saved model, or an http(s) URL. Required.
   */
  model: LoadedColorizer | string;
  /** Number of jets. It must equal the model's jet count (its metadata `nJets`). Default: the model's. */
  nJets?: number;
  /**
   * How far Durham clustering runs to make minijets. A count must be at least nJets. An event that a y cut
   * leaves with fewer minijets than jets is clustered to exactly nJets minijets instead. Default:
   * {@link DEFAULT_MINIJET_OPTIONS}.
   */
  minijets?: MinijetOptions;
  /**
   * Rule that turns minijets into jets. 'likelihood' puts each minijet into a heat-map channel. 'guidedDurham'
   * merges the minijets as Durham does, with the distance scaled by how much their heat maps disagree. See
   * `assignMinijets`. Default: 'likelihood'.
   */
  assignment?: AssignmentMethod;
  /** Guidance strength λ ≥ 0 of 'guidedDurham'; 0 gives Durham's jets. Default: 1. */
  guidance?: number;
  /**
   * Whether to move minijets to the jet whose heat-map region contains their axis (see `assignMinijets`); only
   * with the 'likelihood' assignment. Default: false.
   */
  refine?: boolean;
  /** Whether each result carries its event's heat maps. Default: false. */
  heatMaps?: boolean;
  /** Events per U-Net call in `colorizeEvents`, an integer ≥ 1. Default: 16. */
  batchSize?: number;
  /**
   * Runs the U-Net in place of the model's own `predict` in this thread, for example on worker threads
   * (`createWorkerExecutor` of the Node entry of `jetcolor/unet`, built from the same model). The next
   * batch's heat maps are then computed while this thread makes and assigns the current batch's minijets.
   * Default: the model's `predict` in this thread.
   */
  predictor?: HeatMapPredictor;
  /** Called after each batch with its number of events. Default: none. */
  onProgress?: (events: number) => void;
}

/** Options with every field filled in and checked, except that `model` may still be a string. */
export interface ResolvedColorizeOptions {
  model: LoadedColorizer | string;
  nJets: number | undefined;
  minijets: MinijetOptions;
  assignment: AssignmentMethod;
  guidance: number;
  refine: boolean;
  heatMaps: boolean;
  batchSize: number;
  predictor: HeatMapPredictor | undefined;
  onProgress: ((events: number) => void) | undefined;
}

/** Defaults of every optional field of {@link ColorizeOptions}. */
export const DEFAULT_COLORIZE_OPTIONS: Readonly<
  Omit<ResolvedColorizeOptions, 'model' | 'nJets' | 'predictor' | 'onProgress'>
> = Object.freeze({
  minijets: DEFAULT_MINIJET_OPTIONS,
  assignment: DEFAULT_ASSIGNMENT_OPTIONS.method,
  guidance: DEFAULT_ASSIGNMENT_OPTIONS.guidance,
  refine: false,
  heatMaps: false,
  batchSize: 16,
});

const KNOWN_OPTIONS = [
  'model',
  'nJets',
  'minijets',
  'assignment',
  'guidance',
  'refine',
  'heatMaps',
  'batchSize',
  'predictor',
  'onProgress',
];

/**
 * Merges `options` over {@link DEFAULT_COLORIZE_OPTIONS} and checks every field.
 *
 * @throws TypeError for a missing model, an unknown option or a field of the wrong type.
 * @throws RangeError for a jet count or batch size that is not an integer ≥ 1, or invalid minijet options.
 */
export function resolveColorizeOptions(options: ColorizeOptions, caller: string): ResolvedColorizeOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `${caller}: options: expected an object with at least { model } but got ${String(options)}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw new TypeError(
        `${caller}: options: unknown option "${key}" (known options: ${KNOWN_OPTIONS.join(', ')})`,
      );
    }
  }
  const { model } = options;
  const isLoaded = typeof model === 'object' && model !== null && 'model' in model && 'metadata' in model;
  if (typeof model !== 'string' && !isLoaded) {
    throw new TypeError(
      `${caller}: options.model: expected a loaded colorizer ({ model, metadata }) or a model directory or URL`,
    );
  }
  // A field given as undefined keeps its default, as an absent one does.
  const explicitOptions = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  );
  const resolved: ResolvedColorizeOptions = {
    ...DEFAULT_COLORIZE_OPTIONS,
    nJets: undefined,
    predictor: undefined,
    onProgress: undefined,
    ...explicitOptions,
    model,
  };

  const { nJets, batchSize, refine, heatMaps } = resolved;
  if (nJets !== undefined && !(typeof nJets === 'number' && Number.isInteger(nJets) && nJets >= 1)) {
    throw new RangeError(`${caller}: options.nJets: expected an integer ≥ 1 but got ${String(nJets)}`);
  }
  if (!(typeof batchSize === 'number' && Number.isInteger(batchSize) && batchSize >= 1)) {
    throw new RangeError(
      `${caller}: options.batchSize: expected an integer ≥ 1 but got ${String(batchSize)}`,
    );
  }
  for (const [name, value] of [
    ['refine', refine],
    ['heatMaps', heatMaps],
  ] as const) {
    if (typeof value !== 'boolean') {
      throw new TypeError(`${caller}: options.${name}: expected a boolean but got ${typeof value}`);
    }
  }
  for (const [name, value] of [
    ['predictor', resolved.predictor],
    ['onProgress', resolved.onProgress],
  ] as const) {
    if (value !== undefined && typeof value !== 'function') {
      throw new TypeError(`${caller}: options.${name}: expected a function but got ${typeof value}`);
    }
  }
  validateMinijetOptions(resolved.minijets, caller);
  resolveAssignmentOptions(
    { method: resolved.assignment, guidance: resolved.guidance, refine },
    caller,
    'assignment',
  );
  return resolved;
}
