/** The `jetcolor colorize` command: clusters every event of a file into jets with the colorizer. */

import { writeFile } from 'node:fs/promises';

import { Command, Option } from 'commander';

import { colorizeEvents } from '../colorize.js';
import type { ColorizeInput } from '../colorize.js';
import type { AssignmentMethod, MinijetOptions } from '../clustering/index.js';
import { formatJetsJsonLine } from '../io/index.js';
import { checkOutputFile } from './output-paths.js';
import { readEventsUpToError, throwReadError } from './read-events.js';
import type { BackendName } from '../unet/backend.js';
import {
  addColorizeOptions,
  checkMinijetCount,
  addInferenceOptions,
  loadCliModel,
  parsePositiveInteger,
  reconstructForModel,
  setupCliBackend,
  startCliPredictor,
} from './colorize-model.js';
import type { DetectorMode } from './colorize-model.js';
import { startEventProgress } from './colorize-progress.js';

/** Options of `jetcolor colorize` after commander's parsing. */
interface ColorizeCommandOptions {
  njets?: number;
  model?: string;
  output?: string;
  minijets?: number;
  minijetYcut?: number;
  assignment?: AssignmentMethod;
  guidance?: number;
  refine: boolean;
  detector: DetectorMode;
  batchSize: number;
  backend: BackendName;
  threads: number;
}

/** Builds the `colorize` sub-command. */
export function colorizeCommand(): Command {
  const command = new Command('colorize')
    .description(
      'Cluster each event into jets with the U-Net colorizer. Writes one JSON line per event: {"event": index ' +
        'from 0, "particleJet": jet of each particle, "particles": the reconstructed particles when the detector ' +
        'response was applied, "jets": [...]}, jets by decreasing energy as px, py, pz, e in GeV with their ' +
        'constituents (particle indices).',
    )
    .argument('<file>', 'input events: HepMC3 Asciiv3, plain or gzip')
    .option(
      '--njets <n>',
      'number of jets; must equal the model jet count (default: the model jet count)',
      parsePositiveInteger,
    )
    .option(
      '--model <dir>',
      'model directory, model.json + weights.bin (default: the shipped models/default)',
    )
    .option('-o, --output <file>', 'write the jets to this file instead of standard output');
  addColorizeOptions(command).addOption(
    new Option(
      '--detector <mode>',
      "'auto': apply the model's detector response to the events; 'none': events are already reconstructed",
    )
      .choices(['auto', 'none'])
      .default('auto'),
  );
  return addInferenceOptions(command).action(async (file: string, options: ColorizeCommandOptions) => {
    await checkOutputFile(options.output, '-o');
    await setupCliBackend(options.backend);
    const colorizer = await loadCliModel(options.model, options.njets);
    checkMinijetCount(options.minijets, options.njets ?? colorizer.metadata.nJets);
    const read = await readEventsUpToError(file);
    const events = read.events;

    const inputs: ColorizeInput[] = events.map((event, index) =>
      reconstructForModel(event, index, colorizer, options.detector),
    );
    const reconstructed = options.detector === 'auto' && colorizer.metadata.detector !== null;
    const progress = startEventProgress('colorize', inputs.length);
    const lines: string[] = [];
    const { predictor, dispose } = startCliPredictor(colorizer, options.threads, options.backend);
    try {
      const results = await colorizeEvents(inputs, {
        model: colorizer,
        minijets: minijetOptions(options),
        assignment: options.assignment,
        guidance: options.guidance,
        refine: options.refine,
        batchSize: options.batchSize,
        predictor,
        onProgress: (count) => progress.advance(count),
      });
      results.forEach((result, index) => {
        const input = inputs[index] as ColorizeInput;
        const fields: Record<string, unknown> = { event: index };
        if (input.eventNumber !== undefined) fields.eventNumber = input.eventNumber;
        fields.particleJet = Array.from(result.particleJet);
        if (reconstructed) fields.particles = input.particles.toRows();
        lines.push(`${formatJetsJsonLine(result.jets, fields)}\n`);
      });
    } finally {
      progress.stop();
      await dispose();
      colorizer.model.dispose();
    }
    if (options.output === undefined) process.stdout.write(lines.join(''));
    else await writeFile(options.output, lines.join(''));
    throwReadError(read, options.output ?? 'standard output');
  });
}

/** Minijet options of the command line: a y cut, a count or the default. */
export function minijetOptions(options: {
  minijets?: number;
  minijetYcut?: number;
}): MinijetOptions | undefined {
  if (options.minijetYcut !== undefined) return { mode: 'ycut', yCut: options.minijetYcut };
  if (options.minijets !== undefined) return { mode: 'count', count: options.minijets };
  return undefined;
}
