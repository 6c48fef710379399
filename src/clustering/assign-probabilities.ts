/**
 * Jet probabilities of minijets, from the heat-map probabilities of their particles.
 */

import type { Jet } from './cluster-sequence.js';

/**
 * Computes each minijet's jet probabilities: the energy-weighted mean over its particles of their probabilities,
 * after each particle's first `nJets` channels are renormalised to sum to 1. Channels past `nJets` (such as a
 * "no jet" channel) are ignored.
 *
 * A particle whose jet channels are not all finite, or sum to 0, carries no heat-map information (it lies
 * outside the image acceptance) and is left out. A minijet with no particle left gets NaN on every channel. When
 * the remaining particles all have zero energy, their plain mean is used.
 *
 * @param probabilities row-major N × channels particle probabilities.
 * @param energies particle energies in GeV.
 * @returns row-major M × nJets minijet probabilities.
 */
export function computeMinijetProbabilities(
  minijets: readonly Jet[],
  probabilities: ArrayLike<number>,
  channels: number,
  nJets: number,
  energies: ArrayLike<number>,
): Float64Array {
  const result = new Float64Array(minijets.length * nJets);
  const row = new Float64Array(nJets);
  const weighted = new Float64Array(nJets);
  const plain = new Float64Array(nJets);

  minijets.forEach((minijet, m) => {
    weighted.fill(0);
    plain.fill(0);
    let weightSum = 0;
    let validParticles = 0;
    for (const i of minijet.constituents) {
      if (!readJetChannels(probabilities, i * channels, nJets, row)) continue;
      const energy = Math.max(energies[i] as number, 0);
      for (let k = 0; k < nJets; k++) {
        weighted[k] = (weighted[k] as number) + energy * (row[k] as number);
        plain[k] = (plain[k] as number) + (row[k] as number);
      }
      weightSum += energy;
      validParticles++;
    }
    for (let k = 0; k < nJets; k++) {
      let value = NaN;
      if (weightSum > 0) value = (weighted[k] as number) / weightSum;
      else if (validParticles > 0) value = (plain[k] as number) / validParticles;
      result[m * nJets + k] = value;
    }
  });
  return result;
}

/**
 * Copies the first `nJets` channels starting at `offset` into `row`, renormalised to sum to 1. Returns false,
 * leaving `row` unspecified, when they are not all finite and non-negative or sum to 0.
 */
export function readJetChannels(
  probabilities: ArrayLike<number>,
  offset: number,
  nJets: number,
  row: Float64Array,
): boolean {
  let sum = 0;
  for (let k = 0; k < nJets; k++) {
    const value = probabilities[offset + k] as number;
    if (!(Number.isFinite(value) && value >= 0)) return false;
    row[k] = value;
    sum += value;
  }
  if (!(sum > 0)) return false;
  for (let k = 0; k < nJets; k++) row[k] = (row[k] as number) / sum;
  return true;
}
