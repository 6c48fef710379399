/**
 * Per-jet energy purity and efficiency, and the fully-correct event criterion built on them.
 *
 * For a reco jet r matched to a true jet t, with S(r, t) their shared energy:
 * purity = S(r, t) / (labelled energy of r) and efficiency = S(r, t) / (energy of t). An unmatched jet has purity
 * and efficiency 0. Both are computed from labelled particles only.
 */

import type { JetMatching } from './jet-matching.js';
import type { SharedEnergy } from './shared-energy.js';

/** Energy threshold on purity and efficiency above which a jet counts as correctly clustered. */
export const CORRECT_JET_THRESHOLD = 0.95;

/** Quality of one jet relative to the jet it is matched to. */
export interface JetQuality {
  /** Index of the matched jet on the other side (true jet for a reco jet and the reverse), or −1. */
  partner: number;
  /** Energy of this jet in GeV (labelled energy for a reco jet). */
  energy: number;
  /** Energy shared with the partner in GeV. */
  sharedEnergy: number;
  /** Fraction of the reco jet's labelled energy that comes from the true jet, in [0, 1]. */
  purity: number;
  /** Fraction of the true jet's energy that the reco jet contains, in [0, 1]. */
  efficiency: number;
}

/** Purity and efficiency of every reco jet and of every true jet. */
export interface JetQualities {
  reco: JetQuality[];
  true: JetQuality[];
}

/** Computes purity and efficiency for each reco jet and each true jet; a matched pair gets the same two numbers. */
export function computeJetQualities(overlap: SharedEnergy, matching: JetMatching): JetQualities {
  const { nReco, nTrue, shared, recoEnergy, trueEnergy } = overlap;
  const pairQuality = (
    r: number,
    t: number,
  ): { sharedEnergy: number; purity: number; efficiency: number } => {
    if (r < 0 || t < 0) return { sharedEnergy: 0, purity: 0, efficiency: 0 };
    const sharedEnergy = shared[r * nTrue + t] as number;
    const reco = recoEnergy[r] as number;
    const truth = trueEnergy[t] as number;
    return {
      sharedEnergy,
      purity: reco > 0 ? sharedEnergy / reco : 0,
      efficiency: truth > 0 ? sharedEnergy / truth : 0,
    };
  };
  const reco: JetQuality[] = [];
  for (let r = 0; r < nReco; r++) {
    const partner = matching.recoToTrue[r] as number;
    reco.push({ partner, energy: recoEnergy[r] as number, ...pairQuality(r, partner) });
  }
  const truth: JetQuality[] = [];
  for (let t = 0; t < nTrue; t++) {
    const partner = matching.trueToReco[t] as number;
    truth.push({ partner, energy: trueEnergy[t] as number, ...pairQuality(partner, t) });
  }
  return { reco, true: truth };
}

/** Tests whether a jet's purity and efficiency both reach `threshold`. */
export function isCorrectJet(quality: JetQuality, threshold: number = CORRECT_JET_THRESHOLD): boolean {
  return quality.purity >= threshold && quality.efficiency >= threshold;
}

/**
 * Tests whether the whole event is clustered correctly: every true jet with energy and every reco jet with labelled
 * energy is matched with purity and efficiency ≥ `threshold`. Jets without (labelled) energy are ignored.
 */
export function isFullyCorrectEvent(
  qualities: JetQualities,
  threshold: number = CORRECT_JET_THRESHOLD,
): boolean {
  const jets = [...qualities.reco, ...qualities.true];
  return jets.every((jet) => jet.energy <= 0 || isCorrectJet(jet, threshold));
}
