/**
 * Jet clustering by automatic colorization. The event's particles are rasterized on the model's grid and the
 * U-Net paints a heat map per jet. Each particle reads its jet probabilities back from the heat maps, and Durham
 * minijets are assigned to jets from those probabilities.
 */

import * as tf from '@tensorflow/tfjs-core';
// Registers the CPU backend, so that prediction works even when no other backend was set up.
import '@tensorflow/tfjs-backend-cpu';

import { assignMinijets, buildMinijets } from './clustering/index.js';
import type { Jet } from './clustering/index.js';
import { InvalidEventError } from './colorize-errors.js';
import { resolveColorizeOptions } from './colorize-options.js';
import type { ColorizeOptions, HeatMapPredictor, ResolvedColorizeOptions } from './colorize-options.js';
import { sampleAtMinijetAxes, sampleAtParticles } from './colorize-sampling.js';
import { rasterizeBatch } from './geometry/index.js';
import type { CalorimeterImpacts, RasterInput } from './geometry/index.js';
import { Particles } from './particles/index.js';
import type { JetEvent } from './particles/index.js';
import { loadColorizer } from './unet/model-files.js';
import type { LoadedColorizer } from './unet/model-files.js';

/** An event to colorize: particles at the level the model was trained on, with calorimeter impacts if known. */
export type ColorizeInput = JetEvent | (JetEvent & { impacts: CalorimeterImpacts });

/** Heat maps of one event: row-major height × width × channels probabilities (softmax over the channels). */
export interface HeatMaps {
  data: Float32Array;
  height: number;
  width: number;
  channels: number;
}

/** The jets of one event and how they were made. */
export interface ColorizeResult {
  /** Jets: four-momenta in GeV and constituent particle indices, by decreasing energy. */
  jets: Jet[];
  /** Jet index (into `jets`) of every particle. */
  particleJet: Int32Array;
  /**
   * Row-major N × channels probabilities of every particle, read from the heat maps at its grid position. The
   * first nJets channels are the jets in the model's channel order, and a last "no jet" channel follows when the
   * model has one. Particles outside the image have NaN rows.
   */
  particleProbabilities: Float32Array;
  /** Output channels of the model: nJets, plus one with a "no jet" channel. */
  channels: number;
  /** Heat-map channel of each jet. */
  jetChannel: Int32Array;
  /** Durham minijets, by decreasing energy. */
  minijets: Jet[];
  /** Jet index (into `jets`) of every minijet. */
  minijetJet: Int32Array;
  /** The event's heat maps, when `options.heatMaps` is true. */
  heatMaps?: HeatMaps;
}

/** Loads the colorizer a string option names; the Node entry passes its own, which also reads directories. */
export type ColorizerLoader = (source: string) => Promise<LoadedColorizer>;

/**
 * Clusters one event into jets with the colorizer, as {@link colorizeEvents} does for a batch.
 *
 * @example
 * const colorizer = await loadColorizer('https://example.org/models/default/model.json');
 * const { jets, particleJet } = await colorizeEvent(event, { model: colorizer });
 * @throws InvalidEventError (a RangeError) for an event without particles, with fewer particles than jets or
 *   with a non-finite four-momentum component.
 * @throws TypeError or RangeError for invalid options, or a model that does not fit them.
 */
export async function colorizeEvent(event: ColorizeInput, options: ColorizeOptions): Promise<ColorizeResult> {
  const [result] = await colorizeWith([event], options, loadColorizer, 'colorizeEvent');
  return result as ColorizeResult;
}

/**
 * Clusters events into jets with the colorizer, running the U-Net once per batch of `options.batchSize` events
 * (in this thread, or with `options.predictor`).
 * Each event is rasterized with the model's raster options (its metadata), so the images match the training
 * images. The events must be at the level the model was trained on: for a model trained on detector-level
 * events (metadata `detector` set), pass the output of `simulateDetector` or real reconstructed particles.
 *
 * @throws InvalidEventError (a RangeError) naming the first invalid event, before any prediction.
 * @throws TypeError or RangeError for invalid options, or a model that does not fit them.
 */
export async function colorizeEvents(
  events: readonly ColorizeInput[],
  options: ColorizeOptions,
): Promise<ColorizeResult[]> {
  return colorizeWith(events, options, loadColorizer, 'colorizeEvents');
}

