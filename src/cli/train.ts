/** The `jetcolor train` command: trains a colorizer on event files and saves the model directory. */

import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';

import { RASTER_CHANNELS, resolveRasterOptions, type RasterChannel } from '../geometry/index.js';
import { DEFAULT_LOSS_OPTIONS } from '../loss/index.js';
import { readEventsFromFile } from '../io/node.js';
import type { JetEvent } from '../particles/index.js';
import type { BackendName } from '../unet/backend.js';
import type { ExecutorFactory } from '../unet/executor.js';
import { loadColorizerFromDirectory, saveColorizer } from '../unet/model-files-node.js';
import type { ColorizerMetadata } from '../unet/model-metadata.js';
import { trainColorizer, type TrainingProgress } from '../unet/train.js';
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from '../unet/train-options.js';
import { DEFAULT_UNET_OPTIONS, resolveUNetOptions } from '../unet/unet-options.js';
import { workerExecutorFactory } from '../unet/worker-executor-node.js';
import { renderLossCurvesSvg } from './plots-loss.js';
import { DEFAULT_THREADS, parseThreads, setupCliBackend } from './colorize-model.js';

/** Options of `jetcolor train` after commander's parsing. */
interface TrainCommandOptions {
  out: string;
  epochs: number;
  batchSize: number;
  learningRate: number;
  validationSplit: number;
  patience: number;
  seed: number;
  maxEvents: number;
  limit: number;
  njets: number;
  withNoJetChannel: boolean;
  ordering: 'energy' | 'permutation';
  grid: [number, number];
  channels: RasterChannel[];
  deposition: 'nearest' | 'bilinear';
  depth: number;
  baseFilters: number;
  convsPerLevel: number;
  batchNorm: boolean;
  dropout: number;
  upsampling: 'transpose' | 'nearest';
  detector: boolean;
  backend: BackendName;
  threads: number;
  checkpoints: boolean;
  progress: boolean;
  initialModel?: string;
}

/** Options whose values a model's metadata fixes, so they cannot be given with --initial-model. */
const MODEL_LAYOUT_OPTIONS = [
  'njets',
  'withNoJetChannel',
  'ordering',
  'grid',
  'channels',
  'deposition',
  'depth',
  'baseFilters',
  'convsPerLevel',
  'batchNorm',
  'dropout',
  'upsampling',
  'detector',
] as const;

/** Builds the `train` sub-command. */
export function trainCommand(): Command {
  const defaults = DEFAULT_TRAIN_OPTIONS;
  const unet = DEFAULT_UNET_OPTIONS;
  return new Command('train')
    .description(
      'Train a U-Net colorizer on labelled events (HepMC3 with true_jet attributes), after the ' +
        'ILD-like detector response, and save it as a tfjs model directory (model.json, weights.bin) with its ' +
        'metadata. Writes progress to standard error.',
    )
    .argument('<files...>', 'event files, plain or gzip')
    .requiredOption('--out <dir>', 'model directory to write')
    .option('--epochs <n>', 'maximum passes over the training events', integer(1), defaults.epochs)
    .option('--batch-size <n>', 'events per Adam step', integer(1), defaults.batchSize)
    .option('--learning-rate <x>', 'Adam learning rate', fraction(false), defaults.learningRate)
    .option(
      '--validation-split <f>',
      'fraction of the events held out for validation',
      fraction(true),
      defaults.validationSplit,
    )
    .option(
      '--patience <n>',
      'stop after n epochs without a lower validation loss; 0 never stops early',
      integer(0),
      defaults.patience,
    )
    .option('--seed <n>', 'seed of the split, shuffling and detector response', integer(0), defaults.seed)
    .option(
      '--max-events <n>',
      'train on at most n events (the validation events are split off first); 0 for all',
      integer(0),
      0,
    )
    .option('--limit <n>', 'read at most n events from the files; 0 for all', integer(0), 0)
    .option('--njets <n>', 'jet channels of the model', integer(1), unet.nJets)
    .option('--with-no-jet-channel', 'add a "no jet" output channel for particles of no true jet', false)
    .addOption(
      new Option('--ordering <mode>', 'label-to-channel mapping of the loss')
        .choices(['energy', 'permutation'])
        .default(DEFAULT_LOSS_OPTIONS.ordering),
    )
    .addOption(
      new Option('--grid <HxW>', 'image rows (θ) × columns (φ)')
        .argParser(parseGrid)
        .default([64, 64], '64x64'),
    )
    .addOption(
      new Option('--channels <list>', `comma-separated image channels (${RASTER_CHANNELS.join(', ')})`)
        .argParser(parseChannels)
        .default(['charged', 'neutral'], 'charged,neutral'),
    )
    .addOption(
      new Option('--deposition <mode>', 'how particles are written into pixels')
        .choices(['nearest', 'bilinear'])
        .default('nearest'),
    )
    .option('--depth <n>', 'U-Net pooling steps', integer(0), unet.depth)
    .option(
      '--base-filters <n>',
      'filters of the first level, doubled per level',
      integer(1),
      unet.baseFilters,
    )
    .option('--convs-per-level <n>', 'convolutions per U-Net level', integer(1), unet.convsPerLevel)
    .option('--batch-norm', 'batch normalisation after each convolution', unet.batchNorm)
    .option('--dropout <rate>', 'dropout rate at the bottom level', fraction(true), unet.dropout)
    .addOption(
      new Option('--upsampling <mode>', 'decoder upsampling')
        .choices(['transpose', 'nearest'])
        .default(unet.upsampling),
    )
    .option('--no-detector', 'the events are already reconstructed: skip the detector response')
    .addOption(new Option('--backend <name>', 'tfjs backend').choices(['wasm', 'cpu']).default('wasm'))
    .option(
      '--threads <n>',
      'worker threads, 1 to 64 (1 trains in this thread)',
      parseThreads,
      DEFAULT_THREADS,
    )
    .option('--no-checkpoints', 'do not save a checkpoint per epoch under DIR/checkpoints')
    .option('--no-progress', 'do not draw the progress bar')
    .option(
      '--initial-model <dir>',
      'continue training a saved model; its metadata sets the grid, channels, deposition, U-Net layout, ' +
        'jet count, label ordering and detector',
    )
    .action(async (files: string[], options: TrainCommandOptions, command: Command) => {
      if (options.initialModel !== undefined) {
        const conflicting = MODEL_LAYOUT_OPTIONS.filter(
          (name) => command.getOptionValueSource(name) === 'cli',
        );
        if (conflicting.length > 0) {
          throw new InvalidArgumentError(
            `--initial-model fixes the model layout from its metadata, so it cannot be combined with ` +
              `${conflicting.map((name) => `--${kebabCase(name)}`).join(', ')}`,
          );
        }
      }
      await runTraining(files, options);
    });
}

