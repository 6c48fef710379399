/**
 * χ² jet pairing: the grouping of an event's jets into the resonances of a process hypothesis whose masses best
 * match the hypothesis, χ² = Σ_groups ((m_group − M)/σ)², plus ((m_dijet − M_W)/σ_W)² for each top quark's W.
 */

import { addFourMomenta, invariantMass } from '../particles/index.js';
import type { FourMomentum } from '../particles/index.js';
import type { PairingHypothesis, Resonance } from './processes.js';

/** One reconstructed resonance of the chosen pairing. */
export interface PairedResonance {
  /** Resonance name from the hypothesis, such as "H". */
  name: string;
  /** Indices of its jets into the input jet list, in increasing order. */
  jets: number[];
  /** Invariant mass of the group in GeV. */
  mass: number;
  /** For a top quark, the W inside it: its two jets and their mass in GeV. */
  dijet?: { name: string; jets: [number, number]; mass: number };
}

/** The pairing with the smallest χ². */
export interface JetPairing {
  chi2: number;
  /** Resonances in the order of the hypothesis. */
  resonances: PairedResonance[];
}

/**
 * Finds the grouping of `jets` into the resonances of `hypothesis` that minimizes χ², trying every grouping
 * (45 for ZHH, 3 for four-jet processes, 90 with the W choice for tt̄). The first grouping found wins a tie.
 *
 * @throws RangeError when the number of jets differs from the hypothesis's.
 */
export function pairJets(jets: readonly FourMomentum[], hypothesis: PairingHypothesis): JetPairing {
  if (jets.length !== hypothesis.nJets) {
    throw new RangeError(
      `pairJets: jets: expected ${hypothesis.nJets} jets for ${hypothesis.process} but got ${jets.length}`,
    );
  }
  let best: JetPairing | undefined;
  const chosen: PairedResonance[] = [];

  const search = (groupIndex: number, free: number[], chi2: number): void => {
    if (best !== undefined && chi2 >= best.chi2) return;
    const resonance = hypothesis.resonances[groupIndex];
    if (resonance === undefined) {
      best = { chi2, resonances: chosen.map((group) => ({ ...group, jets: [...group.jets] })) };
      return;
    }
    for (const group of combinations(free, resonance.jets)) {
      const candidate = evaluateGroup(jets, group, resonance);
      chosen.push(candidate.resonance);
      search(
        groupIndex + 1,
        free.filter((jet) => !group.includes(jet)),
        chi2 + candidate.chi2,
      );
      chosen.pop();
    }
  };
  search(
    0,
    jets.map((_, index) => index),
    0,
  );
  if (best === undefined) throw new Error('pairJets: no grouping found, which the jet count check rules out');
  return best;
}

/** χ² term of one jet group; a three-jet group takes the best of its three W-pair choices. */
function evaluateGroup(
  jets: readonly FourMomentum[],
  group: number[],
  resonance: Resonance,
): { chi2: number; resonance: PairedResonance } {
  const mass = invariantMass(addFourMomenta(...group.map((jet) => jets[jet] as FourMomentum)));
  const chi2 = ((mass - resonance.mass) / resonance.sigma) ** 2;
  const paired: PairedResonance = { name: resonance.name, jets: group, mass };
  if (resonance.dijet === undefined) return { chi2, resonance: paired };

  const inner = resonance.dijet;
  let bestInner: { chi2: number; jets: [number, number]; mass: number } | undefined;
  for (const [a, b] of combinations(group, 2)) {
    const pair: [number, number] = [a as number, b as number];
    const pairMass = invariantMass(
      addFourMomenta(jets[pair[0]] as FourMomentum, jets[pair[1]] as FourMomentum),
    );
    const pairChi2 = ((pairMass - inner.mass) / inner.sigma) ** 2;
    if (bestInner === undefined || pairChi2 < bestInner.chi2) {
      bestInner = { chi2: pairChi2, jets: pair, mass: pairMass };
    }
  }
  if (bestInner === undefined) throw new Error('pairJets: a three-jet group has no jet pair');
  return {
    chi2: chi2 + bestInner.chi2,
    resonance: { ...paired, dijet: { name: inner.name, jets: bestInner.jets, mass: bestInner.mass } },
  };
}

/** Lists every k-element subset of `items`, each in the order of `items`. */
function combinations(items: readonly number[], k: number): number[][] {
  const result: number[][] = [];
  const current: number[] = [];
  const extend = (start: number): void => {
    if (current.length === k) {
      result.push([...current]);
      return;
    }
    for (let i = start; i <= items.length - (k - current.length); i++) {
      current.push(items[i] as number);
      extend(i + 1);
      current.pop();
    }
  };
  extend(0);
  return result;
}
