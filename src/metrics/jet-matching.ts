/**
 * One-to-one matching of reconstructed to true jets by maximal shared energy.
 */

import { maximumWeightAssignment } from '../particles/index.js';
import type { SharedEnergy } from './shared-energy.js';

/** One-to-one pairs of matched reco and true jets. */
export interface JetMatching {
  /** True jet matched to each reco jet, or −1. */
  recoToTrue: Int32Array;
  /** Reco jet matched to each true jet, or −1. */
  trueToReco: Int32Array;
  /** Σ over matched pairs of their shared energy, in GeV. */
  matchedEnergy: number;
}

/**
 * Matches reco jets to true jets one to one so that the summed shared energy is maximal (Hungarian algorithm).
 * A pair that shares no energy is left unmatched, so with unequal jet counts, or jets that share nothing, some
 * jets keep −1.
 */
export function matchJets(overlap: SharedEnergy): JetMatching {
  const { nReco, nTrue, shared } = overlap;
  const recoToTrue = maximumWeightAssignment(shared, nReco, nTrue);
  const trueToReco = new Int32Array(nTrue).fill(-1);
  let matchedEnergy = 0;
  for (let r = 0; r < nReco; r++) {
    const t = recoToTrue[r] as number;
    if (t < 0) continue;
    const energy = shared[r * nTrue + t] as number;
    if (energy <= 0) {
      recoToTrue[r] = -1;
      continue;
    }
    trueToReco[t] = r;
    matchedEnergy += energy;
  }
  return { recoToTrue, trueToReco, matchedEnergy };
}
