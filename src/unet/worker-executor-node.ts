import { existsSync } from 'node:fs';
import { env } from '@tensorflow/tfjs-core';
import { fileURLToPath } from 'node:url';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { LossOptions } from '../loss/loss-options.js';
import type { BackendName } from './backend';
import type { ExecutorFactory } from './executor.js';
import type { StepExecutor, TrainingBatch } from './training-types';
import { sliceTrainingBatch, splitEvents } from './worker-batches';
import { createGradientExchange, type GradientExchange } from './gradient-exchange';
import type { AdamSettings, ModelTopology, WorkerInit } from './worker-protocol';
import { expectReply, isFloat32Arrays, isGradientsReply, isNumber, weightedSum } from './worker-replies';
import { WorkerThread } from './worker-thread-node';

/** Options of `createWorkerExecutor`. */
export interface WorkerExecutorOptions {
  /** Topology of the model to train, `model.toJSON(undefined, false)`. Required. */
  modelTopology: ModelTopology;
  /** Initial weights in `model.getWeights()` order. Required. */
  weights: Float32Array[];
  /** Worker threads, each with one replica of the model; a batch is split between them. Default 2. */
  threads: number;
  /** tfjs backend of every worker. Default 'wasm'. */
  backend: BackendName;
  /** Adam hyperparameters. Default learning rate 1e-3, β1 0.9, β2 0.999, ε 1e-7 (tf.train.adam's). */
  adam: AdamSettings;
  /** Options of the energy-weighted log loss. Default {} (the loss's own defaults). */
  lossOptions: Partial<LossOptions>;
  /**
   * Path or file URL of the worker script (worker-node.js of the built package). Default: found next to
   * this module in the package's dist directory.
   */
  workerScript: string | URL | undefined;
}

/** Defaults of `createWorkerExecutor`. */
export const DEFAULT_WORKER_EXECUTOR_OPTIONS = Object.freeze({
  threads: 2,
  backend: 'wasm' as BackendName,
  adam: Object.freeze({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }),
  lossOptions: Object.freeze({}),
  workerScript: undefined,
});

/** A step executor on worker threads; `workerTensorCounts` lets tests check that no tensor leaks. */
export interface WorkerExecutor extends StepExecutor {
  /** tf.memory().numTensors of each worker. */
  workerTensorCounts(): Promise<number[]>;
}

/** Topology and weights of a model, the two required fields of `WorkerExecutorOptions`. */
export function modelSnapshot(
  model: tfl.LayersModel,
): Pick<WorkerExecutorOptions, 'modelTopology' | 'weights'> {
  const topology = model.toJSON(undefined, false);
  if (typeof topology === 'string') throw new TypeError('modelSnapshot: model: expected a topology object');
  const weights = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  return { modelTopology: topology, weights };
}

/**
 * Locates worker-node.js of the built package from this module's location: beside it (dist/unet), from
 * a shared chunk at the dist root, or from another entry's directory such as dist/cli.
 */
function defaultWorkerScript(): URL {
  const candidates = ['./worker-node.js', './unet/worker-node.js', '../unet/worker-node.js'].map(
    (path) => new URL(path, import.meta.url),
  );
  const found = candidates.find((url) => url.protocol === 'file:' && existsSync(fileURLToPath(url)));
  if (found === undefined) {
    throw new Error(
      `createWorkerExecutor: worker script not found at ${candidates.map((url) => url.href).join(' or ')}; ` +
        'build the package (npm run build) or pass options.workerScript',
    );
  }
  return found;
}

function checkBatch(batch: TrainingBatch, caller: string): void {
  const [b, h, w, c] = batch.shape;
  if (batch.images.length !== b * h * w * c) {
    throw new RangeError(
      `${caller}: batch.images: expected ${b}×${h}×${w}×${c} = ${b * h * w * c} values but got ${batch.images.length}`,
    );
  }
}

class WorkerPoolExecutor implements WorkerExecutor {
  private readonly ready: Promise<void>;
  private disposed = false;
  private steps = 0;

