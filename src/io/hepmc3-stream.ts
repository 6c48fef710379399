/** Events from a stream of text or byte chunks: line splitting, parsing and the handling of a broken stream. */

import { HepMC3TruncatedError } from './hepmc3-error.js';
import { toHepMC3Event } from './hepmc3-event.js';
import type { HepMC3Event } from './hepmc3-event.js';
import { HepMC3LineParser } from './hepmc3-parser.js';

/** Options of the HepMC3 readers. */
export interface ReadHepMC3Options {
  /** Keep every particle, vertex and attribute of each event in `event.record`. Default: false. */
  fullRecord?: boolean;
  /** Name of the input in error messages. Default: the file path in Node, otherwise "<input>". */
  sourceName?: string;
}

/** Defaults of {@link ReadHepMC3Options}. */
export const DEFAULT_READ_HEPMC3_OPTIONS: Readonly<Required<ReadHepMC3Options>> = Object.freeze({
  fullRecord: false,
  sourceName: '<input>',
});

/**
 * Recognises the error that a decompressor raises on a truncated or corrupt stream and returns a short
 * description of it. Returns undefined for any other error, which the reader then rethrows unchanged.
 */
export type DecompressionErrorTest = (error: unknown) => string | undefined;

/** Detail of the {@link HepMC3TruncatedError} for text that ends without the footer. */
const MISSING_FOOTER_DETAIL =
  'input ended without the HepMC::Asciiv3-END_EVENT_LISTING line, so it is probably truncated';

/**
 * Yields the events of decompressed HepMC3 Asciiv3 chunks one at a time. When the chunks end with a
 * decompression error, or the text ends without the END_EVENT_LISTING footer, the event in progress is
 * delivered if it is complete, then a {@link HepMC3TruncatedError} names the last complete event.
 */
export async function* eventsFromChunks(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: Required<ReadHepMC3Options>,
  isDecompressionError: DecompressionErrorTest,
): AsyncGenerator<HepMC3Event> {
  const source = options.sourceName;
  const parser = new HepMC3LineParser(source);
  const decoder = new TextDecoder('utf-8');
  let remainder = '';
  let lineNumber = 0;
  try {
    for await (const chunk of chunks) {
      const text = remainder + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      const lines = text.split('\n');
      remainder = lines.pop() as string;
      for (const line of lines) {
        lineNumber++;
        const raw = parser.push(line, lineNumber);
        if (raw !== undefined) yield toHepMC3Event(raw, source, options.fullRecord);
      }
    }
  } catch (error) {
    const cause = isDecompressionError(error);
    if (cause === undefined) throw error;
    // The partial last line is dropped: a cut number would still parse as a (wrong) number.
    if (parser.hasCompleteEvent()) {
      const raw = parser.finish(lineNumber);
      if (raw !== undefined) yield toHepMC3Event(raw, source, options.fullRecord);
    }
    throw new HepMC3TruncatedError(
      source,
      lineNumber,
      parser.lastCompleteEvent,
      `truncated or corrupt gzip stream (${cause})`,
    );
  }
  const tail = remainder + decoder.decode();
  if (tail !== '') {
    lineNumber++;
    const raw = parser.push(tail, lineNumber);
    if (raw !== undefined) yield toHepMC3Event(raw, source, options.fullRecord);
  }
  const last = parser.finish(lineNumber);
  if (last !== undefined) yield toHepMC3Event(last, source, options.fullRecord);
  // HepMC3's WriterAscii (pyhepmc 2.16 included) and tools/eventgen write the footer when they close the file.
  // Text without it comes from a writer that stopped early or an incomplete copy, even at an event boundary.
  if (!parser.listingClosed) {
    throw new HepMC3TruncatedError(source, lineNumber, parser.lastCompleteEvent, MISSING_FOOTER_DETAIL);
  }
}

/** True when the bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Resolves user options against {@link DEFAULT_READ_HEPMC3_OPTIONS}, checking their types. */
export function resolveReadOptions(
  caller: string,
  options: ReadHepMC3Options | undefined,
  sourceName: string,
): Required<ReadHepMC3Options> {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new TypeError(
      `${caller}: options: expected an object but got ${options === null ? 'null' : typeof options}`,
    );
  }
  const resolved = {
    fullRecord: options?.fullRecord ?? DEFAULT_READ_HEPMC3_OPTIONS.fullRecord,
    sourceName: options?.sourceName ?? sourceName,
  };
  if (typeof resolved.fullRecord !== 'boolean') {
    throw new TypeError(
      `${caller}: options.fullRecord: expected a boolean but got ${typeof resolved.fullRecord}`,
    );
  }
  if (typeof resolved.sourceName !== 'string') {
    throw new TypeError(
      `${caller}: options.sourceName: expected a string but got ${typeof resolved.sourceName}`,
    );
  }
  return resolved;
}
