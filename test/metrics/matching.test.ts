import { describe, expect, it } from 'vitest';

import {
  computeJetQualities,
  computeSharedEnergy,
  isFullyCorrectEvent,
  matchJets,
  misassignedEnergyFraction,
} from '../../src/metrics/index.js';

// Five particles: energies in GeV, true jets (−1 = unlabelled) and a reco clustering that puts the 5 GeV
// particle of true jet 0 into the reco jet of true jet 1.
const energies = [10, 5, 20, 1, 7];
const trueJet = [0, 0, 1, 1, -1];
const recoJet = [0, 1, 1, 1, 0];

describe('computeSharedEnergy', () => {
  it('sums labelled energy per reco and true jet', () => {
    const overlap = computeSharedEnergy(energies, recoJet, trueJet, 2, 2);
    expect(Array.from(overlap.shared)).toEqual([10, 0, 5, 21]);
    expect(Array.from(overlap.recoEnergy)).toEqual([10, 26]);
    expect(Array.from(overlap.trueEnergy)).toEqual([15, 21]);
    expect(overlap.labelledEnergy).toBe(36);
  });

  it('counts an unclustered labelled particle only in its true jet', () => {
    const overlap = computeSharedEnergy([3, 4], [-1, 0], [0, 0], 1, 1);
    expect(Array.from(overlap.trueEnergy)).toEqual([7]);
    expect(Array.from(overlap.recoEnergy)).toEqual([4]);
  });

  it('rejects a jet index out of range', () => {
    expect(() => computeSharedEnergy([1], [2], [0], 2, 1)).toThrow(
      'computeSharedEnergy: recoJet: expected −1 or an index below 2 but particle 0 has 2',
    );
  });

  it('rejects arrays of different lengths', () => {
    expect(() => computeSharedEnergy([1, 2], [0], [0, 0], 1, 1)).toThrow(
      'expected 2 entries (one per particle)',
    );
  });
});

describe('matchJets and misassignedEnergyFraction', () => {
  it('matches by maximal shared energy', () => {
    const matching = matchJets(computeSharedEnergy(energies, recoJet, trueJet, 2, 2));
    expect(Array.from(matching.recoToTrue)).toEqual([0, 1]);
    expect(Array.from(matching.trueToReco)).toEqual([0, 1]);
    expect(matching.matchedEnergy).toBe(31);
  });

  it('gives 5/36 for one misplaced 5 GeV particle', () => {
    const overlap = computeSharedEnergy(energies, recoJet, trueJet, 2, 2);
    expect(misassignedEnergyFraction(overlap, matchJets(overlap))).toBeCloseTo(5 / 36, 12);
  });

  it('is zero for the truth clustering', () => {
    const overlap = computeSharedEnergy(energies, [0, 0, 1, 1, -1], trueJet, 2, 2);
    expect(misassignedEnergyFraction(overlap, matchJets(overlap))).toBe(0);
  });

  it('does not depend on the reco jet numbering', () => {
    const swapped = recoJet.map((jet) => 1 - jet);
    const overlap = computeSharedEnergy(energies, swapped, trueJet, 2, 2);
    expect(misassignedEnergyFraction(overlap, matchJets(overlap))).toBeCloseTo(5 / 36, 12);
  });

  it('counts the energy of a true jet without a reco partner', () => {
    // Three true jets, two reco jets: the 4 GeV true jet 2 shares the reco jet of true jet 1.
    const overlap = computeSharedEnergy([10, 20, 4], [0, 1, 1], [0, 1, 2], 2, 3);
    const matching = matchJets(overlap);
    expect(matching.trueToReco[2]).toBe(-1);
    expect(misassignedEnergyFraction(overlap, matching)).toBeCloseTo(4 / 34, 12);
  });

  it('leaves a jet pair without shared energy unmatched', () => {
    const overlap = computeSharedEnergy([10, 20], [0, 0], [0, 1], 2, 2);
    const matching = matchJets(overlap);
    expect(Array.from(matching.recoToTrue)).toEqual([1, -1]);
  });

  it('rejects an event without labelled energy', () => {
    const overlap = computeSharedEnergy([3], [0], [-1], 1, 1);
    expect(() => misassignedEnergyFraction(overlap, matchJets(overlap))).toThrow(
      'misassignedEnergyFraction: overlap: expected a labelled visible energy > 0 GeV but got 0',
    );
  });
});

describe('computeJetQualities', () => {
  const overlap = computeSharedEnergy(energies, recoJet, trueJet, 2, 2);
  const qualities = computeJetQualities(overlap, matchJets(overlap));

  it('gives purity against the reco jet labelled energy', () => {
    expect(qualities.reco[0]?.purity).toBe(1);
    expect(qualities.reco[1]?.purity).toBeCloseTo(21 / 26, 12);
  });

  it('gives efficiency against the true jet energy', () => {
    expect(qualities.true[0]?.efficiency).toBeCloseTo(10 / 15, 12);
    expect(qualities.true[1]?.efficiency).toBe(1);
  });

  it('gives a matched pair the same two numbers', () => {
    expect(qualities.true[1]?.purity).toBe(qualities.reco[1]?.purity);
    expect(qualities.reco[0]?.efficiency).toBe(qualities.true[0]?.efficiency);
  });
});

describe('isFullyCorrectEvent', () => {
  it('accepts the truth clustering', () => {
    const overlap = computeSharedEnergy(energies, [0, 0, 1, 1, 1], trueJet, 2, 2);
    expect(isFullyCorrectEvent(computeJetQualities(overlap, matchJets(overlap)))).toBe(true);
  });

  it('rejects an efficiency below 0.95', () => {
    const overlap = computeSharedEnergy(energies, recoJet, trueJet, 2, 2);
    expect(isFullyCorrectEvent(computeJetQualities(overlap, matchJets(overlap)))).toBe(false);
  });

  it('accepts purity and efficiency of exactly 0.95', () => {
    // True jet 0 loses 1 of its 20 GeV to reco jet 1, whose labelled energy becomes 19 + 1 = 20.
    const overlap = computeSharedEnergy([19, 1, 19], [0, 1, 1], [0, 0, 1], 2, 2);
    const qualities = computeJetQualities(overlap, matchJets(overlap));
    expect(qualities.true[0]?.efficiency).toBe(0.95);
    expect(qualities.reco[1]?.purity).toBe(0.95);
    expect(isFullyCorrectEvent(qualities)).toBe(true);
  });

  it('rejects an extra reco jet with labelled energy', () => {
    const overlap = computeSharedEnergy([30, 30, 1], [0, 1, 2], [0, 1, 1], 3, 2);
    expect(isFullyCorrectEvent(computeJetQualities(overlap, matchJets(overlap)))).toBe(false);
  });
});
