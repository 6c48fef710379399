/** The `jetcolor` command-line tool: one sub-command per job. */

import { Command } from 'commander';
import { clusterCommand } from './cluster.js';
import { colorizeCommand } from './colorize.js';
import { evaluateCommand } from './evaluate.js';
import { displayCommand } from './display.js';
import { trainCommand } from './train.js';

/** Builds the `jetcolor` program with all its sub-commands. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('jetcolor')
    .description('Jet clustering for e+e- events by automatic colorization with a U-Net.')
    .showHelpAfterError();
  program.addCommand(clusterCommand());
  program.addCommand(colorizeCommand());
  program.addCommand(evaluateCommand());
  program.addCommand(displayCommand());
  program.addCommand(trainCommand());
  return program;
}

/** Runs the command line `argv` (as in `process.argv`) and sets the exit code. */
export async function main(argv: string[]): Promise<void> {
  // A reader that stops early (jetcolor cluster … | head) closes the pipe; that ends the output, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    process.stderr.write(`jetcolor: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
