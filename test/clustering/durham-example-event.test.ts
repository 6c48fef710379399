/**
 * clusterDurham on FastJet's example e+e- event (70 particles at the Z pole) against the jets, y values and Q
 * that FastJet 3.4.0 computed for it with its default strategy. The data files live outside the repository
 * (EVENT_PATH, REFERENCE_PATH), so the suite is skipped when they are absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clusterDurham } from '../../src/clustering/index.js';
import { particlesFromArray } from '../../src/particles/index.js';
import { repoPath } from '../support/python.js';
import { expectClose, expectSameJets, Y_TOLERANCE, type FastJetJet } from './fastjet-reference.js';

const EVENT_PATH = repoPath('..', 'shared', 'data', 'fastjet-single-ee-event.dat');
const REFERENCE_PATH = repoPath('..', 'shared', 'data', 'fastjet-single-ee-event.durham.jsonl');
const available = existsSync(EVENT_PATH) && existsSync(REFERENCE_PATH);

/** One line of the reference file: exclusive jets at `njets`, y_{n,n+1} for n = 1..10, and Q. */
interface ReferenceLine {
  njets: number;
  jets: { p: [number, number, number, number]; c: number[] }[];
  ymerge: number[];
  Q: number;
}

function readEvent(): [number, number, number, number][] {
  return readFileSync(EVENT_PATH, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number, number]);
}

function readReference(): ReferenceLine[] {
  return readFileSync(REFERENCE_PATH, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ReferenceLine);
}

// When the data are absent the suite is reported as skipped, with the reason in its title.
const SUITE_TITLE = available
  ? 'clusterDurham on the FastJet example event'
  : `clusterDurham on the FastJet example event (skipped: ${EVENT_PATH} not found)`;

describe.skipIf(!available)(SUITE_TITLE, () => {
  it('reads 70 particles', () => {
    expect(readEvent()).toHaveLength(70);
  });

  it('matches FastJet jets, y values and Q', () => {
    const sequence = clusterDurham(particlesFromArray(readEvent()));
    const reference = readReference();
    expect(reference.map((line) => line.njets)).toEqual([2, 3, 4, 6]);
    for (const line of reference) {
      expectClose(sequence.q, line.Q, 1e-12, line.Q, 'Q');
      line.ymerge.forEach((y, k) =>
        expectClose(sequence.exclusiveYmerge(k + 1), y, Y_TOLERANCE, y, `ymerge(${k + 1})`),
      );
      const jets: FastJetJet[] = line.jets.map((jet) => ({ p: jet.p, constituents: jet.c }));
      expectSameJets(sequence.exclusiveJets(line.njets), jets, `${line.njets} jets`);
    }
  });
});