/** Runs the whole pipeline with `loadModel` for a string `model` option. */
export async function colorizeWith(
  events: readonly ColorizeInput[],
  options: ColorizeOptions,
  loadModel: ColorizerLoader,
  caller: string,
): Promise<ColorizeResult[]> {
  const resolved = resolveColorizeOptions(options, caller);
  if (!Array.isArray(events)) {
    throw new TypeError(`${caller}: events: expected an array of events but got ${typeof events}`);
  }
  const colorizer = typeof resolved.model === 'string' ? await loadModel(resolved.model) : resolved.model;
  const { metadata } = colorizer;
  const nJets = resolved.nJets ?? metadata.nJets;
  if (nJets !== metadata.nJets) {
    throw new RangeError(
      `${caller}: options.nJets: the model paints ${metadata.nJets} jets but got ${nJets}; use a model trained for ${nJets} jets`,
    );
  }
  if (resolved.minijets.mode === 'count' && resolved.minijets.count < nJets) {
    throw new RangeError(
      `${caller}: options.minijets.count: expected at least nJets = ${nJets} minijets but got ${resolved.minijets.count}; ` +
        'each jet is made of whole minijets',
    );
  }
  events.forEach((event, index) => validateEvent(event, index, nJets, caller));

  await tf.ready();
  const channels = nJets + (metadata.noJetChannel ? 1 : 0);
  const predict = resolved.predictor ?? ((images, shape) => predictInThread(colorizer.model, images, shape));
  const starts: number[] = [];
  for (let start = 0; start < events.length; start += resolved.batchSize) starts.push(start);
  const begin = (start: number): PendingBatch =>
    startBatch(
      events.slice(start, start + resolved.batchSize),
      metadata.raster,
      predict,
      resolved.predictor !== undefined,
      channels,
    );

  // The heat maps of batch k + 1 are requested before batch k's minijets are assigned, so that a predictor
  // on other threads works while this thread clusters.
  const results: ColorizeResult[] = [];
  let next = starts.length > 0 ? begin(0) : undefined;
  for (let k = 0; k < starts.length; k++) {
    const current = next as PendingBatch;
    const following = starts[k + 1];
    next = following === undefined ? undefined : begin(following);
    const heatMaps = await current.heatMaps;
    results.push(...assignBatch(current, heatMaps, colorizer, nJets, channels, resolved));
    resolved.onProgress?.(current.events.length);
  }
  return results;
}

/** A batch whose heat maps are being predicted. */
interface PendingBatch {
  events: readonly ColorizeInput[];
  raster: ReturnType<typeof rasterizeBatch>;
  heatMaps: Promise<Float32Array>;
}

/** Runs the U-Net on images in this thread and returns its heat maps. */
async function predictInThread(
  model: LoadedColorizer['model'],
  images: Float32Array,
  shape: [number, number, number, number],
): Promise<Float32Array> {
  const output = tf.tidy(() => model.predict(tf.tensor4d(images, shape)) as tf.Tensor);
  try {
    return (await output.data()) as Float32Array;
  } finally {
    output.dispose();
  }
}

/** Rasterizes a batch and requests its heat maps, checking their size when they arrive. */
function startBatch(
  events: readonly ColorizeInput[],
  rasterOptions: LoadedColorizer['metadata']['raster'],
  predict: HeatMapPredictor,
  usesPredictor: boolean,
  channels: number,
): PendingBatch {
  const inputs: RasterInput[] = events.map((event) =>
    'impacts' in event && event.impacts !== undefined
      ? { particles: event.particles, impacts: event.impacts }
      : event.particles,
  );
  const raster = rasterizeBatch(inputs, rasterOptions);
  const shape: [number, number, number, number] = [
    raster.batchSize,
    raster.height,
    raster.width,
    raster.channels,
  ];
  const expected = raster.batchSize * raster.height * raster.width * channels;
  const source = usesPredictor ? 'options.predictor' : 'the model';
  const heatMaps = Promise.resolve(predict(raster.images, shape)).then((values) => {
    if (!(values instanceof Float32Array) || values.length !== expected) {
      const got = values instanceof Float32Array ? `${values.length} values` : describeValue(values);
      throw new RangeError(
        `colorizeEvents: ${source}: expected a Float32Array of ${raster.batchSize}×${raster.height}×${raster.width}×${channels} = ${expected} heat-map values but got ${got}`,
      );
    }
    // Probabilities outside [0, 1] would pass for particles outside the image, and give jets without error.
    const bad = values.findIndex((p) => !(p >= 0 && p <= 1));
    if (bad >= 0) {
      const event = Math.floor(bad / (raster.height * raster.width * channels));
      throw new RangeError(
        `colorizeEvents: ${source}: expected heat-map probabilities in [0, 1] but got ${values[bad]} ` +
          `(value ${bad} of the batch, its event ${event}); check that the model's weights are intact`,
      );
    }
    return values;
  });
  // Awaited later, after the previous batch is assigned: this keeps an early failure from being reported
  // as unhandled meanwhile.
  heatMaps.catch(() => undefined);
  return { events, raster, heatMaps };
}

