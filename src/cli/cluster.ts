/** The `jetcolor cluster` command: clusters every event of a file into jets and writes them as JSON Lines. */

import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { clusterDurham, type ClusterSequence, type Jet } from '../clustering/index.js';
import { formatJetsJsonLine } from '../io/index.js';
import { checkOutputFile } from './output-paths.js';
import { readEventsUpToError, throwReadError } from './read-events.js';
import type { JetEvent } from '../particles/index.js';

/** Options of `jetcolor cluster` after commander's parsing. */
interface ClusterCommandOptions {
  algorithm: 'durham';
  njets?: number;
  ycut?: number;
  sqrtS?: number;
  output?: string;
}

/** Builds the `cluster` sub-command. */
export function clusterCommand(): Command {
  return new Command('cluster')
    .description(
      'Cluster the particles of each event into jets. Writes one JSON line per event, {"event": index from 0, ' +
        '"jets": [...]}, with the jets sorted by decreasing energy, each as px, py, pz, e in GeV and its ' +
        'constituents (particle indices).',
    )
    .argument(
      '<file>',
      'input events: JSON Lines ({"particles": [[px, py, pz, E], ...]} per line, in GeV) or HepMC3 Asciiv3 ' +
        '(final-state particles), plain or gzip',
    )
    .addOption(new Option('--algorithm <name>', 'jet algorithm').choices(['durham']).makeOptionMandatory())
    .addOption(
      new Option('--njets <n>', 'cluster each event into exactly n jets')
        .argParser(parseJetCount)
        .conflicts('ycut'),
    )
    .addOption(
      new Option('--ycut <y>', 'merge pairs until every remaining pair has y = d_ij/Q² above this value')
        .argParser(parseNonNegativeNumber)
        .conflicts('njets'),
    )
    .addOption(
      new Option(
        '--sqrt-s <GeV>',
        'use √s in GeV as Q in y = d_ij/Q² (default: the sum of the particle energies)',
      ).argParser(parseSqrtS),
    )
    .option('-o, --output <file>', 'write the jets to this file instead of standard output')
    .action(async (file: string, options: ClusterCommandOptions, command: Command) => {
      if (options.njets === undefined && options.ycut === undefined) {
        command.error("error: one of the options '--njets <n>' or '--ycut <y>' is required");
      }
      await checkOutputFile(options.output, '-o');
      const read = await readEventsUpToError(file);
      const lines = read.events.map((event, index) =>
        formatJetsJsonLine(clusterEvent(event, index, file, options), { event: index }),
      );
      const text = lines.map((line) => `${line}\n`).join('');
      if (options.output === undefined) {
        process.stdout.write(text);
      } else {
        await writeFile(options.output, text);
      }
      throwReadError(read, options.output ?? 'standard output');
    });
}

/** Clusters one event as the options request, with errors that name the file and the event. */
function clusterEvent(event: JetEvent, index: number, file: string, options: ClusterCommandOptions): Jet[] {
  const where = `${file}: event ${index} (counting from 0)`;
  const nParticles = event.particles.length;
  if (nParticles === 0) {
    throw new RangeError(`${where} has no particles, so it cannot be clustered`);
  }
  const sequence: ClusterSequence = clusterDurham(event.particles, { sqrtS: options.sqrtS });
  if (options.njets !== undefined) {
    if (options.njets > nParticles) {
      throw new RangeError(`${where} has ${nParticles} particles, fewer than --njets ${options.njets}`);
    }
    return sequence.exclusiveJets(options.njets);
  }
  return sequence.exclusiveJetsYcut(options.ycut as number);
}

function parseJetCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError(`expected an integer ≥ 1 but got ${value}`);
  }
  return n;
}

function parseNonNegativeNumber(value: string): number {
  const y = Number(value);
  if (value.trim() === '' || !Number.isFinite(y) || y < 0) {
    throw new InvalidArgumentError(`expected a number ≥ 0 but got ${value}`);
  }
  return y;
}

function parseSqrtS(value: string): number {
  const sqrtS = Number(value);
  if (value.trim() === '' || !Number.isFinite(sqrtS) || sqrtS <= 0) {
    throw new InvalidArgumentError(`expected an energy > 0 GeV but got ${value}`);
  }
  return sqrtS;
}
