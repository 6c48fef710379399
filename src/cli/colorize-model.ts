/**
 * Helpers of the `colorize` and `evaluate` commands: the model directory, the tfjs backend and the detector
 * response that turns generator-level events into the events the model was trained on.
 */

import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

import { enableProdMode } from '@tensorflow/tfjs-core';
import { Command, InvalidArgumentError, Option } from 'commander';

import { ASSIGNMENT_METHODS } from '../clustering/index.js';

import { defaultModelDirectory } from '../default-model-node.js';
import { simulateDetector } from '../geometry/index.js';
import type { Detector, DetectorEvent, LooperRule } from '../geometry/index.js';
import type { JetEvent } from '../particles/index.js';
import { setupBackendNode } from '../unet/backend-node.js';
import type { BackendName } from '../unet/backend.js';
import type { LoadedColorizer } from '../unet/model-files.js';
import { loadColorizerFromDirectory } from '../unet/model-files-node.js';
import { createWorkerExecutor, modelSnapshot } from '../unet/worker-executor-node.js';
import type { HeatMapPredictor } from '../colorize-options.js';

/** Worker threads of the commands that run the U-Net: two, or one on a single-core machine. */
export const DEFAULT_THREADS = Math.min(2, availableParallelism());

/** A U-Net predictor on worker threads and the call that stops them. */
export interface CliPredictor {
  /** Undefined for one thread: the model then predicts in the main thread. */
  predictor: HeatMapPredictor | undefined;
  dispose: () => Promise<void>;
}

/**
 * Starts `threads` worker threads, each with a replica of the colorizer's model on `backend`, and returns
 * their predictor. With one thread no worker is started and the main thread runs the model.
 */
export function startCliPredictor(
  colorizer: LoadedColorizer,
  threads: number,
  backend: BackendName,
): CliPredictor {
  if (threads <= 1) return { predictor: undefined, dispose: async () => undefined };
  const executor = createWorkerExecutor({ ...modelSnapshot(colorizer.model), threads, backend });
  return {
    predictor: (images, shape) => executor.predict(images, shape),
    dispose: () => executor.dispose(),
  };
}

/** Whether the commands pass events through the model's detector response first. */
export type DetectorMode = 'auto' | 'none';

/**
 * Loads the model of `--model`, or the shipped default model when the option is absent.
 *
 * @throws Error when no directory is given and the package ships no default model, or the model cannot be read.
 */
export async function loadCliModel(
  directory: string | undefined,
  nJets: number | undefined,
): Promise<LoadedColorizer> {
  const source = directory ?? defaultModelDirectory();
  if (source === undefined) {
    throw new Error(
      'no model: pass --model DIR, the directory of a model saved by jetcolor (model.json + weights.bin)',
    );
  }
  try {
    return await loadColorizerFromDirectory(resolve(source), nJets === undefined ? {} : { nJets });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot use the model in ${source}: ${message}`, { cause: error });
  }
}

/**
 * Selects the tfjs backend; with 'wasm', points it at the binaries of the installed package. Production mode
 * silences tfjs's console warnings, such as the CPU backend's advice to install tfjs-node, which cannot be
 * followed here. Worker threads started afterwards inherit it.
 */
export async function setupCliBackend(name: BackendName): Promise<void> {
  enableProdMode();
  await setupBackendNode(name);
}

/**
 * Applies the detector response the model was trained with, when `mode` is 'auto' and the model has one.
 * Otherwise returns the event unchanged. The seed of event `index` is its event number, or the index when the
 * file has none.
 */
export function reconstructForModel(
  event: JetEvent,
  index: number,
  colorizer: LoadedColorizer,
  mode: DetectorMode,
): JetEvent | DetectorEvent {
  const { detector, looperRule } = colorizer.metadata;
  if (mode === 'none' || detector === null) return event;
  return simulateEventDetector(event, index, detector, looperRule ?? undefined);
}

/**
 * Applies `simulateDetector` to event `index` with its event number (or the index) as the seed.
 *
 * @throws TypeError naming the event and the `--detector none` option when the particles lack the charge and
 *   pdgId columns that the detector response needs, as events of JSON Lines files do.
 */
export function simulateEventDetector(
  event: JetEvent,
  index: number,
  detector: Detector,
  looperRule: LooperRule | undefined,
): DetectorEvent {
  if (event.particles.charge === undefined || event.particles.pdgId === undefined) {
    throw new TypeError(
      `event ${index} (counting from 0) has no charge and pdgId columns, which the detector response needs; ` +
        'pass --detector none when the events are already reconstructed (colorize needs the charges as well, ' +
        'which JSON Lines events lack)',
    );
  }
  return simulateDetector(event, detector, { seed: event.eventNumber ?? index, looperRule });
}

/**
 * Checks `--minijets` against the number of jets, before any event is read.
 *
 * @throws InvalidArgumentError when fewer minijets than jets are requested.
 */
export function checkMinijetCount(minijets: number | undefined, nJets: number): void {
  if (minijets !== undefined && minijets < nJets) {
    throw new InvalidArgumentError(
      `--minijets ${minijets}: expected at least as many minijets as jets (${nJets}), because each jet is made of whole minijets`,
    );
  }
}

/** commander parser of a positive integer option value. */
export function parsePositiveInteger(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError(`expected an integer ≥ 1 but got ${value}`);
  }
  return n;
}

/** commander parser of `--threads`: an integer from 1 to 64, the range of the worker executor. */
export function parseThreads(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1 || n > 64) {
    throw new InvalidArgumentError(`expected an integer from 1 to 64 but got ${value}`);
  }
  return n;
}

/** commander parser of a Durham y cut, a number ≥ 0. */
export function parseNonNegativeNumber(value: string): number {
  const y = Number(value);
  if (value.trim() === '' || !Number.isFinite(y) || y < 0) {
    throw new InvalidArgumentError(`expected a number ≥ 0 but got ${value}`);
  }
  return y;
}

/**
 * Adds the options that set where and how the U-Net runs (--batch-size, --backend, --threads) to a command.
 */
export function addInferenceOptions(command: Command): Command {
  return command
    .option('--batch-size <n>', 'events per U-Net call', parsePositiveInteger, 16)
    .addOption(new Option('--backend <name>', 'tfjs backend').choices(['wasm', 'cpu']).default('wasm'))
    .option(
      '--threads <n>',
      'worker threads, 1 to 64, that run the U-Net while this thread clusters; 1 runs it in this thread',
      parseThreads,
      DEFAULT_THREADS,
    );
}

/**
 * Adds the options that shape colorize's minijets and their assignment (--minijets, --minijet-ycut,
 * --assignment, --guidance, --refine) to a command, with one wording for every command that colorizes.
 */
export function addColorizeOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--minijets <n>', 'Durham minijets per event for colorize (default: 30)')
        .argParser(parsePositiveInteger)
        .conflicts('minijetYcut'),
    )
    .addOption(
      new Option(
        '--minijet-ycut <y>',
        'make minijets by Durham down to this y cut instead of a count',
      ).argParser(parseNonNegativeNumber),
    )
    .addOption(
      new Option('--assignment <rule>', 'how minijets become jets (default: likelihood)').choices([
        ...ASSIGNMENT_METHODS,
      ]),
    )
    .option(
      '--guidance <lambda>',
      'guidance strength λ ≥ 0 of the guidedDurham assignment; 0 gives Durham (default: 1)',
      parseNonNegativeNumber,
    )
    .option('--refine', 'move minijets to the jet whose heat-map region contains their axis', false);
}
