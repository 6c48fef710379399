/**
 * Energy shared between reconstructed and true jets, the quantity every matching metric is built from.
 *
 * Only labelled particles count: a particle whose true-jet label is −1 (such as an ISR photon) belongs to no true
 * jet, so no clustering can place it right or wrong, and it is left out of every sum here.
 */

/** Energies in GeV of the overlaps between `nReco` reconstructed and `nTrue` true jets. */
export interface SharedEnergy {
  nReco: number;
  nTrue: number;
  /** Row-major nReco × nTrue: `shared[r·nTrue + t]` is the energy of the particles in reco jet r and true jet t. */
  shared: Float64Array;
  /** Labelled energy of each reco jet. */
  recoEnergy: Float64Array;
  /** Energy of each true jet, including its particles that no reco jet contains. */
  trueEnergy: Float64Array;
  /** Labelled visible energy: the sum of `trueEnergy`. */
  labelledEnergy: number;
}

/**
 * Sums particle energies into the reco × true overlap matrix.
 *
 * @param energies particle energies in GeV.
 * @param recoJet reco jet of each particle in [0, nReco), or −1 for a particle in no reco jet.
 * @param trueJet true jet of each particle in [0, nTrue), or −1 for an unlabelled particle.
 * @throws RangeError when the arrays differ in length or a jet index is out of range.
 */
export function computeSharedEnergy(
  energies: ArrayLike<number>,
  recoJet: ArrayLike<number>,
  trueJet: ArrayLike<number>,
  nReco: number,
  nTrue: number,
): SharedEnergy {
  const n = energies.length;
  if (recoJet.length !== n || trueJet.length !== n) {
    throw new RangeError(
      `computeSharedEnergy: recoJet, trueJet: expected ${n} entries (one per particle) but got ${recoJet.length}, ${trueJet.length}`,
    );
  }
  const shared = new Float64Array(nReco * nTrue);
  const recoEnergy = new Float64Array(nReco);
  const trueEnergy = new Float64Array(nTrue);
  let labelledEnergy = 0;
  for (let i = 0; i < n; i++) {
    const r = recoJet[i] as number;
    const t = trueJet[i] as number;
    if (!(Number.isInteger(r) && r >= -1 && r < nReco)) {
      throw new RangeError(
        `computeSharedEnergy: recoJet: expected −1 or an index below ${nReco} but particle ${i} has ${r}`,
      );
    }
    if (!(Number.isInteger(t) && t >= -1 && t < nTrue)) {
      throw new RangeError(
        `computeSharedEnergy: trueJet: expected −1 or an index below ${nTrue} but particle ${i} has ${t}`,
      );
    }
    if (t < 0) continue;
    const energy = energies[i] as number;
    trueEnergy[t] = (trueEnergy[t] as number) + energy;
    labelledEnergy += energy;
    if (r < 0) continue;
    recoEnergy[r] = (recoEnergy[r] as number) + energy;
    shared[r * nTrue + t] = (shared[r * nTrue + t] as number) + energy;
  }
  return { nReco, nTrue, shared, recoEnergy, trueEnergy, labelledEnergy };
}
