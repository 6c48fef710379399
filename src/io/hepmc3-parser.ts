/**
 * Line-by-line parser of HepMC3 Asciiv3 text into raw events (the columns of the P, V and A lines). It
 * follows the rules of HepMC3's own ReaderAscii (version 3.2). Particle ids run from 1 to the count on the
 * E line. A P line's parent is a vertex id (negative), a particle id (positive, meaning an implicit vertex
 * with that single incoming particle) or 0.
 */

import { HepMC3ParseError } from './hepmc3-error.js';
import {
  MAX_ENTRIES_PER_EVENT,
  parseAttributeLine,
  parseNumber,
  parseNumberList,
  parseUnitsLine,
  parseVertexLine,
  quote,
  toInteger,
  unescape,
} from './hepmc3-fields.js';
import type { HepMC3RawEvent, LineFailure } from './hepmc3-fields.js';

type State = 'header' | 'run' | 'event' | 'footer';

/** Incremental parser: feed lines with {@link push}, then call {@link finish} at the end of the input. */
export class HepMC3LineParser {
  private readonly source: string;
  private state: State = 'header';
  private event: HepMC3RawEvent | undefined;
  private particlesSeen = 0;
  /** 1 for each particle id (minus one) already given by a P line of the event in progress. */
  private particleDefined = new Uint8Array(0);
  private implicitParents = new Set<number>();
  private sawParticlesOrVertices = false;
  private sawWeights = false;
  /** Error of a bad line that completed an event, thrown once that event has been returned. */
  private deferred: Error | undefined;
  /** Event number of the last event returned by {@link push} or {@link finish}. */
  lastCompleteEvent: number | undefined;
  /** Run-level attributes, weight names and tools (T lines). */
  readonly runAttributes = new Map<string, string>();
  weightNames: string[] = [];
  readonly tools: string[][] = [];

  constructor(source: string) {
    this.source = source;
  }

  /** Event number of the event being read, or undefined between events. */
  get currentEventNumber(): number | undefined {
    return this.event?.eventNumber;
  }

