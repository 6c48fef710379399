/** Errors raised while reading HepMC3 input. */

/** A malformed HepMC3 input, with the source name, the 1-based line number and the event being read. */
export class HepMC3ParseError extends SyntaxError {
  /** File name or other label of the input. */
  readonly source: string;
  /** 1-based line number of the offending line (of the decompressed text for gzip input). */
  readonly line: number;
  /** Event number from the E line of the event being read, or undefined outside an event. */
  readonly eventNumber: number | undefined;

  constructor(source: string, line: number, eventNumber: number | undefined, detail: string) {
    const where = eventNumber === undefined ? '' : ` (event ${eventNumber})`;
    super(`${source}:${line}${where}: ${detail}`);
    this.name = 'HepMC3ParseError';
    this.source = source;
    this.line = line;
    this.eventNumber = eventNumber;
  }
}

/**
 * Input that is cut short: a gzip stream that ends early or contains corrupt data, or text without the
 * HepMC::Asciiv3-END_EVENT_LISTING footer. It is raised after every complete event before the damage has been
 * delivered.
 */
export class HepMC3TruncatedError extends HepMC3ParseError {
  /** Event number of the last complete event delivered, or undefined when no event was complete. */
  readonly lastCompleteEvent: number | undefined;

  /** `detail` describes how the input is cut short, and the message appends the last complete event. */
  constructor(source: string, line: number, lastCompleteEvent: number | undefined, detail: string) {
    const last =
      lastCompleteEvent === undefined
        ? 'no complete event was read'
        : `the last complete event is ${lastCompleteEvent}`;
    super(source, line, undefined, `${detail}: ${last}`);
    this.name = 'HepMC3TruncatedError';
    this.lastCompleteEvent = lastCompleteEvent;
  }
}
