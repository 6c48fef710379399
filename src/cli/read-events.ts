/**
 * Reading of event files for the commands that write one result per event: a read error part-way through
 * keeps the events before it, so that their results are still written.
 */

import { readEventsFromFile } from '../io/node.js';
import type { JetEvent } from '../particles/index.js';

/** The events read from a file, and the error that stopped the reading, if any. */
export interface PartialRead {
  events: JetEvent[];
  error: Error | undefined;
}

/**
 * Reads the events of a file (HepMC3 or JSON Lines, plain or gzip). An error after at least one event is
 * returned beside the events read before it; an error before any event is thrown.
 */
export async function readEventsUpToError(path: string): Promise<PartialRead> {
  const events: JetEvent[] = [];
  try {
    for await (const event of readEventsFromFile(path)) events.push(event);
  } catch (error) {
    if (events.length === 0) throw error;
    return { events, error: error instanceof Error ? error : new Error(String(error)) };
  }
  return { events, error: undefined };
}

/**
 * Throws the read error of `read`, if any, saying that the results of the events before it were written.
 * Call it after writing those results.
 */
export function throwReadError(read: PartialRead, destination: string): void {
  if (read.error === undefined) return;
  throw new Error(
    `${read.error.message} (the results of the ${read.events.length} events before it were written to ${destination})`,
    { cause: read.error },
  );
}
