/**
 * The minijet assignment on real Pythia 8 ZHH events with heat maps replaced by the true labels: it must reach
 * the floor that the minijets set, which lies below Durham's misassigned energy.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { assignMinijets, buildMinijets, clusterDurham } from '../../src/clustering/index.js';
import { ILD_DETECTOR, simulateDetector } from '../../src/geometry/index.js';
import { readEventsFromFile } from '../../src/io/node.js';
import { evaluateClustering } from '../../src/metrics/index.js';
import type { JetEvent } from '../../src/particles/index.js';
import { generatedEventsPath } from '../support/generated-events.js';

const N_JETS = 6;

/** Misassigned energy fraction of a clustering given as jets with constituents. */
function misassigned(event: JetEvent, jets: readonly { constituents: Int32Array }[]): number {
  const particleJet = new Int32Array(event.particles.length).fill(-1);
  jets.forEach((jet, j) => jet.constituents.forEach((i) => (particleJet[i] = j)));
  return evaluateClustering(event, { particleJet, nJets: jets.length }, { process: 'none' })
    .misassignedEnergyFraction;
}

/** Per-particle probabilities that put `purity` on the true jet and spread the rest; unlabelled particles get 0. */
function labelProbabilities(event: JetEvent, purity: number): Float32Array {
  const labels = event.particles.trueJet as Int32Array;
  const probabilities = new Float32Array(labels.length * N_JETS);
  labels.forEach((label, i) => {
    if (label < 0) return;
    for (let k = 0; k < N_JETS; k++)
      probabilities[i * N_JETS + k] = k === label ? purity : (1 - purity) / (N_JETS - 1);
  });
  return probabilities;
}

/** Misassigned energy when each minijet goes to the true jet holding most of its energy. */
function minijetFloor(event: JetEvent, minijets: readonly { constituents: Int32Array }[]): number {
  const labels = event.particles.trueJet as Int32Array;
  const particleJet = new Int32Array(labels.length).fill(-1);
  for (const minijet of minijets) {
    const energy = new Float64Array(event.partons.length);
    for (const i of minijet.constituents) {
      const label = labels[i] as number;
      if (label >= 0) energy[label] = (energy[label] as number) + (event.particles.e[i] as number);
    }
    const majority = energy.indexOf(Math.max(...energy));
    for (const i of minijet.constituents) particleJet[i] = majority;
  }
  return evaluateClustering(event, { particleJet, nJets: event.partons.length }, { process: 'none' })
    .misassignedEnergyFraction;
}

describe('assignMinijets on generated ZHH events', () => {
  const events: JetEvent[] = [];
  beforeAll(async () => {
    for await (const event of readEventsFromFile(generatedEventsPath('zhh'))) {
      events.push(simulateDetector(event, ILD_DETECTOR, { seed: event.eventNumber ?? events.length }));
    }
  });

  for (const purity of [1, 0.5]) {
    it(`reaches the minijet floor with label heat maps of purity ${purity}`, () => {
      let assigned = 0;
      let floor = 0;
      let durham = 0;
      for (const event of events) {
        const minijets = buildMinijets(event.particles);
        const assignment = assignMinijets({
          minijets,
          energies: event.particles.e,
          particleProbabilities: labelProbabilities(event, purity),
          channels: N_JETS,
          nJets: N_JETS,
        });
        expect(assignment.jets.every((jet) => jet.constituents.length > 0)).toBe(true);
        assigned += misassigned(event, assignment.jets);
        floor += minijetFloor(event, minijets);
        durham += misassigned(event, clusterDurham(event.particles).exclusiveJets(N_JETS));
      }
      expect(assigned / events.length).toBeCloseTo(floor / events.length, 2);
      expect(assigned).toBeLessThan(durham);
    });
  }
});
