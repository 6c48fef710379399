/**
 * Synthetic labelled events for unit tests of the loss and the U-Net: a few jets of massless particles
 * scattered around random directions, with a seeded generator so each test gets the same events.
 */
import { particlesFromArray, type JetEvent } from '../../src/particles/index.js';

import { seededRandom } from './seeded-random.js';

export { seededRandom };

/**
 * Builds an event with `nJets` true jets of 3–8 particles each (labels 0 … nJets − 1, energies 1–20 GeV, within
 * 0.3 rad of the jet axis) plus one unlabelled photon (trueJet −1). Particles alternate between photons and
 * π+, so both the charged and the neutral channel get energy.
 */
export function syntheticEvent(random: () => number, nJets: number): JetEvent {
  const rows: [number, number, number, number][] = [];
  const trueJet: number[] = [];
  const charge: number[] = [];
  const pdgId: number[] = [];
  for (let jet = 0; jet < nJets; jet++) {
    const theta = 0.4 + random() * (Math.PI - 0.8);
    const phi = -Math.PI + random() * 2 * Math.PI;
    const count = 3 + Math.floor(random() * 6);
    for (let k = 0; k < count; k++) {
      const t = theta + (random() - 0.5) * 0.6;
      const p = phi + (random() - 0.5) * 0.6;
      const e = 1 + random() * 19;
      rows.push([e * Math.sin(t) * Math.cos(p), e * Math.sin(t) * Math.sin(p), e * Math.cos(t), e]);
      trueJet.push(jet);
      charge.push(k % 2);
      pdgId.push(k % 2 === 1 ? 211 : 22);
    }
  }
  rows.push([0, 2, 0, 2]);
  trueJet.push(-1);
  charge.push(0);
  pdgId.push(22);
  return { particles: particlesFromArray(rows, { trueJet, charge, pdgId }), partons: [], bosons: [] };
}
