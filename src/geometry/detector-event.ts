/**
 * Types of an event after the detector response: the reconstructed particles plus where each one meets the
 * calorimeter front face.
 */

import type { JetEvent, Particles } from '../particles/index.js';

/** Calorimeter surface that a particle reaches. */
export const IMPACT_REGION = Object.freeze({
  /** Barrel front face, the cylinder r = barrelRadius, |z| ≤ barrelHalfLength. */
  barrel: 0,
  /** Endcap front face, the disc |z| = endcapZ. */
  endcap: 1,
  /** A charged particle that curls up inside the tracker (a looper); see {@link LooperRule}. */
  looper: 2,
});

/**
 * Impact points on the calorimeter front face, one entry per particle: θ and φ of the impact position as seen
 * from the interaction point, in radians. For a looper under the `'momentumDirection'` rule θ and φ are the
 * direction of its momentum at the interaction point.
 */
export interface CalorimeterImpacts {
  theta: Float64Array;
  phi: Float64Array;
  /** {@link IMPACT_REGION} code of each particle. */
  region: Uint8Array;
}

/**
 * Rule for a charged particle that never reaches the calorimeter front face:
 * - `'momentumDirection'`: keep it and place its deposit at its momentum direction at the interaction point,
 *   where the tracker measured it;
 * - `'drop'`: remove it from the output.
 * Either way it is counted in {@link ResponseCounts.loopers}.
 */
export type LooperRule = 'momentumDirection' | 'drop';

/** Bookkeeping of one call of `simulateDetector`: how many particles went where. */
export interface ResponseCounts {
  /** Particles in the input event. */
  input: number;
  /** Neutrinos removed (PDG codes ±12, ±14, ±16). */
  neutrinos: number;
  /** Visible particles removed because their direction is outside the tracking and calorimeter acceptance. */
  outsideAcceptance: number;
  /** Charged particles whose track was lost (tracking efficiency or outside the tracking acceptance) and were
   * recorded as calorimeter clusters instead; lost muons are dropped. */
  lostTracks: number;
  /** Charged particles that never reach the calorimeter front face. */
  loopers: number;
  /** Calorimeter clusters dropped because their smeared energy came out at or below the particle's mass. */
  lostClusters: number;
  /** Particles in the output event. */
  output: number;
}

/**
 * An event after `simulateDetector`: reconstructed particles (labels kept) and their calorimeter impacts. The
 * particle and impact columns are views into a few shared buffers, so copy a column before transferring its
 * `buffer` to a worker.
 */
export interface DetectorEvent extends JetEvent {
  particles: Particles;
  impacts: CalorimeterImpacts;
  counts: ResponseCounts;
}

/** Input of the rasterizer: bare particles (placed at their momentum direction) or particles with impacts. */
export type RasterInput = Particles | { particles: Particles; impacts?: CalorimeterImpacts };
