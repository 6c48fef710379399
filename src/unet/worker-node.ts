/**
 * Worker-thread script of the worker executor: one replica of the model on its own tfjs backend, which
 * computes gradients on its share of each batch and applies the Adam updates the main thread sends.
 */
import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LossOptions } from '../loss/loss-options.js';
import { setupBackendNode } from './backend-node';
import { computeBatchLoss } from './executor.js';
// Registers the custom layer class that the model topology names.
import './periodic-padding.js';
import type { TrainingBatch } from './training-types';
import type {
  GradientsReply,
  WorkerEnvelope,
  WorkerInit,
  WorkerRequest,
  WorkerResponse,
} from './worker-protocol';

interface Replica {
  model: tfl.LayersModel;
  optimizer: tf.Optimizer;
  lossOptions: Partial<LossOptions>;
}

interface Outcome {
  result: unknown;
  transfer: ArrayBuffer[];
}

let replica: Replica | undefined;

function toFloat32(values: tf.TypedArray | Float32Array): Float32Array {
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

function requireReplica(): Replica {
  if (replica === undefined) throw new Error('worker: the replica is not initialised (send init first)');
  return replica;
}

async function initialise(init: WorkerInit): Promise<void> {
  await setupBackendNode(init.backend);
  const model = await tfl.models.modelFromJSON({ modelTopology: init.modelTopology });
  if (init.weights.length !== model.weights.length) {
    throw new RangeError(
      `worker: weights: expected ${model.weights.length} arrays but got ${init.weights.length}`,
    );
  }
  const tensors = model.weights.map((w, i) =>
    tf.tensor(init.weights[i] ?? new Float32Array(), w.read().shape),
  );
  model.setWeights(tensors);
  tf.dispose(tensors);
  const { learningRate, beta1, beta2, epsilon } = init.adam;
  replica = {
    model,
    optimizer: tf.train.adam(learningRate, beta1, beta2, epsilon),
    lossOptions: init.lossOptions,
  };
}

function gradients(batch: TrainingBatch): Outcome {
  const state = requireReplica();
  const variables = state.model.trainableWeights.map((w) => {
    const variable = w.read();
    if (!(variable instanceof tf.Variable))
      throw new TypeError(`worker: weight ${w.name}: expected a variable`);
    return variable;
  });
  const { value, grads } = tf.variableGrads(
    () => computeBatchLoss(state.model, batch, state.lossOptions, true),
    variables,
  );
  const reply: GradientsReply = {
    loss: value.dataSync()[0] ?? NaN,
    gradients: variables.map((v) => {
      const gradient = grads[v.name];
      return gradient === undefined ? new Float32Array(v.size) : toFloat32(gradient.dataSync());
    }),
    nonTrainable: state.model.nonTrainableWeights.map((w) => toFloat32(w.read().dataSync())),
  };
  tf.dispose([value, ...Object.values(grads)]);
  const transfer = [...reply.gradients, ...reply.nonTrainable].map((a) => a.buffer).filter(isArrayBuffer);
  return { result: reply, transfer };
}

function apply(gradientValues: Float32Array[], nonTrainable: Float32Array[]): void {
  const { model, optimizer } = requireReplica();
  const named: tf.NamedTensorMap = {};
  model.trainableWeights.forEach((w, i) => {
    named[w.name] = tf.tensor(gradientValues[i] ?? new Float32Array(), w.read().shape);
  });
  optimizer.applyGradients(named);
  tf.dispose(Object.values(named));
  model.nonTrainableWeights.forEach((w, i) => {
    const value = tf.tensor(nonTrainable[i] ?? new Float32Array(), w.read().shape);
    w.write(value);
  });
}

function predict(images: Float32Array, shape: [number, number, number, number]): Outcome {
  const { model } = requireReplica();
  const output = tf.tidy(() => {
    const result = model.predict(tf.tensor4d(images, shape));
    if (Array.isArray(result)) throw new TypeError('worker: model: expected one output tensor');
    return result;
  });
  // Read outside tf.tidy: tidy walks every element of a returned typed array looking for tensors, which
  // made each prediction several times slower.
  const heatMaps = toFloat32(output.dataSync());
  output.dispose();
  return { result: heatMaps, transfer: isArrayBuffer(heatMaps.buffer) ? [heatMaps.buffer] : [] };
}

function isArrayBuffer(buffer: ArrayBufferLike): buffer is ArrayBuffer {
  return buffer instanceof ArrayBuffer;
}

async function run(request: WorkerRequest): Promise<Outcome> {
  switch (request.kind) {
    case 'init':
      await initialise(request.init);
      return { result: null, transfer: [] };
    case 'gradients':
      return gradients(request.batch);
    case 'apply':
      apply(request.gradients, request.nonTrainable);
      return { result: null, transfer: [] };
    case 'loss': {
      const state = requireReplica();
      const loss = tf.tidy(
        () => computeBatchLoss(state.model, request.batch, state.lossOptions, false).dataSync()[0] ?? NaN,
      );
      return { result: loss, transfer: [] };
    }
    case 'predict':
      return predict(request.images, request.shape);
    case 'weights': {
      const weights = requireReplica()
        .model.getWeights()
        .map((w) => toFloat32(w.dataSync()));
      return { result: weights, transfer: weights.map((w) => w.buffer).filter(isArrayBuffer) };
    }
    case 'memory':
      return { result: tf.memory().numTensors, transfer: [] };
  }
}

const port = parentPort;
if (port === null) throw new Error('worker-node: expected to run in a worker thread');
let queue: Promise<void> = Promise.resolve();
port.on('message', ({ id, request }: WorkerEnvelope) => {
  // One request at a time, in arrival order, so that an apply never overtakes the init it needs.
  queue = queue.then(async () => {
    let response: WorkerResponse;
    let transfer: ArrayBuffer[] = [];
    try {
      const outcome = await run(request);
      response = { id, ok: true, result: outcome.result };
      transfer = outcome.transfer;
    } catch (error) {
      response = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(response, transfer);
  });
});
