/**
 * The training loop of the colorizer: events → detector response → images and loss targets → Adam steps on
 * an executor, with a seeded split and shuffling, validation, early stopping, progress and checkpoints.
 */

import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

import { createRandom, resolveRasterOptions } from '../geometry/index.js';
import { resolveLossOptions } from '../loss/index.js';
import type { JetEvent } from '../particles/index.js';
import { singleThreadExecutorFactory, type ExecutorFactory } from './executor.js';
import { attachColorizerMetadata } from './model-files.js';
import {
  COLORIZER_FORMAT,
  COLORIZER_FORMAT_VERSION,
  type ColorizerMetadata,
  type TrainingDataDescription,
  type TrainingMetrics,
} from './model-metadata.js';
import { assembleBatch, prepareEvents, type PreparedEvents } from './train-data.js';
import { resolveTrainOptions, type TrainOptions } from './train-options.js';
import { shuffled, splitEvents } from './train-split.js';
import type { StepExecutor } from './training-types.js';
import { outputChannels, resolveUNetOptions, type UNetOptions } from './unet-options.js';
import { buildUNet } from './unet.js';

/** Progress of the loop, reported after every batch. */
export interface TrainingProgress {
  phase: 'prepare' | 'train' | 'validate';
  /** 1-based epoch; 0 while preparing. */
  epoch: number;
  epochs: number;
  /** Batches (events while preparing) done and total in this phase. */
  done: number;
  total: number;
  /** Loss of the phase so far, weighted by the number of true jets; NaN while preparing. */
  loss: number;
}

/** Summary of one epoch. */
export interface EpochReport {
  epoch: number;
  trainLoss: number;
  /** NaN without a validation set. */
  validationLoss: number;
  seconds: number;
  /** Whether this epoch has the lowest monitored loss so far. */
  best: boolean;
}

/** Arguments of {@link trainColorizer}: the events plus any {@link TrainOptions}. */
export interface TrainColorizerArgs extends Partial<TrainOptions> {
  /** Labelled events (particles with trueJet), generator level unless `detector` is null. */
  events: readonly JetEvent[];
  /** A model to continue training; by default a new one from `unet`. Its input must fit `raster`. */
  model?: tfl.LayersModel;
  /** Executor of the steps. Default: one thread on the current backend. */
  createExecutor?: ExecutorFactory;
  /** Called after every batch and every 100 prepared events. */
  onProgress?: (progress: TrainingProgress) => void;
  /** Called after every epoch with the model holding that epoch's weights, for example to save a checkpoint. */
  onEpochEnd?: (
    report: EpochReport,
    model: tfl.LayersModel,
    metadata: ColorizerMetadata,
  ) => Promise<void> | void;
  /** Description of the event files, stored in the metadata. */
  files?: string[];
}

/** The trained model (best epoch's weights, metadata attached) and its metadata. */
export interface TrainingResult {
  model: tfl.LayersModel;
  metadata: ColorizerMetadata;
  history: EpochReport[];
}

/**
 * Trains a colorizer on labelled events.
 *
 * The validation events (validationSplit of the events, after a seeded shuffle) are split off first and
 * the training events are capped at maxEvents. Each epoch visits the training events in a new seeded
 * order, in batches of batchSize (the last batch may be smaller). Epoch losses are averages weighted by
 * the number of true jets, so they equal the loss of the whole set. With patience > 0 the loop stops after
 * that many epochs without improvement. The returned model always contains the best epoch's weights.
 *
 * @throws TypeError or RangeError for invalid options, events without labels, or too few events.
 */