  constructor(
    private readonly workers: WorkerThread[],
    init: Omit<WorkerInit, 'exchange' | 'workerIndex'>,
    exchange: GradientExchange,
  ) {
    const inits = workers.map((worker, workerIndex) =>
      worker.request({ kind: 'init', init: { ...init, exchange, workerIndex } }),
    );
    this.ready = Promise.all(inits).then(() => undefined);
    // A failed init rejects every later call through `ready`, and must not go unhandled meanwhile.
    this.ready.catch(() => undefined);
  }

  async trainStep(batch: TrainingBatch): Promise<number> {
    const { shares, slices, factors } = await this.prepare(batch, 'trainStep');
    const step = ++this.steps;
    const replies = await Promise.all(
      slices.map((slice, i) =>
        this.worker(i)
          .request({ kind: 'gradients', batch: slice, step })
          .then((reply) => expectReply(reply, isGradientsReply, 'gradients')),
      ),
    );
    const batchSize = batch.shape[0];
    // Batch-normalisation statistics: the mean over the shares, weighted by their numbers of events.
    const nonTrainable = weightedSum(
      replies.map((reply) => reply.nonTrainable),
      shares.map((share) => (share.end - share.start) / batchSize),
    );
    // The workers sum the gradients in the exchange and update one shard of the weights each. The next
    // step's gradients overwrite the regions only after all workers have replied here.
    await Promise.all(
      this.workers.map((worker) => worker.request({ kind: 'apply', step, factors, nonTrainable })),
    );
    return replies.reduce((sum, reply, i) => sum + (factors[i] ?? 0) * reply.loss, 0);
  }

  async evaluateLoss(batch: TrainingBatch): Promise<number> {
    const { slices, factors } = await this.prepare(batch, 'evaluateLoss');
    const losses = await Promise.all(
      slices.map((slice, i) =>
        this.worker(i)
          .request({ kind: 'loss', batch: slice })
          .then((reply) => expectReply(reply, isNumber, 'a loss')),
      ),
    );
    return losses.reduce((sum, loss, i) => sum + (factors[i] ?? 0) * loss, 0);
  }

