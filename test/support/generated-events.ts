/**
 * Small event files made by the real Pythia 8 tool (tools/eventgen/generate.py) for the tests: 20 events of
 * each process, ISR on, at the process's default √s, in data/generated/test/ (not committed).
 *
 * Registered as a vitest globalSetup, so the files are made once per run before any test; test files call
 * {@link generatedEventsPath}, which also makes a missing file when a test runs without the global setup.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';

import { referencePython, repoPath } from './python.js';

/** Processes the generator makes, with their default √s: zhh and tt at 500 GeV, the others at 250 GeV. */
export const GENERATED_PROCESSES = ['zhh', 'tt', 'zh', 'zz', 'ww'] as const;
export type GeneratedProcess = (typeof GENERATED_PROCESSES)[number];

/** Events in each generated test file. */
export const GENERATED_EVENTS = 20;

const SEEDS: Record<GeneratedProcess, number> = { zhh: 11, tt: 12, zh: 13, zz: 14, ww: 15 };

/**
 * Runs the generator with `args` (after the script path); returns its standard error, which ends with the
 * summary line. Throws with that output when the generator fails.
 */
export function runGenerator(args: string[]): string {
  const result = spawnSync(referencePython(), [repoPath('tools', 'eventgen', 'generate.py'), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (result.status !== 0) {
    throw new Error(`generate.py ${args.join(' ')} failed (exit status ${result.status}):\n${result.stderr}`);
  }
  return result.stderr;
}

/** Path of the generated test file of `process`, making it first if it is missing or older than the tool. */
export function generatedEventsPath(process: GeneratedProcess): string {
  if (!GENERATED_PROCESSES.includes(process)) {
    throw new RangeError(
      `generatedEventsPath: process: expected one of ${GENERATED_PROCESSES.join(', ')} but got ${String(process)}`,
    );
  }
  const path = repoPath('data', 'generated', 'test', `${process}_${GENERATED_EVENTS}.hepmc3.gz`);
  if (!existsSync(path) || statSync(path).mtimeMs < newestToolChange()) {
    mkdirSync(repoPath('data', 'generated', 'test'), { recursive: true });
    runGenerator([
      '--process',
      process,
      '--events',
      String(GENERATED_EVENTS),
      '--seed',
      String(SEEDS[process]),
      '--out',
      path,
    ]);
  }
  return path;
}

/** vitest global setup: make every process's file once before the tests run. */
export function setup(): void {
  for (const process of GENERATED_PROCESSES) generatedEventsPath(process);
}

function newestToolChange(): number {
  const directory = repoPath('tools', 'eventgen');
  let newest = 0;
  for (const name of readdirSync(directory)) {
    if (name.endsWith('.py')) newest = Math.max(newest, statSync(`${directory}/${name}`).mtimeMs);
  }
  return newest;
}
