// Node entry of jetcolor/io: everything in the browser-safe entry plus readers that open files.
export * from './index.js';

import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';

import type { JetEvent } from '../particles/index.js';
import { readHepMC3 as readHepMC3FromMemory } from './hepmc3.js';
import type { HepMC3Source } from './hepmc3.js';
import type { HepMC3Event } from './hepmc3-event.js';
import { eventsFromChunks, isGzip, resolveReadOptions } from './hepmc3-stream.js';
import type { ReadHepMC3Options } from './hepmc3-stream.js';
import { iterateJsonLinesEvents } from './jsonl.js';

/**
 * Reads HepMC3 Asciiv3 events one at a time. A string is a file path; the file may be plain or gzip
 * (recognised by its first two bytes, decompressed as a stream with node:zlib). Other sources are read
 * as in the browser entry.
 *
 * @example
 * for await (const event of readHepMC3('data/samples/zhh_500GeV.hepmc3.gz')) console.log(event.partons.length);
 * @throws Error naming the path when the file cannot be opened.
 * @throws HepMC3ParseError naming the file, line and event for malformed input.
 * @throws HepMC3TruncatedError for a truncated or corrupt gzip file or a file without the END_EVENT_LISTING
 *   footer, after the last complete event.
 */
export function readHepMC3(
  source: string | HepMC3Source,
  options?: ReadHepMC3Options,
): AsyncGenerator<HepMC3Event> {
  if (typeof source !== 'string') return readHepMC3FromMemory(source, options);
  return readHepMC3File(source, resolveReadOptions('readHepMC3', options, source));
}

async function* readHepMC3File(
  path: string,
  options: Required<ReadHepMC3Options>,
): AsyncGenerator<HepMC3Event> {
  const gzip = isGzip(await readHead(path, 'readHepMC3'));
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const gunzip = gzip ? createGunzip({ chunkSize: 1 << 20 }) : undefined;
  const chunks = gunzip === undefined ? file : file.pipe(gunzip);
  file.on('error', (error) => gunzip?.destroy(error));
  try {
    yield* eventsFromChunks(chunks, options, describeZlibError);
  } finally {
    file.destroy();
    gunzip?.destroy();
  }
}

/** zlib reports a stream that ends early as Z_BUF_ERROR and corrupt data as Z_DATA_ERROR. */
function describeZlibError(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('code' in error)) return undefined;
  const code = String(error.code);
  return code.startsWith('Z_') ? `${error.message} (${code})` : undefined;
}

/** Reads the first bytes of a file (up to 64 kB) for format detection. */
async function readHead(path: string, caller: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new Error(
      `${caller}: ${path}: cannot open the file: ${error instanceof Error ? error.message : error}`,
      {
        cause: error,
      },
    );
  }
  try {
    if ((await handle.stat()).isDirectory()) {
      throw new Error(`${caller}: ${path}: is a directory; expected an event file (HepMC3 or JSON Lines)`);
    }
    const buffer = new Uint8Array(65_536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Reads events from a HepMC3 Asciiv3 or JSON Lines file, plain or gzip, detected from the content: JSON Lines
 * when the first non-blank character is "{", HepMC3 otherwise.
 *
 * @throws Error naming the path when the file cannot be opened; the parse errors of either format.
 */
export async function* readEventsFromFile(
  path: string,
  options?: ReadHepMC3Options,
): AsyncGenerator<JetEvent> {
  const resolved = resolveReadOptions('readEventsFromFile', options, path);
  let head = await readHead(path, 'readEventsFromFile');
  if (isGzip(head)) head = gunzipHead(head);
  const firstCharacter = new TextDecoder().decode(head.subarray(0, 4096)).trimStart()[0];
  if (firstCharacter !== '{') {
    yield* readHepMC3File(path, resolved);
    return;
  }
  let bytes: Uint8Array = await readFile(path);
  if (isGzip(bytes)) bytes = gunzipSync(bytes);
  yield* iterateJsonLinesEvents(new TextDecoder().decode(bytes), resolved.sourceName);
}

/** Decompresses what a gzip prefix contains. The prefix is a truncated stream, so the output stops early. */
function gunzipHead(head: Uint8Array): Uint8Array {
  try {
    return gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch {
    return new Uint8Array(0);
  }
}
