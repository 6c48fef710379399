import type * as tfl from '@tensorflow/tfjs-layers';
import type { LossOptions } from '../loss/loss-options.js';
import type { BackendName } from './backend';
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
}

/** Requests from the main thread, one reply each. */
export type WorkerRequest =
  | { kind: 'init'; init: WorkerInit }
  /** Loss and gradients of the trainable weights on a share, in training mode; updates batch statistics. */
  | { kind: 'gradients'; batch: TrainingBatch }
  /** Applies one Adam step with the given gradients and sets the non-trainable weights. */
  | { kind: 'apply'; gradients: Float32Array[]; nonTrainable: Float32Array[] }
  | { kind: 'loss'; batch: TrainingBatch }
  | { kind: 'predict'; images: Float32Array; shape: [number, number, number, number] }
  | { kind: 'weights' }
  | { kind: 'memory' };

/** Reply to a 'gradients' request; the arrays follow the model's trainable and non-trainable weights. */
export interface GradientsReply {
  loss: number;
  gradients: Float32Array[];
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
