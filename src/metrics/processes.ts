/**
 * Resonance hypotheses of the hadronic processes whose jets are paired by χ²: ZHH, ZH, ZZ, WW and tt̄.
 *
 * Masses are the PDG 2024 averages (Z 91.1880, W 80.3692, H 125.20, t 172.57 GeV). The resolutions σ are
 * estimates of the dijet (trijet for t) mass resolution of a particle-flow detector, 5–6 % of the mass. Only
 * their ratios change which pairing has the smallest χ².
 */

/** Processes with a pairing hypothesis. */
export type ProcessName = 'zhh' | 'zh' | 'zz' | 'ww' | 'tt';

/** A resonance reconstructed from a group of jets. */
export interface Resonance {
  /** Particle name, such as "H". */
  name: string;
  /** Mass hypothesis in GeV. */
  mass: number;
  /** Mass resolution σ in GeV used in the χ² term ((m − mass)/σ)². */
  sigma: number;
  /** Number of jets in the group: 2 for a boson, 3 for a top quark. */
  jets: 2 | 3;
  /** For a three-jet group, the dijet resonance inside it (the W of t → W b). */
  dijet?: { name: string; mass: number; sigma: number };
}

/** Jet-pairing hypothesis of one process: disjoint jet groups, one per resonance. */
export interface PairingHypothesis {
  process: ProcessName;
  /** Number of jets the hypothesis needs: the sum of the groups' sizes. */
  nJets: number;
  resonances: readonly Resonance[];
}

const Z: Resonance = { name: 'Z', mass: 91.188, sigma: 5.0, jets: 2 };
const W: Resonance = { name: 'W', mass: 80.369, sigma: 4.5, jets: 2 };
const H: Resonance = { name: 'H', mass: 125.2, sigma: 7.0, jets: 2 };
const TOP: Resonance = {
  name: 't',
  mass: 172.57,
  sigma: 10.0,
  jets: 3,
  dijet: { name: W.name, mass: W.mass, sigma: W.sigma },
};

/** Hypothesis of each process, keyed by {@link ProcessName}. */
export const PAIRING_HYPOTHESES: Readonly<Record<ProcessName, PairingHypothesis>> = Object.freeze({
  zhh: { process: 'zhh', nJets: 6, resonances: [Z, H, H] },
  zh: { process: 'zh', nJets: 4, resonances: [Z, H] },
  zz: { process: 'zz', nJets: 4, resonances: [Z, Z] },
  ww: { process: 'ww', nJets: 4, resonances: [W, W] },
  tt: { process: 'tt', nJets: 6, resonances: [TOP, TOP] },
});

/**
 * Maps a process name as event files or users write it ("ZHH", "e+e- -> ZH", "ttbar", "tt̄") to a
 * {@link ProcessName}. Returns undefined for any other process.
 */
export function parseProcessName(name: string | undefined): ProcessName | undefined {
  if (name === undefined) return undefined;
  const key = name
    .toLowerCase()
    .replace(/^e\+?e-?\s*(->|→)\s*/, '')
    .replace(/bar|\u0304/g, '')
    .replace(/[^a-z]/g, '');
  return key in PAIRING_HYPOTHESES ? (key as ProcessName) : undefined;
}
