/**
 * Jet four-momenta of a clustering given per particle.
 */

import type { FourMomentum, Particles } from '../particles/index.js';
import type { ParticleClustering } from './truth-clustering.js';

/** Sums the four-momenta (GeV) of each jet's particles; particles with jet −1 are left out. */
export function sumJetMomenta(particles: Particles, clustering: ParticleClustering): FourMomentum[] {
  const jets: FourMomentum[] = [];
  for (let j = 0; j < clustering.nJets; j++) jets.push({ px: 0, py: 0, pz: 0, e: 0 });
  for (let i = 0; i < particles.length; i++) {
    const jet = jets[clustering.particleJet[i] as number];
    if (jet === undefined) continue;
    jet.px += particles.px[i] as number;
    jet.py += particles.py[i] as number;
    jet.pz += particles.pz[i] as number;
    jet.e += particles.e[i] as number;
  }
  return jets;
}
