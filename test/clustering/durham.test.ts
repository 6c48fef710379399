import { describe, expect, it } from 'vitest';
import { clusterDurham, DEFAULT_DURHAM_OPTIONS } from '../../src/clustering/index.js';
import { particlesFromArray } from '../../src/particles/index.js';
import { jetLikeEvent, seededRandom, type Row } from './durham-events.js';

const THREE_PARTICLES: Row[] = [
  [1, 0, 0, 1],
  [0, 1, 0, 1],
  [0, 0, 1, 1.5],
];

describe('clusterDurham input checks', () => {
  it('rejects an empty event', () => {
    expect(() => clusterDurham(particlesFromArray([]))).toThrow(RangeError);
    expect(() => clusterDurham(particlesFromArray([]))).toThrow(
      'clusterDurham: particles: expected at least 1 particle but got an empty event',
    );
  });

  it('rejects rows instead of Particles', () => {
    const rows = THREE_PARTICLES as unknown as Parameters<typeof clusterDurham>[0];
    expect(() => clusterDurham(rows)).toThrow(TypeError);
    expect(() => clusterDurham(rows)).toThrow(
      /expected a Particles container \(see particlesFromArray\) but got an array/,
    );
  });

  it('rejects an unknown option', () => {
    const options = { sqrts: 500 } as unknown as Parameters<typeof clusterDurham>[1];
    expect(() => clusterDurham(particlesFromArray(THREE_PARTICLES), options)).toThrow(
      'clusterDurham: options: unknown option "sqrts" (known options: sqrtS)',
    );
  });

  it('rejects a non-positive sqrtS', () => {
    const particles = particlesFromArray(THREE_PARTICLES);
    expect(() => clusterDurham(particles, { sqrtS: 0 })).toThrow(RangeError);
    expect(() => clusterDurham(particles, { sqrtS: -500 })).toThrow(
      'clusterDurham: options.sqrtS: expected a finite number > 0 GeV but got -500',
    );
    expect(() => clusterDurham(particles, { sqrtS: Infinity })).toThrow(RangeError);
  });

  it('has frozen defaults', () => {
    expect(Object.isFrozen(DEFAULT_DURHAM_OPTIONS)).toBe(true);
    expect(DEFAULT_DURHAM_OPTIONS.sqrtS).toBeUndefined();
  });
});

describe('ClusterSequence selectors', () => {
  const sequence = clusterDurham(particlesFromArray(THREE_PARTICLES));

  it('rejects more jets than particles', () => {
    expect(() => sequence.exclusiveJets(4)).toThrow(RangeError);
    expect(() => sequence.exclusiveJets(4)).toThrow(
      'ClusterSequence.exclusiveJets: nJets: expected at most 3 (the number of particles) but got 4',
    );
  });

  it('returns what exists up to nJets', () => {
    const jets = sequence.exclusiveJetsUpTo(10);
    expect(jets).toHaveLength(3);
    expect(jets.map((jet) => Array.from(jet.constituents))).toEqual([[2], [0], [1]]);
    expect(sequence.exclusiveJetsUpTo(2)).toHaveLength(2);
  });

  it('rejects jet counts below one', () => {
    expect(() => sequence.exclusiveJets(0)).toThrow(
      'ClusterSequence.exclusiveJets: nJets: expected an integer ≥ 1 but got 0',
    );
    expect(() => sequence.exclusiveJetsUpTo(1.5)).toThrow(RangeError);
    expect(() => sequence.exclusiveYmerge(0)).toThrow(
      'ClusterSequence.exclusiveYmerge: n: expected an integer ≥ 1 but got 0',
    );
  });

  it('rejects a negative or non-finite yCut', () => {
    expect(() => sequence.exclusiveJetsYcut(-0.1)).toThrow(
      'ClusterSequence.nExclusiveJetsYcut: yCut: expected a finite number ≥ 0 but got -0.1',
    );
    expect(() => sequence.exclusiveJetsYcut(NaN)).toThrow(RangeError);
  });

  it('computes d and y by hand', () => {
    // Every pair is at d = 2·1²·(1 − cos 90°) = 2, and the tie goes to (0, 1) as in FastJet. The merged
    // jet (1, 1, 0, 2) is at 90° from particle 2, so the last merge has d = 2·1.5²·1 = 4.5.
    expect(sequence.exclusiveDmerge(2)).toBe(2);
    expect(sequence.exclusiveDmerge(1)).toBe(4.5);
    expect(sequence.exclusiveJets(2).map((jet) => Array.from(jet.constituents))).toEqual([[0, 1], [2]]);
    expect(sequence.q).toBe(3.5);
    expect(sequence.exclusiveYmerge(2)).toBeCloseTo(2 / 3.5 ** 2, 15);
    expect(sequence.exclusiveDmerge(3)).toBe(0);
    expect(sequence.exclusiveYmerge(5)).toBe(0);
  });

  it('keeps the running maximum of d', () => {
    // d grows from 2 to 4.5, so the maxima equal the values.
    expect(sequence.exclusiveDmergeMax(1)).toBe(sequence.exclusiveDmerge(1));
    expect(sequence.exclusiveYmergeMax(2)).toBe(sequence.exclusiveYmerge(2));
  });

  it('normalises y by sqrtS when given', () => {
    const bySqrtS = clusterDurham(particlesFromArray(THREE_PARTICLES), { sqrtS: 10 });
    expect(bySqrtS.q).toBe(10);
    expect(bySqrtS.exclusiveYmerge(2)).toBe(2 / 100);
    expect(bySqrtS.exclusiveDmerge(2)).toBe(sequence.exclusiveDmerge(2));
    expect(bySqrtS.nExclusiveJetsYcut(0.019)).toBe(3);
    expect(bySqrtS.nExclusiveJetsYcut(0.021)).toBe(2);
  });

  it('gives one jet above every y', () => {
    expect(sequence.nExclusiveJetsYcut(20)).toBe(1);
    expect(sequence.exclusiveJetsYcut(20)).toHaveLength(1);
  });

  it('clusters a single particle', () => {
    const single = clusterDurham(particlesFromArray([[0, 0, 5, 5]]));
    expect(single.exclusiveJets(1)).toEqual([
      { px: 0, py: 0, pz: 5, e: 5, constituents: new Int32Array([0]) },
    ]);
    expect(single.exclusiveYmerge(1)).toBe(0);
    expect(single.nExclusiveJetsYcut(0)).toBe(1);
  });
});

