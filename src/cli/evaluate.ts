/**
 * The `jetcolor evaluate` command: compares colorize, Durham exclusive-N and truth clustering on the labelled
 * events of a file.
 */

import { Command, InvalidArgumentError, Option } from 'commander';

import type { AssignmentMethod } from '../clustering/index.js';
import { PAIRING_HYPOTHESES } from '../metrics/index.js';
import type { ProcessName } from '../metrics/index.js';
import { readEventsFromFile } from '../io/node.js';
import type { JetEvent } from '../particles/index.js';
import type { BackendName } from '../unet/backend.js';
import type { LoadedColorizer } from '../unet/model-files.js';
import { minijetOptions } from './colorize.js';
import {
  addColorizeOptions,
  checkMinijetCount,
  addInferenceOptions,
  loadCliModel,
  parsePositiveInteger,
  setupCliBackend,
  startCliPredictor,
} from './colorize-model.js';
import type { CliPredictor } from './colorize-model.js';
import { checkOutputDirectory } from './output-paths.js';
import { startEventProgress } from './colorize-progress.js';
import { evaluationJson, evaluationTable, writeEvaluationPlots } from './evaluate-report.js';
import { EVALUATION_METHODS, runEvaluation } from './evaluate-run.js';
import type { EvaluationDetector, EvaluationMethod } from './evaluate-run.js';

/** Options of `jetcolor evaluate` after commander's parsing. */
interface EvaluateCommandOptions {
  njets: number;
  model?: string;
  json: boolean;
  plots?: string;
  methods: EvaluationMethod[];
  process?: ProcessName | 'none';
  detector: EvaluationDetector;
  minijets?: number;
  minijetYcut?: number;
  assignment?: AssignmentMethod;
  guidance?: number;
  refine: boolean;
  maxEvents?: number;
  batchSize: number;
  backend: BackendName;
  threads: number;
}

/** Builds the `evaluate` sub-command. */
export function evaluateCommand(): Command {
  const command = new Command('evaluate')
    .description(
      'Compare colorize, Durham exclusive-N and truth clustering of the same particles on labelled events: ' +
        'misassigned energy fraction, fully correct events, jet purity and efficiency, χ² dijet masses with ' +
        'RMS90 and dijet categories A–D. Prints a table, or one JSON object with --json.',
    )
    .argument('<file>', 'labelled events: HepMC3 Asciiv3 from tools/eventgen, plain or gzip')
    .requiredOption('--njets <n>', 'number of jets of each method', parsePositiveInteger)
    .option('--model <dir>', 'model directory (default: the shipped models/default)')
    .option('--json', 'print one JSON object {"colorize": {...}, "durham": {...}, "truth": {...}}', false)
    .option(
      '--plots <dir>',
      'write SVG plots of the dijet masses and the misassigned energy into this directory',
    )
    .option(
      '--methods <list>',
      `comma-separated methods to compare, of ${EVALUATION_METHODS.join(', ')}`,
      parseMethods,
      [...EVALUATION_METHODS],
    )
    .option(
      '--process <name>',
      "χ² pairing hypothesis: zhh, zh, zz, ww, tt or none (default: each event's process)",
      parseProcess,
    )
    .addOption(
      new Option(
        '--detector <mode>',
        "detector response before clustering: 'auto' (the model's, or ILD-like without a model), 'ild' or 'none'",
      )
        .choices(['auto', 'ild', 'none'])
        .default('auto'),
    );
  addColorizeOptions(command).option(
    '--max-events <n>',
    'evaluate at most the first n events of the file',
    parsePositiveInteger,
  );
  return addInferenceOptions(command).action(async (file: string, options: EvaluateCommandOptions) => {
    await checkOutputDirectory(options.plots, '--plots');
    let colorizer: LoadedColorizer | undefined;
    let workers: CliPredictor | undefined;
    if (options.methods.includes('colorize')) {
      checkMinijetCount(options.minijets, options.njets);
      await setupCliBackend(options.backend);
      colorizer = await loadCliModel(options.model, options.njets);
    }
    const events: JetEvent[] = [];
    for await (const event of readEventsFromFile(file)) {
      if (options.maxEvents !== undefined && events.length >= options.maxEvents) break;
      events.push(event);
    }

    const progress = startEventProgress('evaluate', events.length);
    let result;
    try {
      if (colorizer !== undefined && events.length > 0) {
        workers = startCliPredictor(colorizer, options.threads, options.backend);
      }
      result = await runEvaluation(events, {
        nJets: options.njets,
        methods: options.methods,
        colorizer,
        detector: options.detector,
        process: options.process,
        minijets: minijetOptions(options),
        assignment: options.assignment,
        guidance: options.guidance,
        refine: options.refine,
        batchSize: options.batchSize,
        predictor: workers?.predictor,
        onProgress: (count) => progress.advance(count),
      });
    } finally {
      progress.stop();
      await workers?.dispose();
      colorizer?.model.dispose();
    }

    if (options.plots !== undefined) {
      const written = await writeEvaluationPlots(result, options.plots);
      process.stderr.write(`plots written: ${written.join(', ')}\n`);
    }
    process.stdout.write(
      options.json ? `${JSON.stringify(evaluationJson(result))}\n` : evaluationTable(result),
    );
  });
}

function parseMethods(value: string): EvaluationMethod[] {
  const methods = value.split(',').map((method) => method.trim());
  for (const method of methods) {
    if (!(EVALUATION_METHODS as readonly string[]).includes(method)) {
      throw new InvalidArgumentError(
        `expected methods among ${EVALUATION_METHODS.join(', ')} but got ${method}`,
      );
    }
  }
  return [...new Set(methods)] as EvaluationMethod[];
}

function parseProcess(value: string): ProcessName | 'none' {
  if (value === 'none' || value in PAIRING_HYPOTHESES) return value as ProcessName | 'none';
  throw new InvalidArgumentError(
    `expected one of ${Object.keys(PAIRING_HYPOTHESES).join(', ')} or none but got ${value}`,
  );
}