async function runTraining(files: string[], options: TrainCommandOptions): Promise<void> {
  await setupCliBackend(options.backend);
  const initial =
    options.initialModel === undefined ? undefined : await loadColorizerFromDirectory(options.initialModel);
  const layout =
    initial === undefined
      ? {
          raster: {
            height: options.grid[0],
            width: options.grid[1],
            channels: options.channels,
            deposition: options.deposition,
          },
          detector: options.detector ? DEFAULT_TRAIN_OPTIONS.detector : null,
          unet: {
            nJets: options.njets,
            noJetChannel: options.withNoJetChannel,
            depth: options.depth,
            baseFilters: options.baseFilters,
            convsPerLevel: options.convsPerLevel,
            batchNorm: options.batchNorm,
            dropout: options.dropout,
            upsampling: options.upsampling,
          },
          loss: { ordering: options.ordering },
        }
      : layoutOfModel(initial.metadata);
  // Checked before the events are read and trained on, so a mistake costs seconds, not a training run.
  const raster = resolveRasterOptions(layout.raster, 'train: --grid, --channels, --deposition');
  resolveUNetOptions(
    { ...layout.unet, inputShape: [raster.height, raster.width, raster.channels.length] },
    'train: U-Net options',
  );
  await checkOutputDirectory(options.out);
  const events = await readEvents(files, options.limit);
  process.stderr.write(`jetcolor train: read ${events.length} events from ${files.length} file(s)\n`);

  const bar = options.progress
    ? new SingleBar({ stream: process.stderr, format: BAR_FORMAT, etaBuffer: 50 })
    : null;
  let phase = '';
  const onProgress = (progress: TrainingProgress): void => {
    if (bar === null) return;
    const label =
      progress.phase === 'prepare' ? 'prepare' : `${progress.phase} ${progress.epoch}/${progress.epochs}`;
    const payload = {
      phase: label.padEnd(14),
      loss: Number.isNaN(progress.loss) ? '-' : progress.loss.toFixed(4),
    };
    if (label !== phase) {
      if (phase !== '') bar.stop();
      phase = label;
      bar.start(progress.total, progress.done, payload);
    } else {
      bar.update(progress.done, payload);
    }
  };

  const createExecutor: ExecutorFactory | undefined =
    options.threads > 1
      ? workerExecutorFactory({ threads: options.threads, backend: options.backend })
      : undefined;

  if (initial !== undefined) {
    process.stderr.write(`jetcolor train: continuing the training of ${options.initialModel}\n`);
  }

  const result = await trainColorizer({
    events,
    files,
    ...layout,
    ...(initial === undefined ? {} : { model: initial.model }),
    batchSize: options.batchSize,
    epochs: options.epochs,
    learningRate: options.learningRate,
    validationSplit: options.validationSplit,
    patience: options.patience,
    seed: options.seed,
    maxEvents: options.maxEvents,
    ...(createExecutor === undefined ? {} : { createExecutor }),
    onProgress,
    onEpochEnd: async (report, model, metadata) => {
      bar?.stop();
      phase = '';
      process.stderr.write(
        `epoch ${report.epoch}: train loss ${report.trainLoss.toFixed(4)}, validation loss ` +
          `${Number.isNaN(report.validationLoss) ? '-' : report.validationLoss.toFixed(4)}, ${report.seconds.toFixed(0)} s` +
          `${report.best ? ' (best)' : ''}\n`,
      );
      if (options.checkpoints) {
        await saveColorizer(
          model,
          join(options.out, 'checkpoints', `epoch-${String(report.epoch).padStart(3, '0')}`),
          metadata,
        );
      }
    },
  });
  bar?.stop();
  await saveColorizer(result.model, options.out, result.metadata);
  await writeFile(
    join(options.out, LOSS_CURVES_FILE),
    renderLossCurvesSvg(
      [
        { label: 'training', losses: result.history.map((report) => report.trainLoss) },
        { label: 'validation', losses: result.history.map((report) => report.validationLoss) },
      ],
      `jetcolor train: ${result.metadata.training?.trainingEvents} training events`,
    ),
  );
  const training = result.metadata.training;
  const metrics = result.metadata.metrics;
  process.stderr.write(
    `jetcolor train: saved ${options.out} (weights of epoch ${metrics?.bestEpoch}, the best of ${metrics?.epochs}, ` +
      `${training?.trainingEvents} training and ${training?.validationEvents} validation events, ` +
      `${training?.skippedEvents} skipped, ${metrics?.seconds.toFixed(0)} s)\n`,
  );
  result.model.dispose();
}

