/**
 * Worker-thread script of the worker executor: one replica of the model on its own tfjs backend, which
 * computes gradients on its share of each batch, passes them to the other workers through shared memory,
 * and applies the same Adam update as every other replica.
 */
import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LossOptions } from '../loss/loss-options.js';
import { setupBackendNode } from './backend-node';
import { computeBatchLoss, trainableVariables } from './executor.js';
import { FlatAdam } from './flat-adam';
import { ExchangeMember } from './gradient-exchange';
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
  lossOptions: Partial<LossOptions>;
  variables: tf.Variable[];
  /** Start of each trainable variable in the flat weight vector and in a gradient region. */
  offsets: number[];
  exchange: ExchangeMember;
  /** Adam over this worker's shard of the shared weights. */
  adam: FlatAdam;
}

interface Outcome {
  result: unknown;
  transfer: ArrayBuffer[];
}

let replica: Replica | undefined;

/**
 * Copies tensor values into a Float32Array of their own. The CPU backend's dataSync returns the tensor's
 * own storage, so transferring that buffer to the main thread would empty the tensor.
 */
function copyFloat32(values: tf.TypedArray | Float32Array): Float32Array {
  return Float32Array.from(values);
}

function requireReplica(): Replica {
  if (replica === undefined) throw new Error('worker: the replica is not initialised (send init first)');
  return replica;
}

async function initialise(init: WorkerInit): Promise<void> {
  if (init.productionMode) tf.enableProdMode();
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
  const variables = trainableVariables(model);
  const offsets: number[] = [];
  let total = 0;
  for (const variable of variables) {
    offsets.push(total);
    total += variable.size;
  }
  const exchange = new ExchangeMember(init.exchange, init.workerIndex, total);
  // Every worker starts from the same weights, so each writes the shared vector; each shard is then
  // only written by its own worker.
  variables.forEach((variable, k) => exchange.weights.set(variable.dataSync(), offsets[k]));
  replica = {
    model,
    lossOptions: init.lossOptions,
    variables,
    offsets,
    exchange,
    adam: new FlatAdam(exchange.shardWeights(), init.adam),
  };
}

function gradients(batch: TrainingBatch, step: number): Outcome {
  const state = requireReplica();
  const { variables, offsets, exchange } = state;
  const region = exchange.region;
  const { value, grads } = tf.variableGrads(
    () => computeBatchLoss(state.model, batch, state.lossOptions, true),
    variables,
  );
  try {
    variables.forEach((variable, k) => {
      const gradient = grads[variable.name];
      const offset = offsets[k] ?? 0;
      if (gradient === undefined) region.fill(0, offset, offset + variable.size);
      else region.set(gradient.dataSync(), offset);
    });
    exchange.publishGradients(step);
    const reply: GradientsReply = {
      loss: value.dataSync()[0] ?? NaN,
      nonTrainable: state.model.nonTrainableWeights.map((w) => copyFloat32(w.read().dataSync())),
    };
    return { result: reply, transfer: reply.nonTrainable.map((a) => a.buffer).filter(isArrayBuffer) };
  } finally {
    tf.dispose([value, ...Object.values(grads)]);
  }
}

function apply(step: number, factors: number[], nonTrainable: Float32Array[]): void {
  const { model, variables, offsets, exchange, adam } = requireReplica();
  try {
    adam.step(exchange.sumShard(step, factors));
  } catch (error) {
    exchange.publishShard(step, false);
    throw error;
  }
  exchange.publishShard(step);
  // NOTE: when this throws, the other shards may already contain the step's update while the variables do not,
  // so the replicas can differ afterwards; the executor should then be disposed.
  exchange.awaitShards(step);
  variables.forEach((variable, k) => {
    const offset = offsets[k] ?? 0;
    // slice copies out of the shared buffer, which the next step rewrites.
    const value = tf.tensor(exchange.weights.slice(offset, offset + variable.size), variable.shape);
    variable.assign(value);
    value.dispose();
  });
  model.nonTrainableWeights.forEach((w, i) => {
    const value = tf.tensor(nonTrainable[i] ?? new Float32Array(), w.read().shape);
    w.write(value);
    // The variable keeps its own reference to the data.
    value.dispose();
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
  const heatMaps = copyFloat32(output.dataSync());
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
      return gradients(request.batch, request.step);
    case 'apply':
      apply(request.step, request.factors, request.nonTrainable);
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
        .map((w) => copyFloat32(w.dataSync()));
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
    try {
      port.postMessage(response, transfer);
    } catch (error) {
      // A reply that cannot be posted must still settle the request, or the caller would wait forever.
      const message = `worker: the reply to request ${id} (${request.kind}) could not be posted: ${error instanceof Error ? error.message : String(error)}`;
      console.error(message);
      port.postMessage({ id, ok: false, error: message });
    }
  });
});
