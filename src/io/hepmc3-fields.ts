/**
 * The raw form of a HepMC3 event and parsers of single Asciiv3 lines (V, A, U and numbers). Each parser
 * takes `fail`, which builds the error for the line being parsed.
 */

import type { HepMC3ParseError } from './hepmc3-error.js';

/** Builds the parse error for the current line from a description of what is wrong. */
export type LineFailure = (detail: string) => HepMC3ParseError;

/** Largest particle or vertex count accepted on an E line, so a corrupt count cannot exhaust memory. */
export const MAX_ENTRIES_PER_EVENT = 10_000_000;

/** One attribute line: `A id name value`, id 0 for the event, a particle id or a vertex id. */
export interface HepMC3Attribute {
  id: number;
  name: string;
  value: string;
  line: number;
}

/** A vertex given by a V line. */
export interface HepMC3ExplicitVertex {
  status: number;
  /** Ids of the incoming particles. */
  incoming: number[];
  /** Position (x, y, z, t) in the event's length unit, when the line has one. */
  position: [number, number, number, number] | undefined;
}

/** The contents of one event, before conversion to the library's types. Particle id k is at index k − 1. */
export interface HepMC3RawEvent {
  eventNumber: number;
  /** Line number of the E line. */
  line: number;
  momentumUnit: 'GEV' | 'MEV';
  lengthUnit: 'MM' | 'CM';
  weights: number[];
  pdgId: Int32Array;
  status: Int32Array;
  px: Float64Array;
  py: Float64Array;
  pz: Float64Array;
  e: Float64Array;
  mass: Float64Array;
  /** The parent field of each P line: a vertex id (< 0), a particle id (> 0, implicit vertex) or 0. */
  parent: Int32Array;
  /** Line number of each particle's P line. It is a float column because a file can exceed 2^31 lines. */
  particleLine: Float64Array;
  declaredVertices: number;
  explicitVertices: Map<number, HepMC3ExplicitVertex>;
  /** Ids of the vertices that P lines name without a V line (no incoming particles). */
  referencedVertices: Set<number>;
  /** Parent particle ids of the implicit vertices, in order of first appearance. */
  implicitVertexParents: number[];
  attributes: HepMC3Attribute[];
}

const V_LINE = /^V\s+(-?\d+)\s+(-?\d+)\s+\[([^\]]*)\](?:\s+@\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+))?\s*$/;

/** Parses a V line into the event's explicit vertices. */
export function parseVertexLine(event: HepMC3RawEvent, text: string, fail: LineFailure): void {
  const match = V_LINE.exec(text);
  if (match === null) {
    throw fail(`expected "V id status [in,...] [@ x y z t]" but got ${quote(text)}`);
  }
  const id = Number(match[1]);
  if (id >= 0 || id < -event.declaredVertices) {
    throw fail(`expected a vertex id in -${event.declaredVertices}..-1 but got ${id}`);
  }
  if (event.explicitVertices.has(id)) throw fail(`vertex ${id} is defined twice`);
  const list = (match[3] as string).trim();
  const incoming = list === '' ? [] : list.split(',').map((token) => toInteger(token.trim()) ?? Number.NaN);
  const n = event.pdgId.length;
  for (const particle of incoming) {
    if (!Number.isInteger(particle) || particle < 1 || particle > n) {
      throw fail(`expected incoming particle ids in 1..${n} but got [${match[3]}]`);
    }
  }
  const position =
    match[4] === undefined
      ? undefined
      : ([match[4], match[5], match[6], match[7]].map((v) => parseNumber(v, 'vertex position', fail)) as [
          number,
          number,
          number,
          number,
        ]);
  event.explicitVertices.set(id, { status: Number(match[2]), incoming, position });
  event.referencedVertices.delete(id);
}

/** Parses an A line: `A id name value` inside an event, `A name value` between events. */
export function parseAttributeLine(
  text: string,
  line: number,
  inEvent: boolean,
  fail: LineFailure,
): HepMC3Attribute {
  const match = inEvent ? /^A\s+(-?\d+)\s+(\S+)\s?(.*)$/.exec(text) : /^A\s+(\S+)\s?(.*)$/.exec(text);
  if (match === null) {
    throw fail(`expected "A ${inEvent ? 'id ' : ''}name value" but got ${quote(text)}`);
  }
  if (!inEvent) return { id: 0, name: match[1] as string, value: unescape(match[2] as string), line };
  return { id: Number(match[1]), name: match[2] as string, value: unescape(match[3] as string), line };
}

/** Parses a U line into the event's units. */
export function parseUnitsLine(event: HepMC3RawEvent, text: string, fail: LineFailure): void {
  const [, momentum, length] = text.trim().split(/\s+/);
  if ((momentum !== 'GEV' && momentum !== 'MEV') || (length !== 'MM' && length !== 'CM')) {
    throw fail(`expected "U GEV|MEV MM|CM" but got ${quote(text)}`);
  }
  event.momentumUnit = momentum;
  event.lengthUnit = length;
}

/** Parses space-separated numbers, such as the weights of a W line. */
export function parseNumberList(text: string, field: string, fail: LineFailure): number[] {
  return text
    .trim()
    .split(/\s+/)
    .filter((token) => token !== '')
    .map((token) => parseNumber(token, field, fail));
}

/** Parses one number, failing on an empty or non-numeric token. */
export function parseNumber(token: string | undefined, field: string, fail: LineFailure): number {
  const value = token === undefined || token === '' ? Number.NaN : Number(token);
  if (Number.isNaN(value)) throw fail(`expected a number for ${field} but got ${quote(token ?? '')}`);
  return value;
}

/** Undoes HepMC3's escaping: `\|` is a newline and a backslash quotes the next character. */
export function unescape(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) {
      i++;
      out += text[i] === '|' ? '\n' : text[i];
    } else {
      out += c;
    }
  }
  return out;
}

export function toInteger(token: string | undefined): number | undefined {
  if (token === undefined || token === '') return undefined;
  const value = Number(token);
  return Number.isInteger(value) ? value : undefined;
}

export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}
