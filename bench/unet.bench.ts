/**
 * Speed of the default U-Net: inference and training in ms per event on the wasm backend with one thread,
 * on two worker threads (one wasm backend each), and on the tfjs CPU backend, all in the same run.
 *
 * Run with `npm run build && npm run bench:unet` (the worker threads load dist/unet/worker-node.js).
 * The one-thread and two-worker setups are timed in alternation, one call each per round, and the
 * figures are medians over the rounds, so that both see the same load on a shared machine.
 * Achieved GFLOP/s count the convolutions' multiply-adds analytically (2 FLOPs each): forward = Σ over
 * convolution layers, training = 3 × forward (forward pass, input gradient, filter gradient). The
 * reference rate is a 1024 × 1024 float32 matrix multiply on the wasm backend, measured in this run on one
 * thread and on two worker threads at once.
 */

import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { DEFAULT_RASTER_OPTIONS } from '../src/geometry/index.js';
import { setupBackend } from '../src/unet/backend.js';
import { createSingleThreadExecutor } from '../src/unet/executor.js';
import { DEFAULT_TRAIN_OPTIONS } from '../src/unet/train-options.js';
import { DEFAULT_UNET_OPTIONS } from '../src/unet/unet-options.js';
import { buildUNet } from '../src/unet/unet.js';
import type { StepExecutor, TrainingBatch } from '../src/unet/training-types.js';
import { createWorkerExecutor, modelSnapshot } from '../src/unet/worker-executor-node.js';
import { syntheticBatch } from '../test/unet/worker-support.js';

const WORKER_SCRIPT = new URL('../dist/unet/worker-node.js', import.meta.url);
// The training loop's default batch size, so the per-step costs split between workers are realistic.
const WASM_BATCH = DEFAULT_TRAIN_OPTIONS.batchSize;
const CPU_BATCH = 2;
// The first steps take up to four times as long as later ones, because each worker's wasm code is
// compiled in tiers and its heap grows. The figures are for the steady state of a training run.
const WARM_UP = 3;
// Rounds of the interleaved wasm measurement: each round times one call of each setup in turn.
const ROUNDS = 9;
const MATMUL_SIZE = 1024;
const MATMUL_REPEATS = 6;
const LEARNING_RATE = 1e-3;

function singleShape(shape: tfl.Shape | tfl.Shape[]): tfl.Shape {
  const first = shape[0];
  return Array.isArray(first) ? first : shape.filter((d): d is number | null => !Array.isArray(d));
}

/** Forward-pass FLOPs of one event: 2 per multiply-add of every convolution and transposed convolution. */
function forwardFlops(model: tfl.LayersModel): number {
  let flops = 0;
  for (const layer of model.layers) {
    const kind = layer.getClassName();
    if (kind !== 'Conv2D' && kind !== 'Conv2DTranspose') continue;
    const kernel = layer.getWeights()[0];
    if (kernel === undefined) continue;
    const [kh = 0, kw = 0, a = 0, b = 0] = kernel.shape;
    // Conv2D kernels are [kh, kw, in, out] and count per output pixel; transposed ones are
    // [kh, kw, out, in] and count per input pixel.
    const input = layer.input;
    const inputShape = Array.isArray(input) ? (input[0]?.shape ?? []) : input.shape;
    const [, height, width] = kind === 'Conv2D' ? singleShape(layer.outputShape) : inputShape;
    flops += 2 * (height ?? 0) * (width ?? 0) * kh * kw * a * b;
  }
  return flops;
}

/** Wall-clock and CPU milliseconds of a call. */
interface Timing {
  wallMs: number;
  /** User + system CPU time of the whole process, all threads included. */
  cpuMs: number;
}

/** Mean wall-clock and CPU milliseconds of `run` over `repeats` calls, after `warmUp` calls. */
async function time(run: () => Promise<unknown>, repeats: number, warmUp = 1): Promise<Timing> {
  for (let i = 0; i < warmUp; i++) await run();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < repeats; i++) await run();
  const wallMs = (performance.now() - start) / repeats;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 / repeats };
}

async function timeMs(run: () => Promise<unknown>, repeats: number): Promise<number> {
  return (await time(run, repeats)).wallMs;
}

/** GFLOP/s of a float32 matrix multiply on the wasm backend of this thread. */
async function matmulRateHere(): Promise<number> {
  const a = tf.randomNormal([MATMUL_SIZE, MATMUL_SIZE], 0, 1, 'float32', 1);
  const b = tf.randomNormal([MATMUL_SIZE, MATMUL_SIZE], 0, 1, 'float32', 2);
  const ms = await timeMs(async () => {
    const c = tf.matMul(a, b);
    await c.data();
    c.dispose();
  }, MATMUL_REPEATS);
  tf.dispose([a, b]);
  return (2 * MATMUL_SIZE ** 3) / ms / 1e6;
}

