import { describe, expect, it } from 'vitest';
import {
  formatEventJsonLine,
  formatJetsJsonLine,
  JsonLinesParseError,
  parseJsonLinesEvents,
} from '../../src/io/index.js';
import { particlesFromArray } from '../../src/particles/index.js';

describe('parseJsonLinesEvents', () => {
  it('parses events and skips blank lines', () => {
    const text =
      '{"particles": [[0, 0, 45, 45], [0, 0, -45, 45]]}\n\n{"particles": [[1, 2, 2, 3]], "sqrtS": 91.2}\r\n';
    const events = parseJsonLinesEvents(text, 'two.jsonl');
    expect(events).toHaveLength(2);
    expect(Array.from(events[0]!.particles.pz)).toEqual([45, -45]);
    expect(events[0]!.partons).toEqual([]);
    expect(events[1]!.sqrtS).toBe(91.2);
  });

  it('keeps eventNumber and process', () => {
    const [event] = parseJsonLinesEvents('{"eventNumber": 17, "process": "zhh", "particles": []}');
    expect(event!.eventNumber).toBe(17);
    expect(event!.process).toBe('zhh');
    expect(event!.particles.length).toBe(0);
  });

  it('reports invalid JSON with its line', () => {
    const text = '{"particles": []}\n{"particles": [[0, 0, 1, 1]\n';
    expect(() => parseJsonLinesEvents(text, 'bad.jsonl')).toThrow(JsonLinesParseError);
    expect(() => parseJsonLinesEvents(text, 'bad.jsonl')).toThrow(/^bad\.jsonl:2: invalid JSON: /);
  });

  it('reports a line that is not an event', () => {
    expect(() => parseJsonLinesEvents('[1, 2]', 'x.jsonl')).toThrow(
      'x.jsonl:1: expected an event object {"particles": [...]} but got [1, 2]',
    );
    expect(() => parseJsonLinesEvents('{"tracks": []}', 'x.jsonl')).toThrow(
      'x.jsonl:1: expected "particles" to be an array of [px, py, pz, E] rows but got undefined',
    );
  });

  it('reports a bad particle with line and index', () => {
    const text = '{"particles": [[0, 0, 1, 1]]}\n{"particles": [[0, 0, 1, 1], [0, 0, 0, -2]]}';
    expect(() => parseJsonLinesEvents(text, 'neg.jsonl')).toThrow(
      'neg.jsonl:2: Particles: particle 1: E must be ≥ 0 GeV but is -2',
    );
    expect(() => parseJsonLinesEvents('{"particles": [[0, 0, 1]]}', 'short.jsonl')).toThrow(
      /^short\.jsonl:1: particlesFromArray: particle 0: expected a row \[px, py, pz, E\] of 4 numbers/,
    );
  });

  it('rejects invalid optional fields', () => {
    expect(() => parseJsonLinesEvents('{"particles": [], "sqrtS": -1}')).toThrow(
      '<input>:1: expected "sqrtS" to be a number > 0 GeV but got -1',
    );
    expect(() => parseJsonLinesEvents('{"particles": [], "eventNumber": 1.5}')).toThrow(
      '<input>:1: expected "eventNumber" to be an integer but got 1.5',
    );
    expect(() => parseJsonLinesEvents('{"particles": [], "process": 3}')).toThrow(
      '<input>:1: expected "process" to be a string but got 3',
    );
  });

  it('records source and line on the error', () => {
    try {
      parseJsonLinesEvents('\n\nnot json', 'events.jsonl');
      expect.unreachable('parseJsonLinesEvents accepted invalid JSON');
    } catch (error) {
      expect(error).toBeInstanceOf(JsonLinesParseError);
      expect((error as JsonLinesParseError).source).toBe('events.jsonl');
      expect((error as JsonLinesParseError).line).toBe(3);
    }
  });
});

describe('formatEventJsonLine', () => {
  it('round-trips through the parser', () => {
    const rows = [
      [0.1, -0.2, 0.30000000000000004, 2 / 3],
      [1e-300, 0, 0, 1e-300],
    ];
    const line = formatEventJsonLine({ particles: particlesFromArray(rows), eventNumber: 4, sqrtS: 500 });
    expect(line).not.toContain('\n');
    const [event] = parseJsonLinesEvents(line);
    expect(event!.particles.toRows()).toEqual(rows);
    expect(event!.eventNumber).toBe(4);
    expect(event!.sqrtS).toBe(500);
  });
});

describe('formatJetsJsonLine', () => {
  it('writes fields then jets', () => {
    const line = formatJetsJsonLine(
      [{ px: 1, py: 2, pz: 3, e: 0.1 + 0.2, constituents: new Int32Array([0, 4]) }],
      { event: 0, njets: 1 },
    );
    expect(line).toBe(
      '{"event":0,"njets":1,"jets":[{"px":1,"py":2,"pz":3,"e":0.30000000000000004,"constituents":[0,4]}]}',
    );
  });

  it('writes an empty jet list', () => {
    expect(formatJetsJsonLine([])).toBe('{"jets":[]}');
  });
});
