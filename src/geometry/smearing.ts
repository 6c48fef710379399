/** Gaussian resolution models of the parametric detector response. */

import type { CalorimeterResolution, TrackResolution } from './detector.js';
import type { RandomSource } from './random.js';

/** Relative calorimeter resolution σ_E / E = stochastic/√E ⊕ constant at energy E in GeV. */
export function calorimeterRelativeSigma(energy: number, resolution: CalorimeterResolution): number {
  const stochastic = resolution.stochastic / Math.sqrt(energy);
  return Math.sqrt(stochastic * stochastic + resolution.constant * resolution.constant);
}

/** Track resolution σ(1/pT) in GeV⁻¹ = constant ⊕ multipleScattering / (pT √sin θ). */
export function inversePtSigma(pT: number, sinTheta: number, resolution: TrackResolution): number {
  const scattering = resolution.multipleScattering / (pT * Math.sqrt(sinTheta));
  return Math.sqrt(resolution.constant * resolution.constant + scattering * scattering);
}

/**
 * Draws a measured transverse momentum by smearing 1/pT with a Gaussian of width {@link inversePtSigma}. A draw
 * with 1/pT ≤ 0 (a wrong charge sign, possible only for very soft or very forward tracks) is redrawn, so the
 * result is always positive.
 */
export function smearTransverseMomentum(
  pT: number,
  sinTheta: number,
  resolution: TrackResolution,
  random: RandomSource,
): number {
  const sigma = inversePtSigma(pT, sinTheta, resolution);
  for (;;) {
    const inverse = 1 / pT + sigma * random.gaussian();
    if (inverse > 0) return 1 / inverse;
  }
}

/**
 * Draws a measured calorimeter energy E·(1 + σ_E/E · g) with g a standard normal deviate. The result may be
 * ≤ 0 for soft particles; the caller decides what a non-positive measurement means.
 */
export function smearCalorimeterEnergy(
  energy: number,
  resolution: CalorimeterResolution,
  random: RandomSource,
): number {
  if (energy <= 0) return energy;
  return energy * (1 + calorimeterRelativeSigma(energy, resolution) * random.gaussian());
}
