/**
 * Misassigned energy fraction: the share of the labelled visible energy that a clustering puts outside the reco
 * jet matched to its true jet.
 */

import type { JetMatching } from './jet-matching.js';
import type { SharedEnergy } from './shared-energy.js';

/**
 * Computes 1 − (matched shared energy) / (labelled visible energy), in [0, 1]. It is 0 for a perfect clustering.
 *
 * @throws RangeError when the event has no labelled energy, because the fraction is then undefined.
 */
export function misassignedEnergyFraction(overlap: SharedEnergy, matching: JetMatching): number {
  if (!(overlap.labelledEnergy > 0)) {
    throw new RangeError(
      `misassignedEnergyFraction: overlap: expected a labelled visible energy > 0 GeV but got ${overlap.labelledEnergy}`,
    );
  }
  const fraction = 1 - matching.matchedEnergy / overlap.labelledEnergy;
  // Rounding in the sums can leave a hair below 0 for a perfect clustering.
  return Math.max(0, fraction);
}
