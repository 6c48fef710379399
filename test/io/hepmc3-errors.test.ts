import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

import { HepMC3ParseError, HepMC3TruncatedError, readHepMC3 as readFromMemory } from '../../src/io/index.js';
import type { HepMC3Event, HepMC3Source } from '../../src/io/index.js';
import { readHepMC3 } from '../../src/io/node.js';
import { repoPath } from '../support/python.js';

const HEADER = ['HepMC::Version 3.02.05', 'HepMC::Asciiv3-START_EVENT_LISTING'];
const FOOTER = 'HepMC::Asciiv3-END_EVENT_LISTING';

/** Lines of a small valid event: two beams into one vertex, one final-state photon labelled `label`. */
function eventLines(number: number, label = '0'): string[] {
  return [
    `E ${number} 1 3`,
    'U GEV MM',
    'A 0 parton_pdg 1 -1',
    'A 0 parton_momenta 0 10 0 10 0 -10 0 10',
    'A 0 parton_boson 0 0',
    'A 0 boson_pdg 23',
    'A 0 boson_momenta 0 0 0 20',
    `A 3 true_jet ${label}`,
    'P 1 0 11 0 0 250 250 0 4',
    'P 2 0 -11 0 0 -250 250 0 4',
    'V -1 0 [1,2]',
    'P 3 -1 22 0 10 0 10 0 1',
  ];
}

