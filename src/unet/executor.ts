/**
 * Training and inference steps on the current tfjs backend in the calling thread, and the batch loss that
 * every executor (this one and the worker-thread one) differentiates.
 */

import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

import { energyWeightedLogLoss, resolveLossOptions, type LossOptions } from '../loss/index.js';
import type { StepExecutor, TrainingBatch } from './training-types.js';

/** Model, optimizer settings and loss options that an executor trains with. */
export interface ExecutorContext {
  /** The model to train; a single-thread executor updates its weights in place. */
  model: tfl.LayersModel;
  /** Adam learning rate. */
  learningRate: number;
  /** Loss options, with `noJetChannel` matching the model. */
  loss: LossOptions;
}

/** Makes the executor that the training loop runs its steps on. */
export type ExecutorFactory = (context: ExecutorContext) => Promise<StepExecutor>;

/**
 * Computes the energy-weighted log loss of the model on a batch, as a scalar to differentiate: the forward
 * pass runs in training mode (dropout, batch statistics) unless `training` is false. Call it inside
 * `tf.variableGrads`, `optimizer.minimize` or `tf.tidy`.
 */
export function computeBatchLoss(
  model: tfl.LayersModel,
  batch: TrainingBatch,
  lossOptions: Partial<LossOptions> = {},
  training = true,
): tf.Scalar {
  const images = tf.tensor4d(batch.images, batch.shape);
  const heatMaps = model.apply(images, { training });
  if (Array.isArray(heatMaps) || !(heatMaps instanceof tf.Tensor)) {
    throw new TypeError('computeBatchLoss: model: expected one tensor output, the heat maps');
  }
  return energyWeightedLogLoss(batch.targets, heatMaps, lossOptions);
}

/** Returns the trainable variables of a model, the ones Adam updates. */
export function trainableVariables(model: tfl.LayersModel): tf.Variable[] {
  const variables: tf.Variable[] = [];
  for (const weight of model.trainableWeights) {
    const value = weight.read();
    if (!(value instanceof tf.Variable)) {
      throw new TypeError(`trainableVariables: weight ${weight.name}: expected a tf.Variable`);
    }
    variables.push(value);
  }
  return variables;
}

/**
 * Creates an executor that runs every step on the current backend in this thread, with one Adam optimizer
 * over the model's trainable weights.
 */
export function createSingleThreadExecutor(
  model: tfl.LayersModel,
  options: { learningRate: number; loss?: Partial<LossOptions> },
): StepExecutor {
  const loss = resolveLossOptions(options.loss, 'createSingleThreadExecutor');
  const optimizer = tf.train.adam(options.learningRate);
  const variables = trainableVariables(model);
  let disposed = false;
  const checkOpen = (): void => {
    if (disposed) throw new Error('createSingleThreadExecutor: the executor was disposed');
  };

  return {
    async trainStep(batch: TrainingBatch): Promise<number> {
      checkOpen();
      const cost = optimizer.minimize(() => computeBatchLoss(model, batch, loss, true), true, variables);
      if (cost === null)
        throw new Error('createSingleThreadExecutor: trainStep: the optimizer returned no loss');
      const value = (await cost.data())[0] as number;
      cost.dispose();
      return value;
    },

    async evaluateLoss(batch: TrainingBatch): Promise<number> {
      checkOpen();
      const cost = tf.tidy(() => computeBatchLoss(model, batch, loss, false));
      const value = (await cost.data())[0] as number;
      cost.dispose();
      return value;
    },

    async predict(images: Float32Array, shape: [number, number, number, number]): Promise<Float32Array> {
      checkOpen();
      const heatMaps = tf.tidy(() => model.predict(tf.tensor4d(images, shape)) as tf.Tensor);
      const values = (await heatMaps.data()) as Float32Array;
      heatMaps.dispose();
      return values;
    },

    async getWeights(): Promise<Float32Array[]> {
      checkOpen();
      // Copies, because a backend may hand out its own buffer of the variable.
      return Promise.all(
        model.getWeights().map(async (w) => Float32Array.from((await w.data()) as Float32Array)),
      );
    },

    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      optimizer.dispose();
    },
  };
}

/** The default {@link ExecutorFactory}: {@link createSingleThreadExecutor} on the current backend. */
export const singleThreadExecutorFactory: ExecutorFactory = async (context) =>
  createSingleThreadExecutor(context.model, { learningRate: context.learningRate, loss: context.loss });