export async function trainColorizer(args: TrainColorizerArgs): Promise<TrainingResult> {
  const { events, createExecutor = singleThreadExecutorFactory, onProgress, onEpochEnd } = args;
  const options = resolveTrainOptions(args);
  if (!Array.isArray(events)) {
    throw new TypeError(`trainColorizer: events: expected an array of events but got ${typeof events}`);
  }
  const raster = resolveRasterOptions(options.raster, 'trainColorizer: raster');
  const unet = resolveUNetOptions(
    { ...options.unet, inputShape: [raster.height, raster.width, raster.channels.length] },
    'trainColorizer: unet',
  );
  const loss = resolveLossOptions(
    { ...options.loss, noJetChannel: unet.noJetChannel },
    'trainColorizer: loss',
  );
  const started = Date.now();

  const prepared = prepareWithProgress(events, options, raster, unet.nJets, unet.noJetChannel, onProgress);
  const split = splitEvents(prepared.count, options);
  if (split.training.length === 0) {
    throw new RangeError(
      `trainColorizer: events: expected at least one usable training event but got ${prepared.count} usable ` +
        `of ${events.length} (${prepared.skippedTooManyJets} with more than ${unet.nJets} jets, ` +
        `${prepared.skippedUnlabelled} without labelled particles on the image)`,
    );
  }

  const model = args.model ?? buildUNet(unet);
  checkModelShape(model, unet);
  const executor = await createExecutor({ model, learningRate: options.learningRate, loss });
  const metadata: ColorizerMetadata = {
    format: COLORIZER_FORMAT,
    version: COLORIZER_FORMAT_VERSION,
    raster,
    unet,
    nJets: unet.nJets,
    noJetChannel: unet.noJetChannel,
    labelOrdering: loss.ordering,
    detector: options.detector,
    looperRule: options.detector === null ? null : options.looperRule,
    training: describeData(args, events, prepared, split),
    metrics: null,
  };

  const history: EpochReport[] = [];
  const shuffle = createRandom(options.seed + 1);
  let bestLoss = Infinity;
  let bestWeights: Float32Array[] | null = null;
  let sinceBest = 0;
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const epochStart = Date.now();
      const order = shuffled(split.training, shuffle);
      const trainLoss = await runPhase('train', epoch, order, prepared, options, executor, onProgress);
      const validationLoss =
        split.validation.length > 0
          ? await runPhase('validate', epoch, split.validation, prepared, options, executor, onProgress)
          : Number.NaN;
      const monitored = split.validation.length > 0 ? validationLoss : trainLoss;
      const best = monitored < bestLoss;
      if (best) {
        bestLoss = monitored;
        bestWeights = await executor.getWeights();
        sinceBest = 0;
      } else {
        sinceBest++;
      }
      const report = { epoch, trainLoss, validationLoss, seconds: (Date.now() - epochStart) / 1000, best };
      history.push(report);
      metadata.metrics = summarize(history, started);
      if (onEpochEnd !== undefined) {
        setModelWeights(model, await executor.getWeights());
        attachColorizerMetadata(model, metadata);
        await onEpochEnd(report, model, metadata);
      }
      if (options.patience > 0 && sinceBest >= options.patience) break;
    }
    setModelWeights(model, bestWeights ?? (await executor.getWeights()));
  } finally {
    await executor.dispose();
  }
  metadata.metrics = summarize(history, started);
  attachColorizerMetadata(model, metadata);
  return { model, metadata, history };
}

/** Runs one pass over `indices` and returns the loss weighted by the number of true jets per batch. */
async function runPhase(
  phase: 'train' | 'validate',
  epoch: number,
  indices: Int32Array,
  prepared: PreparedEvents,
  options: TrainOptions,
  executor: StepExecutor,
  onProgress: TrainColorizerArgs['onProgress'],
): Promise<number> {
  const total = Math.ceil(indices.length / options.batchSize);
  let weightedSum = 0;
  let jets = 0;
  for (let b = 0; b < total; b++) {
    const batch = assembleBatch(
      prepared,
      indices.subarray(b * options.batchSize, (b + 1) * options.batchSize),
    );
    const value = phase === 'train' ? await executor.trainStep(batch) : await executor.evaluateLoss(batch);
    if (!Number.isFinite(value)) {
      throw new Error(
        `trainColorizer: epoch ${epoch}: the ${phase} loss became ${value}; lower learningRate and retry`,
      );
    }
    weightedSum += value * batch.targets.nJets;
    jets += batch.targets.nJets;
    onProgress?.({ phase, epoch, epochs: options.epochs, done: b + 1, total, loss: weightedSum / jets });
  }
  return jets > 0 ? weightedSum / jets : 0;
}

