import type * as tfl from '@tensorflow/tfjs-layers';
import type { LossOptions } from '../loss/loss-options.js';
import type { BackendName } from './backend';
import type { GradientExchange } from './gradient-exchange';
import type { TrainingBatch } from './training-types';

/** Adam hyperparameters, identical in every replica so that their updates agree. */
export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** A model's topology as `model.toJSON(undefined, false)` returns it. */
export type ModelTopology = Exclude<ReturnType<tfl.LayersModel['toJSON']>, string>;

/** Data a worker starts with: the model to rebuild and how to train it. */
export interface WorkerInit {
  backend: BackendName;
  /** The model's topology, `model.toJSON(undefined, false)`. */
  modelTopology: ModelTopology;
  /** Every weight in `model.getWeights()` order. */
  weights: Float32Array[];
  adam: AdamSettings;
  lossOptions: Partial<LossOptions>;
  /** The buffers through which the workers combine gradients and share the update. */
  exchange: GradientExchange;
  /** This worker's index, 0 … threads − 1: its gradient region and its shard of the weights. */
  workerIndex: number;
  /** tfjs production mode (no console warnings), as in the main thread when the executor was created. */
  productionMode: boolean;
}

/** Requests from the main thread, one reply each. */
export type WorkerRequest =
  | { kind: 'init'; init: WorkerInit }
  /**
   * Loss and gradients of the trainable weights on a share, in training mode. The gradients go to the
   * worker's region of the exchange, stamped with `step`.
   */
  | { kind: 'gradients'; batch: TrainingBatch; step: number }
  /**
   * Applies one Adam step with the gradient Σ_i factors[i] · region i (regions 0 … factors.length − 1,
   * all stamped with `step`): Adam on the worker's shard, then, once every shard is done, all weights
   * into the variables. Sets the non-trainable weights. Sent to every worker at once.
   */
  | { kind: 'apply'; step: number; factors: number[]; nonTrainable: Float32Array[] }
  | { kind: 'loss'; batch: TrainingBatch }
  | { kind: 'predict'; images: Float32Array; shape: [number, number, number, number] }
  | { kind: 'weights' }
  | { kind: 'memory' };

/** Reply to a 'gradients' request (the gradients themselves are in the exchange). */
export interface GradientsReply {
  loss: number;
  /** The non-trainable weights (batch-normalisation statistics) after the share's forward pass. */
  nonTrainable: Float32Array[];
}

/** Message a worker posts back: the reply to request `id`, or the message of the error it threw. */
export type WorkerResponse =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** Message the main thread posts: a request with the id its reply carries. */
export interface WorkerEnvelope {
  id: number;
  request: WorkerRequest;
}
