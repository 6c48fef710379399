import { describe, expect, it } from 'vitest';

import { evaluateClustering, summarizeClustering, truthClustering } from '../../src/metrics/index.js';
import { particlesFromArray } from '../../src/particles/index.js';
import type { JetEvent } from '../../src/particles/index.js';

/**
 * Builds a ZHH event at rest: Z along x, H along y and H along z, each boson decaying to two back-to-back massless
 * quarks. Every quark's jet is two collinear massless particles carrying 3/4 and 1/4 of its energy.
 * Particle 2j and 2j + 1 belong to true jet j.
 */
function zhhEvent(): JetEvent {
  const masses = [91.188, 125.2, 125.2];
  const rows: number[][] = [];
  const trueJet: number[] = [];
  const partons: JetEvent['partons'] = [];
  masses.forEach((mass, boson) => {
    for (const sign of [1, -1]) {
      const direction = [0, 0, 0];
      direction[boson] = sign;
      const [dx, dy, dz] = direction as [number, number, number];
      const energy = mass / 2;
      partons.push({ px: dx * energy, py: dy * energy, pz: dz * energy, e: energy, pdgId: 5, boson });
      for (const share of [0.75, 0.25]) {
        rows.push([dx * energy * share, dy * energy * share, dz * energy * share, energy * share]);
        trueJet.push(partons.length - 1);
      }
    }
  });
  return {
    particles: particlesFromArray(rows, { trueJet }),
    partons,
    bosons: masses.map((mass, boson) => ({ px: 0, py: 0, pz: 0, e: mass, pdgId: boson === 0 ? 23 : 25 })),
    process: 'ZHH',
  };
}

describe('evaluateClustering', () => {
  const event = zhhEvent();

  it('scores the truth clustering as perfect', () => {
    const metrics = evaluateClustering(event, truthClustering(event));
    expect(metrics.misassignedEnergyFraction).toBe(0);
    expect(metrics.fullyCorrect).toBe(true);
    expect(metrics.pairing?.process).toBe('zhh');
    expect(metrics.pairing?.resonances.map((resonance) => resonance.category)).toEqual(['A', 'A', 'A']);
  });

  it('reconstructs the boson masses of the truth clustering', () => {
    const metrics = evaluateClustering(event, truthClustering(event));
    const masses = metrics.pairing?.resonances.map((resonance) => resonance.mass) ?? [];
    expect(masses[0]).toBeCloseTo(91.188, 9);
    expect(masses[1]).toBeCloseTo(125.2, 9);
    expect(masses[2]).toBeCloseTo(125.2, 9);
  });

  it('scores a moved particle', () => {
    // The 1/4 particle of true jet 2 (first H quark, 15.65 GeV) goes to jet 4 (second H quark).
    const clustering = truthClustering(event);
    clustering.particleJet[5] = 4;
    const metrics = evaluateClustering(event, clustering);
    const moved = 125.2 / 2 / 4;
    expect(metrics.misassignedEnergyFraction).toBeCloseTo(moved / event.particles.totalEnergy(), 12);
    expect(metrics.fullyCorrect).toBe(false);
    expect(metrics.jets.true[2]?.efficiency).toBeCloseTo(0.75, 12);
    expect(metrics.jets.reco[4]?.purity).toBeCloseTo(62.6 / (62.6 + moved), 12);
  });

  it('puts the damaged Higgs dijets in categories C and B', () => {
    const clustering = truthClustering(event);
    clustering.particleJet[5] = 4;
    const metrics = evaluateClustering(event, clustering);
    const byJets = new Map(
      metrics.pairing?.resonances.map((resonance) => [resonance.jets.join(','), resonance]),
    );
    // Jets 2 and 3 still pair to the H along y, whose jet 2 lost energy, and jets 4 and 5 took it in.
    expect(byJets.get('0,1')?.category).toBe('A');
    expect(byJets.get('2,3')?.category).toBe('C');
    expect(byJets.get('4,5')?.category).toBe('B');
  });

  it('skips pairing when told to', () => {
    expect(evaluateClustering(event, truthClustering(event), { process: 'none' }).pairing).toBeUndefined();
  });

  it('skips pairing for a jet count the process does not fit', () => {
    const clustering = { particleJet: new Int32Array(12), nJets: 1 };
    const metrics = evaluateClustering(event, clustering);
    expect(metrics.pairing).toBeUndefined();
    expect(metrics.misassignedEnergyFraction).toBeCloseTo(1 - 62.6 / event.particles.totalEnergy(), 12);
  });

  it('rejects a clustering of another length', () => {
    expect(() => evaluateClustering(event, { particleJet: new Int32Array(3), nJets: 6 })).toThrow(
      'evaluateClustering: clustering: expected 12 jet indices (one per particle) but got 3',
    );
  });

  it('rejects particles without labels', () => {
    const unlabelled = { ...event, particles: particlesFromArray(event.particles.toRows()) };
    expect(() => evaluateClustering(unlabelled, { particleJet: new Int32Array(12), nJets: 1 })).toThrow(
      'truthClustering: event: expected particles with trueJet labels but the event has none',
    );
  });
});

describe('summarizeClustering', () => {
  it('averages over events', () => {
    const event = zhhEvent();
    const perfect = evaluateClustering(event, truthClustering(event));
    const damaged = truthClustering(event);
    damaged.particleJet[5] = 4;
    const imperfect = evaluateClustering(event, damaged);
    const summary = summarizeClustering([perfect, imperfect]);
    expect(summary.events).toBe(2);
    expect(summary.fullyCorrectFraction).toBe(0.5);
    expect(summary.misassignedEnergyFraction).toBeCloseTo(imperfect.misassignedEnergyFraction / 2, 12);
    expect(summary.pairedEvents).toBe(2);
    expect(summary.dijetCategoryFractions).toEqual({ A: 4 / 6, B: 1 / 6, C: 1 / 6, D: 0 });
    expect(summary.higgsMassRms90).toBeGreaterThan(0);
    expect(summary.massRms90.Z).toBeCloseTo(0, 9);
  });

  it('rejects an empty sample', () => {
    expect(() => summarizeClustering([])).toThrow(
      'summarizeClustering: metrics: expected at least one event',
    );
  });
});