function prepareWithProgress(
  events: readonly JetEvent[],
  options: TrainOptions,
  raster: ReturnType<typeof resolveRasterOptions>,
  nJets: number,
  noJetChannel: boolean,
  onProgress: TrainColorizerArgs['onProgress'],
): PreparedEvents {
  onProgress?.({
    phase: 'prepare',
    epoch: 0,
    epochs: options.epochs,
    done: 0,
    total: events.length,
    loss: NaN,
  });
  const prepared = prepareEvents(events, {
    raster,
    detector: options.detector,
    looperRule: options.looperRule,
    nJets,
    noJetChannel,
    seed: options.seed,
    onPrepared: (done) =>
      onProgress?.({
        phase: 'prepare',
        epoch: 0,
        epochs: options.epochs,
        done,
        total: events.length,
        loss: NaN,
      }),
  });
  onProgress?.({
    phase: 'prepare',
    epoch: 0,
    epochs: options.epochs,
    done: events.length,
    total: events.length,
    loss: NaN,
  });
  return prepared;
}

function checkModelShape(model: tfl.LayersModel, unet: UNetOptions): void {
  const input = model.inputs[0]?.shape ?? [];
  const output = model.outputs[0]?.shape ?? [];
  const [height, width, channels] = unet.inputShape;
  const k = outputChannels(unet);
  if (input[1] !== height || input[2] !== width || input[3] !== channels || output[3] !== k) {
    throw new RangeError(
      `trainColorizer: model: expected input [B, ${height}, ${width}, ${channels}] and ${k} output channels ` +
        `(from raster and unet) but got input [${formatShape(input)}] and output [${formatShape(output)}]`,
    );
  }
}

function formatShape(shape: readonly (number | null)[]): string {
  return shape.map((d) => (d === null ? 'B' : String(d))).join(', ');
}

function setModelWeights(model: tfl.LayersModel, weights: Float32Array[]): void {
  const current = model.getWeights();
  const tensors = weights.map((values, i) => tf.tensor(values, (current[i] as tf.Tensor).shape));
  model.setWeights(tensors);
  tf.dispose(tensors);
}

function summarize(history: EpochReport[], started: number): TrainingMetrics {
  const monitored = history.map((h) => (Number.isNaN(h.validationLoss) ? h.trainLoss : h.validationLoss));
  const bestIndex = monitored.indexOf(Math.min(...monitored));
  return {
    epochs: history.length,
    trainLoss: history.map((h) => h.trainLoss),
    validationLoss: history.filter((h) => !Number.isNaN(h.validationLoss)).map((h) => h.validationLoss),
    bestEpoch: bestIndex + 1,
    seconds: (Date.now() - started) / 1000,
  };
}

function describeData(
  args: TrainColorizerArgs,
  events: readonly JetEvent[],
  prepared: PreparedEvents,
  split: { training: Int32Array; validation: Int32Array },
): TrainingDataDescription {
  const processes = new Set<string>();
  const energies = new Set<number>();
  for (const event of events) {
    if (event.process !== undefined) processes.add(event.process);
    if (event.sqrtS !== undefined) energies.add(event.sqrtS);
  }
  return {
    files: args.files ?? [],
    trainingEvents: split.training.length,
    validationEvents: split.validation.length,
    skippedEvents: prepared.skippedTooManyJets + prepared.skippedUnlabelled,
    processes: [...processes].sort(),
    sqrtS: [...energies].sort((a, b) => a - b),
  };
}