/** Returns the raster, detector, U-Net and loss options stored in a model's metadata, as trainColorizer takes them. */
function layoutOfModel(metadata: ColorizerMetadata): Pick<TrainOptions, 'raster' | 'detector' | 'unet'> &
  Partial<Pick<TrainOptions, 'looperRule'>> & {
    loss: { ordering: ColorizerMetadata['labelOrdering'] };
  } {
  const { inputShape: _inputShape, ...unet } = metadata.unet;
  return {
    raster: metadata.raster,
    detector: metadata.detector,
    ...(metadata.looperRule === null ? {} : { looperRule: metadata.looperRule }),
    unet,
    loss: { ordering: metadata.labelOrdering },
  };
}

/**
 * Throws when `directory` exists but is not a directory. Saving can still fail later (permissions, a full
 * disk), but this mistake then shows before the events are read and trained on.
 */
async function checkOutputDirectory(directory: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(directory)).isDirectory();
  } catch {
    return; // Missing: saveColorizer creates it.
  }
  if (!isDirectory) {
    throw new InvalidArgumentError(`--out: ${directory} exists and is not a directory`);
  }
}

function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** Picture of the training and validation loss per epoch, written beside the model. */
const LOSS_CURVES_FILE = 'loss-curves.svg';

const BAR_FORMAT = '{phase} |{bar}| {value}/{total} loss {loss} eta {eta_formatted}';

async function readEvents(files: string[], limit: number): Promise<JetEvent[]> {
  const events: JetEvent[] = [];
  for (const file of files) {
    for await (const event of readEventsFromFile(file)) {
      if (limit > 0 && events.length >= limit) return events;
      events.push(event);
    }
  }
  return events;
}

function integer(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min) {
      throw new InvalidArgumentError(`expected an integer ≥ ${min} but got ${value}`);
    }
    return n;
  };
}

function fraction(allowZero: boolean): (value: string) => number {
  return (value) => {
    const x = Number(value);
    if (value.trim() === '' || !Number.isFinite(x) || x < 0 || x >= 1 || (!allowZero && x === 0)) {
      throw new InvalidArgumentError(
        `expected a number in ${allowZero ? '[0, 1)' : '(0, 1)'} but got ${value}`,
      );
    }
    return x;
  };
}

function parseGrid(value: string): [number, number] {
  const match = /^(\d+)x(\d+)$/.exec(value.trim());
  const height = Number(match?.[1]);
  const width = Number(match?.[2]);
  if (match === null || height < 1 || width < 1) {
    throw new InvalidArgumentError(`expected rows x columns such as 64x64 but got ${value}`);
  }
  return [height, width];
}

function parseChannels(value: string): RasterChannel[] {
  const names = value.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(RASTER_CHANNELS as readonly string[]).includes(name)) {
      throw new InvalidArgumentError(
        `unknown channel ${name}; expected some of ${RASTER_CHANNELS.join(', ')}`,
      );
    }
  }
  return names as RasterChannel[];
}
