/**
 * JSON Lines events and jets, as text in and text out (no file system, so it also runs in a browser).
 *
 * An event line is an object {"particles": [[px, py, pz, E], ...]} with momenta and energies in GeV. It may also
 * carry "eventNumber" (integer), "sqrtS" (GeV) and "process" (string). Other keys and empty lines are
 * ignored.
 */

import { particlesFromArray } from '../particles/index.js';
import type { JetEvent, Particles } from '../particles/index.js';

/** A parse error in JSON Lines input, with the source name and the 1-based line number. */
export class JsonLinesParseError extends SyntaxError {
  /** File name or other label of the input. */
  readonly source: string;
  /** 1-based line number. */
  readonly line: number;

  constructor(source: string, line: number, detail: string) {
    super(`${source}:${line}: ${detail}`);
    this.name = 'JsonLinesParseError';
    this.source = source;
    this.line = line;
  }
}

/** A jet to write: its four-momentum in GeV and the indices of its particles. */
export interface JetRecord {
  px: number;
  py: number;
  pz: number;
  e: number;
  constituents: ArrayLike<number>;
}

/**
 * Parses JSON Lines events. `source` names the input in error messages, such as a file name.
 *
 * @throws JsonLinesParseError naming the source and line for invalid JSON, a line that is not an event object,
 *   or particles that the particle container rejects (the message then names the particle index and field).
 */
export function parseJsonLinesEvents(text: string, source = '<input>'): JetEvent[] {
  return [...iterateJsonLinesEvents(text, source)];
}

/**
 * Yields the JSON Lines events of `text` one at a time, so that the events before a bad line reach the
 * caller before its error.
 *
 * @throws JsonLinesParseError as {@link parseJsonLinesEvents}, when the iteration reaches the bad line.
 */
export function* iterateJsonLinesEvents(text: string, source = '<input>'): Generator<JetEvent> {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).trim();
    if (line === '') continue;
    yield parseEventLine(line, source, index + 1);
  }
}

/** Formats an event as one JSON line (without the newline), in the format that {@link parseJsonLinesEvents} reads. */
export function formatEventJsonLine(
  event: Pick<JetEvent, 'particles' | 'eventNumber' | 'sqrtS' | 'process'>,
): string {
  const record: Record<string, unknown> = {};
  if (event.eventNumber !== undefined) record.eventNumber = event.eventNumber;
  if (event.process !== undefined) record.process = event.process;
  if (event.sqrtS !== undefined) record.sqrtS = event.sqrtS;
  record.particles = event.particles.toRows();
  return JSON.stringify(record);
}

/**
 * Formats one event's jets as one JSON line (without the newline): `fields` first, then "jets": [{"px", "py",
 * "pz", "e", "constituents"}, ...] in the given order. Numbers are written with full double precision.
 */
export function formatJetsJsonLine(jets: readonly JetRecord[], fields: Record<string, unknown> = {}): string {
  const records = jets.map((jet) => ({
    px: jet.px,
    py: jet.py,
    pz: jet.pz,
    e: jet.e,
    constituents: Array.from(jet.constituents),
  }));
  return JSON.stringify({ ...fields, jets: records });
}

function parseEventLine(line: string, source: string, lineNumber: number): JetEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new JsonLinesParseError(source, lineNumber, `invalid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JsonLinesParseError(
      source,
      lineNumber,
      `expected an event object {"particles": [...]} but got ${line}`,
    );
  }
  const record = value as Record<string, unknown>;
  if (!Array.isArray(record.particles)) {
    throw new JsonLinesParseError(
      source,
      lineNumber,
      `expected "particles" to be an array of [px, py, pz, E] rows but got ${JSON.stringify(record.particles)}`,
    );
  }

  let particles: Particles;
  try {
    particles = particlesFromArray(record.particles as number[][]);
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) {
      throw new JsonLinesParseError(source, lineNumber, error.message);
    }
    throw error;
  }

  const event: JetEvent = { particles, partons: [], bosons: [] };
  const { eventNumber, sqrtS, process } = record;
  if (eventNumber !== undefined) {
    if (!Number.isInteger(eventNumber)) {
      throw new JsonLinesParseError(
        source,
        lineNumber,
        `expected "eventNumber" to be an integer but got ${JSON.stringify(eventNumber)}`,
      );
    }
    event.eventNumber = eventNumber as number;
  }
  if (sqrtS !== undefined) {
    if (typeof sqrtS !== 'number' || !(sqrtS > 0) || !Number.isFinite(sqrtS)) {
      throw new JsonLinesParseError(
        source,
        lineNumber,
        `expected "sqrtS" to be a number > 0 GeV but got ${JSON.stringify(sqrtS)}`,
      );
    }
    event.sqrtS = sqrtS;
  }
  if (process !== undefined) {
    if (typeof process !== 'string') {
      throw new JsonLinesParseError(
        source,
        lineNumber,
        `expected "process" to be a string but got ${JSON.stringify(process)}`,
      );
    }
    event.process = process;
  }
  return event;
}
