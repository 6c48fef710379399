/**
 * Electric charge from a PDG Monte Carlo particle code, since HepMC3 records carry no charge. Follows the
 * numbering scheme of the PDG Review ("Monte Carlo particle numbering scheme"): quark content in the last
 * four digits of hadron codes, nuclei as 10LZZZAAAI.
 */

/** Three times the charge of quarks d, u, s, c, b, t, b', t' (codes 1..8). */
const QUARK_THREE_CHARGE = [0, -1, 2, -1, 2, -1, 2, -1, 2] as const;

/** Three times the charge of the leptons and gauge and Higgs bosons with codes below 100, by code. */
const FUNDAMENTAL_THREE_CHARGE = new Map<number, number>([
  [11, -3],
  [12, 0],
  [13, -3],
  [14, 0],
  [15, -3],
  [16, 0],
  [17, -3],
  [18, 0],
  [21, 0],
  [22, 0],
  [23, 0],
  [24, 3],
  [25, 0],
  [32, 0],
  [33, 0],
  [34, 3],
  [35, 0],
  [36, 0],
  [37, 3],
]);

function quarkThreeCharge(digit: number): number {
  return QUARK_THREE_CHARGE[digit] ?? 0;
}

/**
 * Three times the electric charge (in units of e) of the particle with PDG code `pdgId`; 0 for codes the
 * scheme gives no charge to (generator-internal codes, for example).
 */
export function threeChargeFromPdgId(pdgId: number): number {
  const sign = pdgId < 0 ? -1 : 1;
  // `+ 0` turns −0 (a negative code of a neutral particle) into 0.
  return sign * threeChargeOfCode(Math.abs(pdgId)) + 0;
}

/** Three times the charge of the particle (not the antiparticle) with the positive code `code`. */
function threeChargeOfCode(code: number): number {
  if (code >= 1 && code <= 8) return quarkThreeCharge(code);
  if (code < 100) return FUNDAMENTAL_THREE_CHARGE.get(code) ?? 0;
  if (code >= 1_000_000_000) {
    // Nucleus 10LZZZAAAI: the charge is Z.
    return 3 * (Math.floor(code / 10_000) % 1000);
  }
  const q3 = Math.floor(code / 10) % 10;
  const q2 = Math.floor(code / 100) % 10;
  const q1 = Math.floor(code / 1000) % 10;
  if (q3 === 0) return 0;
  if (q1 === 0) {
    // Meson q qbar: the quark of digit q2 is the antiquark when it is down-type (odd), as in K+ = u sbar (321).
    const difference = quarkThreeCharge(q2) - quarkThreeCharge(q3);
    return q2 % 2 === 1 ? -difference : difference;
  }
  return quarkThreeCharge(q1) + quarkThreeCharge(q2) + quarkThreeCharge(q3);
}

/** Electric charge in units of e of the particle with PDG code `pdgId` (see {@link threeChargeFromPdgId}). */
export function chargeFromPdgId(pdgId: number): number {
  return threeChargeFromPdgId(pdgId) / 3;
}
