import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

import { formatEventJsonLine, readHepMC3 as readFromMemory } from '../../src/io/index.js';
import type { HepMC3Event, HepMC3Source } from '../../src/io/index.js';
import { readEventsFromFile, readHepMC3 } from '../../src/io/node.js';
import type { JetEvent } from '../../src/particles/index.js';
import { generatedEventsPath } from '../support/generated-events.js';

async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/** The parts of an event that every source must reproduce exactly. */
function summary(event: JetEvent): unknown {
  const { particles } = event;
  return {
    eventNumber: event.eventNumber,
    process: event.process,
    sqrtS: event.sqrtS,
    partons: event.partons,
    bosons: event.bosons,
    rows: particles.toRows(),
    pdgId: Array.from(particles.pdgId ?? []),
    charge: Array.from(particles.charge ?? []),
    trueJet: particles.trueJet === undefined ? undefined : Array.from(particles.trueJet),
  };
}

/** Splits bytes into pieces of `size` bytes. */
function* pieces(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

describe('readHepMC3 sources', () => {
  let path = '';
  let gzipBytes = new Uint8Array(0);
  let text = '';
  let expected: unknown[] = [];

  beforeAll(async () => {
    path = generatedEventsPath('zz');
    gzipBytes = new Uint8Array(readFileSync(path));
    text = gunzipSync(gzipBytes).toString('utf8');
    expected = (await collect(readHepMC3(path))).map(summary);
  });

  it('path source reads every event', () => {
    expect(expected).toHaveLength(20);
  });

  const sources: [string, () => HepMC3Source][] = [
    ['text', () => text],
    ['gzip bytes', () => gzipBytes],
    ['plain bytes', () => new TextEncoder().encode(text)],
    ['gzip pieces of 7 bytes', () => pieces(gzipBytes, 7)],
    ['plain pieces of 1 kB', () => pieces(new TextEncoder().encode(text), 1000)],
    [
      'async text pieces',
      () =>
        (async function* () {
          for (let offset = 0; offset < text.length; offset += 333) yield text.slice(offset, offset + 333);
        })(),
    ],
  ];
  it.each(sources)('%s gives the same events', async (_name, source) => {
    const events = await collect(readFromMemory(source()));
    expect(events.map(summary)).toEqual(expected);
  });

  it('Windows line ends give the same events', async () => {
    const events = await collect(readFromMemory(text.replaceAll('\n', '\r\n')));
    expect(events.map(summary)).toEqual(expected);
  });

  it('full record holds the final state', async () => {
    const [event] = (await collect(readHepMC3(path, { fullRecord: true }))) as HepMC3Event[];
    const record = event?.record;
    const finalState = Array.from(record?.status ?? []).filter((status) => status === 1).length;
    expect(finalState).toBe(event?.particles.length);
    expect(record?.vertices).toHaveLength(1);
    expect(record?.vertices[0]?.incoming).toEqual([1, 2]);
    expect(record?.attributes.get(3)?.get('true_jet')).toBe(String(event?.particles.trueJet?.[0]));
  });

  it('event fields come from the attributes', async () => {
    const [event] = (await collect(readHepMC3(path))) as HepMC3Event[];
    expect(event?.process).toBe('zz');
    expect(event?.sqrtS).toBe(250);
    expect(event?.partons).toHaveLength(4);
    expect(event?.bosons.map((boson) => boson.pdgId)).toEqual([23, 23]);
    expect(event?.attributes.get('isr')).toBe('1');
    expect(event?.crossSection?.value).toBeGreaterThan(0);
  });
});

describe('readEventsFromFile', () => {
  const directory = mkdtempSync(join(tmpdir(), 'jetcolor-events-'));

  it('reads HepMC3 by content', async () => {
    const events = await collect(readEventsFromFile(generatedEventsPath('ww')));
    expect(events).toHaveLength(20);
    expect(events[0]?.process).toBe('ww');
  });

  it('reads JSON Lines, plain and gzip', async () => {
    const source = await collect(readHepMC3(generatedEventsPath('ww')));
    const jsonLines = source.map((event) => `${formatEventJsonLine(event)}\n`).join('');
    const plain = join(directory, 'events.jsonl');
    const gzip = join(directory, 'events.txt.gz');
    writeFileSync(plain, jsonLines);
    writeFileSync(gzip, gzipSync(jsonLines));
    for (const file of [plain, gzip]) {
      const events = await collect(readEventsFromFile(file));
      expect(events.map((event) => event.particles.toRows())).toEqual(
        source.map((event) => event.particles.toRows()),
      );
      expect(events.map((event) => event.eventNumber)).toEqual(source.map((event) => event.eventNumber));
    }
  });
});