// CommonJS source of a worker that measures the same matrix multiply on its own wasm backend.
const MATMUL_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-wasm');
(async () => {
  await tf.setBackend('wasm');
  const n = workerData.size;
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  tf.matMul(a, b).dataSync();
  const start = performance.now();
  for (let i = 0; i < workerData.repeats; i++) tf.matMul(a, b).dataSync();
  parentPort.postMessage((performance.now() - start) / workerData.repeats);
})();
`;

/** Summed GFLOP/s of the matrix multiply on `threads` worker threads running at the same time. */
async function matmulRateOnWorkers(threads: number): Promise<number> {
  const runs = Array.from({ length: threads }, () => {
    const worker = new Worker(MATMUL_WORKER, {
      eval: true,
      workerData: { size: MATMUL_SIZE, repeats: MATMUL_REPEATS },
    });
    return new Promise<number>((resolve, reject) => {
      worker.once('message', (ms: number) => {
        resolve((2 * MATMUL_SIZE ** 3) / ms / 1e6);
        void worker.terminate();
      });
      worker.once('error', reject);
    });
  });
  return (await Promise.all(runs)).reduce((sum, rate) => sum + rate, 0);
}

interface Measurement {
  setup: string;
  predictMs: number;
  predictCpuMs: number;
  trainMs: number;
  trainCpuMs: number;
}

/** Inference and training ms per event (wall clock and CPU) of an executor on a batch. */
async function measure(
  setup: string,
  executor: StepExecutor,
  batch: TrainingBatch,
  repeats: number,
  warmUp: number,
) {
  const events = batch.shape[0];
  const predict = await time(() => executor.predict(batch.images, batch.shape), repeats, warmUp);
  const train = await time(() => executor.trainStep(batch), repeats, warmUp);
  return report({
    setup,
    predictMs: predict.wallMs / events,
    predictCpuMs: predict.cpuMs / events,
    trainMs: train.wallMs / events,
    trainCpuMs: train.cpuMs / events,
  });
}

function report(result: Measurement): Measurement {
  console.error(
    `${result.setup}: predict ${result.predictMs.toFixed(1)} ms/event, train ${result.trainMs.toFixed(1)} ms/event`,
  );
  return result;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** Per-call timings of the interleaved measurement, ms per event. */
interface Rounds {
  predict: Timing[];
  train: Timing[];
}

/**
 * Times one predict and one training step of each executor in turn, `rounds` times, after `warmUp` calls
 * of each. Interleaving exposes every setup to the same changes in the machine's load, so that the
 * per-round ratios between setups are steadier than ratios of separate blocks of calls.
 */
async function interleaved(
  executors: StepExecutor[],
  batch: TrainingBatch,
  rounds: number,
  warmUp: number,
): Promise<Rounds[]> {
  const events = batch.shape[0];
  const once = async (run: () => Promise<unknown>): Promise<Timing> => {
    const timing = await time(run, 1, 0);
    return { wallMs: timing.wallMs / events, cpuMs: timing.cpuMs / events };
  };
  for (const executor of executors) {
    for (let i = 0; i < warmUp; i++) {
      await executor.predict(batch.images, batch.shape);
      await executor.trainStep(batch);
    }
  }
  const results: Rounds[] = executors.map(() => ({ predict: [], train: [] }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, executor] of executors.entries()) {
      results[i]?.predict.push(await once(() => executor.predict(batch.images, batch.shape)));
    }
    for (const [i, executor] of executors.entries()) {
      results[i]?.train.push(await once(() => executor.trainStep(batch)));
    }
  }
  return results;
}

/** Median per-round ratio a / b of the wall-clock times. */
function medianRatio(a: Timing[], b: Timing[]): number {
  return median(a.map((timing, i) => timing.wallMs / (b[i]?.wallMs ?? NaN)));
}

function summary(setup: string, rounds: Rounds): Measurement {
  return report({
    setup,
    predictMs: median(rounds.predict.map((t) => t.wallMs)),
    predictCpuMs: median(rounds.predict.map((t) => t.cpuMs)),
    trainMs: median(rounds.train.map((t) => t.wallMs)),
    trainCpuMs: median(rounds.train.map((t) => t.cpuMs)),
  });
}

async function main(): Promise<void> {
  if (!existsSync(WORKER_SCRIPT))
    throw new Error(`${WORKER_SCRIPT.pathname} is missing: run npm run build first`);
  const { height, width, channels } = DEFAULT_RASTER_OPTIONS;
  const inputShape: [number, number, number] = [height, width, channels.length];
  const wasmBatch = syntheticBatch([WASM_BATCH, ...inputShape], DEFAULT_UNET_OPTIONS.nJets, 20, 1);
  const cpuBatch = syntheticBatch([CPU_BATCH, ...inputShape], DEFAULT_UNET_OPTIONS.nJets, 20, 2);

  await setupBackend('wasm');
  const model = buildUNet({ inputShape });
  const flops = forwardFlops(model);
  console.error(`default U-Net on ${height}×${width}×${channels.length}: ${model.countParams()} parameters`);
  console.error(
    `forward ${(flops / 1e6).toFixed(0)} MFLOP/event, training ${((3 * flops) / 1e6).toFixed(0)}`,
  );

  const matmulOne = await matmulRateHere();
  const matmulTwo = await matmulRateOnWorkers(2);
  console.error(
    `matmul ${MATMUL_SIZE}: ${matmulOne.toFixed(1)} GFLOP/s one thread, ${matmulTwo.toFixed(1)} two`,
  );

  const results: Measurement[] = [];
  const snapshot = modelSnapshot(model);
  const single = createSingleThreadExecutor(model, { learningRate: LEARNING_RATE });
  const workers = createWorkerExecutor({ ...snapshot, threads: 2, workerScript: WORKER_SCRIPT });
  // The worker executor on one thread: the same code path as two workers, on one core.
  const oneWorker = createWorkerExecutor({ ...snapshot, threads: 1, workerScript: WORKER_SCRIPT });
  const [oneRounds, twoRounds, oneWorkerRounds] = await interleaved(
    [single, workers, oneWorker],
    wasmBatch,
    ROUNDS,
    WARM_UP,
  );
  await single.dispose();
  await workers.dispose();
  await oneWorker.dispose();
  if (oneRounds === undefined || twoRounds === undefined || oneWorkerRounds === undefined) return;
  results.push(
    summary('wasm, 1 thread', oneRounds),
    summary('wasm, 2 workers', twoRounds),
    summary('wasm, 1 worker', oneWorkerRounds),
  );
  const trainSpeedUp = medianRatio(oneRounds.train, twoRounds.train);
  const predictSpeedUp = medianRatio(oneRounds.predict, twoRounds.predict);
  const trainWorkerSpeedUp = medianRatio(oneWorkerRounds.train, twoRounds.train);

  await setupBackend('cpu');
  const cpuModel = buildUNet({ inputShape });
  const cpu = createSingleThreadExecutor(cpuModel, { learningRate: LEARNING_RATE });
  results.push(await measure('cpu backend', cpu, cpuBatch, 1, 1));
  await cpu.dispose();

  const [one, two, , reference] = results;
  if (one === undefined || two === undefined || reference === undefined) return;
  const gflops = (ms: number, factor: number) => ((factor * flops) / ms / 1e6).toFixed(1);
  console.log(
    '| setup | predict ms/event | CPU ms/event | GFLOP/s | train ms/event | CPU ms/event | GFLOP/s |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) {
    const predict = `${r.predictMs.toFixed(1)} | ${r.predictCpuMs.toFixed(1)} | ${gflops(r.predictMs, 1)}`;
    const train = `${r.trainMs.toFixed(1)} | ${r.trainCpuMs.toFixed(1)} | ${gflops(r.trainMs, 3)}`;
    console.log(`| ${r.setup} | ${predict} | ${train} |`);
  }

  console.log('');
  console.log(
    `- matmul ${MATMUL_SIZE}×${MATMUL_SIZE} on wasm: ${matmulOne.toFixed(1)} GFLOP/s one thread, ${matmulTwo.toFixed(1)} GFLOP/s on two workers`,
  );
  console.log(
    `- training, cpu backend / wasm 1 thread: ${(reference.trainMs / one.trainMs).toFixed(1)}× (target ≥ 20×)`,
  );
  const spread = (rounds: Timing[], reference: Timing[]) => {
    const ratios = reference.map((t, i) => t.wallMs / (rounds[i]?.wallMs ?? NaN));
    return `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
  };
  console.log(
    `- training, 2 workers vs 1 thread: ${trainSpeedUp.toFixed(2)}× (target ≥ 1.6×), median of ${ROUNDS} rounds; rounds ${spread(twoRounds.train, oneRounds.train)}`,
  );
  console.log(
    `- training, 2 workers vs 1 worker: ${trainWorkerSpeedUp.toFixed(2)}×, median of ${ROUNDS} rounds; rounds ${spread(twoRounds.train, oneWorkerRounds.train)}`,
  );
  console.log(
    `- inference, 2 workers vs 1 thread: ${predictSpeedUp.toFixed(2)}×, median of ${ROUNDS} rounds; rounds ${spread(twoRounds.predict, oneRounds.predict)}`,
  );
  console.log(
    `- CPU time per event, 2 workers / 1 thread: training ${(two.trainCpuMs / one.trainCpuMs).toFixed(2)}, ` +
      `inference ${(two.predictCpuMs / one.predictCpuMs).toFixed(2)} (1.00: splitting costs nothing)`,
  );
  const inferenceRate = flops / two.predictMs / 1e6;
  console.log(
    `- inference on 2 workers: ${inferenceRate.toFixed(1)} GFLOP/s = ${((100 * inferenceRate) / matmulTwo).toFixed(0)} % of the two-worker matmul rate (target ≥ 50 %)`,
  );
  cpuModel.dispose();
  model.dispose();
}

await main();