function fileText(lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

async function readAll(source: HepMC3Source): Promise<HepMC3Event[]> {
  const events: HepMC3Event[] = [];
  for await (const event of readFromMemory(source, { sourceName: 'test.hepmc3' })) events.push(event);
  return events;
}

/** Reads until the reader throws; returns the delivered events and the error. */
async function readUntilError(
  read: () => AsyncGenerator<HepMC3Event>,
): Promise<{ events: HepMC3Event[]; error: unknown }> {
  const events: HepMC3Event[] = [];
  try {
    for await (const event of read()) events.push(event);
  } catch (error) {
    return { events, error };
  }
  return { events, error: undefined };
}

/** Replaces line `index` (0-based, counting the header) of a one-event file. */
function withLine(index: number, replacement: string | undefined): string {
  const lines = [...HEADER, ...eventLines(7), FOOTER];
  if (replacement === undefined) lines.splice(index, 1);
  else lines[index] = replacement;
  return fileText(lines);
}

describe('readHepMC3 parse errors', () => {
  it('valid event reads', async () => {
    const [event] = await readAll(fileText([...HEADER, ...eventLines(7), FOOTER]));
    expect(event?.eventNumber).toBe(7);
    expect(Array.from(event?.particles.trueJet ?? [])).toEqual([0]);
    expect(event?.sqrtS).toBe(500);
  });

  const cases: [string, string, RegExp][] = [
    [
      'missing header',
      fileText(eventLines(7)),
      /^test\.hepmc3:1: expected a HepMC::Asciiv3 header line but got "E 7 1 3"$/,
    ],
    ['empty input', '', /^test\.hepmc3:0: expected a HepMC::Asciiv3 header but the input ended before it$/],
    [
      'HepMC2 input',
      'HepMC::Version 2.06.09\nHepMC::IO_GenEvent-START_EVENT_LISTING\n',
      /^test\.hepmc3:2: HepMC2 files \(IO_GenEvent\) are not supported: convert them to Asciiv3 first$/,
    ],
    [
      'short P line',
      withLine(13, 'P 3 -1 22 0 10 0 10 0'),
      /^test\.hepmc3:14 \(event 7\): expected "P id parent pdg px py pz e m status" \(10 fields\) but got 9$/,
    ],
    [
      'non-number momentum',
      withLine(13, 'P 3 -1 22 abc 10 0 10 0 1'),
      /:14 \(event 7\): expected a number for px but got "abc"$/,
    ],
    [
      'particle id out of range',
      withLine(13, 'P 9 -1 22 0 10 0 10 0 1'),
      /:14 \(event 7\): expected a particle id in 1\.\.3 but got "9"$/,
    ],
    [
      'particle defined twice',
      withLine(11, 'P 1 0 -11 0 0 -250 250 0 4'),
      /:12 \(event 7\): particle 1 is defined twice$/,
    ],
    [
      'parent out of range',
      withLine(13, 'P 3 -4 22 0 10 0 10 0 1'),
      /:14 \(event 7\): expected a parent in -1\.\.3 but got "-4"$/,
    ],
    [
      'too few particles',
      withLine(13, undefined),
      /:14 \(event 7\): expected 3 particles \(from the E line on line 3\) but got 2$/,
    ],
    [
      'malformed vertex',
      withLine(12, 'V -1 0 1,2'),
      /:13 \(event 7\): expected "V id status \[in,\.\.\.\] \[@ x y z t\]" but got "V -1 0 1,2"$/,
    ],
    [
      'vertex incoming out of range',
      withLine(12, 'V -1 0 [1,8]'),
      /:13 \(event 7\): expected incoming particle ids in 1\.\.3 but got \[1,8\]$/,
    ],
    [
      'unknown line',
      withLine(4, 'X 1 2'),
      /:5 \(event 7\): expected a P, V, A, U or W line inside an event but got "X 1 2"$/,
    ],
    [
      'bad units',
      withLine(3, 'U GEV KM'),
      /:4 \(event 7\): expected "U GEV\|MEV MM\|CM" but got "U GEV KM"$/,
    ],
    [
      'bad E line',
      withLine(2, 'E 7 one 3'),
      /:3: expected "E number vertices particles" but got "E 7 one 3"$/,
    ],
    [
      'huge count',
      withLine(2, 'E 7 1 99999999999'),
      /:3 \(event 7\): expected vertex and particle counts in 0\.\.10000000/,
    ],
    [
      'label out of range',
      withLine(9, 'A 3 true_jet 5'),
      /:10 \(event 7\): expected true_jet in -1\.\.1 but got "5"$/,
    ],
    [
      'non-integer label',
      withLine(9, 'A 3 true_jet 0.5'),
      /:10 \(event 7\): expected true_jet in -1\.\.1 but got "0\.5"$/,
    ],
    [
      'short parton momenta',
      withLine(5, 'A 0 parton_momenta 0 10 0 10 0 -10 0'),
      /:6 \(event 7\): expected 8 numbers in parton_momenta but got 7$/,
    ],
    [
      'missing parton boson',
      withLine(6, undefined),
      /:5 \(event 7\): expected the event attribute parton_boson next to parton_pdg but it is missing$/,
    ],
    [
      'boson index out of range',
      withLine(6, 'A 0 parton_boson 0 3'),
      /:7 \(event 7\): expected parton_boson entries in -1\.\.0 but got 3$/,
    ],
    [
      'space-like particle',
      withLine(13, 'P 3 -1 22 0 10 0 9 0 1'),
      /^test\.hepmc3:14 \(event 7\): expected E ≥ \|p\| for particle 3 but got E = 9 GeV below \|p\| = 10 GeV \(a space-like four-momentum\)$/,
    ],
    [
      'negative energy',
      withLine(13, 'P 3 -1 22 0 10 0 -10 0 1'),
      /^test\.hepmc3:14 \(event 7\): expected a non-negative energy for particle 3 but got E = -10 GeV$/,
    ],
    [
      'infinite energy',
      withLine(13, 'P 3 -1 22 0 10 0 Infinity 0 1'),
      /^test\.hepmc3:14 \(event 7\): expected a finite E for particle 3 but got Infinity$/,
    ],
    [
      'infinite momentum',
      withLine(13, 'P 3 -1 22 0 -Infinity 0 10 0 1'),
      /^test\.hepmc3:14 \(event 7\): expected a finite py for particle 3 but got -Infinity$/,
    ],
    [
      'line after the footer',
      `${withLine(0, HEADER[0])}P 1 0 22 0 0 1 1 0 1\n`,
      /:16: expected a HepMC::Asciiv3 header line but got "P 1 0 22 0 0 1 1 0 1"$/,
    ],
  ];
  it.each(cases)('%s raises HepMC3ParseError', async (_name, text, message) => {
    const { error } = await readUntilError(() => readFromMemory(text, { sourceName: 'test.hepmc3' }));
    expect(error).toBeInstanceOf(HepMC3ParseError);
    expect((error as Error).message).toMatch(message);
  });

  it('error carries source, line and event', async () => {
    const { error } = await readUntilError(() =>
      readFromMemory(withLine(13, 'P 3 -1 22 x 10 0 10 0 1'), { sourceName: 'a.hepmc3' }),
    );
    expect(error).toMatchObject({ source: 'a.hepmc3', line: 14, eventNumber: 7 });
  });

  it('negative energy names its P line', async () => {
    // The bad particle is listed before the vertex and the last P line, so neither can stand in for it.
    const lines = [
      ...HEADER,
      ...eventLines(1),
      'E 2 1 4',
      'U GEV MM',
      'P 1 0 11 0 0 250 250 0 4',
      'P 2 0 -11 0 0 -250 250 0 4',
      'P 4 -1 22 0 0 -5 -5.5 0 1',
      'V -1 0 [1,2]',
      'P 3 -1 22 0 10 0 10 0 1',
      FOOTER,
    ];
    const { events, error } = await readUntilError(() =>
      readFromMemory(fileText(lines), { sourceName: 'test.hepmc3' }),
    );
    expect(events.map((event) => event.eventNumber)).toEqual([1]);
    expect(error).toBeInstanceOf(HepMC3ParseError);
    expect(error).toMatchObject({ source: 'test.hepmc3', line: 19, eventNumber: 2 });
    expect((error as Error).message).toBe(
      'test.hepmc3:19 (event 2): expected a non-negative energy for particle 4 but got E = -5.5 GeV',
    );
  });

  it('negative energy in MeV quotes the file', async () => {
    const lines = eventLines(3).map((line) =>
      line === 'U GEV MM' ? 'U MEV MM' : line.replace('P 3 -1 22 0 10 0 10 0 1', 'P 3 -1 22 0 0 0 -2500 0 1'),
    );
    const { error } = await readUntilError(() =>
      readFromMemory(fileText([...HEADER, ...lines, FOOTER]), { sourceName: 'test.hepmc3' }),
    );
    expect((error as Error).message).toBe(
      'test.hepmc3:14 (event 3): expected a non-negative energy for particle 3 but got E = -2500 MeV',
    );
  });

  it('vertex count mismatch raises', async () => {
    const text = fileText([
      ...HEADER,
      ...eventLines(7).map((line) => (line === 'E 7 1 3' ? 'E 7 2 3' : line)),
      FOOTER,
    ]);
    const { error } = await readUntilError(() => readFromMemory(text, { sourceName: 'test.hepmc3' }));
    expect((error as Error).message).toMatch(
      /:15 \(event 7\): expected 2 vertices \(from the E line on line 3\) but got 1$/,
    );
  });

  it('events before a bad one are delivered', async () => {
    const text = fileText([
      ...HEADER,
      ...eventLines(1),
      ...eventLines(2).slice(0, -1),
      'P 3 -1 22 0 10 0',
      FOOTER,
    ]);
    const { events, error } = await readUntilError(() => readFromMemory(text, { sourceName: 'test.hepmc3' }));
    expect(events.map((event) => event.eventNumber)).toEqual([1]);
    expect((error as Error).message).toMatch(/\(event 2\): expected "P id parent pdg/);
  });

  it('event completed by a bad E line is delivered', async () => {
    const text = fileText([...HEADER, ...eventLines(1), ...eventLines(2), 'E 3 x y', FOOTER]);
    const { events, error } = await readUntilError(() => readFromMemory(text, { sourceName: 'test.hepmc3' }));
    expect(events.map((event) => event.eventNumber)).toEqual([1, 2]);
    expect(error).toBeInstanceOf(HepMC3ParseError);
    expect((error as HepMC3ParseError).line).toBe(27);
  });

  it('bad E line at the end is reported', async () => {
    const text = fileText([...HEADER, ...eventLines(1), 'E 2 x']);
    const { events, error } = await readUntilError(() => readFromMemory(text, { sourceName: 'test.hepmc3' }));
    expect(events.map((event) => event.eventNumber)).toEqual([1]);
    expect((error as Error).message).toBe(
      'test.hepmc3:15: expected "E number vertices particles" but got "E 2 x"',
    );
  });

  it('plain text cut inside an event raises', async () => {
    const text = fileText([...HEADER, ...eventLines(1), ...eventLines(2).slice(0, 9)]);
    const { events, error } = await readUntilError(() => readFromMemory(text, { sourceName: 'test.hepmc3' }));
    expect(events).toHaveLength(1);
    expect((error as Error).message).toMatch(
      /\(event 2\): expected 3 particles \(from the E line on line 15\) but got 1$/,
    );
  });

  it('MeV units are converted to GeV', async () => {
    const lines = eventLines(3).map((line) => (line === 'U GEV MM' ? 'U MEV MM' : line));
    const scaled = lines.map((line) =>
      line.replace('P 3 -1 22 0 10 0 10 0 1', 'P 3 -1 22 0 10000 0 10000 0 1'),
    );
    const [event] = await readAll(fileText([...HEADER, ...scaled, FOOTER]));
    expect(event?.particles.py[0]).toBe(10);
    expect(event?.partons[0]?.py).toBe(0.01);
    expect(event?.sqrtS).toBe(0.5);
  });
});

describe('readHepMC3 on a missing footer', () => {
  const MISSING_FOOTER =
    'input ended without the HepMC::Asciiv3-END_EVENT_LISTING line, so it is probably truncated';

  it('cut at event boundary raises', async () => {
    const text = fileText([...HEADER, ...eventLines(1), ...eventLines(2)]);
    const { events, error } = await readUntilError(() => readFromMemory(text, { sourceName: 'test.hepmc3' }));
    expect(events.map((event) => event.eventNumber)).toEqual([1, 2]);
    expect(error).toBeInstanceOf(HepMC3TruncatedError);
    expect(error).toMatchObject({ source: 'test.hepmc3', line: 26, lastCompleteEvent: 2 });
    expect((error as Error).message).toBe(`test.hepmc3:26: ${MISSING_FOOTER}: the last complete event is 2`);
  });

  it('events arrive before the error', async () => {
    const text = fileText([...HEADER, ...eventLines(1), ...eventLines(2)]);
    const reader = readFromMemory(text, { sourceName: 'test.hepmc3' });
    expect((await reader.next()).value?.eventNumber).toBe(1);
    expect((await reader.next()).value?.eventNumber).toBe(2);
    await expect(reader.next()).rejects.toThrow(HepMC3TruncatedError);
  });

  it('header without events raises', async () => {
    const { events, error } = await readUntilError(() =>
      readFromMemory(fileText(HEADER), { sourceName: 'test.hepmc3' }),
    );
    expect(events).toHaveLength(0);
    expect(error).toBeInstanceOf(HepMC3TruncatedError);
    expect((error as HepMC3TruncatedError).lastCompleteEvent).toBeUndefined();
    expect((error as Error).message).toBe(`test.hepmc3:2: ${MISSING_FOOTER}: no complete event was read`);
  });

  it('second listing without footer raises', async () => {
    const text = fileText([...HEADER, ...eventLines(1), FOOTER, ...HEADER, ...eventLines(2)]);
    const { events, error } = await readUntilError(() => readFromMemory(text, { sourceName: 'test.hepmc3' }));
    expect(events.map((event) => event.eventNumber)).toEqual([1, 2]);
    expect(error).toBeInstanceOf(HepMC3TruncatedError);
    expect((error as Error).message).toBe(`test.hepmc3:29: ${MISSING_FOOTER}: the last complete event is 2`);
  });

  const completeInputs: [string, string][] = [
    ['footer without newline', [...HEADER, ...eventLines(1), FOOTER].join('\n')],
    ['blank lines after footer', `${fileText([...HEADER, ...eventLines(1), FOOTER])}\n\n`],
    ['Windows line ends', fileText([...HEADER, ...eventLines(1), FOOTER]).replaceAll('\n', '\r\n')],
  ];
  it.each(completeInputs)('%s reads without error', async (_name, text) => {
    const { events, error } = await readUntilError(() => readFromMemory(text, { sourceName: 'test.hepmc3' }));
    expect(error).toBeUndefined();
    expect(events.map((event) => event.eventNumber)).toEqual([1]);
  });

  it('gzip file without footer raises', async () => {
    const sample = readFileSync(repoPath('data', 'samples', 'zh_250GeV.hepmc3.gz'));
    const text = gunzipSync(sample).toString('utf8');
    const lines = text.split('\n');
    expect(lines.at(-2)).toBe(FOOTER);
    const path = join(mkdtempSync(join(tmpdir(), 'jetcolor-footer-')), 'no-footer.hepmc3.gz');
    writeFileSync(path, gzipSync(fileText(lines.slice(0, -2))));
    const { events, error } = await readUntilError(() => readHepMC3(path));
    expect(events).toHaveLength(200);
    expect(error).toBeInstanceOf(HepMC3TruncatedError);
    expect((error as HepMC3TruncatedError).lastCompleteEvent).toBe(199);
    expect((error as Error).message).toBe(
      `${path}:${lines.length - 2}: ${MISSING_FOOTER}: the last complete event is 199`,
    );
  });
});

describe('readHepMC3 option and source errors', () => {
  it('non-boolean fullRecord raises TypeError', () => {
    expect(() => readFromMemory('', { fullRecord: 'yes' as unknown as boolean })).toThrow(
      new TypeError('readHepMC3: options.fullRecord: expected a boolean but got string'),
    );
  });

  it('number source raises TypeError', () => {
    expect(() => readFromMemory(42 as unknown as string)).toThrow(
      new TypeError('readHepMC3: source: expected text, bytes or an iterable of chunks but got number'),
    );
  });

  it('missing file names the path', async () => {
    const { error } = await readUntilError(() => readHepMC3('/nonexistent/events.hepmc3.gz'));
    expect((error as Error).message).toMatch(
      /^readHepMC3: \/nonexistent\/events\.hepmc3\.gz: cannot open the file: ENOENT/,
    );
  });
});

describe('readHepMC3 on broken gzip', () => {
  const sample = readFileSync(repoPath('data', 'samples', 'zh_250GeV.hepmc3.gz'));
  const directory = mkdtempSync(join(tmpdir(), 'jetcolor-gzip-'));

  /** Checks delivered events run 0..k with no gap and the error names the last of them. */
  function expectTruncation(events: HepMC3Event[], error: unknown): void {
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThan(200);
    expect(events.map((event) => event.eventNumber)).toEqual(events.map((_, k) => k));
    expect(error).toBeInstanceOf(HepMC3TruncatedError);
    const last = events.at(-1)?.eventNumber;
    expect((error as HepMC3TruncatedError).lastCompleteEvent).toBe(last);
    expect((error as Error).message).toContain(`the last complete event is ${last}`);
  }

  it('truncated file delivers complete events first', async () => {
    const path = join(directory, 'truncated.hepmc3.gz');
    writeFileSync(path, sample.subarray(0, Math.floor(sample.length / 2)));
    const { events, error } = await readUntilError(() => readHepMC3(path));
    expectTruncation(events, error);
    expect((error as Error).message).toMatch(
      /^.*truncated\.hepmc3\.gz:\d+: truncated or corrupt gzip stream \(unexpected end of file \(Z_BUF_ERROR\)\)/,
    );
  });

  it('truncated bytes in memory behave alike', async () => {
    const bytes = new Uint8Array(sample.subarray(0, Math.floor(sample.length / 3)));
    const { events, error } = await readUntilError(() => readFromMemory(bytes));
    expectTruncation(events, error);
  });

  it('corrupt file raises without hanging', async () => {
    // Damaged deflate data either fails in zlib or decompresses to garbage lines that the parser rejects.
    const corrupt = Buffer.from(sample);
    corrupt.fill(0x55, Math.floor(corrupt.length / 2), Math.floor(corrupt.length / 2) + 64);
    const path = join(directory, 'corrupt.hepmc3.gz');
    writeFileSync(path, corrupt);
    const { events, error } = await readUntilError(() => readHepMC3(path));
    expect(error).toBeInstanceOf(HepMC3ParseError);
    expect(events.length).toBeLessThan(200);
    expect(events.map((event) => event.eventNumber)).toEqual(events.map((_, k) => k));
  });

  it('gzip of garbage raises a parse error', async () => {
    const garbage = new Uint8Array(100_000).map((_, i) => (i * 7919) % 251);
    const path = join(directory, 'garbage.gz');
    writeFileSync(path, gzipSync(garbage));
    const { events, error } = await readUntilError(() => readHepMC3(path));
    expect(events).toHaveLength(0);
    expect(error).toBeInstanceOf(HepMC3ParseError);
    expect((error as Error).message).toMatch(/garbage\.gz:1: expected a HepMC::Asciiv3 header line/);
  });

  it('stopping early releases the file', async () => {
    const path = repoPath('data', 'samples', 'zh_250GeV.hepmc3.gz');
    for await (const event of readHepMC3(path)) {
      expect(event.eventNumber).toBe(0);
      break;
    }
    let count = 0;
    for await (const event of readHepMC3(path)) count += event.eventNumber >= 0 ? 1 : 0;
    expect(count).toBe(200);
  });
});