/** Names the type of a value for an error message: 'Float64Array', 'Array', 'undefined'. */
function describeValue(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value === null ? 'null' : typeof value);
  return value.constructor?.name ?? 'object';
}

/** Assigns each event's minijets to jets with the batch's heat maps. */
function assignBatch(
  { events, raster }: PendingBatch,
  heatMaps: Float32Array,
  colorizer: LoadedColorizer,
  nJets: number,
  channels: number,
  options: ResolvedColorizeOptions,
): ColorizeResult[] {
  const { metadata } = colorizer;
  const mapSize = raster.height * raster.width * channels;
  return events.map((event, b) => {
    const heatMap = heatMaps.subarray(b * mapSize, (b + 1) * mapSize);
    const coords = raster.coords[b];
    if (coords === undefined)
      throw new Error('colorizeEvents: the rasterizer returned fewer events than given');
    const particleProbabilities = sampleAtParticles(heatMap, channels, coords);
    let minijets = buildMinijets(event.particles, options.minijets);
    // A y cut can leave fewer minijets than jets; the event then gets exactly nJets minijets.
    if (minijets.length < nJets) minijets = buildMinijets(event.particles, { mode: 'count', count: nJets });
    const assignment = assignMinijets(
      {
        minijets,
        energies: event.particles.e,
        particleProbabilities,
        channels,
        nJets,
        minijetAxisProbabilities: options.refine
          ? sampleAtMinijetAxes(heatMap, channels, minijets, metadata.raster)
          : undefined,
      },
      { method: options.assignment, guidance: options.guidance, refine: options.refine },
    );
    const result: ColorizeResult = {
      jets: assignment.jets,
      particleJet: assignment.particleJet,
      particleProbabilities,
      channels,
      jetChannel: assignment.jetChannel,
      minijets,
      minijetJet: assignment.minijetJet,
    };
    if (options.heatMaps) {
      result.heatMaps = { data: heatMap.slice(), height: raster.height, width: raster.width, channels };
    }
    return result;
  });
}

/** Checks one event and throws an {@link InvalidEventError} that names it. */
function validateEvent(event: ColorizeInput, index: number, nJets: number, caller: string): void {
  const particles = event?.particles;
  if (!(particles instanceof Particles)) {
    throw new InvalidEventError(
      'notAnEvent',
      index,
      `${caller}: event ${index}: expected an event with a Particles container (see particlesFromArray)`,
    );
  }
  if (particles.length === 0) {
    throw new InvalidEventError(
      'noParticles',
      index,
      `${caller}: event ${index}: expected particles but got none`,
    );
  }
  if (particles.length < nJets) {
    throw new InvalidEventError(
      'fewerParticlesThanJets',
      index,
      `${caller}: event ${index}: expected at least nJets = ${nJets} particles but got ${particles.length}`,
    );
  }
  for (const [name, column] of [
    ['px', particles.px],
    ['py', particles.py],
    ['pz', particles.pz],
    ['E', particles.e],
  ] as const) {
    const bad = column.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) {
      throw new InvalidEventError(
        'notFinite',
        index,
        `${caller}: event ${index}: particle ${bad}: expected a finite ${name} but got ${column[bad]}`,
      );
    }
  }
}