  async predict(images: Float32Array, shape: [number, number, number, number]): Promise<Float32Array> {
    await this.whenReady('predict');
    const [batchSize, height, width, channels] = shape;
    const eventSize = height * width * channels;
    if (images.length !== batchSize * eventSize) {
      throw new RangeError(
        `predict: images: expected ${batchSize}×${height}×${width}×${channels} values but got ${images.length}`,
      );
    }
    const shares = splitEvents(batchSize, this.workers.length);
    const parts = await Promise.all(
      shares.map(({ start, end }, i) =>
        this.worker(i)
          .request({
            kind: 'predict',
            images: images.slice(start * eventSize, end * eventSize),
            shape: [end - start, height, width, channels],
          })
          .then((reply) =>
            expectReply(reply, (v): v is Float32Array => v instanceof Float32Array, 'heat maps'),
          ),
      ),
    );
    const heatMaps = new Float32Array(parts.reduce((n, part) => n + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      heatMaps.set(part, offset);
      offset += part.length;
    }
    return heatMaps;
  }

  async getWeights(): Promise<Float32Array[]> {
    await this.whenReady('getWeights');
    return expectReply(await this.worker(0).request({ kind: 'weights' }), isFloat32Arrays, 'weights');
  }

  async workerTensorCounts(): Promise<number[]> {
    await this.whenReady('workerTensorCounts');
    const counts = this.workers.map((worker) => worker.request({ kind: 'memory' }));
    return (await Promise.all(counts)).map((count) => expectReply(count, isNumber, 'a tensor count'));
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private worker(index: number): WorkerThread {
    const worker = this.workers[index];
    if (worker === undefined) throw new RangeError(`createWorkerExecutor: no worker ${index}`);
    return worker;
  }

  private async whenReady(caller: string): Promise<void> {
    if (this.disposed) throw new Error(`${caller}: the worker executor is disposed`);
    await this.ready;
  }

  /** Splits a batch between the workers; `factors` are N_i / N, the shares' weights in the batch loss. */
  private async prepare(batch: TrainingBatch, caller: string) {
    await this.whenReady(caller);
    checkBatch(batch, caller);
    const shares = splitEvents(batch.shape[0], this.workers.length);
    const slices = shares.map((share) => sliceTrainingBatch(batch, share));
    const total = batch.targets.nJets;
    const counted = slices.reduce((n, slice) => n + slice.targets.nJets, 0);
    if (counted !== total) {
      throw new RangeError(
        `${caller}: batch.targets.nJets: expected ${counted} label groups (distinct event and label) but got ${total}`,
      );
    }
    const factors = slices.map((slice) => (total === 0 ? 0 : slice.targets.nJets / total));
    return { shares, slices, factors };
  }
}

/**
 * Creates a step executor that trains on `threads` worker threads, data-parallel: each worker keeps a
 * replica of the model on its own tfjs backend and computes the gradients of its contiguous share of
 * every batch, which it writes to shared memory. The gradient of the whole batch's loss is the sum of
 * the shares' gradients with weights N_i / N (the share's jets over the batch's). Each worker forms that
 * sum for its own 1/threads of the weights and applies Adam to them (`FlatAdam`, the update of
 * tf.train.adam) in a shared weight vector. Once all are done, every replica loads the whole vector. So
 * the replicas stay identical, and no gradients or weights pass through the main thread. With batch normalisation each share is
 * normalised with its own statistics, and the moving statistics are averaged over the shares.
 * Prediction splits the batch between the workers too. Call `dispose` to stop the threads.
 *
 * @throws RangeError for `threads` outside [1, 64]; Error when the worker script is not found.
 */
export function createWorkerExecutor(
  options: Partial<WorkerExecutorOptions> & Pick<WorkerExecutorOptions, 'modelTopology' | 'weights'>,
): WorkerExecutor {
  const { modelTopology, weights, threads, backend, adam, lossOptions, workerScript } = {
    ...DEFAULT_WORKER_EXECUTOR_OPTIONS,
    ...options,
  };
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new RangeError(`createWorkerExecutor: threads: expected an integer in [1, 64] but got ${threads}`);
  }
  if (backend !== 'wasm' && backend !== 'cpu') {
    throw new RangeError(
      `createWorkerExecutor: backend: expected 'wasm' or 'cpu' but got ${String(backend)}`,
    );
  }
  if (!isFloat32Arrays(weights)) {
    throw new TypeError('createWorkerExecutor: weights: expected an array of Float32Array');
  }
  const script = workerScript ?? defaultWorkerScript();
  const init = {
    backend,
    modelTopology,
    weights,
    adam: { ...DEFAULT_WORKER_EXECUTOR_OPTIONS.adam, ...adam },
    lossOptions,
    productionMode: env().getBool('PROD'),
  };
  // Room for every weight, trainable or not: the main thread does not know which ones train.
  const regionLength = weights.reduce((n, w) => n + w.length, 0);
  const exchange = createGradientExchange(threads, regionLength);
  const workers = Array.from({ length: threads }, (_, i) => new WorkerThread(script, `worker ${i}`));
  return new WorkerPoolExecutor(workers, init, exchange);
}

/**
 * Returns an executor factory for `trainColorizer` that trains on worker threads, starting from the
 * model's current weights with the learning rate and loss options of the training run.
 */
export function workerExecutorFactory(
  options: Partial<Pick<WorkerExecutorOptions, 'threads' | 'backend' | 'workerScript'>> = {},
): ExecutorFactory {
  return async ({ model, learningRate, loss }) =>
    createWorkerExecutor({
      ...modelSnapshot(model),
      ...options,
      adam: { ...DEFAULT_WORKER_EXECUTOR_OPTIONS.adam, learningRate },
      lossOptions: loss,
    });
}
