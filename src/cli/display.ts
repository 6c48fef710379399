/** The `jetcolor display` command: draws one event's detector image with its particles coloured by true jet. */

import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  DEFAULT_PICTURE_OPTIONS,
  DEFAULT_RASTER_OPTIONS,
  ILD_DETECTOR,
  rasterize,
  simulateDetector,
  type RasterInput,
  type ThetaBinning,
} from '../geometry/index.js';
import { renderEventPicture } from '../geometry/picture-png-node.js';
import { readEventsFromFile } from '../io/node.js';
import type { JetEvent } from '../particles/index.js';
import type { LoadedColorizer } from '../unet/model-files.js';
import { defaultModelDirectory } from '../default-model-node.js';
import { loadCliModel, setupCliBackend } from './colorize-model.js';
import { checkOutputFile } from './output-paths.js';
import { estimationPanel } from './display-estimation.js';

/** Settings of {@link displayEvent}. */
export interface DisplaySettings {
  /** Input events, HepMC3, plain or gzip. */
  file: string;
  /** Index of the event in the file, counting from 0. */
  event: number;
  /** Output path; its extension, .png or .svg, sets the format. */
  output: string;
  /** Apply the ILD-like detector response before drawing; false draws the generated particles. */
  detector: boolean;
  /** Seed of the detector response. */
  seed: number;
  height: number;
  width: number;
  thetaBinning: ThetaBinning;
  /** Screen pixels per image pixel. */
  pixelSize: number;
  /**
   * Colorizer for the "Estimation" panel; its raster options replace height, width and thetaBinning, and its
   * detector the ILD-like one. Without it the picture has no estimation panel.
   */
  colorizer?: LoadedColorizer;
}

/**
 * Reads event `settings.event` of `settings.file`, applies the detector response, rasterizes it and writes the
 * picture: an energy panel, an "Estimation" panel with the colorizer's jets when a colorizer is given, and an
 * "Answer" panel with particles coloured by true jet.
 *
 * @throws RangeError for an output extension other than .png or .svg, or an event index past the end of the file.
 */
export async function displayEvent(settings: DisplaySettings): Promise<void> {
  const format = formatOf(settings.output);
  const event = await readEventAt(settings.file, settings.event);

  const { colorizer } = settings;
  const detector = colorizer?.metadata.detector ?? ILD_DETECTOR;
  const input: JetEvent & RasterInput = settings.detector
    ? simulateDetector(event, detector, { seed: settings.seed })
    : event;

  const particles = input.particles;
  const raster = rasterize(
    input,
    colorizer?.metadata.raster ?? {
      height: settings.height,
      width: settings.width,
      thetaBinning: settings.thetaBinning,
    },
  );
  const estimation = colorizer === undefined ? [] : [await estimationPanel(input, colorizer)];

  const caption = [
    `${basename(settings.file)} event ${settings.event}`,
    event.process,
    event.sqrtS === undefined ? undefined : `sqrt(s) = ${event.sqrtS} GeV`,
    `${particles.length} particles`,
    settings.detector ? 'after detector response' : 'generator level',
  ]
    .filter((part) => part !== undefined)
    .join(', ');

  const labelled = particles.trueJet !== undefined;
  const picture = renderEventPicture({
    raster,
    particles,
    caption,
    pixelSize: settings.pixelSize,
    panels: [
      { title: 'Energy', markers: 'none' },
      ...estimation,
      { title: labelled ? 'Answer' : 'Particles', markers: labelled ? 'trueJet' : particles.e.map(() => -1) },
    ],
    format,
  });
  await writeFile(settings.output, picture);
}

