/**
 * clusterDurham against FastJet's ee_kt_algorithm (N2PlainEEAccurate strategy), run for real through the
 * reference Python on the same events.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterDurham } from '../../src/clustering/index.js';
import { particlesFromArray } from '../../src/particles/index.js';
import {
  addExactDuplicates,
  addNearlyCollinearPartners,
  backToBackEvent,
  cubeEvent,
  isotropicEvent,
  jetLikeEvent,
  octahedronEvent,
  ringEvent,
  seededRandom,
  type Row,
} from './durham-events.js';
import {
  expectClose,
  expectSameJets,
  runFastJetDurham,
  Y_TOLERANCE,
  type FastJetResult,
  type ReferenceEvent,
} from './fastjet-reference.js';

interface Case {
  name: string;
  rows: Row[];
}

const random = seededRandom(20181204);
const NEAR_COLLINEAR_ANGLES = [1e-2, 1e-3, 1.7e-4, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9];
const Y_CUTS = [1e-6, 1e-5, 1e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1];

const cases: Case[] = [
  { name: 'two particles', rows: isotropicEvent(random, 2) },
  { name: 'three particles', rows: isotropicEvent(random, 3) },
  { name: 'one particle', rows: isotropicEvent(random, 1) },
  ...[5, 10, 30, 60, 100, 200, 500, 1000].map((n) => ({
    name: `isotropic, ${n} particles`,
    rows: isotropicEvent(random, n),
  })),
  ...[
    [20, 2],
    [60, 4],
    [100, 6],
    [150, 6],
    [300, 6],
    [500, 8],
    [1000, 6],
  ].map(([n, jets]) => ({
    name: `jet-like, ${n} particles in ${jets} jets`,
    rows: jetLikeEvent(random, n!, jets!),
  })),
  ...[40, 120, 400].map((n) => ({
    name: `jet-like, ${n} particles plus nearly collinear partners`,
    rows: addNearlyCollinearPartners(random, jetLikeEvent(random, n, 6), NEAR_COLLINEAR_ANGLES),
  })),
  ...[12, 80, 250].map((n) => ({
    name: `jet-like, ${n} particles plus exact duplicates`,
    rows: addExactDuplicates(random, jetLikeEvent(random, n, 4), Math.ceil(n / 5)),
  })),
  {
    name: 'duplicates and collinear partners together',
    rows: addExactDuplicates(
      random,
      addNearlyCollinearPartners(random, jetLikeEvent(random, 90, 6), NEAR_COLLINEAR_ANGLES),
      15,
    ),
  },
  { name: 'ten identical particles', rows: Array.from({ length: 10 }, () => [1, 2, 3, 5] as Row) },
  { name: 'octahedron of equal energies', rows: octahedronEvent(10) },
  { name: 'cube of equal energies', rows: cubeEvent(7) },
  { name: 'ring of 12 equal energies', rows: ringEvent(12, 3) },
  { name: 'back-to-back pairs and particles at rest', rows: backToBackEvent(random, 8) },
];

/** Jet counts to compare: every count for small events, a selection plus one too many for large ones. */
function requestedJetCounts(n: number): number[] {
  if (n <= 30) return Array.from({ length: n + 1 }, (_, k) => k + 1);
  return [1, 2, 3, 4, 5, 6, 8, 10, Math.floor(n / 2), n - 1, n, n + 1];
}

describe('clusterDurham against FastJet ee_kt', () => {
  let references: FastJetResult[];

  beforeAll(() => {
    const events: ReferenceEvent[] = cases.map((c) => ({
      particles: c.rows,
      njets: requestedJetCounts(c.rows.length),
      ycuts: Y_CUTS,
    }));
    references = runFastJetDurham(events);
  });

  it.each(cases.map((c, index) => ({ ...c, index })))('$name: merge scales match', ({ rows, index }) => {
    const reference = references[index] as FastJetResult;
    const sequence = clusterDurham(particlesFromArray(rows));
    expectClose(sequence.q, reference.q, 1e-12, reference.q, 'Q');
    for (let n = 1; n < rows.length; n++) {
      const d = reference.dmerge[n - 1] as number;
      const dMax = reference.dmergeMax[n - 1] as number;
      const y = reference.ymerge[n - 1] as number;
      expectClose(sequence.exclusiveDmerge(n), d, Y_TOLERANCE, d, `dmerge(${n})`);
      expectClose(sequence.exclusiveDmergeMax(n), dMax, Y_TOLERANCE, dMax, `dmergeMax(${n})`);
      expectClose(sequence.exclusiveYmerge(n), y, Y_TOLERANCE, y, `ymerge(${n})`);
    }
  });

  it.each(cases.map((c, index) => ({ ...c, index })))('$name: exclusive jets match', ({ rows, index }) => {
    const reference = references[index] as FastJetResult;
    const sequence = clusterDurham(particlesFromArray(rows));
    for (const request of reference.exclusive) {
      if (request.jets === undefined) {
        // FastJet rejects more jets than particles, and so does exclusiveJets.
        expect(request.njets).toBeGreaterThan(rows.length);
        expect(() => sequence.exclusiveJets(request.njets)).toThrow(RangeError);
        continue;
      }
      expectSameJets(sequence.exclusiveJets(request.njets), request.jets, `${request.njets} jets`);
    }
  });

  it.each(cases.map((c, index) => ({ ...c, index })))('$name: y-cut jets match', ({ rows, index }) => {
    const reference = references[index] as FastJetResult;
    const sequence = clusterDurham(particlesFromArray(rows));
    for (const request of reference.ycut) {
      expect(sequence.nExclusiveJetsYcut(request.ycut), `number of jets at yCut ${request.ycut}`).toBe(
        request.njets,
      );
      expectSameJets(sequence.exclusiveJetsYcut(request.ycut), request.jets, `yCut ${request.ycut}`);
    }
  });
});

/**
 * Above θ ≈ 1.7·10⁻⁴ both FastJet strategies compute the same dot product, so on events without closer pairs
 * clusterDurham also matches FastJet's default strategy (Best), which most FastJet users run.
 */
describe('clusterDurham against FastJet default strategy', () => {
  const generic = cases.filter(
    (c) => c.name.startsWith('isotropic') || /^jet-like, \d+ particles in/.test(c.name),
  );
  let references: FastJetResult[];

  beforeAll(() => {
    const events = generic.map((c) => ({
      particles: c.rows,
      njets: [2, 4, 6].filter((n) => n <= c.rows.length),
    }));
    references = runFastJetDurham(events, 'best');
  });

  it.each(generic.map((c, index) => ({ ...c, index })))('$name: matches Best', ({ rows, index }) => {
    const reference = references[index] as FastJetResult;
    const sequence = clusterDurham(particlesFromArray(rows));
    for (let n = 1; n < rows.length; n++) {
      const y = reference.ymerge[n - 1] as number;
      expectClose(sequence.exclusiveYmerge(n), y, Y_TOLERANCE, y, `ymerge(${n})`);
    }
    for (const request of reference.exclusive) {
      expectSameJets(sequence.exclusiveJets(request.njets), request.jets ?? [], `${request.njets} jets`);
    }
  });
});
