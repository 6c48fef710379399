/**
 * Streaming reader of HepMC3 Asciiv3 event files, for any JavaScript environment (no file system access).
 * The Node entry of `jetcolor/io` replaces {@link readHepMC3} with a version that also opens file paths.
 */

import type { HepMC3Event } from './hepmc3-event.js';
import { eventsFromChunks, isGzip, resolveReadOptions } from './hepmc3-stream.js';
import type { ReadHepMC3Options } from './hepmc3-stream.js';

/**
 * HepMC3 input: the text itself, its bytes (plain or gzip), or chunks of either, such as the body of a
 * `fetch` response.
 */
export type HepMC3Source =
  string | Uint8Array | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/**
 * Reads HepMC3 Asciiv3 events one at a time. Gzip input is recognised by its first two bytes and
 * decompressed with the platform's `DecompressionStream`.
 *
 * @example
 * const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
 * for await (const event of readHepMC3(bytes)) console.log(event.particles.length);
 * @throws TypeError for a source or option of the wrong type, or gzip input without `DecompressionStream`.
 * @throws HepMC3ParseError naming the source, line and event for malformed input.
 * @throws HepMC3TruncatedError for a truncated or corrupt gzip stream or input without the END_EVENT_LISTING
 *   footer, after the last complete event.
 */
export function readHepMC3(source: HepMC3Source, options?: ReadHepMC3Options): AsyncGenerator<HepMC3Event> {
  const resolved = resolveReadOptions('readHepMC3', options, '<input>');
  if (typeof source === 'string') return eventsFromChunks([source], resolved, () => undefined);
  if (source instanceof Uint8Array) source = [source];
  if (!isChunkSource(source)) {
    throw new TypeError(
      `readHepMC3: source: expected text, bytes or an iterable of chunks but got ${describe(source)}`,
    );
  }
  return eventsFromChunks(decompressIfGzip(source), resolved, describeDecompressionError);
}

function isChunkSource(
  value: unknown,
): value is AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> {
  if (value === null || typeof value !== 'object') return false;
  return Symbol.asyncIterator in value || Symbol.iterator in value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'object' ? ((value as object).constructor?.name ?? 'object') : typeof value;
}

/** Recognises the wrapper that decompressIfGzip puts around the errors of DecompressionStream. */
function describeDecompressionError(error: unknown): string | undefined {
  return error instanceof DecompressionFailure ? error.message : undefined;
}

class DecompressionFailure extends Error {}

/**
 * Passes chunks through, or through a gzip DecompressionStream when the first bytes are the gzip magic.
 * Errors of the decompressor come out as DecompressionFailure.
 */
async function* decompressIfGzip(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<string | Uint8Array> {
  const iterator = toAsyncIterator(chunks);
  const head: (string | Uint8Array)[] = [];
  let headBytes = 0;
  let ended = false;
  // Collect at least two bytes to look for the magic number.
  while (headBytes < 2) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
    if (typeof next.value === 'string') break;
  }
  const first = head[0];
  const firstBytes =
    first instanceof Uint8Array && head.length > 1 && head.every((c) => c instanceof Uint8Array)
      ? concatenate(head as Uint8Array[])
      : first;
  if (!(firstBytes instanceof Uint8Array) || !isGzip(firstBytes)) {
    yield* head;
    if (!ended) yield* { [Symbol.asyncIterator]: () => iterator };
    return;
  }
  if (typeof DecompressionStream !== 'function') {
    throw new TypeError(
      'readHepMC3: source: gzip input needs DecompressionStream, which this platform lacks',
    );
  }
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(firstBytes);
      if (ended) controller.close();
    },
    async pull(controller) {
      const next = await iterator.next();
      if (next.done === true) controller.close();
      else if (typeof next.value === 'string')
        controller.error(
          new TypeError('readHepMC3: source: expected only byte chunks in gzip input but got a string'),
        );
      else controller.enqueue(next.value);
    },
    async cancel() {
      await iterator.return?.();
    },
  }).pipeThrough(new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>);
  const reader = stream.getReader();
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (error) {
        throw new DecompressionFailure(error instanceof Error ? error.message : String(error));
      }
      if (result.done) return;
      yield result.value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function toAsyncIterator<T>(chunks: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in chunks) return chunks[Symbol.asyncIterator]();
  const iterator = chunks[Symbol.iterator]();
  return {
    next: async () => iterator.next(),
    return: async (value?: unknown) => iterator.return?.(value) ?? { done: true, value: undefined },
  };
}

function concatenate(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
