/**
 * The progress bar of the `colorize` and `evaluate` commands, on standard error so that it never mixes with
 * results on standard output. It draws only when standard error is a terminal.
 */

import { Presets, SingleBar } from 'cli-progress';

/** Progress of one pass over `total` events. */
export interface EventProgress {
  advance(events: number): void;
  stop(): void;
}

/** Starts a progress bar over `total` events labelled `task`. */
export function startEventProgress(task: string, total: number): EventProgress {
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: `${task} [{bar}] {value}/{total} events | {eta_formatted} left`,
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    advance: (events: number) => bar.increment(events),
    stop: () => bar.stop(),
  };
}
