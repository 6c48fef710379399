/**
 * Four-momentum helpers on plain numbers, in GeV. Four-momenta are (px, py, pz, E).
 */

/** A four-momentum (px, py, pz, E) in GeV. */
export interface FourMomentum {
  px: number;
  py: number;
  pz: number;
  e: number;
}

/** Invariant mass √max(E² − |p|², 0) in GeV; a space-like input (E < |p|) returns 0. */
export function invariantMass(p: FourMomentum): number {
  const m2 = p.e * p.e - (p.px * p.px + p.py * p.py + p.pz * p.pz);
  return m2 > 0 ? Math.sqrt(m2) : 0;
}

/** Sum of four-momenta. */
export function addFourMomenta(...terms: FourMomentum[]): FourMomentum {
  const sum = { px: 0, py: 0, pz: 0, e: 0 };
  for (const p of terms) {
    sum.px += p.px;
    sum.py += p.py;
    sum.pz += p.pz;
    sum.e += p.e;
  }
  return sum;
}

/** Momentum magnitude |p| in GeV. */
export function momentumMagnitude(p: FourMomentum): number {
  return Math.hypot(p.px, p.py, p.pz);
}

/** Transverse momentum pT = √(px² + py²) in GeV. */
export function transverseMomentum(p: FourMomentum): number {
  return Math.hypot(p.px, p.py);
}