  /**
   * Parses one line (without its newline); returns the previous event when this line completes it. A line
   * that completes an event and is itself invalid returns the event, and the next call throws its error.
   */
  push(text: string, line: number): HepMC3RawEvent | undefined {
    this.throwDeferred();
    if (text.endsWith('\r')) text = text.slice(0, -1);
    // Blank lines are skipped; a line that starts with a space is not one of the format's lines.
    if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) return undefined;
    if (text.startsWith('HepMC::')) return this.headerLine(text, line);
    if (this.state === 'header' || this.state === 'footer') {
      throw this.error(line, `expected a HepMC::Asciiv3 header line but got ${quote(text)}`);
    }
    const key = text[0];
    if (this.state === 'event') {
      const endsEvent =
        key === 'E' ||
        key === 'T' ||
        (key === 'W' && this.sawWeights) ||
        (key === 'A' && this.sawParticlesOrVertices);
      if (!endsEvent) {
        this.eventLine(text, line);
        return undefined;
      }
      const done = this.complete(line);
      try {
        this.runLine(text, line);
      } catch (error) {
        // The completed event is delivered first, so that nothing read before the bad line is lost.
        this.deferred = error instanceof Error ? error : new Error(String(error));
      }
      return done;
    }
    this.runLine(text, line);
    return undefined;
  }

  /** Ends the input: returns the event in progress, or throws when it is incomplete. */
  finish(line: number): HepMC3RawEvent | undefined {
    this.throwDeferred();
    if (this.state === 'header') {
      throw this.error(line, 'expected a HepMC::Asciiv3 header but the input ended before it');
    }
    return this.state === 'event' ? this.complete(line) : undefined;
  }

  /** Throws the error of a bad line that completed an event, once that event has been returned. */
  private throwDeferred(): void {
    const error = this.deferred;
    if (error === undefined) return;
    this.deferred = undefined;
    throw error;
  }

  /** True when the last header line read is HepMC::Asciiv3-END_EVENT_LISTING, which closes a listing. */
  get listingClosed(): boolean {
    return this.state === 'footer';
  }

  /** True when the event in progress has all the particles its E line declares. */
  hasCompleteEvent(): boolean {
    return this.event !== undefined && this.particlesSeen === this.event.pdgId.length;
  }

  private headerLine(text: string, line: number): HepMC3RawEvent | undefined {
    const done = this.state === 'event' ? this.complete(line) : undefined;
    if (text.startsWith('HepMC::Version')) {
      this.state = 'header';
    } else if (text.startsWith('HepMC::Asciiv3-START_EVENT_LISTING')) {
      this.state = 'run';
    } else if (text.startsWith('HepMC::Asciiv3-END_EVENT_LISTING')) {
      this.state = 'footer';
    } else if (text.startsWith('HepMC::IO_GenEvent-START_EVENT_LISTING')) {
      throw this.error(line, 'HepMC2 files (IO_GenEvent) are not supported: convert them to Asciiv3 first');
    } else {
      throw this.error(line, `expected a HepMC::Asciiv3 header line but got ${quote(text)}`);
    }
    return done;
  }

  private runLine(text: string, line: number): void {
    const key = text[0];
    if (key === 'E') {
      this.startEvent(text, line);
    } else if (key === 'W') {
      this.weightNames = unescape(text.slice(2))
        .split(/\s+/)
        .filter((name) => name !== '');
    } else if (key === 'T') {
      this.tools.push(unescape(text.slice(2)).split('\n'));
    } else if (key === 'A') {
      const attribute = parseAttributeLine(text, line, false, this.failure(line));
      this.runAttributes.set(attribute.name, attribute.value);
    } else {
      throw this.error(line, `expected an E, W, T or A line between events but got ${quote(text)}`);
    }
  }

  private startEvent(text: string, line: number): void {
    const tokens = text.trim().split(/\s+/);
    const [, numberText, verticesText, particlesText] = tokens;
    const eventNumber = toInteger(numberText);
    const vertices = toInteger(verticesText);
    const particles = toInteger(particlesText);
    if (eventNumber === undefined || vertices === undefined || particles === undefined) {
      throw this.error(line, `expected "E number vertices particles" but got ${quote(text)}`);
    }
    if (
      vertices < 0 ||
      particles < 0 ||
      vertices > MAX_ENTRIES_PER_EVENT ||
      particles > MAX_ENTRIES_PER_EVENT
    ) {
      throw new HepMC3ParseError(
        this.source,
        line,
        eventNumber,
        `expected vertex and particle counts in 0..${MAX_ENTRIES_PER_EVENT} but got ${vertices} and ${particles}`,
      );
    }
    this.event = {
      eventNumber,
      line,
      momentumUnit: 'GEV',
      lengthUnit: 'MM',
      weights: [],
      pdgId: new Int32Array(particles),
      status: new Int32Array(particles),
      px: new Float64Array(particles),
      py: new Float64Array(particles),
      pz: new Float64Array(particles),
      e: new Float64Array(particles),
      mass: new Float64Array(particles),
      parent: new Int32Array(particles),
      particleLine: new Float64Array(particles),
      declaredVertices: vertices,
      explicitVertices: new Map(),
      referencedVertices: new Set(),
      implicitVertexParents: [],
      attributes: [],
    };
    this.particlesSeen = 0;
    this.particleDefined = new Uint8Array(particles);
    this.implicitParents = new Set();
    this.sawParticlesOrVertices = false;
    this.sawWeights = false;
    this.state = 'event';
  }

  private eventLine(text: string, line: number): void {
    const event = this.event as HepMC3RawEvent;
    switch (text[0]) {
      case 'P':
        this.parseParticle(event, text, line);
        this.sawParticlesOrVertices = true;
        return;
      case 'V':
        parseVertexLine(event, text, this.failure(line));
        this.sawParticlesOrVertices = true;
        return;
      case 'A':
        event.attributes.push(parseAttributeLine(text, line, true, this.failure(line)));
        return;
      case 'U':
        parseUnitsLine(event, text, this.failure(line));
        return;
      case 'W':
        event.weights = parseNumberList(text.slice(1), 'weight', this.failure(line));
        this.sawWeights = true;
        return;
      default:
        throw this.error(line, `expected a P, V, A, U or W line inside an event but got ${quote(text)}`);
    }
  }

  private parseParticle(event: HepMC3RawEvent, text: string, line: number): void {
    let tokens = text.split(' ');
    if (tokens.length !== 10) tokens = text.trim().split(/\s+/);
    if (tokens.length !== 10) {
      throw this.error(
        line,
        `expected "P id parent pdg px py pz e m status" (10 fields) but got ${tokens.length}`,
      );
    }
    const id = toInteger(tokens[1]);
    const parent = toInteger(tokens[2]);
    const pdgId = toInteger(tokens[3]);
    const status = toInteger(tokens[9]);
    const n = event.pdgId.length;
    if (id === undefined || id < 1 || id > n) {
      throw this.error(line, `expected a particle id in 1..${n} but got ${quote(tokens[1] ?? '')}`);
    }
    if (parent === undefined || parent < -event.declaredVertices || parent > n) {
      throw this.error(
        line,
        `expected a parent in -${event.declaredVertices}..${n} but got ${quote(tokens[2] ?? '')}`,
      );
    }
    if (pdgId === undefined || status === undefined) {
      throw this.error(
        line,
        `expected integer PDG id and status but got ${quote(tokens[3] ?? '')} and ${quote(tokens[9] ?? '')}`,
      );
    }
    const k = id - 1;
    const fail = this.failure(line);
    if (this.particleDefined[k] === 1) throw this.error(line, `particle ${id} is defined twice`);
    this.particleDefined[k] = 1;
    event.pdgId[k] = pdgId;
    event.status[k] = status;
    event.px[k] = parseNumber(tokens[4], 'px', fail);
    event.py[k] = parseNumber(tokens[5], 'py', fail);
    event.pz[k] = parseNumber(tokens[6], 'pz', fail);
    event.e[k] = parseNumber(tokens[7], 'e', fail);
    event.mass[k] = parseNumber(tokens[8], 'm', fail);
    event.parent[k] = parent;
    event.particleLine[k] = line;
    if (parent > 0) {
      if (!this.implicitParents.has(parent)) {
        this.implicitParents.add(parent);
        event.implicitVertexParents.push(parent);
      }
    } else if (parent < 0 && !event.explicitVertices.has(parent)) {
      event.referencedVertices.add(parent);
    }
    this.particlesSeen++;
  }

  /** Checks the counts of the event in progress and returns it. */
  private complete(line: number): HepMC3RawEvent {
    const event = this.event as HepMC3RawEvent;
    const declared = event.pdgId.length;
    if (this.particlesSeen !== declared) {
      throw new HepMC3ParseError(
        this.source,
        line,
        event.eventNumber,
        `expected ${declared} particles (from the E line on line ${event.line}) but got ${this.particlesSeen}`,
      );
    }
    const vertices =
      event.explicitVertices.size + event.referencedVertices.size + event.implicitVertexParents.length;
    if (vertices !== event.declaredVertices) {
      throw new HepMC3ParseError(
        this.source,
        line,
        event.eventNumber,
        `expected ${event.declaredVertices} vertices (from the E line on line ${event.line}) but got ${vertices}`,
      );
    }
    this.event = undefined;
    this.state = 'run';
    this.lastCompleteEvent = event.eventNumber;
    return event;
  }

  private error(line: number, detail: string): HepMC3ParseError {
    return new HepMC3ParseError(this.source, line, this.event?.eventNumber, detail);
  }

  private failure(line: number): LineFailure {
    return (detail) => this.error(line, detail);
  }
}
