/**
 * Truth clustering: the jets that the true-jet labels define, as the perfect clustering to compare with.
 */

import type { JetEvent } from '../particles/index.js';

/** A clustering given as the jet index of every particle. */
export interface ParticleClustering {
  /** Jet of each particle in [0, nJets), or −1 for a particle in no jet. */
  particleJet: Int32Array;
  nJets: number;
}

/**
 * Returns the truth clustering of an event: particle i is in jet `trueJet[i]`, unlabelled particles in none. The
 * number of jets is the number of partons, or one more than the largest label when that is larger.
 *
 * @throws TypeError when the event's particles carry no true-jet labels.
 */
export function truthClustering(event: JetEvent): ParticleClustering {
  const labels = event.particles.trueJet;
  if (labels === undefined) {
    throw new TypeError(
      'truthClustering: event: expected particles with trueJet labels but the event has none',
    );
  }
  let nJets = event.partons.length;
  for (const label of labels) nJets = Math.max(nJets, label + 1);
  return { particleJet: Int32Array.from(labels), nJets };
}