describe('ClusterSequence invariants', () => {
  const random = seededRandom(7);
  const rows = jetLikeEvent(random, 200, 6);
  const particles = particlesFromArray(rows);
  const sequence = clusterDurham(particles);

  it.each([1, 2, 6, 10, 50, 200])('assigns each particle once at %i jets', (nJets) => {
    const jets = sequence.exclusiveJets(nJets);
    expect(jets).toHaveLength(nJets);
    const seen = new Int32Array(particles.length);
    for (const jet of jets) {
      for (let k = 1; k < jet.constituents.length; k++) {
        expect(jet.constituents[k]).toBeGreaterThan(jet.constituents[k - 1] as number);
      }
      for (const index of jet.constituents) seen[index] = (seen[index] as number) + 1;
    }
    expect(Array.from(seen).every((count) => count === 1)).toBe(true);
  });

  it.each([1, 3, 6, 20])('conserves four-momentum at %i jets', (nJets) => {
    const jets = sequence.exclusiveJets(nJets);
    for (const jet of jets) {
      let e = 0;
      let px = 0;
      for (const index of jet.constituents) {
        e += particles.e[index] as number;
        px += particles.px[index] as number;
      }
      expect(Math.abs(jet.e - e)).toBeLessThan(1e-12 * particles.totalEnergy());
      expect(Math.abs(jet.px - px)).toBeLessThan(1e-12 * particles.totalEnergy());
    }
  });

  it('agrees between y cut and jet count', () => {
    for (let n = 1; n < 30; n++) {
      // Just below the largest y of the merges down to n jets, n jets (or more) must remain.
      const yMax = sequence.exclusiveYmergeMax(n);
      expect(sequence.nExclusiveJetsYcut(yMax)).toBeLessThanOrEqual(n);
      expect(sequence.nExclusiveJetsYcut(yMax * (1 - 1e-9))).toBeGreaterThan(n);
      const byCut = sequence.exclusiveJetsYcut(yMax * (1 - 1e-9));
      expect(byCut).toEqual(sequence.exclusiveJets(byCut.length));
    }
  });

  it('records a complete merge history', () => {
    const { parentA, parentB, jetE } = sequence.history;
    const n = particles.length;
    expect(parentA).toHaveLength(n - 1);
    const used = new Uint8Array(2 * n - 1);
    for (let k = 0; k < n - 1; k++) {
      expect(parentA[k]).toBeLessThan(parentB[k] as number);
      expect(parentB[k]).toBeLessThan(n + k);
      expect(used[parentA[k] as number]).toBe(0);
      expect(used[parentB[k] as number]).toBe(0);
      used[parentA[k] as number] = 1;
      used[parentB[k] as number] = 1;
    }
    // Every jet but the last is merged exactly once, and the last jet carries the total energy.
    expect(used.slice(0, 2 * n - 2).every((flag) => flag === 1)).toBe(true);
    expect(Math.abs((jetE[2 * n - 2] as number) - particles.totalEnergy())).toBeLessThan(
      1e-12 * particles.totalEnergy(),
    );
  });
});
