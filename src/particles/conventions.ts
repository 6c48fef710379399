/**
 * Units and angle conventions shared by every module.
 *
 * - Energies, momenta and masses are in GeV (c = 1); lengths are in metres; the magnetic field is in tesla.
 * - The z axis is the beam axis (the e- beam direction in the generators used here). θ is the polar angle in
 *   radians, between 0 at +z and π at −z. φ is the azimuth in radians, in the half-open range [−π, π), with
 *   φ = 0 along +x.
 * - Differences in φ are always wrapped into [−π, π) with {@link wrapDeltaPhi}.
 */

/** 2π, the period of φ. */
export const TWO_PI = 2 * Math.PI;

/** Polar angle θ ∈ [0, π] of a momentum (px, py, pz); 0 for the null vector. */
export function polarAngle(px: number, py: number, pz: number): number {
  return Math.atan2(Math.hypot(px, py), pz);
}

/** Azimuth φ ∈ [−π, π) of a momentum (px, py); 0 when px = py = 0. */
export function azimuth(px: number, py: number): number {
  const phi = Math.atan2(py, px);
  // atan2 returns +π for (negative px, +0 py); the convention keeps φ in [−π, π).
  return phi >= Math.PI ? phi - TWO_PI : phi;
}

/** Wraps an angle difference (or any angle) into [−π, π). */
export function wrapDeltaPhi(dphi: number): number {
  const wrapped = dphi - TWO_PI * Math.floor((dphi + Math.PI) / TWO_PI);
  // Rounding can leave exactly π (or a hair above it) for inputs just below an odd multiple of π.
  return wrapped >= Math.PI ? wrapped - TWO_PI : wrapped;
}
