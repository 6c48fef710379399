/**
 * Propagation from the interaction point to the calorimeter front face: a helix in the uniform solenoid field
 * for charged particles, a straight line for neutral ones.
 *
 * A particle of charge q (units of e) and transverse momentum pT (GeV) in a field B (T) along +z moves on a
 * helix of radius R = pT / (0.299792458·|q|·B) metres. Seen from +z it turns clockwise when q·B > 0, so φ
 * decreases. After turning by ψ its transverse distance from the axis is ρ = 2R·sin(ψ/2), the azimuth of its
 * position is φ₀ − sign(q·B)·ψ/2 and its z is (pz/pT)·R·ψ.
 */

import { IMPACT_REGION } from './detector-event.js';
import type { Detector } from './detector.js';

/** Speed of light times 10⁻⁹: pT [GeV] = 0.299792458 · B [T] · R [m] for unit charge. */
export const GEV_PER_TESLA_METRE = 0.299792458;

/** Impact of one particle on the calorimeter front face. */
export interface Impact {
  /** Polar angle θ of the impact position seen from the interaction point, in radians; NaN for a looper. */
  theta: number;
  /** Azimuth φ ∈ [−π, π) of the impact position, in radians; NaN for a looper. */
  phi: number;
  /** {@link IMPACT_REGION} code. */
  region: number;
}

/**
 * Propagates a particle with momentum (px, py, pz) in GeV and charge q from the interaction point to the
 * calorimeter front face and writes the impact into `out` (returned).
 *
 * Looper rule: a charged particle that reaches neither the barrel face (|z| ≤ barrelHalfLength) nor an endcap
 * disc within its first full turn of the helix (ψ ≤ 2π) is a looper, with NaN angles. After a full turn it is
 * back at the beam axis, and the energy it loses in the tracker material ends it well before further turns.
 * A charged particle with pz = 0 that cannot reach the barrel radius never leaves the tracker.
 */
export function propagateToCalorimeter(
  px: number,
  py: number,
  pz: number,
  charge: number,
  detector: Detector,
  out: Impact = { theta: NaN, phi: NaN, region: IMPACT_REGION.looper },
): Impact {
  const pT = Math.sqrt(px * px + py * py);
  const field = detector.magneticField;
  if (charge === 0 || field === 0 || pT === 0) return propagateStraight(px, py, pz, detector, out);

  const radius = pT / (GEV_PER_TESLA_METRE * Math.abs(charge * field));
  const phi0 = Math.atan2(py, px);
  // −1 for clockwise turning (q·B > 0), +1 for anticlockwise.
  const turn = charge * field > 0 ? -1 : 1;
  const zPerTurnAngle = (pz / pT) * radius;

  // First crossing of the barrel cylinder, if the helix is wide enough to reach it.
  if (2 * radius >= detector.barrelRadius) {
    const psiBarrel = 2 * Math.asin(detector.barrelRadius / (2 * radius));
    const zBarrel = zPerTurnAngle * psiBarrel;
    if (Math.abs(zBarrel) <= detector.barrelHalfLength) {
      out.theta = Math.atan2(detector.barrelRadius, zBarrel);
      out.phi = wrapOnce(phi0 + (turn * psiBarrel) / 2);
      out.region = IMPACT_REGION.barrel;
      return out;
    }
  }

  // Otherwise the endcap disc, if reached within the first turn.
  const psiEndcap = pz === 0 ? Infinity : detector.endcapZ / Math.abs(zPerTurnAngle);
  if (psiEndcap > 2 * Math.PI) {
    out.theta = NaN;
    out.phi = NaN;
    out.region = IMPACT_REGION.looper;
    return out;
  }
  const rho = 2 * radius * Math.sin(psiEndcap / 2);
  out.theta = Math.atan2(rho, Math.sign(pz) * detector.endcapZ);
  out.phi = wrapOnce(phi0 + (turn * psiEndcap) / 2);
  out.region = IMPACT_REGION.endcap;
  return out;
}

/** Straight-line impact: the direction of the momentum, on the barrel or on an endcap. */
function propagateStraight(px: number, py: number, pz: number, detector: Detector, out: Impact): Impact {
  const pT = Math.sqrt(px * px + py * py);
  out.theta = Math.atan2(pT, pz);
  out.phi = wrapOnce(Math.atan2(py, px));
  // The line meets the barrel cylinder at |z| = barrelRadius·|pz|/pT.
  const onBarrel = Math.abs(pz) * detector.barrelRadius <= detector.barrelHalfLength * pT;
  out.region = onBarrel ? IMPACT_REGION.barrel : IMPACT_REGION.endcap;
  return out;
}

/**
 * Wraps an angle in (−2π, 2π) into [−π, π). The callers' angles are an atan2 result plus at most π in size,
 * so one step of 2π suffices, which is cheaper than a general wrap in this hot path.
 */
function wrapOnce(angle: number): number {
  if (angle >= Math.PI) return angle - 2 * Math.PI;
  if (angle < -Math.PI) return angle + 2 * Math.PI;
  return angle;
}