/** Builds the `display` sub-command. */
export function displayCommand(): Command {
  return new Command('display')
    .description(
      "Draw one event as the detector image (cos θ or θ rows × φ columns): the energy, the colorizer's jets " +
        '("Estimation", with the shipped model or --model) and the true jets ("Answer").',
    )
    .argument('<file>', 'input events: HepMC3, plain or gzip')
    .addOption(
      new Option('--event <n>', 'index of the event in the file, counting from 0')
        .default(0)
        .argParser(parseIndex),
    )
    .requiredOption('-o, --output <file>', 'output picture; the extension .png or .svg sets the format')
    .option('--no-detector', 'draw the generated particles without the detector response')
    .addOption(
      new Option('--seed <n>', 'seed of the detector response smearing').default(0).argParser(parseIndex),
    )
    .addOption(
      new Option('--height <rows>', 'image rows')
        .default(DEFAULT_RASTER_OPTIONS.height)
        .argParser(parsePositive),
    )
    .addOption(
      new Option('--width <columns>', 'image columns (φ bins)')
        .default(DEFAULT_RASTER_OPTIONS.width)
        .argParser(parsePositive),
    )
    .addOption(
      new Option('--binning <variable>', 'row variable')
        .choices(['cosTheta', 'theta'])
        .default(DEFAULT_RASTER_OPTIONS.thetaBinning),
    )
    .addOption(
      new Option('--pixel-size <n>', 'screen pixels per image pixel, 1 to 32')
        .default(DEFAULT_PICTURE_OPTIONS.pixelSize)
        .argParser(parsePositive),
    )
    .option(
      '--model <dir>',
      'colorizer model directory for the estimation panel (default: the shipped model)',
    )
    .option('--no-estimation', 'draw no estimation panel, so no model is loaded')
    .addOption(new Option('--backend <name>', 'tfjs backend').choices(['wasm', 'cpu']).default('wasm'))
    .action(async (file: string, options: DisplayCommandOptions, command: Command) => {
      await checkOutputFile(options.output, '-o');
      let colorizer: LoadedColorizer | undefined;
      if (options.estimation && (options.model !== undefined || defaultModelDirectory() !== undefined)) {
        const gridOptions = ['height', 'width', 'binning'].filter(
          (name) => command.getOptionValueSource(name) === 'cli',
        );
        if (gridOptions.length > 0) {
          throw new InvalidArgumentError(
            `the estimation panel draws on the model's grid, so ${gridOptions.map((name) => `--${name}`).join(', ')} ` +
              'cannot be given with it; add --no-estimation to choose the grid',
          );
        }
        await setupCliBackend(options.backend);
        colorizer = await loadCliModel(options.model, undefined);
      }
      await displayEvent({
        colorizer,
        file,
        event: options.event,
        output: options.output,
        detector: options.detector,
        seed: options.seed,
        height: options.height,
        width: options.width,
        thetaBinning: options.binning,
        pixelSize: options.pixelSize,
      });
    });
}

/** Options of `jetcolor display` after commander's parsing. */
interface DisplayCommandOptions {
  event: number;
  output: string;
  detector: boolean;
  seed: number;
  height: number;
  width: number;
  binning: ThetaBinning;
  pixelSize: number;
  model?: string;
  estimation: boolean;
  backend: 'wasm' | 'cpu';
}

async function readEventAt(file: string, index: number): Promise<JetEvent> {
  let position = 0;
  for await (const event of readEventsFromFile(file)) {
    if (position === index) return event;
    position++;
  }
  throw new RangeError(
    `display: ${file} has ${position} events, so --event must be below ${position} but is ${index}`,
  );
}

function formatOf(output: string): 'png' | 'svg' {
  const extension = extname(output).toLowerCase();
  if (extension === '.png') return 'png';
  if (extension === '.svg') return 'svg';
  throw new RangeError(`display: --output: expected a file name ending in .png or .svg but got ${output}`);
}

function parseIndex(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < 0) {
    throw new InvalidArgumentError(`expected an integer ≥ 0 but got ${value}`);
  }
  return n;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError(`expected an integer ≥ 1 but got ${value}`);
  }
  return n;
}
